"""The site's search index: Pagefind, run over the built pages, a bundle at a time."""

from __future__ import annotations

import re
import shutil
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

    from bs4 import BeautifulSoup

    counts: Counter[str] = Counter()
    for page in pages:
        path = out / page
        if not path.exists():
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for body in soup.select("[data-pagefind-body]"):
            for hidden in body.select("[data-pagefind-ignore], script, style"):
                hidden.decompose()
            counts.update(w.strip("'-") for w in _WORD.findall(body.get_text(" ").lower()))
    return dict(sorted((w, n) for w, n in counts.items() if len(w) >= 4))
