"""Questions asked of the loaded content: which claims, which lesson shows them.

Views (in a kernel) and page writers (in a build) ask the same questions; each passes
the content it has, so a build never reaches for the kernel's global copy.
"""

from __future__ import annotations

from pathlib import Path

from course.loader import lesson_index
from course.loader.content import Content
from course.model.claims import Claim


def select_claims(
    data: Content, ids: list[str] | None = None, topics: list[str] | None = None
) -> list[Claim]:
    """The claims named (in that order), else those on the topics given, else all."""
    if ids:
        missing = [i for i in ids if i not in data.claims]
        if missing:
            raise KeyError(f"no claim {missing[0]!r} in course/content/claims.yml")
        return [data.claims[i] for i in ids]
    return [c for c in data.claims.values() if not topics or c.topic in topics]


def claims_in_lesson(data: Content, lesson_id: str, notebooks: Path | None = None) -> list[str]:
    """Claim ids a lesson shows as cards, in order (course.loader.lesson_index)."""
    data.syllabus.lesson(lesson_id)  # unknown lesson -> KeyError
    return lesson_index.entry(lesson_id, notebooks)["claims"]


def teaching_lessons(data: Content, notebooks: Path | None = None) -> dict[str, str]:
    """Where each claim is taught: the first lesson showing its card, else quizzing on it
    (``notebooks``: the lessons being built, for the claims page)."""
    where: dict[str, str] = {}
    for lesson in data.syllabus.lessons:
        for claim_id in claims_in_lesson(data, lesson.id, notebooks):
            where.setdefault(claim_id, lesson.id)
    for lesson in data.syllabus.lessons:
        bank = data.quizzes.get(lesson.id)
        for question in bank.questions if bank else []:
            for source in question.sources:
                if source in data.claims:
                    where.setdefault(source, lesson.id)
    return where
