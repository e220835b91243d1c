"""The questions a deck puts to the room, in the deck's order: its quiz questions and its
claims (the room judges the verdict before the slide shows it). The deck says which and
in what order; the course content says what each asks, its options and its answer, so a
room question is always the one the slide shows."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from course.loader.content import Content
from course.model.quiz import Question
from course.model.verdicts import VERDICT_MEANINGS, Verdict

# The verdicts a room chooses from for a claim: the research verdicts of the scale, in the
# order lesson 00 teaches them ("advice" is no research verdict, and no claim is put to
# the vote whose verdict it is).
VOTED_VERDICTS = tuple(v for v in Verdict if v is not Verdict.advice)


@dataclass(frozen=True)
class Option:
    index: int  # the option's authoring index (or the verdict's place on the scale)
    text: str


@dataclass(frozen=True)
class RoomQuestion:
    """One question as the room sees it: ``options`` in the order the slide shows them."""

    id: str
    kind: str  # "single", "multiple", "true-false", or "verdict" (a claim)
    prompt: str
    options: tuple[Option, ...]
    correct: frozenset[int]
    # what the room is told once it is revealed: per option chosen, and for everyone
    feedback: dict[int, str]
    explanation: str

    @property
    def multiple(self) -> bool:
        return self.kind == "multiple"

    def check(self, chosen: object) -> list[int]:
        """The options chosen, sorted, if they fit this question; ValueError with what is
        wrong otherwise (the answer is refused whole)."""
        if not isinstance(chosen, list) or not chosen:
            raise ValueError("choose at least one option")
        if not all(type(i) is int for i in chosen):
            raise ValueError("options are given by their numbers")
        known = {option.index for option in self.options}
        unknown = sorted(set(chosen) - known)
        if unknown:
            raise ValueError(f"question {self.id} has no option {unknown[0]}")
        if len(set(chosen)) != len(chosen):
            raise ValueError("an option is chosen twice")
        if not self.multiple and len(chosen) > 1:
            raise ValueError(f"question {self.id} takes one option")
        return sorted(chosen)

    def public(self) -> dict:
        """What a phone is sent while the question is open: no answer, no feedback."""
        return {
            "id": self.id,
            "kind": self.kind,
            "prompt": self.prompt,
            "multiple": self.multiple,
            "options": [{"index": o.index, "text": o.text} for o in self.options],
        }

    def revealed(self) -> dict:
        """What a phone is sent once the presenter reveals the answer."""
        return {
            **self.public(),
            "correct": sorted(self.correct),
            "feedback": {str(i): text for i, text in self.feedback.items()},
            "explanation": self.explanation,
        }


def from_quiz(question: Question) -> RoomQuestion:
    return RoomQuestion(
        id=question.id,
        kind=question.kind,
        prompt=question.prompt,
        options=tuple(Option(i, option.text) for i, option in question.shown),
        correct=question.correct_indices,
        feedback={i: option.feedback for i, option in enumerate(question.options)},
        explanation=question.explanation or "",
    )


def from_claim(data: Content, claim_id: str) -> RoomQuestion | None:
    """A claim as a question of its verdict, or None for advice (nothing to judge)."""
    claim = data.claims[claim_id]
    if claim.verdict is Verdict.advice:
        return None
    also = f" (also {', '.join(claim.articles[1:])})" if len(claim.articles) > 1 else ""
    quote = claim.quote.strip("“” ")
    return RoomQuestion(
        id=f"claim-{claim.id}",
        kind="verdict",
        prompt=f"Article {claim.articles[0]}{also} says: “{quote}” What is the verdict?",
        options=tuple(Option(n, v.label) for n, v in enumerate(VOTED_VERDICTS)),
        correct=frozenset({VOTED_VERDICTS.index(claim.verdict)}),
        feedback={n: VERDICT_MEANINGS[v.value] for n, v in enumerate(VOTED_VERDICTS)},
        explanation=claim.in_short or claim.evidence,
    )


class _DeckIds(HTMLParser):
    """The question and claim ids of a deck, in order, once each."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("data-question-id", "data-claim-id"):
                item = ("question" if name == "data-question-id" else "claim", value)
                if item not in self.found:
                    self.found.append(item)


def deck_ids(deck: Path) -> list[tuple[str, str]]:
    """("question" or "claim", id) of each the deck shows, in the deck's order."""
    parser = _DeckIds()
    parser.feed(deck.read_text(encoding="utf-8"))
    return parser.found


def of_deck(data: Content, deck: Path) -> list[RoomQuestion]:
    """The room's questions for ``deck``, in its order."""
    bank = data.questions
    questions = []
    for kind, item in deck_ids(deck):
        if kind == "question":
            if item not in bank:
                raise KeyError(f"{deck.name}: question {item!r} is in no quiz bank")
            questions.append(from_quiz(bank[item]))
        else:
            room = from_claim(data, item)
            if room is not None:
                questions.append(room)
    return questions
