"""A class deck per teaching plan: one deck a lecturer runs from start to end with → and
space, instead of 25 links into nine decks.

The deck is a notebook assembled from the plan (course/content/teaching.yml) and exported
by nbconvert like a lesson: the title, the warning signs (red_flags.yml, the emergency
and same-day tiers, a slide each), then for every part the sections it names, taken with
their outputs and notes from the executed lesson notebook, its pair discussion and its
questions, and the break where the plan puts it. Each slide's notes say the part, its
minutes and the clock time the slide should be reached (ClassTimingPreprocessor).
Nothing is typed twice: every slide is a lesson's own cell or a content object.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course.builder import tags
from course.builder.preprocessors.timing import clock
from course.loader.content import Content
from course.loader.lesson_index import section_headings
from course.model.records import PlanPart, TeachingPlan

# the warning signs a class deck opens with: the emergency and same-day tiers
SAFETY_FORM = "short"


@dataclass(frozen=True)
class ClassDeck:
    """What the deck template reads of a lesson, for a class: its title slide shows the
    agenda (each part's lesson and minutes) where a lesson deck lists its objectives."""

    id: str
    title: str
    minutes: int
    summary: str
    agenda: list[str] = field(default_factory=list)
    number: None = None


def deck_for(plan: TeachingPlan, data: Content) -> ClassDeck:
    lessons = {lesson.id: lesson for lesson in data.syllabus.lessons}
    agenda = [
        f"{clock(start)} {lessons[part.lesson].title} ({part.minutes} min)"
        for part, start, _end in plan.schedule()
    ]
    return ClassDeck(
        id=plan.id, title=plan.title, minutes=plan.minutes, summary=plan.summary, agenda=agenda
    )


def section_cells(nb: NotebookNode, heading: str) -> list[NotebookNode]:
    """The cells of one "## " section of a lesson: from its heading to the next one."""
    cells: list[NotebookNode] = []
    inside = False
    for cell in nb.cells:
        headings = section_headings(cell.source) if cell.cell_type == "markdown" else []
        if headings:
            inside = heading in headings
        if inside:
            cells.append(cell)
    if not cells:
        raise ValueError(f"no section {heading!r}")
    return cells


def _tag(cell: NotebookNode, part: int | None, room: bool) -> NotebookNode:
    cell.metadata.setdefault("course", {}).update(part=part, room=room)
    return cell


def _markdown(
    source: str, kind: str, part: int | None, cell_id: str, divider: bool = False
) -> NotebookNode:
    cell = new_markdown_cell(source)
    cell.id = cell_id  # fixed ids: the same plan gives the same deck, byte for byte
    cell.metadata["slideshow"] = {"slide_type": kind}
    if divider:  # a pause in the class: a question or a break, set large (tags.DIVIDER)
        cell.metadata["slideshow"]["data"] = {tags.DIVIDER: "true"}
    cell.metadata["tags"] = ["slides-only"]  # written for the slide: all of it stays there
    return _tag(cell, part, True)


def _display(
    bundle: dict[str, Any], kind: str, part: int | None, source: str, cell_id: str
) -> NotebookNode:
    """A code cell whose output is a course object's bundle, as a kernel would record it."""
    cell = new_code_cell(source)
    cell.id = cell_id
    cell.metadata["slideshow"] = {"slide_type": kind}
    cell.metadata["tags"] = ["remove-input"]
    cell.outputs = [new_output("display_data", data=bundle)]
    return _tag(cell, part, True)


def _safety(data: Content) -> list[NotebookNode]:
    from course.views.red_flags import RedFlagsDisplay

    signs = RedFlagsDisplay("back-pain", SAFETY_FORM, heading="h2", data=data)
    source = f'red_flags("back-pain", "{SAFETY_FORM}")'
    return [_display(signs._repr_mimebundle_(), "slide", None, source, "safety")]


def _activities(number: int, part: PlanPart, data: Content) -> list[NotebookNode]:
    from course.views.quiz import QuizDisplay

    cells = []
    if part.discuss:
        text = (
            f"### Talk to your neighbour\n\n{part.discuss}\n\n"
            "Two minutes in pairs, then tell the room."
        )
        cells.append(_markdown(text, "subslide", number, f"p{number}-discuss", divider=True))
    if part.questions:
        # the quiz's own title heads its slide: the room's space goes to the question
        shown = QuizDisplay(part.lesson, part.questions, "Ask the room", data)
        source = f"quiz({part.lesson!r}, {part.questions!r})"
        cells.append(_display(shown.static_bundle(), "subslide", number, source, f"p{number}-quiz"))
    return cells


def class_notebook(
    plan: TeachingPlan, data: Content, executed: dict[str, NotebookNode]
) -> NotebookNode:
    """The plan as one notebook, ready for the deck exporter (``executed``: every lesson
    the plan names, executed, by lesson id)."""
    cells = _safety(data)
    for number, (part, _start, end) in enumerate(plan.schedule(), 1):
        lesson = executed[part.lesson]
        room = tags.written_for_room(lesson.metadata)
        first = True
        for heading in part.sections:
            for cell in section_cells(lesson, heading):
                cell = _tag(copy.deepcopy(cell), number, room)
                if first:  # every part starts a slide of its own
                    cell.metadata.setdefault("slideshow", {})["slide_type"] = "slide"
                    first = False
                cells.append(cell)
        cells += _activities(number, part, data)
        if part.lesson == plan.break_after:
            back = end + plan.break_minutes
            cells.append(
                _markdown(
                    f"## Break: {plan.break_minutes} minutes\n\nStand up and move about: "
                    "keeping active is the first advice for back pain.\n\n"
                    f"Back at {clock(back)}.",
                    "slide",
                    None,
                    "break",
                    divider=True,
                )
            )
    # cells copied from different lessons can share ids ("c01"): a lesson's cells take
    # their part's prefix, so every id is unique and the same in every build
    for cell in cells:
        part = cell.metadata["course"].get("part")
        if part and not str(cell.id).startswith(f"p{part}-"):
            cell.id = f"p{part}-{cell.id}"[:64]
    return new_notebook(cells=cells, metadata={"course": {"plan": plan.id}})
