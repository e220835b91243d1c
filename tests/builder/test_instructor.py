"""The instructor guide: timed plans from the decks, prompts from the notes, the answer key."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from course.loader import store
from tests.conftest import edit, line_of, problems_for


def test_guide_has_both_timed_plans_every_answer_and_is_linked_everywhere(built_site):
    data = store.get()
    html = (built_site / "instructor.html").read_text()
    plans = {p.id: p for p in data.teaching.plans}
    assert plans["class-90"].minutes == 90 and plans["class-45"].minutes == 45
    # the class decks come first: in the guide's navigation and at the top of each plan
    nav = html[html.index('aria-label="Plans in this guide"') :]
    assert nav.index('href="slides/class-90.html"') < nav.index('href="#plan-class-90"')
    for plan in plans.values():
        assert f'id="plan-{plan.id}"' in html
        section = html[html.index(f'id="plan-{plan.id}"') :]
        assert section.index(f'href="slides/{plan.id}.html"') < section.index("plan-timing")
        assert f"<td>{plan.buffer}</td>" in section  # the minutes in hand are in the timing
        for part in plan.parts:
            for section in part.sections:
                # each slide of the plan links into its deck at a horizontal slide
                assert re.search(rf'href="slides/{part.lesson}\.html#/\d+">', html), section
    # the answer key: every question of every bank, with each of its right answers
    key = html[html.index('id="answer-key"') :]
    for bank in data.quizzes.values():
        for question in bank.questions:
            assert f'id="key-{question.id}"' in key
            item = BeautifulSoup(key, "html.parser").find(id=f"key-{question.id}")
            listed = [li.get_text(strip=True) for li in item.select(".answer-key-answers li")]
            single = item.select_one(".answer-key-answer").get_text(" ", strip=True)
            given = listed or [single.removeprefix("Answer:").strip()]
            assert given == [o.text for _, o in question.shown if o.correct], question.id
    assert "Teaching point:" in key and "Right." not in key  # praise is for learners
    # and why each wrong option is wrong, from its feedback (issue 24)
    soup = BeautifulSoup(key, "html.parser")
    for bank in data.quizzes.values():
        for question in bank.questions:
            item = soup.find(id=f"key-{question.id}")
            why = [li.get_text(" ", strip=True) for li in item.select(".answer-key-distractors li")]
            wrong = [o for _, o in question.shown if not o.correct]
            assert len(why) == len(wrong), question.id
            for text, option in zip(why, wrong, strict=True):
                assert text.endswith(" ".join(option.feedback.split())), question.id
    assert "(all of these)" not in key and ".:" not in soup.get_text()
    # a discussion prompt from lesson 05's speaker notes reaches the guide
    assert "per what" in html.lower()
    assert 'href="instructor.html"' in (built_site / "index.html").read_text()
    for lesson in data.syllabus.lessons:
        deck = (built_site / "slides" / f"{lesson.id}.html").read_text()
        closing = deck[deck.rindex("sources-slide") :]
        assert 'href="../instructor.html"' in closing, lesson.id


@pytest.mark.browser
def test_a_plan_link_opens_the_deck_on_that_section(page, site_url):
    page.goto(f"{site_url}/instructor.html")
    link = page.locator("#plan-class-45 ~ ol .plan-slides a", has_text="Rare but serious harms")
    link.first.click()
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    title = page.evaluate(
        "Reveal.getCurrentSlide().closest('.slides > section').querySelector('h2').textContent"
    )
    assert (
        title.replace("¶", "").strip() == "Rare but serious harms, including one the articles omit"
    )
    assert page.external_requests == [] and page.errors == []


def test_a_plan_whose_parts_do_not_add_up_is_rejected_with_file_line_and_plan(content_copy):
    path = content_copy / "teaching.yml"
    edit(path, "        minutes: 18\n", "        minutes: 19\n")
    problems = problems_for(content_copy)
    assert [p.split("/content/")[-1] for p in problems] == [
        f"teaching.yml:{line_of(path, 'id: class-90')}: [class-90]"
        " the parts, the break and the buffer add up to 91 minutes, not the plan's 90"
    ]


def test_a_plan_naming_a_missing_section_or_question_is_rejected(content_copy):
    from course.builder import checks

    path = content_copy / "teaching.yml"
    edit(path, "          - Guidelines disagree, and why\n", "          - Guidelines agree\n")
    edit(path, "questions: [care-q-tell]", "questions: [care-q-nope]")
    problems = problems_for(content_copy)  # the content alone: the unknown question
    assert len(problems) == 1
    wrong = problems[0]
    assert f"/teaching.yml:{line_of(path, 'care-q-nope')}: " in wrong
    assert "no question 'care-q-nope' in the 07-choosing-care quiz" in wrong
    # the sections are the lessons' headings: checked with the notebooks
    edit(path, "questions: [care-q-nope]", "questions: [care-q-tell]")
    store.reload()
    found, _ = checks.check_notebooks(store.get())
    missing = [str(p) for p in found]
    assert len(missing) == 1, missing
    assert f"/teaching.yml:{line_of(path, '- Guidelines agree')}: " in missing[0]
    assert "[class-90 part 4]" in missing[0] and "Guidelines disagree, and why" in missing[0]


def test_the_guide_parses_only_decks_it_has_not_seen(tmp_path, monkeypatch):
    """A prose edit re-exports one deck: the guide's section index parses that deck alone
    and takes the others from its memo, which keeps only the current decks."""
    from course.builder import guide

    deck = '<div class="reveal"><div class="slides"><section><h2>{}</h2></section></div></div>'
    decks = {}
    for name in ("a", "b"):
        decks[name] = tmp_path / f"{name}.html"
        decks[name].write_text(deck.format(f"Section {name}"), encoding="utf-8")
    memo = tmp_path / "cache" / "deck-sections.json"
    assert guide.deck_index(decks, memo) == {"a": {"Section a": 0}, "b": {"Section b": 0}}

    parsed = []
    real = guide.deck_sections
    monkeypatch.setattr(guide, "deck_sections", lambda html: parsed.append(html) or real(html))
    decks["b"].write_text(deck.format("Section b, edited"), encoding="utf-8")
    assert guide.deck_index(decks, memo)["b"] == {"Section b, edited": 0}
    assert len(parsed) == 1 and "edited" in parsed[0]
    assert len(json.loads(memo.read_text())) == 2  # the old b is gone from the memo
    memo.write_text("not json")  # a damaged memo is rebuilt, never trusted
    assert guide.deck_index(decks, memo)["a"] == {"Section a": 0}
