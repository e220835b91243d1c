"""The site's templates: one layout, and no element opened in one template and closed in
another (each template balances its own tags, so a page's structure reads from one file)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from course import paths

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
COMMENT = re.compile(r"\{#.*?#\}", re.S)
TEMPLATES = sorted(
    p for d in ("pages", "partials", "fragments") for p in (paths.TEMPLATES_DIR / d).glob("*.j2")
)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open[tag] += 1

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.open[tag] -= 1


def unbalanced(text: str) -> dict[str, int]:
    parser = Tags()
    parser.feed(COMMENT.sub("", text))
    return {tag: n for tag, n in parser.open.items() if n}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_template_closes_what_it_opens(template):
    assert unbalanced(template.read_text(encoding="utf-8")) == {}


def test_the_check_sees_a_split_element():
    assert unbalanced("<div class='site-layout'>\n<nav></nav>") == {"div": 1}
    assert unbalanced("</div>\n<footer></footer>") == {"div": -1}


def test_every_page_and_the_lesson_page_use_the_one_layout():
    pages = sorted((paths.TEMPLATES_DIR / "pages").glob("*.j2"))
    assert len(pages) >= 9
    for page in pages:
        assert page.read_text(encoding="utf-8").startswith('{% extends "page.html.j2" %}'), page
    lesson = (paths.TEMPLATES_DIR / "nbconvert" / "course_site" / "index.html.j2").read_text()
    assert "import site_body" in lesson and "{% call site_body(" in lesson
    layout = (paths.TEMPLATES_DIR / "partials" / "layout.html.j2").read_text()
    assert layout.count("<body") == 1 and 'class="site-layout"' in layout
