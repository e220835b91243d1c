"""Class decks only: every slide's notes say where the class should be by then."""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell
from traitlets import Bool

from course.model.records import TeachingPlan


def clock(minutes: float) -> str:
    """Minutes from the start of the class as h:mm ("0:07")."""
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


def _starts_slide(cell: NotebookNode, index: int) -> bool:
    kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
    return index == 0 or kind in ("slide", "subslide")


class ClassTimingPreprocessor(Preprocessor):
    """A lecturer glances at the speaker view and knows if they are late: each slide of a
    class deck gets a timing line in its notes, with its part, the part's minutes and the
    clock time the slide should be reached (the part's minutes shared out over its
    slides). Runs after the deck is cut into slides; a lesson deck is left alone."""

    enabled = Bool(True).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        plan: TeachingPlan | None = resources.get("course", {}).get("plan")
        if plan is None:
            return nb, resources
        schedule = plan.schedule()
        starts = [i for i, cell in enumerate(nb.cells) if _starts_slide(cell, i)]
        parts = [nb.cells[i].metadata.get("course", {}).get("part") for i in starts]
        per_part = {p: parts.count(p) for p in set(parts) if p}
        seen: dict[int, int] = {}
        lines = []
        for part in parts:
            if not part:  # the warning signs before the first part, or the break after one
                lines.append(
                    f"**Timing.** The warning signs come first: start at {clock(0)}."
                    if not seen
                    else "**Timing.** The break: keep to its minutes."
                )
                continue
            step, (lesson_part, begin, end) = seen.get(part, 0), schedule[part - 1]
            seen[part] = step + 1
            at = begin + (end - begin) * step / per_part[part]
            lines.append(
                f"**Timing.** Part {part} of {len(schedule)}, {lesson_part.lesson} "
                f"({lesson_part.minutes} min, {clock(begin)} to {clock(end)}): reach this "
                f"slide by {clock(at)}."
            )
        cells = list(nb.cells)
        for index, line in reversed(list(zip(starts, lines, strict=True))):
            notes = new_markdown_cell(line)
            notes.metadata["slideshow"] = {"slide_type": "notes"}
            notes.id = f"{nb.cells[index].get('id', 'cell')}-timing"[:64]
            cells.insert(index + 1, notes)
        nb.cells = cells
        return nb, resources
