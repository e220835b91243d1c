"""How long the course reads: the words a learner sees on each lesson page, outside its
quizzes and source list (`course check` prints them when a site is built).

Counted on the built pages, as a reader meets them: folded text (a claim card's "Why this
verdict?", definitions shown on hover) is not in the count until it is opened, and neither
is anything the page hides. The budget is issue 27's: 16,000 words for the whole course,
enforced (`course check` fails over it), and a lesson page at most 30 phone screens long
(tests/site/test_browser.py measures it in Chromium at PHONE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from course.loader.content import Content

BUDGET = 16_000
# A phone a learner with back pain may read on (CSS px), and how many of its screens a
# lesson page may take, quizzes included.
PHONE = {"width": 360, "height": 740}
MAX_SCREENS = 30
# What a reader does not read through: questions and answers, the source list, folded or
# hidden text, and the page's own plumbing.
LEFT_OUT = (
    ".course-quiz",
    ".course-sources-list",
    ".claim-why",
    ".gloss-tip",
    "details:not([open]) > :not(summary)",
    "[hidden]",
    ".visually-hidden",  # read by a screen reader, not seen
    ".claim-verdict-label",  # the same, on a site page (components.css)
    ".summary-point",  # a finding's short form, shown only on the printed summary
    "script",
    "style",
    "noscript",
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%-]*")


@dataclass(frozen=True)
class PageLength:
    lesson: str
    words: int


def visible_words(html: str) -> int:
    """Words in the page's <main>, without what LEFT_OUT names."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    if main is None:
        return 0
    for selector in LEFT_OUT:
        for node in main.select(selector):
            node.decompose()
    return len(_WORD.findall(main.get_text(" ")))


def report(data: Content, site: Path) -> list[PageLength]:
    """Each lesson page's visible words, in course order (lessons not built are left out)."""
    pages = []
    for lesson in data.syllabus.lessons:
        path = site / f"{lesson.id}.html"
        if path.exists():
            pages.append(PageLength(lesson.id, visible_words(path.read_text(encoding="utf-8"))))
    return pages


def over_budget(pages: list[PageLength]) -> int:
    """Words over the budget (0 when within it)."""
    return max(0, sum(p.words for p in pages) - BUDGET)


def format_report(pages: list[PageLength]) -> str:
    total = sum(p.words for p in pages)
    lines = [f"{'lesson':<28} visible words"]
    lines += [f"{p.lesson:<28} {p.words:>6,}" for p in pages]
    verdict = "within" if total <= BUDGET else "over"
    lines.append(f"{'whole course':<28} {total:>6,}  ({verdict} the budget of {BUDGET:,})")
    return "\n".join(lines)
