"""Where am I? A summary of quiz progress across lessons.

In Jupyter it reads the learner's progress file when the cell runs; on the site and
slides the same table is filled in the browser from localStorage (course.js).
"""

from __future__ import annotations

from typing import Any

from course.answer_file import AnswerFile
from course.loader import store
from course.output import render


class ProgressSummary(render.HtmlDisplay):
    kind = "progress-summary"

    @classmethod
    def notes_text(cls, output, marker, export) -> None:
        """The learner's own answers: nothing a presenter could read out."""
        return None

    def __init__(self) -> None:
        data = store.get()
        self.rows: list[dict[str, Any]] = [
            {
                "id": lesson.id,
                "title": lesson.title,
                "total": len(data.quizzes[lesson.id].questions),
            }
            for lesson in data.syllabus.lessons
            if lesson.id in data.quizzes
        ]

    def html(self) -> str:
        return render.fragment("progress_summary.html.j2", rows=self.rows, saved=None)

    def jupyter_html(self) -> str:
        saved = {}
        store = AnswerFile()
        for row in self.rows:
            answers = store.answers(row["id"])
            saved[row["id"]] = {
                "answered": len(answers),
                "correct": sum(1 for a in answers.values() if a.get("correct")),
            }
        return render.fragment("progress_summary.html.j2", rows=self.rows, saved=saved)

    def __repr__(self) -> str:
        return "\n".join(f"{r['id']}: {r['total']} questions" for r in self.rows)


def progress_summary() -> ProgressSummary:
    """Show which lessons' quizzes you have answered, and your scores."""
    return ProgressSummary()
