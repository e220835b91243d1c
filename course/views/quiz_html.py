"""Render quiz questions as self-contained HTML that grades in the browser.

The page needs only the shared ``course.js``/``course.css``: no kernel, no network.
Correctness and feedback travel as data attributes and hidden elements built from
the same YAML the widget uses, so the two renderings cannot disagree.
"""

from __future__ import annotations

from course.model.quiz import HEADLINES, Question
from course.output import render


def render_quiz(
    bank_id: str,
    questions: list[Question],
    title: str,
    source_labels: dict[str, list[str]],
    dom_id: str | None = None,
    scored: bool = True,
    fold: bool = False,
) -> str:
    return render.fragment(
        "quiz.html.j2",
        bank_id=bank_id,
        dom_id=dom_id or bank_id,
        title=title,
        questions=questions,
        source_labels=source_labels,
        messages=HEADLINES,
        scored=scored,
        fold=fold,
    )
