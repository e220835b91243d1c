"""The pre-test and post-test of the skill the course teaches: judging new claims.

Two banks (quizzes/claims-pre.yml, quizzes/claims-post.yml) ask about claims no lesson
teaches, one question for each Informed Health Choices Key Concept in both forms, so a
learner's answers before (lesson 00) and after (lesson 08) show their gain per concept.
The results table reads the learner's progress file in Jupyter; on the site it is filled
in the browser from the saved answers, and on a deck from the room's answers on it.
"""

from __future__ import annotations

from typing import Any

from course.answer_file import AnswerFile
from course.loader import store
from course.loader.content import Content
from course.model.quiz import QuizBank
from course.output import render

FORMS = ("pre", "post")


def forms(data: Content | None = None) -> dict[str, tuple[str, QuizBank]]:
    """The test banks by form ("pre", "post"), each with its bank id."""
    data = data or store.get()
    found: dict[str, tuple[str, QuizBank]] = {
        bank.test: (bank_id, bank) for bank_id, bank in data.quizzes.items() if bank.test
    }
    missing = [f for f in FORMS if f not in found]
    if missing:
        raise KeyError(f"no claim-test bank for form {missing[0]!r} (quizzes/*.yml, test: …)")
    return found


def rows(data: Content | None = None) -> list[dict[str, Any]]:
    """One row per concept the tests measure: its title and each form's question id."""
    data = data or store.get()
    tests = forms(data)
    table = []
    for concept in data.concepts.values():
        cells = {}
        for form, (_bank_id, bank) in tests.items():
            ids = [q.id for q in bank.questions if concept.id in q.concepts]
            if ids:
                cells[form] = ids[0]
        if cells:
            table.append({"id": concept.id, "title": concept.title, "questions": cells})
    return table


class ClaimTestResults(render.HtmlDisplay):
    kind = "claim-test-results"

    @classmethod
    def notes_text(cls, output, marker, export) -> None:
        """The learner's own answers: nothing a presenter could read out."""
        return None

    def __init__(self) -> None:
        data = store.get()
        self.banks = {form: bank_id for form, (bank_id, _) in forms(data).items()}
        self.rows = rows(data)

    def _fragment(self, saved: dict[str, dict[str, Any]] | None) -> str:
        return render.fragment(
            "claim_test_results.html.j2", rows=self.rows, banks=self.banks, saved=saved
        )

    def html(self) -> str:
        return self._fragment(None)

    def jupyter_html(self) -> str:
        progress = AnswerFile()
        saved = {form: progress.answers(bank) for form, bank in self.banks.items()}
        return self._fragment(saved)

    def __repr__(self) -> str:
        return "\n".join(f"{r['title']}: {', '.join(r['questions'].values())}" for r in self.rows)


def claim_test_results() -> ClaimTestResults:
    """Your answers to the claim tests, per concept: before the course and after it."""
    return ClaimTestResults()
