"""The site's search index: Pagefind, run over the built pages, a bundle at a time."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from course.builder.files import read_json, write_json
from course.loader.content import Content

# the site's own pages in pagefind/, the lessons ten to a bundle by number. A prose edit
# then re-indexes its own bundle, not the whole site (a full run over 90 lessons takes
# over a second; a bundle of ten, a tenth of that).
SITE_BUNDLE = "pagefind"
LESSONS_PER_BUNDLE = 10


def lesson_bundles(data: Content) -> dict[str, list[str]]:
    """The lesson pages of each lesson bundle, by folder name, in syllabus order."""
    bundles: dict[str, list[str]] = {}
    for lesson in data.syllabus.lessons:
        name = f"pagefind-lessons-{int(lesson.number) // LESSONS_PER_BUNDLE}"
        bundles.setdefault(name, []).append(f"{lesson.id}.html")
    return bundles


def build_search_index(data: Content, out: Path, cache_dir: Path | None = None) -> None:
    """Index the site's pages with Pagefind (slides are left out: they repeat the lessons),
    re-indexing only the bundles whose pages changed since the last build (their digests
    are kept in the build cache). A bundle is always written afresh: Pagefind adds its files
    beside any it finds, and the new site starts as a copy of the last one."""
    import hashlib
    import subprocess
    import sys

    lessons = lesson_bundles(data)
    taken = {page for pages in lessons.values() for page in pages}
    bundles = {SITE_BUNDLE: sorted(p.name for p in out.glob("*.html") if p.name not in taken)}
    bundles |= lessons
    memo = cache_dir / "search-bundles.json" if cache_dir else None
    known = read_json(memo)
    digests, runs = {}, []
    for bundle, pages in bundles.items():
        h = hashlib.sha256()
        for page in pages:
            file = out / page
            h.update(page.encode() + b"\0" + (file.read_bytes() if file.exists() else b""))
        digests[bundle] = h.hexdigest()
        entry = out / bundle / "pagefind-entry.json"
        if known.get(bundle) == digests[bundle] and entry.exists():
            continue
        shutil.rmtree(out / bundle, ignore_errors=True)
        command = [sys.executable, "-m", "pagefind", "--site", str(out), "--silent"]
        command += ["--glob", "{" + ",".join(pages) + "}", "--output-subdir", bundle]
        command += ["--force-language", "en"]
        runs.append(
            (bundle, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
        )
    for bundle, run in runs:  # the bundles index at once, on every core
        output = run.communicate()[0].decode(errors="replace").strip()
        if run.returncode != 0:
            raise RuntimeError(f"pagefind failed on {bundle}: {output}")
        # the course has its own search page; Pagefind's ready-made UIs would only add weight
        for unused in [
            *(out / bundle).glob("pagefind-*ui*"),
            out / bundle / "pagefind-highlight.js",
        ]:
            unused.unlink(missing_ok=True)
    for old in out.glob("pagefind-lessons-*"):
        if old.name not in bundles:
            shutil.rmtree(old)
    if runs or not (out / WORDS).exists():
        write_json(out / WORDS, vocabulary(out, [p for pages in bundles.values() for p in pages]))
    if memo is not None:
        write_json(memo, digests)


# The words the indexed pages use, with how often: the search page corrects a query word
# the course never uses ("acupunture") to the nearest one it does (templates/static/js).
WORDS = "search-words.json"
_WORD = re.compile(r"[a-z][a-z0-9'-]{3,}")


def vocabulary(out: Path, pages: list[str]) -> dict[str, int]:
    """Every word of four letters or more in the indexed part of ``pages``, with its count."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for page in pages:
        path = out / page
        if not path.exists():
            continue
        reader = _IndexedText()
        reader.feed(path.read_text(encoding="utf-8"))
        reader.close()
        for text in reader.texts:
            counts.update(w.strip("'-") for w in _WORD.findall(text.lower()))
    return dict(sorted((w, n) for w, n in counts.items() if len(w) >= 4))


# As BeautifulSoup's html.parser tree reads a page (the vocabulary was first read through
# it; the words are the same): elements without an end tag, elements whose text is not
# read as page text (templates, ruby annotations), elements Pagefind leaves out.
_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "command", "embed", "frame", "hr"}
    | {"image", "img", "input", "isindex", "keygen", "link", "menuitem", "meta", "nextid"}
    | {"param", "source", "spacer", "track", "wbr"}
)
_NOT_TEXT = frozenset({"template", "rt", "rp"})
_UNINDEXED = frozenset({"script", "style"})


class _IndexedText(HTMLParser):
    """The texts of the parts of a page that Pagefind indexes (inside data-pagefind-body, not
    inside data-pagefind-ignore, a script or a style), read as the page streams past.
    Building BeautifulSoup's tree of every page took three times as long. Nesting follows
    that tree: an end tag closes the latest open element of its name and all opened inside
    it, an end tag with nothing open to close is ignored, and any markup (a tag, a comment)
    ends a text, so no word runs across it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._open: list[tuple[str, bool, bool, bool]] = []  # name, body, unindexed, not text
        self._bodies = 0
        self._unindexed = 0
        self._not_text = 0
        self._closed_void: list[str] = []  # <br> is closed at once; a later </br> is skipped
        self._text: list[str] = []

    def _end_text(self) -> None:
        if self._text:
            text = "".join(self._text)
            self._text = []
            if self._bodies and not self._unindexed and not self._not_text:
                self.texts.extend([text] * self._bodies)  # each body reads its own text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_text()
        names = {name for name, _value in attrs}
        unindexed = self._bodies > 0 and (tag in _UNINDEXED or "data-pagefind-ignore" in names)
        body, not_text = "data-pagefind-body" in names, tag in _NOT_TEXT
        self._open.append((tag, body, unindexed, not_text))
        self._bodies += body
        self._unindexed += unindexed
        self._not_text += not_text
        if tag in _VOID:
            self._close(tag)
            self._closed_void.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _VOID:
            self._closed_void.remove(tag)
        else:
            self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._closed_void:
            self._closed_void.remove(tag)
            return
        self._end_text()
        self._close(tag)

    def _close(self, tag: str) -> None:
        names = [entry[0] for entry in self._open]
        if tag not in names:
            return
        at = len(names) - 1 - names[::-1].index(tag)
        for _name, body, unindexed, not_text in self._open[at:]:
            self._bodies -= body
            self._unindexed -= unindexed
            self._not_text -= not_text
        del self._open[at:]

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_comment(self, data: str) -> None:
        self._end_text()

    def handle_decl(self, decl: str) -> None:
        self._end_text()

    def handle_pi(self, data: str) -> None:
        self._end_text()

    def unknown_decl(self, data: str) -> None:  # a CDATA section: XML, not page text
        self._end_text()

    def close(self) -> None:
        super().close()
        self._end_text()
