"""How far a test-wise learner gets without reading: the cues a quiz must not give.

A bank whose right answer is always last, or always the longest option, is passed by a
learner who never reads the question (one audit scored 76% that way where chance was
31%). ``course check`` runs the usual guessing strategies over every question, in the
order learners see the options, and fails a strategy that beats chance by more than
``MARGIN`` points; it also reports where the right answer sits for each number of options
and how often it is the longest or the shortest option.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from course.model.quiz import Question

MARGIN = 10.0  # percentage points above chance a strategy may score
LENGTH_SHARE = 35.0  # % of single-choice questions whose right option is longest (or shortest)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[a-z]{4,}")
# Words too common to count as echoing the question.
_COMMON = frozenset(
    {
        "that", "this", "with", "from", "what", "which", "have", "your", "they", "their",
        "them", "there", "these", "those", "about", "would", "could", "should", "does",
        "were", "been", "than", "then", "when", "will", "into", "more", "most", "only",
        "some", "such", "each", "other",
    }
)  # fmt: skip


def _texts(question: Question) -> list[str]:
    return [option.text for _, option in question.shown]


def _first(question: Question) -> int:
    return 0


def _last(question: Question) -> int:
    return len(question.options) - 1


def _longest(question: Question) -> int:
    lengths = [len(t) for t in _texts(question)]
    return lengths.index(max(lengths))


def _shortest(question: Question) -> int:
    lengths = [len(t) for t in _texts(question)]
    return lengths.index(min(lengths))


def _number(text: str) -> float | None:
    found = _NUMBER.search(text)
    return float(found.group(0).replace(",", "")) if found else None


def _middle_number(question: Question) -> int:
    """The option whose number is the middle one ("when in doubt, not the extremes"); with
    fewer than three numbers, the middle position."""
    numbered = [(n, i) for i, t in enumerate(_texts(question)) if (n := _number(t)) is not None]
    if len(numbered) >= 3:
        numbered.sort()
        return numbered[(len(numbered) - 1) // 2][1]
    return (len(question.options) - 1) // 2


def _echo(question: Question) -> int:
    """The option that repeats most of the question's own words."""
    asked = set(_WORD.findall(question.prompt.lower())) - _COMMON
    overlaps = [len(set(_WORD.findall(t.lower())) & asked) for t in _texts(question)]
    return overlaps.index(max(overlaps))


def _audit(question: Question) -> int:
    """The rule an audit used on this course: the last of four or more, else the longest."""
    return _last(question) if len(question.options) > 3 else _longest(question)


STRATEGIES: dict[str, Callable[[Question], int]] = {
    "always the first": _first,
    "always the last": _last,
    "always the longest": _longest,
    "always the shortest": _shortest,
    "the middle number": _middle_number,
    "the option echoing the question": _echo,
    "the last of four or more, else the longest": _audit,
}


def _right_position(question: Question) -> int:
    order = [i for i, _ in question.shown]
    return order.index(min(question.correct_indices))


def scored(questions: Iterable[Question]) -> list[Question]:
    """The questions a guess can be scored on (one right option), each once."""
    seen: dict[str, Question] = {}
    for q in questions:
        if q.kind in ("single", "true-false") and q.correct_indices:
            seen.setdefault(q.id, q)
    return list(seen.values())


@dataclass(frozen=True)
class Report:
    questions: int
    chance: float  # % expected by picking at random
    scores: dict[str, float]  # % right, by strategy
    winners: dict[str, list[str]]  # question ids each strategy gets right
    positions: dict[int, Counter[int]]  # options -> Counter of right positions (1-based)
    longest: float  # % of single-choice questions whose right option is the longest
    shortest: float
    extremes: dict[str, list[str]]  # "longest"/"shortest" -> ids of those questions

    def failures(self) -> list[str]:
        problems = []
        for name, score in self.scores.items():
            if score > self.chance + MARGIN:
                problems.append(
                    f"guessing '{name}' scores {score:.0f}% where chance is {self.chance:.0f}% "
                    f"(limit {self.chance + MARGIN:.0f}%): {', '.join(self.winners[name])}"
                )
        for name, share in (("longest", self.longest), ("shortest", self.shortest)):
            if share > LENGTH_SHARE:
                problems.append(
                    f"the right option is the {name} in {share:.0f}% of single-choice "
                    f"questions (limit {LENGTH_SHARE:.0f}%): {', '.join(self.extremes[name])}"
                )
        return problems

    def lines(self) -> list[str]:
        out = [
            f"Quiz cues: {self.questions} questions with one right answer; chance "
            f"{self.chance:.0f}%, a guesser may score up to {self.chance + MARGIN:.0f}%"
        ]
        for n, counts in sorted(self.positions.items()):
            spread = ", ".join(f"{p}: {counts[p]}" for p in range(1, n + 1))
            out.append(f"  right answer's position, {n} options: {spread}")
        out.append(
            f"  right option is the longest in {self.longest:.0f}%, the shortest in "
            f"{self.shortest:.0f}% of single-choice questions (limit {LENGTH_SHARE:.0f}% each)"
        )
        out += [f"  guessing '{name}': {score:.0f}%" for name, score in self.scores.items()]
        return out


def report(questions: Iterable[Question]) -> Report:
    pool = scored(questions)
    if not pool:
        return Report(0, 0.0, {}, {}, {}, 0.0, 0.0, {})
    chance = 100 * sum(1 / len(q.options) for q in pool) / len(pool)
    winners = {
        name: [q.id for q in pool if pick(q) == _right_position(q)]
        for name, pick in STRATEGIES.items()
    }
    scores = {name: 100 * len(ids) / len(pool) for name, ids in winners.items()}
    positions: dict[int, Counter[int]] = {}
    singles = [q for q in pool if q.kind == "single"]
    for q in singles:
        positions.setdefault(len(q.options), Counter())[_right_position(q) + 1] += 1

    extremes: dict[str, list[str]] = {"longest": [], "shortest": []}
    for q in singles:
        lengths = [len(t) for t in _texts(q)]
        right = lengths[_right_position(q)]
        if right == max(lengths):
            extremes["longest"].append(q.id)
        if right == min(lengths):
            extremes["shortest"].append(q.id)

    def share(name: str) -> float:
        return 100 * len(extremes[name]) / len(singles) if singles else 0.0

    return Report(
        len(pool), chance, scores, winners, positions, share("longest"), share("shortest"), extremes
    )
