"""The two graders agree: Python (course.model.quiz, used by the Jupyter widget) and the
site's script (course.js) grade the same selections the same way, headline and
per-option feedback included. One table of selections runs through both."""

from __future__ import annotations

from itertools import combinations

import pytest

from course.loader import store
from tests.conftest import lesson_ids

pytestmark = pytest.mark.browser

# Lessons whose banks together hold every kind of question (single, true-false, multiple).
LESSONS = ("04-the-research", "05-risks-and-safety")


def selections(question) -> list[frozenset[int]]:
    """Nothing, each option alone, and for multiple choice every pair and triple too."""
    indices = range(len(question.options))
    sizes = (0, 1, 2, 3) if question.kind == "multiple" else (0, 1)
    return [frozenset(c) for size in sizes for c in combinations(indices, size)]


def python_grade(question, chosen) -> dict:
    grade = question.grade(chosen)
    mark = "✔ " if grade.correct else ("✘ " if grade.answered else "")
    state = "is-correct" if grade.correct else ("is-wrong" if grade.answered else "is-empty")
    options = sorted(
        f"{'✔' if ok else '✘'} {question.options[i].text}: {' '.join(text.split())}"
        for i, ok, text in grade.feedback
    )
    return {"state": state, "headline": mark + grade.headline, "options": options}


BROWSER_GRADE = """([id, chosen]) => {
  const q = document.querySelector(`[data-question-id="${id}"]`);
  for (const input of q.querySelectorAll("input")) input.checked = chosen.includes(+input.value);
  q.querySelector(".course-check").click();
  const body = q.querySelector(".course-feedback-body");
  const state = ["is-correct", "is-wrong", "is-empty"].find(c => body.classList.contains(c));
  const norm = s => s.replace(/\\s+/g, " ").trim();
  return {
    state,
    headline: norm(body.querySelector(".course-feedback-headline").textContent),
    options: [...body.querySelectorAll(".course-feedback-option")]
      .map(p => norm(p.textContent)).sort(),
  };
}"""


@pytest.mark.parametrize("lesson", LESSONS)
def test_site_script_and_python_grade_every_selection_alike(page, site_url, lesson):
    assert lesson in lesson_ids()
    bank = store.get().quiz(lesson)
    page.goto(f"{site_url}/{lesson}.html")
    checked = 0
    for question in bank.questions:
        for chosen in selections(question):
            expected = python_grade(question, chosen)
            expected["options"] = sorted(o.replace(" :", ":") for o in expected["options"])
            seen = page.evaluate(BROWSER_GRADE, [question.id, sorted(chosen)])
            seen["options"] = sorted(o.replace(" :", ":") for o in seen["options"])
            assert seen == expected, (question.id, sorted(chosen))
            checked += 1
    kinds = {q.kind for lesson in LESSONS for q in store.get().quiz(lesson).questions}
    assert kinds == {"single", "true-false", "multiple"}
    assert checked > 3 * len(bank.questions)
    page.evaluate("localStorage.clear()")
    assert page.errors == []
