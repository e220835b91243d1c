"""Rules that span content files: quotes found in their articles, warning signs written
only in red_flags.yml, teaching plans naming real lessons and questions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from course import paths
from course.loader.content import FILES, Loc
from course.loader.problems import Collector, item_id
from course.model.claims import Claim
from course.model.quiz import QuizBank
from course.model.records import (
    Syllabus,
    TeachingData,
)
from course.model.red_flags import SignList, SignMatcher

SIGN_SOURCES = (FILES["red_flags"], FILES["references"])


def check_copies(c: Collector, red_flags: dict[str, SignList]) -> None:
    """No content file but red_flags.yml lists warning signs (model.red_flags.SignMatcher):
    a hand-written copy is how a sign once went missing from one list of six."""
    if not red_flags:
        return
    matcher = SignMatcher(red_flags.values())
    for path, data in c.raw.values():
        if path.name in SIGN_SOURCES and path.parent == c.root:
            continue
        for loc, text in strings(data):
            for copy in matcher.copies(text):
                c.add(path, loc, item_id(data, loc)[0], copy.message())


def strings(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, (*loc, index))


def check_plans(
    c: Collector,
    path: Path,
    teaching: TeachingData,
    syllabus: Syllabus,
    quizzes: dict[str, QuizBank],
) -> None:
    """A plan names real lessons and real questions. (Its sections are the lessons'
    headings, so they are checked where notebooks are read: builder.checks.check_plans.)"""
    lessons = {lesson.id for lesson in syllabus.lessons}
    for p, plan in enumerate(teaching.plans):
        for n, part in enumerate(plan.parts):
            loc, item = ("plans", p, "parts", n), f"{plan.id} part {n + 1}"
            if part.lesson not in lessons:
                c.add(path, (*loc, "lesson"), item, f"no lesson {part.lesson!r}")
                continue
            bank = {q.id for q in quizzes.get(part.lesson, QuizBank()).questions}
            for q, question in enumerate(part.questions):
                if question not in bank:
                    c.add(
                        path,
                        (*loc, "questions", q),
                        item,
                        f"no question {question!r} in the {part.lesson} quiz",
                    )


def check_quotes(c: Collector, path: Path, claims: dict[str, Claim]) -> None:
    """Every quote must appear verbatim in the article it names (when the articles are here)."""
    folder = paths.seeds_dir()
    if not folder.is_dir():
        return
    texts = {f.name[:3]: f.read_text(encoding="utf-8") for f in folder.glob("*.txt")}
    for index, claim in enumerate(claims.values()):
        article = claim.articles[0]
        if article in texts and claim.quote not in texts[article]:
            c.add(
                path,
                ("claims", index, "quote"),
                claim.id,
                f"quote not found verbatim in article {article}",
            )
