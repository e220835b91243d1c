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
from collections.abc import Iterable

from course.model.schema import Question


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


def assign(questions: list[Question], shown_with: Iterable[Question] = ()) -> list[Question]:
    """Return ``questions`` with ``display_order`` set.

    ``shown_with`` are questions already ordered elsewhere that appear in the same bank
    (a review bank's includes); their positions count towards the balance.
    """
    counts = Counter(p for q in shown_with if (p := correct_position(q)) is not None)
    singles = sorted(
        (q for q in questions if q.kind == "single"), key=lambda q: (len(q.options), _rank(q.id))
    )
    target: dict[str, int] = {}
    for q in singles:  # fewest options first, so wider questions can fill the last positions
        start = _rank(q.id + ":slot") % len(q.options)
        slots = [(start + k) % len(q.options) for k in range(len(q.options))]
        target[q.id] = min(slots, key=lambda s: counts[s])
        counts[target[q.id]] += 1
    result = []
    for q in questions:
        indices = list(range(len(q.options)))
        if q.kind == "true-false":
            order = indices
        elif q.kind == "single":
            right = min(q.correct_indices, default=0)  # two correct is reported elsewhere
            others = shuffled(q.id, [i for i in indices if i != right])
            slot = target[q.id]
            order = [*others[:slot], right, *others[slot:]]
        else:
            order = shuffled(q.id, indices)
        result.append(q.model_copy(update={"display_order": tuple(order)}))
    return result
