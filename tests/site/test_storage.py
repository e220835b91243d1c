"""Damaged browser storage never breaks a page: whatever is saved under the course's keys
(garbage, wrong types, wrong shapes, very large values) or however storage fails (it throws
on access), the lesson loads with no page error, its quiz grades and, where storage works,
saves; the damage is reported once with console.warn and counts as no progress."""

from __future__ import annotations

import json

import pytest

from tests.conftest import answer_correctly

pytestmark = pytest.mark.browser

LESSON = "04-the-research"
KEY = f"acupuncture-course:quiz:{LESSON}"
Q = "{first}"  # replaced by the lesson's first question id

DAMAGED = {
    "garbage": "{not json",
    "number": "5",
    "string": '"answers"',
    "array": "[1, 2]",
    "null": "null",
    "answer-is-a-number": json.dumps({Q: 5}),
    "answer-of-strings": json.dumps({Q: {"selected": "0", "correct": "yes"}}),
    "option-it-does-not-have": json.dumps({Q: {"selected": [17], "correct": True}}),
    "two-options-for-one": json.dumps({Q: {"selected": [0, 1], "correct": True}}),
    "proto-key": json.dumps({"__proto__": {"selected": [0], "correct": True}}),
    "very-large-object": json.dumps(
        {f"junk-{i}": {"selected": [1], "correct": "yes"} for i in range(20000)}
    ),
    "very-large-string": json.dumps("x" * 1_000_000),
}


def _open_with(page, site_url, value: str | None):
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(f"{site_url}/search.html")  # the site's origin, with nothing saved yet
    first = None
    if value is not None:
        page.goto(f"{site_url}/{LESSON}.html")
        first = page.locator("[data-question-id]").first.get_attribute("data-question-id")
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value.replace(Q, first)])
        warnings.clear()
    page.goto(f"{site_url}/{LESSON}.html")
    return warnings


@pytest.mark.parametrize("value", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_lesson_with_damaged_storage_loads_grades_and_saves(page, site_url, value):
    warnings = _open_with(page, site_url, value)
    damaged = [w for w in warnings if "damaged" in w]
    assert len(damaged) == 1 and KEY in damaged[0], warnings
    first = page.locator("[data-question-id]").first
    assert first.locator(".course-feedback").inner_text() == ""  # no answer taken from damage

    answer_correctly(page, first.get_attribute("data-question-id"))
    assert "Correct." in first.locator(".course-feedback").inner_text()
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))
    assert saved == {
        first.get_attribute("data-question-id"): saved[first.get_attribute("data-question-id")]
    }
    assert saved[first.get_attribute("data-question-id")]["correct"] is True

    page.reload()
    assert (
        "Correct."
        in page.locator("[data-question-id]").first.locator(".course-feedback").inner_text()
    )
    page.goto(f"{site_url}/index.html")
    progress = page.locator(f'[data-lesson-progress="{LESSON}"]').inner_text()
    assert progress.startswith("Quiz: 1 of ") and "1 correct" in progress
    assert page.errors == []


def test_a_stored_correct_flag_is_not_trusted(page, site_url):
    """A wrong answer saved as correct is graded again: shown wrong, not scored."""
    page.goto(f"{site_url}/{LESSON}.html")
    first = page.locator("[data-question-id]").first
    wrong = first.locator("input:not([data-correct])").first.get_attribute("value")
    qid = first.get_attribute("data-question-id")
    entry = {qid: {"selected": [int(wrong)], "correct": True}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(entry)])
    page.reload()
    first = page.locator("[data-question-id]").first
    assert "Not quite" in first.locator(".course-feedback").inner_text()
    assert page.locator(".course-quiz").first.locator("[data-score]").inner_text() == "0"
    assert page.errors == []


def test_storage_that_throws_on_access_still_grades(browser, site_url):
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('denied', 'SecurityError'); }});"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    for path in (f"{LESSON}.html", "index.html", "08-review.html"):
        page.goto(f"{site_url}/{path}")
    page.goto(f"{site_url}/{LESSON}.html")
    first = page.locator("[data-question-id]").first
    answer_correctly(page, first.get_attribute("data-question-id"))
    assert "Correct." in first.locator(".course-feedback").inner_text()
    page.goto(f"{site_url}/index.html")
    page.get_by_role("button", name="Export my progress").click()
    assert errors == []
    context.close()
