"""The order quiz options are shown in: shuffled, reproducible, and balanced per bank.

Authors tend to write the right answer first; shown that way, a class learns to pick
option 1 without reading. A plain seeded shuffle would still leave some banks lopsided
(five questions all landing on the same position happens often enough), so within each
bank the correct single-choice answers are spread as evenly as the options allow, and
everything else is shuffled from a hash of the question id. The result depends only on
the content, so two builds are byte-identical. True/false keeps "True, False": that order
carries no hint, and learners expect it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable

from course.model.quiz import Question
from course.model.verdicts import Verdict


def _rank(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def shuffled(question_id: str, items: list[int]) -> list[int]:
    """Fisher-Yates driven by the question id (not ``random``, whose output may change)."""
    items = list(items)
    for i in range(len(items) - 1, 0, -1):
        j = _rank(f"{question_id}:{i}") % (i + 1)
        items[i], items[j] = items[j], items[i]
    return items


def correct_position(question: Question) -> int | None:
    """Where the (single) correct answer is shown, or None for other kinds."""
    if question.kind != "single" or not question.correct_indices:
        return None
    order = question.display_order or tuple(range(len(question.options)))
    return order.index(min(question.correct_indices))


# The verdict scale in the order lesson 00 teaches it; a question whose options are these
# verdicts shows them in this order, always (a learner should not have to re-read a
# reshuffled scale for every claim).
SCALE = [v.value for v in Verdict if v is not Verdict.advice]


def scale_order(question: Question) -> list[int] | None:
    """The options in verdict-scale order, if every option is a verdict; else None."""
    names = [option.text.strip().lower() for option in question.options]
    if len(set(names)) != len(names) or not all(n in SCALE for n in names):
        return None
    return sorted(range(len(names)), key=lambda i: SCALE.index(names[i]))


def assign(
    questions: list[Question], group: Callable[[Question], str] = lambda q: ""
) -> list[Question]:
    """Return ``questions`` with ``display_order`` set.

    The right answer's position is balanced for each number of options separately over
    all ``questions`` (a guesser who learns "with four options it is the last" must find
    nothing to learn), and within each ``group`` (a lesson's bank) as far as that allows:
    of the slots least used for that number of options, the one its group has used least,
    then swaps that even out the groups further.
    """
    scales = {q.id: scale_order(q) for q in questions}
    overall: Counter[tuple[int, int]] = Counter()
    local: Counter[tuple[str, int]] = Counter()
    singles = sorted(
        (q for q in questions if q.kind == "single" and scales[q.id] is None),
        key=lambda q: (len(q.options), _rank(q.id)),
    )
    target: dict[str, int] = {}
    for q in singles:
        n = len(q.options)
        start = _rank(q.id + ":slot") % n
        slots = [(start + k) % n for k in range(n)]
        fewest = min(overall[(n, s)] for s in slots)
        allowed = [s for s in slots if overall[(n, s)] == fewest]
        target[q.id] = min(allowed, key=lambda s: local[(group(q), s)])
        overall[(n, target[q.id])] += 1
        local[(group(q), target[q.id])] += 1
    # Then even out each group: swapping the slots of two questions with as many options
    # keeps the course-wide counts, so swap while it makes some group's spread flatter.
    improved = True
    while improved:
        improved = False
        for i, a in enumerate(singles):
            for b in singles[i + 1 :]:
                sa, sb, ga, gb = target[a.id], target[b.id], group(a), group(b)
                if len(a.options) != len(b.options) or sa == sb or ga == gb:
                    continue
                before = local[(ga, sa)] + local[(gb, sb)] - local[(ga, sb)] - local[(gb, sa)]
                if before > 2:  # moving one answer each way lowers the sum of squares
                    for g, old, new in ((ga, sa, sb), (gb, sb, sa)):
                        local[(g, old)] -= 1
                        local[(g, new)] += 1
                    target[a.id], target[b.id] = sb, sa
                    improved = True
    result = []
    for q in questions:
        indices = list(range(len(q.options)))
        if q.kind == "true-false":
            order = indices
        elif (scale := scales[q.id]) is not None:
            order = scale
        elif q.kind == "single":
            right = min(q.correct_indices, default=0)  # two correct is reported elsewhere
            others = shuffled(q.id, [i for i in indices if i != right])
            slot = target[q.id]
            order = [*others[:slot], right, *others[slot:]]
        else:
            order = shuffled(q.id, indices)
        result.append(q.model_copy(update={"display_order": tuple(order)}))
    return result
