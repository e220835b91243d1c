"""Render quiz questions as ipywidgets for a live kernel; grading runs in Python.

ipywidgets is imported inside the class so that the model, the static renderer
and the build never need it.
"""

from __future__ import annotations

from typing import Any

from course.answer_file import AnswerFile
from course.model.quiz import Grade, Question
from course.output import render


class QuizWidget:
    """A column of questions with Check buttons, teaching feedback and a running score."""

    def __init__(
        self,
        bank_id: str,
        questions: list[Question],
        title: str,
        source_labels: dict[str, list[str]],
        answer_file: AnswerFile | None = None,
    ) -> None:
        import ipywidgets as w

        self.bank_id = bank_id
        self.questions = {q.id: q for q in questions}
        self.source_labels = source_labels
        self.answer_file = answer_file or AnswerFile()
        self.grades: dict[str, Grade] = {}
        self.selectors: dict[str, Any] = {}  # RadioButtons or a VBox of Checkboxes
        self.buttons: dict[str, w.Button] = {}
        self.feedback: dict[str, w.HTML] = {}

        self.score = w.HTML()
        title_html = render.jupyter_styles() + render.fragment("widget_title.html.j2", title=title)
        rows = [w.HTML(title_html), self.score]
        for number, question in enumerate(questions, start=1):
            rows.append(self._question_box(w, number, question))
        self.reset_button = w.Button(description="Reset my answers", icon="undo")
        self.reset_button.on_click(lambda _b: self.reset())
        rows.append(self.reset_button)
        self.view = w.VBox(rows, layout=w.Layout(max_width="52rem"))
        self.view.add_class("course-quiz-widget")
        self._restore()
        self._update_score()

    def _question_box(self, w, number: int, question: Question):
        prompt = w.HTML(render.fragment("widget_prompt.html.j2", number=number, q=question))
        if question.kind == "multiple":
            boxes = [
                w.Checkbox(
                    value=False, description=o.text, indent=False, layout=w.Layout(width="auto")
                )
                for _i, o in question.shown
            ]
            selector = w.VBox(boxes)
        else:
            selector = w.RadioButtons(
                options=[(o.text, i) for i, o in question.shown],
                value=None,
                layout=w.Layout(width="auto"),
            )
        button = w.Button(description="Check answer", button_style="primary")
        button.on_click(lambda _b, qid=question.id: self.check(qid))
        feedback = w.HTML()
        self.selectors[question.id] = selector
        self.buttons[question.id] = button
        self.feedback[question.id] = feedback
        return w.VBox([prompt, selector, button, feedback])

    def selected(self, question_id: str) -> set[int]:
        selector = self.selectors[question_id]
        question = self.questions[question_id]
        if question.kind == "multiple":
            shown = [i for i, _o in question.shown]
            return {shown[k] for k, box in enumerate(selector.children) if box.value}
        return set() if selector.value is None else {selector.value}

    def select(self, question_id: str, indices: set[int]) -> None:
        """Set the selection as a learner would (used by the restore step and tests)."""
        selector = self.selectors[question_id]
        question = self.questions[question_id]
        if question.kind == "multiple":
            for (i, _o), box in zip(question.shown, selector.children, strict=True):
                box.value = i in indices
        else:
            selector.value = next(iter(indices)) if indices else None

    def check(self, question_id: str, *, save: bool = True) -> Grade:
        question = self.questions[question_id]
        grade = question.grade(self.selected(question_id))
        self.feedback[question_id].value = render.fragment(
            "feedback.html.j2",
            grade=grade,
            question=question,
            sources=self.source_labels[question_id],
        )
        if grade.answered:
            self.grades[question_id] = grade
            if save:
                saved = sorted(grade.selected)
                self.answer_file.record(self.bank_id, question_id, saved, grade.correct)
        self._update_score()
        return grade

    def reset(self) -> None:
        self.answer_file.reset(self.bank_id)
        self.grades.clear()
        for question_id in self.questions:
            self.select(question_id, set())
            self.feedback[question_id].value = ""
        self._update_score()

    @property
    def correct_count(self) -> int:
        return sum(g.correct for g in self.grades.values())

    def _update_score(self) -> None:
        self.score.value = render.fragment(
            "widget_score.html.j2",
            correct=self.correct_count,
            total=len(self.questions),
            answered=len(self.grades),
        )

    def _restore(self) -> None:
        saved = self.answer_file.answers(self.bank_id)
        for question_id, entry in saved.items():
            question = self.questions.get(question_id)
            selected = entry.get("selected") if isinstance(entry, dict) else None
            # an answer to a question since edited (fewer options, now single-choice) is not
            # restored: that question starts afresh; a stored "correct" is graded again
            if question is None or not selected or not question.takes(selected):
                continue
            self.select(question_id, set(selected))
            self.check(question_id, save=False)
