"""Link each glossary term where it first appears in a lesson page's prose.

The linking works on the HTML that nbconvert rendered from the markdown, parsed with
BeautifulSoup, so it knows what is a link, a heading, a quote or code from the document
itself rather than from line-by-line guesses at markdown syntax. The definition shown on
hover and focus is marked ``data-pagefind-ignore`` in its fragment: a search for a word
finds the page that teaches it, not every page whose tooltip mentions it.
"""

from __future__ import annotations

import functools
import re

from bs4 import BeautifulSoup, NavigableString

from course.output.render import fragment
from course.output.view import Export

# Text inside these is never linked: links, code, citations, quoted article text,
# headings, form controls, and the glossary's own links and definitions.
SKIP_TAGS = frozenset(
    {"a", "code", "pre", "kbd", "cite", "q", "blockquote", "script", "style", "button", "label"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "figcaption"}
)
SKIP_CLASSES = frozenset({"gloss", "gloss-tip"})
# Quoted words in running text stay verbatim: they are the articles' own.
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


@functools.lru_cache(maxsize=256)
def term_pattern(term: str, aliases: tuple[str, ...] = ()) -> re.Pattern:
    """The term (plural too) or any alias; aliases are abbreviations, so they match exactly."""
    words = [rf"(?i:{re.escape(term)}s?)", *(re.escape(a) for a in aliases)]
    return re.compile(rf"(?<![\w-])({'|'.join(words)})(?![\w-])")


def _skipped(node: NavigableString) -> bool:
    for parent in node.parents:
        if parent.name in SKIP_TAGS or SKIP_CLASSES & set(parent.get("class") or ()):
            return True
    return False


def _spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` a term may be linked in (outside quotes)."""
    spans, start = [], 0
    for quoted in QUOTED.finditer(text):
        spans.append((start, quoted.start()))
        start = quoted.end()
    return [*spans, (start, len(text))]


class Linker:
    """Links the first use of each term on one page; called once per rendered cell, in
    order, so "first" means first on the page."""

    def __init__(self, terms, root: str) -> None:
        self.terms = sorted(terms, key=lambda t: -len(t.term))  # "back pain" before "pain"
        self.root = root
        self.linked: set[str] = set()

    def __call__(self, html: str) -> str:
        # Parse only a cell that may hold a term still to link: most cells do not.
        waiting = [t for t in self.terms if t.id not in self.linked]
        if not any(term_pattern(t.term, tuple(t.aliases)).search(html) for t in waiting):
            return html
        soup = BeautifulSoup(html, "html.parser")
        changed = False
        for node in list(soup.find_all(string=True)):
            if type(node) is NavigableString and not _skipped(node):
                changed |= self._link_in(node)
        return str(soup) if changed else html  # untouched cells keep nbconvert's bytes

    def _link_in(self, node: NavigableString) -> bool:
        text = str(node)
        found: list[tuple[int, int, object]] = []  # (start, end, term), not overlapping
        for term in self.terms:
            if term.id in self.linked:
                continue
            pattern = term_pattern(term.term, tuple(term.aliases))
            for start, end in _spans(text):
                match = next(
                    (
                        m
                        for m in pattern.finditer(text, start, end)
                        if not any(m.start() < e and s < m.end() for s, e, _ in found)
                    ),
                    None,
                )
                if match:
                    found.append((match.start(), match.end(), term))
                    self.linked.add(term.id)
                    break
        if not found:
            return False
        pieces: list = []  # text and the link tags between it
        position = 0
        for start, end, term in sorted(found, key=lambda f: f[0]):
            pieces.append(text[position:start])
            link = fragment(
                "glossary_term.html.j2", term=term, text=text[start:end], root=self.root
            )
            pieces.append(BeautifulSoup(link.strip(), "html.parser").span)
            position = end
        pieces.append(text[position:])
        for piece in pieces:
            if piece:
                node.insert_before(piece)
        node.extract()
        return True


def linker(resources: dict) -> Linker:
    """The page's linker, kept in its resources so every cell of one page shares it."""
    course = resources.setdefault("course", {})
    if "glossary_linker" not in course:
        data = Export(resources).data
        course["glossary_linker"] = Linker(data.glossary.values(), course.get("root", ""))
    return course["glossary_linker"]
