"""A preview run as its own process on copies of a course, for programs that drive one as
an author would (the browser tests, scripts/preview_latency.py): started, its address read
from what it prints, stopped as Ctrl+C stops it."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

from course import paths
from course.child import ChildServer

ADDRESS = re.compile(r"Preview: (http://127\.0\.0\.1:\d+)/")


def add_to_paragraph(notebook: Path, sentence: str) -> str:
    """Save ``notebook`` with ``sentence`` added to the first paragraph its page shows (not
    a heading, speaker notes or a deck-only cell), as an author's prose edit; returns the
    notebook's new text. The browser tests and the benchmarks edit the same paragraph."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(
        c
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
        and not c["metadata"].get("tags")
        and c["metadata"].get("slideshow", {}).get("slide_type") != "notes"
        and not "".join(c["source"]).startswith("#")
    )
    cell["source"] = "".join(cell["source"]) + f"\n\n{sentence}"
    text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    notebook.write_text(text, encoding="utf-8")
    return text


class PreviewProcess(ChildServer):
    """``python -m course preview --port 0`` on copies, in ``work``, of the notebooks and
    the content, and of ``cache`` (a warm execution cache: no kernel at start)."""

    def __init__(self, work: Path, cache: Path, start_timeout: float = 120) -> None:
        self.notebooks, self.content = work / "notebooks", work / "content"
        self.site, self.cache = work / "site", work / "cache"
        shutil.copytree(paths.NOTEBOOKS_DIR, self.notebooks)
        shutil.copytree(paths.CONTENT_DIR, self.content)
        shutil.copytree(cache, self.cache)
        command = [sys.executable, "-m", "course", "preview", "--port", "0"]
        command += ["--out", str(self.site), "--cache-dir", str(self.cache)]
        command += ["--notebooks", str(self.notebooks), "--content", str(self.content)]
        env = {**os.environ, "COURSE_CONTENT_DIR": str(self.content)}
        super().__init__(command, ADDRESS, env=env, timeout=start_timeout)
        assert self.match is not None
        self.url = self.match.group(1)
