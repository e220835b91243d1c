"""Quiz banks and grading as pure Python: the widget, the static page and the LMS
report grade with the same rules (the site's script mirrors them and is tested to agree).
Nothing here imports IPython or ipywidgets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from course.model.base import ConceptId, Id, SourceId, Strict, Text, rule_error

# -- quizzes ------------------------------------------------------------------


class Option(Strict):
    text: Text
    correct: bool = False
    feedback: Text


class Question(Strict):
    id: Id
    kind: Literal["single", "multiple", "true-false"]
    prompt: Text
    options: list[Option] = Field(min_length=2)
    explanation: Text | None = None
    sources: list[SourceId] = Field(default_factory=list)
    # the IHC Key Concepts a "judge this claim" question practises
    concepts: list[ConceptId] = Field(default_factory=list)
    # The order options are shown in, as indices into ``options``. Authors write the correct
    # answer wherever is natural; the loader sets this (see ``quiz_order``) so that a learner
    # cannot pass by always picking the first option. Grading and saved answers keep using
    # authoring indices, so a stored answer means the same option whatever the display order.
    display_order: tuple[int, ...] = ()

    @field_validator("options")
    @classmethod
    def _answerable(cls, options: list[Option], info: ValidationInfo) -> list[Option]:
        """A question a learner can get right, one way only for single and true-false."""
        kind, correct = info.data.get("kind"), sum(option.correct for option in options)
        problems = []
        if correct == 0:
            problems.append("no option is marked correct")
        elif kind in ("single", "true-false") and correct > 1:
            problems.append(f"kind {kind!r} needs exactly one correct option")
        elif kind == "multiple" and correct == len(options):
            problems.append("every option is correct; nothing to choose")
        if kind == "true-false" and len(options) != 2:
            problems.append("a true-false question has exactly two options")
        if problems:
            raise rule_error("; ".join(problems))
        return options

    @property
    def shown(self) -> list[tuple[int, Option]]:
        """(authoring index, option) pairs in display order."""
        order = self.display_order or tuple(range(len(self.options)))
        return [(i, self.options[i]) for i in order]

    @property
    def correct_indices(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)

    def takes(self, selected: object) -> bool:
        """Whether a saved selection fits this question: its own options, at least one, and
        only one unless it is a multiple-choice question. (The site's script keeps the same
        rule for answers saved in the browser.)"""
        if not isinstance(selected, list | tuple | set | frozenset) or not selected:
            return False
        fine = all(type(i) is int and 0 <= i < len(self.options) for i in selected)
        return fine and (self.kind == "multiple" or len(set(selected)) == 1)

    def grade(self, selected: set[int] | frozenset[int] | list[int]) -> Grade:
        """Grade one attempt; ``selected`` holds option indices.

        Only the chosen options' feedback is returned: revealing the feedback of
        unchosen correct options would turn a retry into copying the answer.
        """
        chosen = frozenset(selected)
        unknown = [i for i in chosen if not 0 <= i < len(self.options)]
        if unknown:
            raise ValueError(f"question {self.id!r} has no option {unknown[0]}")
        if not chosen:
            return Grade(self.id, chosen, answered=False, correct=False, feedback=(), missed=0)
        if self.kind != "multiple" and len(chosen) > 1:
            raise ValueError(f"question {self.id!r} takes one answer, got {len(chosen)}")
        feedback = tuple(
            (i, self.options[i].correct, self.options[i].feedback) for i in sorted(chosen)
        )
        missed = len(self.correct_indices - chosen)
        return Grade(
            self.id,
            chosen,
            answered=True,
            correct=chosen == self.correct_indices,
            feedback=feedback,
            missed=missed,
        )


# One wording for every rendering: the static script reads these from the page.
HEADLINES = {
    "empty": "Choose an answer first.",
    "correct": "Correct.",
    "partial": "Partly right: {missed} more right options to find.",
    "partial-one": "Partly right: one more right option to find.",
    "wrong": "Not quite: read the feedback and try again.",
}


@dataclass(frozen=True)
class Grade:
    """The outcome of one attempt at one question."""

    question_id: str
    selected: frozenset[int]
    answered: bool
    correct: bool
    feedback: tuple[tuple[int, bool, str], ...]
    missed: int

    @property
    def headline(self) -> str:
        if not self.answered:
            return HEADLINES["empty"]
        if self.correct:
            return HEADLINES["correct"]
        if self.missed and all(ok for _, ok, _ in self.feedback):
            if self.missed == 1:
                return HEADLINES["partial-one"]
            return HEADLINES["partial"].format(missed=self.missed)
        return HEADLINES["wrong"]


class QuizBank(Strict):
    title: Text = "Check your understanding"
    questions: list[Question] = Field(default_factory=list)
    # A bank that is not a lesson's own quiz names the lesson that shows it: the claim
    # tests (test: pre or post), which no score counts (scored: false) in an LMS.
    lesson: Annotated[str, StringConstraints(pattern=r"^\d\d-[a-z0-9-]+$")] | None = None
    test: Literal["pre", "post"] | None = None
    scored: bool = True
    # ids of questions from other lessons' banks, shown after this bank's own (review quizzes)
    include: list[Id] = Field(default_factory=list)

    def select(self, ids: list[str] | None) -> list[Question]:
        if not ids:
            return list(self.questions)
        by_id = {q.id: q for q in self.questions}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise KeyError(f"no question {missing[0]!r} in this bank")
        return [by_id[i] for i in ids]
