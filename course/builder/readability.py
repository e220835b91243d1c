"""How hard the course is to read, measured rather than guessed.

Patient materials aim at a reading grade of about 8; the course teaches numbers and
studies, so it allows a little more where the detail lives. The report scores what a
learner reads as running prose: lesson markdown without speaker notes, tables, headings
or citations; each claim card's evidence; and every "In short" line. Flesch-Kincaid
grade comes from ``textstat`` (pinned; its syllable counts come from ``pyphen``, so it
works offline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from course import paths
from course.loader.content import Content
from course.syntax import CITATION

TARGETS = {"lesson": 9.0, "evidence": 10.0, "in short": 8.0}

_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_MARKUP = re.compile(r"[*_`]|<[^>]+>")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


@dataclass(frozen=True)
class Score:
    kind: str  # "lesson", "evidence" or "in short"
    name: str
    grade: float
    words: int
    sentences: int

    @property
    def target(self) -> float:
        return TARGETS[self.kind]

    @property
    def ok(self) -> bool:
        return self.grade <= self.target


def prose(markdown: str) -> str:
    """The sentences of a markdown cell, as a reader meets them.

    List items become sentences of their own (a list is not one long sentence), and
    tables, headings and instructor notes are left out: they are not read as prose.
    """
    sentences = []
    for line in markdown.splitlines():
        text = line.strip()
        if not text or text.startswith(("#", "|", ">", "<", "```")):
            continue
        text = re.sub(r"\s*" + CITATION.pattern, "", text)
        text = _LINK.sub(r"\1", text)
        text = _MARKUP.sub("", _BULLET.sub("", text)).strip()
        if text:
            sentences.append(text if text[-1] in ".?!:" else text + ".")
    return " ".join(sentences)


def grade(text: str) -> tuple[float, int, int]:
    import warnings

    with warnings.catch_warnings():
        # textstat 0.7.3 imports pkg_resources, which the setuptools that builds the
        # course wheel (80.9) deprecates; the warning is about textstat, not the content.
        warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
        import textstat

    words = textstat.lexicon_count(text)
    sentences = max(1, textstat.sentence_count(text))
    return (textstat.flesch_kincaid_grade(text) if words else 0.0), words, sentences


def lesson_text(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    cells = [
        cell.source
        for cell in nb.cells
        if cell.cell_type == "markdown"
        and cell.metadata.get("slideshow", {}).get("slide_type") != "notes"
    ]
    return " ".join(prose(source) for source in cells)


def report(data: Content, notebooks_dir: Path | None = None) -> list[Score]:
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS_DIR)
    scores = []
    for lesson in data.syllabus.lessons:
        scores.append(
            Score("lesson", lesson.id, *grade(lesson_text(notebooks_dir / lesson.notebook)))
        )
        if lesson.in_short:
            scores.append(Score("in short", lesson.id, *grade(lesson.in_short)))
    if data.summary:
        boxes = [
            ("back pain now", data.summary.back_pain_now),
            ("short answer", data.summary.short_answer),
        ]
        for name, items in boxes:
            for number, item in enumerate(items, start=1):
                scores.append(Score("in short", f"{name} {number}", *grade(item.text)))
    for claim in data.claims.values():
        scores.append(Score("evidence", claim.id, *grade(claim.evidence)))
        if claim.in_short:
            scores.append(Score("in short", claim.id, *grade(claim.in_short)))
    return scores


def format_report(scores: list[Score]) -> str:
    lines = [f"{'kind':9} {'item':34} {'grade':>5} {'target':>6} {'words':>6} {'w/sent':>6}"]
    for s in scores:
        flag = "" if s.ok else "  ABOVE TARGET"
        lines.append(
            f"{s.kind:9} {s.name:34} {s.grade:5.1f} {s.target:6.0f} {s.words:6d}"
            f" {s.words / s.sentences:6.1f}{flag}"
        )
    for kind in TARGETS:
        group = [s for s in scores if s.kind == kind]
        if group:
            mean = sum(s.grade for s in group) / len(group)
            over = sum(not s.ok for s in group)
            lines.append(f"{kind}: {len(group)} texts, mean grade {mean:.1f}, {over} above target")
    return "\n".join(lines)
