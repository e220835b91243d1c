"""Decks only: a deck is written for the back of a room, from the lesson's own cells.

Each claim card gets a slide with its evidence in the notes (ClaimSlides), a slide keeps
its point and the notes get the rest of the prose (SlideProse), and a section longer than
a slide continues on the next (SlidePaging). The site page keeps every word.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell
from traitlets import Bool, Float, Integer

from course.builder import tags
from course.output import markers
from course.output.markers import SLIDES
from course.output.references import label
from course.output.view import Export
from course.syntax import CITATION
from course.views.registry import view_for


def _room_cell(cell: NotebookNode, room: bool) -> bool:
    """A cell of a deck written for the room, or one a class deck took from such a lesson
    (course.builder.class_decks marks each cell with its lesson's form)."""
    return bool(cell.metadata.get("course", {}).get("room", room))


def claim_shown(cell: NotebookNode) -> str | None:
    """The claim whose card a code cell shows, read from its output's marker."""
    for output in cell.get("outputs", []):
        marker = markers.read(output)
        if marker is not None and marker.claim_shown():
            return marker.claim_shown()
    return None


def _notes_cell(text: str, after: NotebookNode, suffix: str) -> NotebookNode:
    """Speaker notes the deck export writes for the cell ``after``; the id derives from
    that cell's, so rebuilds give the same deck."""
    notes = new_markdown_cell(text)
    notes.metadata["slideshow"] = {"slide_type": "notes"}
    notes.id = f"{after.get('id', 'cell')}-{suffix}"[:64]
    return notes


def _is_notes(cell: NotebookNode) -> bool:
    return cell.metadata.get("slideshow", {}).get("slide_type") == "notes"


def _heading_as_bold(line: str) -> str:
    """A heading inside speaker notes reads as a bold line (a notes pane has no outline)."""
    match = re.match(r"#{1,6}\s+(.*)", line)
    return f"**{match.group(1).strip()}.**" if match else line


PAGE_ONLY = "**On the lesson page only.**"
# a markdown link to another page of the site, written relative to the lesson page
_SITE_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|#|/|\.\./)([^)\s]+)\)")


def _from_deck(text: str, root: str) -> str:
    """A lesson's links to other site pages, as a deck (in slides/) reaches them."""
    return _SITE_LINK.sub(lambda m: f"]({root}{m.group(1)})", text) if root else text


class PageOnlyPreprocessor(Preprocessor):
    """Decks only: what the lesson page shows and its deck does not (cells tagged
    ``site-only``).

    A deck written for the room keeps it in the speaker notes of the slide before it, so a
    presenter running the class from the deck alone has every fact of the page to hand:
    prose word for word (its headings as bold lines), a claim card, table or figure as its
    text, a quiz as its questions. A cell that started a slide starts nothing: no slide is
    left empty. Any other deck leaves these cells out, as the site leaves out ``slides-only``.
    """

    enabled = Bool(True).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        room = tags.written_for_room(nb.metadata)
        cells = []
        for cell in nb.cells:
            if tags.SITE_ONLY not in cell.metadata.get("tags", []):
                cells.append(cell)
            elif _room_cell(cell, room):
                notes = self._notes(cell, resources)
                if notes is not None:
                    cells.append(notes)
        nb.cells = cells
        return nb, resources

    def _notes(self, cell: NotebookNode, resources: dict[str, Any]) -> NotebookNode | None:
        if _is_notes(cell):
            return cell  # the instructor's own notes for this page-only part
        export = Export(resources)
        if cell.cell_type == "markdown":
            text = "\n".join(_heading_as_bold(line) for line in cell.source.splitlines())
            text = _from_deck(text, export.root)
        else:
            said = []
            for output in cell.get("outputs", []):
                marker = markers.read(output)
                words = view_for(marker).notes_text(output, marker, export) if marker else None
                if words:
                    said.append(words)
            if not said:
                return None
            text = "\n\n".join(said)
        # a cell that opens with an HTML block (a fold, a table) keeps it a block: after the
        # label on the same line it became part of the label's paragraph, which the block
        # then broke (a fold in lesson 04's notes came out empty, its list after it)
        joint = "\n\n" if text.lstrip().startswith("<") else " "
        return _notes_cell(f"{PAGE_ONLY}{joint}{text}", cell, "page-only")


class ClaimSlidesPreprocessor(Preprocessor):
    """Decks only: one claim per slide, its full evidence in the speaker notes.

    On a slide the room reads the quote, its article and (on the next key press) the
    verdict and its one-line "In short"; the paragraph of evidence and its citations are
    for the presenter, who can read them out. A card right after a heading that starts a
    slide stays under it (a claim slide carries its heading; the heading never stands
    alone). The site page keeps every card as written.
    """

    enabled = Bool(True).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        # nbconvert hands every exporter's preprocessors a deep copy of the executed
        # notebook, so the site export never sees these changes
        data = Export(resources).data
        cells = []
        run_start = None  # where the current run of claim slides began
        for cell in nb.cells:
            claim_id = claim_shown(cell) if cell.cell_type == "code" else None
            if _is_notes(cell) and run_start is not None:
                # notes written after a group of claims belong to the slide the group came
                # from, which keeps them now that each claim has a slide of its own
                cells.insert(run_start, cell)
                run_start = None
                continue
            cells.append(cell)
            if claim_id is None or claim_id not in data.claims:
                if cell.cell_type == "markdown" or claim_id is None:
                    run_start = None
                continue
            if run_start is None:
                run_start = len(cells) - 1
            slideshow = cell.metadata.setdefault("slideshow", {})
            # the cell shown before the card (notes, such as a page-only paragraph, show nothing)
            shown_before = next((c for c in reversed(cells[:-1]) if not _is_notes(c)), None)
            if shown_before is not None and _opens_with_heading_only(shown_before):
                slideshow["slide_type"] = "-"
            elif slideshow.get("slide_type") in (None, "-", "fragment"):
                slideshow["slide_type"] = "subslide"
            claim = data.claims[claim_id]
            cites = "; ".join(label(data.references[r]) for r in claim.references)
            evidence = f"**Evidence ({claim.verdict.label.lower()}).** {claim.evidence}"
            cells.append(_notes_cell(f"{evidence} Sources: {cites}.", cell, "evidence"))
        nb.cells = cells
        return nb, resources


def _opens_with_heading_only(cell: NotebookNode) -> bool:
    """A markdown cell that starts a slide and holds nothing but its heading."""
    kind = cell.metadata.get("slideshow", {}).get("slide_type")
    lines = [line for line in cell.source.splitlines() if line.strip()] if cell.source else []
    return (
        cell.cell_type == "markdown"
        and kind in ("slide", "subslide")
        and bool(lines)
        and all(line.lstrip().startswith("#") for line in lines)
    )


def _is_rule(row: str) -> bool:
    return bool(row.strip()) and set(row.strip()) <= set("|-: ")


def _block_lines(block: str, per_line: int) -> float:
    """Wrapped lines a markdown block takes on a slide: a rough model, checked in the
    browser by scripts/slide_fit.py. Table rows are set smaller, headings larger."""
    total = 0.6
    for row in CITATION.sub("(Authors et al. 2000)", block).splitlines():
        if not row.strip() or _is_rule(row):
            continue
        if row.lstrip().startswith("#"):
            total += 1.8
        elif row.lstrip().startswith("|"):
            total += -(-len(row) // int(per_line * 1.6)) * 0.85 + 0.15
        else:
            total += -(-len(row) // per_line)
    return total


def _pieces(block: str, per_line: int, lines: float) -> list[str]:
    """A list or table longer than a slide is cut between its rows, never inside one; a
    cut table repeats its header row and the sentence introducing it stays in front."""
    rows = block.splitlines()
    if _block_lines(block, per_line) <= lines or len(rows) < 2:
        return [block]
    intro, head, body = [], [], rows
    for i in range(len(rows) - 1):
        if rows[i].lstrip().startswith("|") and _is_rule(rows[i + 1]):
            intro, head, body = rows[:i], rows[i : i + 2], rows[i + 2 :]
            break
    pieces: list[str] = []
    current: list[str] = []
    for row in body:
        lead = [] if pieces else intro
        if current and _block_lines("\n".join(lead + head + current + [row]), per_line) > lines:
            pieces.append("\n".join(lead + head + current))
            current = []
        current.append(row)
    return [*pieces, "\n".join(([] if pieces else intro) + head + current)]


def _is_figure(cell: NotebookNode) -> bool:
    """A figure or explorable needs the whole slide (course.output.markers.fills_slide)."""
    for output in cell.get("outputs", []):
        marker = markers.read(output)
        if "image/png" in output.get("data", {}) or (marker and marker.fills_slide):
            return True
    return False


def _deck_pages(cell: NotebookNode) -> list[dict[str, str]]:
    """The deck pages a component output carries when it is taller than a slide."""
    for output in cell.get("outputs", []):
        pages = output.get("data", {}).get(SLIDES)
        if pages:
            return pages
    return []


def _blocks(source: str) -> list[str]:
    """Paragraphs, lists and tables; a sentence that ends with a colon introduces the
    block after it, so the two stay on one slide (a red-flag list keeps its lead-in)."""
    blocks: list[str] = []
    for block in (b for b in re.split(r"\n\s*\n", source) if b.strip()):
        if blocks and blocks[-1].rstrip().endswith(":"):
            blocks[-1] += "\n\n" + block
        else:
            blocks.append(block)
    return blocks


def _is_prose(block: str) -> bool:
    """A paragraph of running text: no heading, list, table, quote, image, code or a lone
    link in it (a lead-in sentence travels with its list: see _blocks)."""
    return not any(
        line.lstrip().startswith(("#", "|", ">", "!", "```", "<", "["))
        or re.match(r"\s*([-*+]|\d+[.)])\s", line)
        for line in block.splitlines()
    ) and not block.rstrip().endswith(":")


class SlideProsePreprocessor(Preprocessor):
    """Decks only: a slide carries the point, the speaker notes carry the prose.

    The authoring rule: a slide keeps its first paragraph (lessons state the bottom line
    first), every list, table, quote and figure, and any paragraph with a **bold** key
    sentence; its further paragraphs move, word for word, into the speaker notes, where
    the presenter can read them out. A cell tagged ``all-on-slide`` (red flags, safety
    advice) keeps every paragraph on the slide. Where a slide needs a shorter point than
    the page's text, the author writes it in a ``slides-only`` cell after the original and
    tags the original ``in-notes``: its text then goes to the notes, its headings stay.

    A deck written for the room (notebook metadata ``"course": {"deck": "room"}``) shows
    only what was written for it: headings, ``slides-only`` and ``all-on-slide`` cells,
    and every output (claim cards, figures, quizzes, warning signs); all other prose goes
    to the notes, word for word, with no tag needed. The site page keeps every word.
    """

    enabled = Bool(True).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        # changes only copies (of the notebook and of each cell it shortens), so the
        # preprocessor can also be run on a notebook that something else still reads
        nb = copy.copy(nb)
        room = tags.written_for_room(nb.metadata)
        cells: list[NotebookNode] = []
        prose_on_slide = 0
        # A cell that starts a slide and whose text all goes to the notes leaves its slide
        # start to the next cell shown, and its notes (and any notes written after it) go
        # after that cell: they belong to the slide it starts, not to the one before.
        pending: str | None = None
        held: list[NotebookNode] = []

        def emit(cell: NotebookNode) -> None:
            nonlocal pending, held
            if _is_notes(cell):
                (held if pending else cells).append(cell)
                return
            if pending:
                if cell.metadata.get("slideshow", {}).get("slide_type", "-") in ("-", "fragment"):
                    cell = copy.copy(cell)
                    cell.metadata = copy.deepcopy(cell.metadata)
                    cell.metadata.setdefault("slideshow", {})["slide_type"] = pending
                cells.append(cell)
                cells.extend(held)
                pending, held = None, []
                return
            cells.append(cell)

        for cell in nb.cells:
            slideshow = cell.metadata.get("slideshow", {})
            kind = slideshow.get("slide_type", "-")
            if kind in ("slide", "subslide"):
                prose_on_slide = 0
            if cell.cell_type == "code" and claim_shown(cell):
                prose_on_slide += 1  # a claim card is a slide's point too
            cell_tags = cell.metadata.get("tags", [])
            in_room = _room_cell(cell, room)
            keep_all = tags.ALL_ON_SLIDE in cell_tags or (in_room and tags.SLIDES_ONLY in cell_tags)
            to_notes = tags.IN_NOTES in cell_tags or in_room
            if cell.cell_type != "markdown" or kind in ("notes", "skip") or keep_all:
                emit(cell)
                continue
            kept, moved = [], []
            for block in _blocks(cell.source):
                heading = block.lstrip().startswith("#")
                if (to_notes and not heading) or (
                    _is_prose(block) and prose_on_slide and "**" not in block
                ):
                    moved.append(block)
                else:
                    kept.append(block)
                    prose_on_slide += _is_prose(block)
            if not moved:
                emit(cell)
                continue
            text = "**On the lesson page.** " + "\n\n".join(moved)
            notes = _notes_cell(text, cell, "prose")
            if kept:
                shortened = copy.copy(cell)
                shortened.source = "\n\n".join(kept)
                emit(shortened)
                emit(notes)
            elif kind in ("slide", "subslide"):
                cells.extend(held)  # an earlier slide start that nothing took up
                pending, held = kind, [notes]
            else:
                emit(notes)
        cells.extend(held)
        nb.cells = cells
        return nb, resources


class SlidePagingPreprocessor(Preprocessor):
    """Decks only: a section longer than a slide continues on the next slide (not in a
    deck written for the room, whose slides are laid out as their author wrote them).

    Slides must not scroll, and body text stays at the size the back of the room can
    read, so a long section is cut between paragraphs, list items or table rows into
    "(continued)" slides. Nothing is dropped or reworded: the words are the lesson's own,
    safety content included, and the site page is untouched. Speaker notes stay with the
    first slide of the section they were written for.
    """

    enabled = Bool(True).tag(config=True)
    lines = Float(10.0, help="body lines a slide holds at the deck's base size").tag(config=True)
    per_line = Integer(64, help="characters in one line of body text on a slide").tag(config=True)
    claim_lines = Float(8.0, help="lines a claim card takes on its slide").tag(config=True)
    lead_lines = Float(4.0, help="lines above a component before it needs a slide of its own").tag(
        config=True
    )

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        self._claims = Export(resources).data.claims
        self._out: list[NotebookNode] = []
        self._used, self._heading = 0.0, ""
        self._notes_at: int | None = None  # where the section's notes go, once it continues
        # a deck written for the room is laid out as written: its author keeps each slide
        # short, and the browser walk (tests/site/test_slides_fit.py) fails one that is not
        room = tags.written_for_room(nb.metadata)
        for cell in nb.cells:
            kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
            if kind == "notes" and self._notes_at is not None:
                self._out.insert(self._notes_at, cell)
                self._notes_at += 1
                continue
            if kind in ("slide", "subslide"):
                self._used, self._notes_at = 0.0, None
                match = (
                    re.match(r"\s*#+\s*(.+)", cell.source) if cell.cell_type == "markdown" else None
                )
                self._heading = match.group(1).strip() if match else self._heading
            if (
                cell.cell_type == "markdown"
                and kind not in ("notes", "skip")
                and _room_cell(cell, room)
            ):
                self._out.append(cell)
                self._used += _block_lines(cell.source, self.per_line)
            elif cell.cell_type == "markdown" and kind not in ("notes", "skip"):
                self._page(cell)
            elif cell.cell_type == "code" and _deck_pages(cell):
                self._component(cell, kind)
            else:
                figure = cell.cell_type == "code" and _is_figure(cell)
                if figure and kind == "-" and self._used > 0:
                    # a figure needs the whole slide: it starts one of its own
                    cell.metadata.setdefault("slideshow", {})["slide_type"] = "subslide"
                    self._continuation_starts()
                self._out.append(cell)
                if figure:
                    self._used = self.lines
                elif cell.cell_type == "code" and (claim_id := claim_shown(cell)):
                    self._used += self._claim_lines(claim_id)
        nb.cells = self._out
        return nb, resources

    def _claim_lines(self, claim_id: str) -> float:
        """A card's quote is set large: beyond two lines, each of its lines counts more."""
        claim = self._claims.get(claim_id)
        quote_lines = -(-len(claim.quote) // 55) if claim else 2
        return self.claim_lines + max(0, quote_lines - 2) * 1.4

    def _continuation_starts(self) -> None:
        """The section's first slide ends here: its notes are inserted at this point."""
        if self._notes_at is None:
            self._notes_at = len(self._out)

    def _component(self, cell: NotebookNode, kind: str) -> None:
        """A component taller than a slide: each of its deck pages on a slide of its own
        (it titles them "2 of 3"); a page's notes follow it."""
        pages = _deck_pages(cell)
        pieces = [cell] + [copy.deepcopy(cell) for _ in pages[1:]]  # before any is changed
        for n, (page, piece) in enumerate(zip(pages, pieces, strict=True)):
            for output in piece.get("outputs", []):
                data = output.get("data", {})
                if SLIDES in data:
                    data.pop(SLIDES)
                    data["text/html"] = page["html"]
            if n:
                piece.id = f"{cell.get('id', 'cell')}-s{n}"[:64]
            if n or (kind == "-" and self._used > self.lead_lines):
                piece.metadata.setdefault("slideshow", {})["slide_type"] = "subslide"
                self._continuation_starts()
            self._out.append(piece)
            if page.get("notes"):
                self._out.append(_notes_cell(page["notes"], cell, f"n{n}"))
        self._used = self.lines

    def _page(self, cell: NotebookNode) -> None:
        groups: list[tuple[list[str], bool]] = [([], False)]
        for block in _blocks(cell.source):
            for piece in _pieces(block, self.per_line, self.lines - 1.8):
                need = _block_lines(piece, self.per_line)
                if self._used + need > self.lines and (groups[-1][0] or self._used > 0):
                    groups.append(([f"### {self._heading} (continued)"], True))
                    self._used = 1.8
                groups[-1][0].append(piece)
                self._used += need
        if len(groups) == 1:
            self._out.append(cell)
            return
        for n, (blocks, continued) in enumerate(groups):
            if not blocks:
                continue
            piece = new_markdown_cell("\n\n".join(blocks))
            piece.metadata = copy.deepcopy(cell.metadata)
            piece.id = f"{cell.get('id', 'cell')}-p{n}"[:64] if n else cell.get("id", piece.id)
            if continued:
                piece.metadata["slideshow"] = {"slide_type": "subslide"}
                self._continuation_starts()
            self._out.append(piece)
