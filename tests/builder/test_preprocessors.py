"""Each export preprocessor on an in-memory notebook, as nbconvert tests its own: outputs
made by the real course displays, no kernel, no build, no files."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course import claim, quiz
from course.builder.preprocessors import (
    FigureFilePreprocessor,
    ReadableOutputsPreprocessor,
    RemoveNotesPreprocessor,
    StaticFallbackPreprocessor,
)
from course.loader import store
from course.output.markers import MARKER, PHONE_PNG, STATIC_HTML
from course.output.view import WIDGET_VIEW
from tests.outputs import notebook, shown


@pytest.fixture()
def figure_output():
    from course.plotting import plot_trial

    return shown(plot_trial("gerac2007"))


def test_static_fallback_keeps_the_no_kernel_rendering(figure_output):
    card = claim("eff-298-patients")
    nb = notebook(shown(card, widget=True), figure_output)
    out, _ = StaticFallbackPreprocessor().preprocess(nb, {})
    card_data, figure_data = (c.outputs[0]["data"] for c in out.cells[1:])
    assert set(card_data) == {"text/html", "text/plain", MARKER}
    assert card_data["text/html"] == card.html()  # the page's version, without Jupyter styles
    assert "image/png" in figure_data and WIDGET_VIEW not in figure_data
    alt = out.cells[2].outputs[0]["metadata"]["image/png"]["alt"]
    from course.plotting import plot_trial

    assert alt == plot_trial("gerac2007").alt  # the figure's own alt text, kept whole
    assert "widgets" not in out.metadata


def test_figure_files_are_named_by_content(figure_output):
    nb = notebook(figure_output, json.loads(json.dumps(figure_output)))
    out, resources = FigureFilePreprocessor().preprocess(nb, {})
    names = [c.outputs[0]["metadata"]["filenames"]["image/png"] for c in out.cells[1:]]
    assert names[0] == names[1] and re.fullmatch(r"figures/[0-9a-f]{16}\.png", names[0])
    # the phone layout is a file of its own, named the same way (course.output.phone)
    phones = [c.outputs[0]["metadata"]["filenames"][PHONE_PNG] for c in out.cells[1:]]
    assert phones[0] == phones[1] != names[0]
    assert sorted(resources["outputs"]) == sorted([names[0], phones[0]])
    assert all(png.startswith(b"\x89PNG") for png in resources["outputs"].values())


def test_speaker_notes_leave_the_site_page_only():
    nb = notebook()
    notes = new_markdown_cell("**Instructor notes.** Ask the room.")
    notes.metadata["slideshow"] = {"slide_type": "notes"}
    nb.cells.append(notes)
    nb.cells.append(new_markdown_cell("## After the notes"))
    out, _ = RemoveNotesPreprocessor().preprocess(nb, {})
    assert [c.source for c in out.cells] == ["Some prose.", "## After the notes"]


def test_downloads_drop_widget_views_and_internal_data_and_fold_quiz_answers(figure_output):
    bank = store.get().quiz("01-back-pain")
    nb = notebook(shown(quiz("01-back-pain"), widget=True), figure_output)
    out, _ = ReadableOutputsPreprocessor().preprocess(nb, {"course": {"data": store.get()}})
    assert out.metadata == {
        "kernelspec": {"name": "python3", "display_name": "Python 3"},
        "language_info": {"name": "python"},
    }
    quiz_data, figure_data = (c.outputs[0]["data"] for c in out.cells[1:])
    assert set(quiz_data) == {"text/html", "text/plain"}
    html = quiz_data["text/html"]
    assert html.count("<details>") == len(bank.questions)
    assert not re.search(r"<(input|button|script)\b", html)
    first = bank.questions[0]
    assert all(o.text in html for o in first.options)
    assert set(figure_data) == {"text/html", "text/plain"}  # the PNG lives in the <img>
    assert re.search(r'<img [^>]*alt="[^"]{10,}"', figure_data["text/html"])
    assert STATIC_HTML not in json.dumps(nbformat.from_dict(out))


def test_an_explorable_becomes_radio_buttons_over_figure_files():
    from course import explore
    from course.plotting import plot_trial

    x = explore(
        plot_trial,
        id="big-trials",
        title="The three big trials",
        labels={"trial": "Trial"},
        trial=[("GERAC 2007", "gerac2007"), ("Cherkin 2009", "cherkin2009")],
    )
    nb = notebook(shown(x, widget=True))
    out, resources = StaticFallbackPreprocessor().preprocess(nb, {"course": {"root": "../"}})
    data = out.cells[1].outputs[0]["data"]
    html = data["text/html"]
    assert len(resources["outputs"]) == 4  # per state, a file and its phone layout
    for name in resources["outputs"]:
        assert f'"../{name}"' in html or f"'../{name}'" in html
    assert html.count("data-phone-src=") == 2 and "<picture>" in html
    assert html.count('type="radio"') == 2 and "GERAC 2007" in html
    assert data[MARKER]["states"] == [] and WIDGET_VIEW not in data


def test_each_claim_gets_its_own_slide_with_its_evidence_in_the_notes():
    from course.builder.preprocessors import ClaimSlidesPreprocessor

    data = store.get()
    first, second = "eff-298-patients", "eff-study-effective-clbp"
    nb = new_notebook(cells=[new_markdown_cell("## Two claims")])
    for claim_id in (first, second):
        # found by the card's output marker, whatever the code that showed it
        cell = new_code_cell("claim(next(ids))")
        cell.outputs = [shown(claim(claim_id))]
        nb.cells.append(cell)
    notes = new_markdown_cell("**Instructor notes.** Compare the two.")
    notes.metadata["slideshow"] = {"slide_type": "notes"}
    nb.cells.append(notes)
    out, _ = ClaimSlidesPreprocessor().preprocess(nb, {"course": {"data": data}})
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in out.cells]
    # the instructor's notes stay with the section's slide; each card is a slide followed by
    # the notes that carry its evidence and citations
    assert kinds == ["-", "notes", "subslide", "notes", "subslide", "notes"]
    assert "Compare the two" in out.cells[1].source
    for card, claim_id in ((out.cells[3], first), (out.cells[5], second)):
        told = data.claims[claim_id]
        assert card.source.startswith(f"**Evidence ({told.verdict.label.lower()}).**")
        assert told.evidence in card.source and "Sources:" in card.source
    assert len({c.get("id") for c in out.cells}) == len(out.cells)  # stable, distinct ids


def test_a_claim_card_stays_on_the_slide_its_heading_opens():
    """A heading alone on a slide, then the card on the next, untitled: the room would see
    a title-only slide. The card joins its heading; a second card still gets its own."""
    from course.builder.preprocessors import ClaimSlidesPreprocessor

    data = store.get()
    heading = new_markdown_cell('### "A study involving 298 patients"')
    heading.metadata["slideshow"] = {"slide_type": "subslide"}
    nb = new_notebook(cells=[heading])
    for claim_id in ("eff-298-patients", "eff-study-effective-clbp"):
        cell = new_code_cell("claim(next(ids))")
        cell.outputs = [shown(claim(claim_id))]
        nb.cells.append(cell)
    out, _ = ClaimSlidesPreprocessor().preprocess(nb, {"course": {"data": data}})
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in out.cells]
    assert kinds == ["subslide", "-", "notes", "subslide", "notes"]


def test_a_deck_written_for_the_room_shows_only_what_was_written_for_it():
    """Marked ``course.deck = room``: the page's prose goes to the notes word for word, the
    slides-only points and every output stay on the slide."""
    from course.builder.preprocessors import SlideProsePreprocessor

    heading = new_markdown_cell("## Rare but serious harms\n\nThe page's long paragraph.")
    heading.metadata["slideshow"] = {"slide_type": "slide"}
    more = new_markdown_cell("- a list the page needs\n- and a second item")
    point = new_markdown_cell("- Serious harm is rare: about 1 in 10,000 patients")
    point.metadata["tags"] = ["slides-only"]
    card = new_code_cell("claim(x)")
    card.outputs = [shown(claim("risk-rare-serious"))]
    nb = new_notebook(cells=[heading, more, point, card])
    nb.metadata["course"] = {"deck": "room"}
    out, _ = SlideProsePreprocessor().preprocess(nb, {})
    is_notes = [c.metadata.get("slideshow", {}).get("slide_type") == "notes" for c in out.cells]
    on_slide = [c.source for c, n in zip(out.cells, is_notes, strict=True) if not n]
    notes = " ".join(c.source for c, n in zip(out.cells, is_notes, strict=True) if n)
    assert on_slide == ["## Rare but serious harms", point.source, "claim(x)"]
    assert "The page's long paragraph." in notes and "- a list the page needs" in notes
    del nb.metadata["course"]  # the same cells, cut from the page's prose as before
    out, _ = SlideProsePreprocessor().preprocess(nb, {})
    assert "- a list the page needs\n- and a second item" in [c.source for c in out.cells]


def test_a_slide_whose_text_all_goes_to_the_notes_still_starts_its_slide():
    """A page cell that opens a slide with no heading, in a deck written for the room: its
    text goes to the notes of the slide it opens (the points written for that slide),
    not to the slide before."""
    from course.builder.preprocessors import SlideProsePreprocessor

    first = new_markdown_cell("## A section\n\nIts prose.")
    first.metadata["slideshow"] = {"slide_type": "slide"}
    second = new_markdown_cell("More prose that opens a slide of its own.")
    second.metadata["slideshow"] = {"slide_type": "subslide"}
    points = new_markdown_cell("- the point of that slide")
    points.metadata["tags"] = ["slides-only"]
    told = new_markdown_cell("**Instructor notes.** Ask the room.")
    told.metadata["slideshow"] = {"slide_type": "notes"}
    nb = new_notebook(cells=[first, second, points, told])
    nb.metadata["course"] = {"deck": "room"}
    out, _ = SlideProsePreprocessor().preprocess(nb, {})
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in out.cells]
    sources = [c.source for c in out.cells]
    assert kinds == ["slide", "notes", "subslide", "notes", "notes"]
    assert sources[2] == "- the point of that slide"
    assert sources[3] == "**On the lesson page.** More prose that opens a slide of its own."
    assert sources[4] == told.source
    assert "slideshow" not in points.metadata  # the notebook's own cell is not changed


def _page_only(*cells, room: bool = True, root: str = ""):
    """Run PageOnlyPreprocessor over cells of a notebook written for the room (or not)."""
    from course.builder.preprocessors.slides import PageOnlyPreprocessor

    nb = new_notebook(cells=list(cells))
    if room:
        nb.metadata["course"] = {"deck": "room"}
    resources = {"course": {"data": store.get(), "root": root}}
    out, _ = PageOnlyPreprocessor().preprocess(nb, resources)
    return out.cells


def _cell(cell, slide_type: str | None = None, tags: tuple[str, ...] = ("site-only",)):
    cell.metadata["tags"] = list(tags)
    if slide_type:
        cell.metadata["slideshow"] = {"slide_type": slide_type}
    return cell


def test_what_only_the_page_shows_is_in_a_room_decks_notes_and_starts_no_slide():
    from course.plotting import plot_trial

    prose = _cell(new_markdown_cell("## Other mechanisms\n\nThree more explanations."), "slide")
    card = _cell(new_code_cell('claim("eff-no-doubt")'))
    card.outputs = [shown(claim("eff-no-doubt"))]
    asked = _cell(new_code_cell('quiz("01-back-pain")'))
    asked.outputs = [shown(quiz("01-back-pain"))]
    figure = _cell(new_code_cell("plot_trial('gerac2007')"))
    figure.outputs = [shown(plot_trial("gerac2007"))]
    own = _cell(new_markdown_cell("**Instructor notes.** Ask the room."), "notes")
    kept = new_markdown_cell("## On the slide")
    cells = _page_only(kept, prose, card, asked, figure, own)
    assert cells[0] is kept and cells[-1] is own  # the instructor's own notes stay notes
    notes = cells[1:5]
    assert all(c.metadata["slideshow"]["slide_type"] == "notes" for c in notes)
    assert notes[0].source == (
        "**On the lesson page only.** **Other mechanisms.**\n\nThree more explanations."
    )
    data = store.get()
    doubt = data.claims["eff-no-doubt"]
    assert doubt.quote in notes[1].source and doubt.verdict.label in notes[1].source
    first = data.quizzes["01-back-pain"].questions[0]
    assert f"- {first.prompt}" in notes[2].source  # the questions in full, not a count
    assert plot_trial("gerac2007").alt in notes[3].source


def test_a_page_only_fold_stays_whole_in_the_notes():
    """After the label on its line, a fold opened inside the label's paragraph and the
    paragraph's end closed it: its list fell out of it."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    fold = "<details><summary>Reading the numbers</summary>\n\n- CI: a range\n\n</details>"
    (notes,) = _page_only(_cell(new_markdown_cell(fold)))
    html = markdown2html_mistune(notes.source)
    assert html.startswith("<p><strong>On the lesson page only.</strong></p>")
    assert re.search(r"<details>.*<li>CI: a range</li>.*</details>", html, re.S)


def test_the_learners_own_progress_and_any_deck_not_for_the_room_leave_page_only_cells_out():
    from course import progress_summary

    mine = _cell(new_code_cell("progress_summary()"))
    mine.outputs = [shown(progress_summary())]
    assert _page_only(mine) == []
    prose = _cell(new_markdown_cell("Only on the page."), "slide")
    assert _page_only(prose, room=False) == []


def test_a_page_only_link_to_another_page_still_reaches_it_from_the_deck():
    text = "[The summary](summary.html), [a claim](#c), [NICE](https://www.nice.org.uk/x)"
    (notes,) = _page_only(_cell(new_markdown_cell(text)), root="../")
    assert notes.source.endswith(
        "[The summary](../summary.html), [a claim](#c), [NICE](https://www.nice.org.uk/x)"
    )
