"""The deck report counts what the room sees, from a deck's HTML (issue 26)."""

import json
import re

from course import cli
from course.builder import deck_report
from course.loader import store

NOTES = '<aside class="notes">n</aside>'
DECK = f"""<div class="reveal"><div class="slides">
<section class="title-slide"><h1>Lesson</h1><p>Objectives</p>{NOTES}</section>
<section>
  <section><h2>A point ¶</h2><p>The bottom line.</p>{NOTES}</section>
  <section><h2>A point (continued) ¶</h2><ul><li>more</li></ul></section>
  <section><h3>"A quote as a heading" ¶</h3>{NOTES}</section>
  <section data-divider="true"><h2>Which would you trust?</h2>{NOTES}</section>
  <section data-divider="true"><h2>Part two</h2>{NOTES}</section>
  <section><h3>Trials (2 of 3)</h3><img src="f.png" alt="a chart">{NOTES}</section>
  <section><h2>Check</h2><div class="course-quiz"><div class="course-question">1</div>
    <div class="course-question">2</div></div>{NOTES}</section>
</section>
<section><div class="jp-Cell"><div class="course-red-flags"><h3>Emergency</h3>
  <ul><li>a sign</li></ul></div></div>
  <aside class="course-box"><h2>A box</h2></aside>{NOTES}</section>
<section><aside class="course-box"><h2>If you have back pain now</h2>
  <table><caption>Care options <span class="deck-part">(1 of 2)</span></caption></table>
  <ul><li>Keep moving.</li></ul></aside></section>
</div></div>"""


def test_a_deck_is_counted_slide_by_slide(tmp_path):
    path = tmp_path / "04-the-research.html"
    path.write_text(DECK, encoding="utf-8")
    stats = deck_report.deck_stats(path)
    # a component's own <section> inside a slide is not a slide; a box's text is content
    # a quiz is one slide per question in the browser: its slide, and one more; a divider
    # may show its title alone only when the title asks the room a question
    assert (stats.slides, stats.continued, stats.title_only, stats.without_notes) == (11, 3, 2, 2)
    assert stats.misses() == [
        "27% continued slides (at most 5%)",
        "2 title-only slide(s)",
        "2 slide(s) without speaker notes",
    ]
    assert stats.misses(max_slides=5)[0] == "11 slides (at most 5)"


def test_the_command_fails_only_for_a_deck_written_for_the_room(tmp_path, capsys):
    (tmp_path / "site" / "slides").mkdir(parents=True)
    (tmp_path / "site" / "slides" / "04-the-research.html").write_text(DECK, encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    notebook = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = notebooks / "04-the-research.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    args = ["decks", "--site", str(tmp_path / "site"), "--notebooks", str(notebooks)]
    assert cli.main(args) == 0
    assert "not yet written for the room" in capsys.readouterr().out

    notebook["metadata"]["course"] = {"deck": "room"}
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert cli.main(args) == 1
    out, err = capsys.readouterr()
    assert "27% continued slides (at most 5%); 2 title-only slide(s)" in out
    assert "1 deck(s) miss the targets: 04-the-research" in err


def test_no_component_adds_a_section_that_reveal_would_count_as_a_slide(built_site):
    """reveal.js numbers and navigates every <section>: a component's own would be a
    phantom slide (the slide count jumps, → skips)."""
    from bs4 import BeautifulSoup

    for deck in sorted((built_site / "slides").glob("*.html")):
        soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        sections = soup.select(".reveal .slides section")
        structural = soup.select(".reveal .slides > section, .reveal .slides > section > section")
        assert len(sections) == len(structural), deck.name


def test_every_deck_written_for_the_room_meets_the_targets(built_site):
    from course import paths
    from course.loader import store

    limits = deck_report.class_limits(store.get())
    room = deck_report.written_for_room(paths.NOTEBOOKS_DIR) | set(limits)
    assert room >= {lesson.id for lesson in store.get().syllabus.lessons} | {"class-90"}
    stats = {s.deck: s for s in deck_report.site_report(built_site)}
    missed = {deck: stats[deck].misses(limits.get(deck, 30)) for deck in room}
    assert missed == {deck: [] for deck in room}


def test_visible_words_leave_out_quizzes_sources_and_folded_text():
    from course.builder import length

    html = """<html><body><nav>Menu words here</nav><main>
    <h1>Two words</h1><p>Three more words.</p>
    <div class="course-quiz"><p>Question words never counted</p></div>
    <div class="course-claim"><p>Quote of four</p><details class="claim-why"><summary>Why this
    verdict?</summary><p>Evidence words folded away</p></details></div>
    <span class="gloss"><a>term</a><span class="gloss-tip">a definition on hover</span></span>
    <section class="course-sources-list"><h2>Sources</h2><li>Ref 2020</li></section>
    </main></body></html>"""
    # "Two words" + "Three more words." + "Quote of four" + "term" = 2 + 3 + 3 + 1
    assert length.visible_words(html) == 9


def test_course_check_prints_each_lessons_visible_words(built_site, capsys):
    from course.builder import length

    assert cli.main(["check", "--site", str(built_site)]) == 0
    out = capsys.readouterr().out
    assert "whole course" in out and f"budget of {length.BUDGET:,}" in out
    for line in ("00-start-here", "08-review"):
        assert re.search(rf"^{line}\s+[\d,]+$", out, re.M), line


def test_course_check_fails_a_course_over_its_word_budget(built_site, capsys, monkeypatch):
    from course.builder import length

    total = sum(p.words for p in length.report(store.load(), built_site))
    monkeypatch.setattr(length, "BUDGET", total - 10)
    assert cli.main(["check", "--site", str(built_site)]) == 1
    err = capsys.readouterr().err
    assert "10 visible words over the budget" in err, err


def test_course_check_warns_of_a_lesson_past_its_review_date(content_copy, capsys, tmp_path):
    """A lesson whose next review has passed is named, with its dates, every check."""
    from tests.conftest import edit

    path = content_copy / "syllabus.yml"
    edit(path, "    reviewed: 2026-12-06\n", "    reviewed: 2019-01-01\n")
    edit(path, "    next_review: 2027-12-06\n", "    next_review: 2020-01-01\n")
    store.reload()
    assert cli.main(["check", "--site", str(tmp_path)]) == 0  # a warning, not a failure
    err = capsys.readouterr().err
    assert "lesson 00-start-here: its review was due on 2020-01-01" in err, err
    assert "01-back-pain: its review" not in err
