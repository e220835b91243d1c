"""The Informed Health Choices Key Concepts a lesson practises (course/content/concepts.yml).

A claim names the concepts a reader applies to judge it, and so does a "judge this claim"
question; a lesson practises the concepts of the claims it shows and the questions it
asks, in the order of concepts.yml, so the list never has to be kept by hand.
"""

from __future__ import annotations

from course.loader import lesson_index, store
from course.loader.content import Content
from course.model.claims import Concept


def practised(
    lesson_id: str, data: Content | None = None, shown: dict | None = None
) -> list[Concept]:
    """``shown``: the lesson's scan (lesson_index.scan) when the caller has the notebook."""
    data = data or store.get()
    shown = shown or lesson_index.entry(lesson_id)
    claims = [data.claims[c] for c in shown["claims"] if c in data.claims]
    used = {concept for claim in claims for concept in claim.concepts}
    for bank in shown["quizzes"]:
        if bank in data.quizzes:
            used |= {c for q in data.quizzes[bank].questions for c in q.concepts}
    return [concept for concept in data.concepts.values() if concept.id in used]


def examples(concept_id: str, data: Content | None = None) -> list:
    """The articles' claims that practise a concept, those it is the main concept of first."""
    data = data or store.get()
    claims = [c for c in data.claims.values() if concept_id in c.concepts]
    return sorted(claims, key=lambda c: c.concepts.index(concept_id))
