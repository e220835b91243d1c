"""A class deck per teaching plan (issue 26): one deck from start to end, the warning signs
first, the plan's parts in order with their activities and the break, every slide's notes
timed."""

from __future__ import annotations

import re

import pytest
from nbformat.v4 import new_markdown_cell, new_notebook
from pydantic import ValidationError

from course.builder.preprocessors.timing import ClassTimingPreprocessor
from course.loader import store
from course.model.records import TeachingPlan


def plan(**changes):
    raw = {
        "id": "class-30",
        "title": "A 30-minute class",
        "minutes": 30,
        "summary": "Two parts and a break.",
        "break_after": "00-start-here",
        "break_minutes": 5,
        "buffer": 5,
        "parts": [
            {"lesson": "00-start-here", "minutes": 10, "sections": ["A"], "activity": "Do."},
            {"lesson": "03-how-might-it-work", "minutes": 10, "sections": ["B"], "activity": "Do."},
        ],
    }
    return TeachingPlan.model_validate(raw | changes)


def slide(source: str, part: int | None, kind: str = "slide"):
    cell = new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    cell.metadata["course"] = {"part": part}
    return cell


def test_every_slide_of_a_class_deck_says_its_part_and_when_to_reach_it():
    nb = new_notebook(
        cells=[
            slide("Warning signs", None),
            slide("## Part one", 1),
            slide("### More of part one", 1, "subslide"),
            slide("## Break", None),
            slide("## Part two", 2),
        ]
    )
    out, _ = ClassTimingPreprocessor().preprocess(nb, {"course": {"plan": plan()}})
    notes = [c.source for c in out.cells if c.metadata["slideshow"]["slide_type"] == "notes"]
    assert notes == [
        "**Timing.** The warning signs come first: start at 0:00.",
        "**Timing.** Part 1 of 2, 00-start-here (10 min, 0:00 to 0:10): reach this slide by 0:00.",
        "**Timing.** Part 1 of 2, 00-start-here (10 min, 0:00 to 0:10): reach this slide by 0:05.",
        "**Timing.** The break: keep to its minutes.",
        # the break's 5 minutes come before part two
        "**Timing.** Part 2 of 2, 03-how-might-it-work (10 min, 0:15 to 0:25): reach this "
        "slide by 0:15.",
    ]
    lesson_deck = new_notebook(cells=[slide("## A lesson", None)])
    out, _ = ClassTimingPreprocessor().preprocess(lesson_deck, {"course": {}})
    assert len(out.cells) == 1  # a lesson deck is left alone


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"buffer": 8}, "add up to 33 minutes, not the plan's 30"),
        ({"buffer": 3, "minutes": 28}, "greater than or equal to 5"),
        ({"break_after": "03-how-might-it-work"}, "is not a part before the last"),
        ({"break_minutes": 0, "buffer": 10}, "a break needs both break_after"),
    ],
)
def test_a_plan_that_does_not_add_up_is_rejected(changes, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        plan(**changes)


def test_the_class_decks_run_from_the_warning_signs_through_every_part(built_site):
    from bs4 import BeautifulSoup

    from course.builder import deck_report

    data = store.get()
    for taught in data.teaching.plans:
        html = (built_site / "slides" / f"{taught.id}.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        slides = deck_report._slides(soup)
        assert "Call 999 or go to A&E" in slides[1].get_text()  # after the title: safety
        text = soup.get_text(" ")
        positions = [text.index(section) for part in taught.parts for section in part.sections]
        assert positions == sorted(positions), taught.id  # the parts in the plan's order
        timed = [s for s in slides[1:-1] if "Timing." in s.get_text()]
        assert len(timed) == len(slides) - 2, taught.id  # every slide but title and sources
        assert text.count("Ask the room") >= sum(1 for p in taught.parts if p.questions)
        if taught.break_after:
            assert f"Break: {taught.break_minutes} minutes" in text
        assert 'href="../instructor.html"' in html
