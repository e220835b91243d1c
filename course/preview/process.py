"""A preview run as its own process on copies of a course, for programs that drive one as
an author would (the browser tests, scripts/preview_latency.py): started, its address read
from what it prints, stopped as Ctrl+C stops it."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from course import paths

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


class PreviewProcess:
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
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        self.url = ""
        ready = threading.Event()

        def read() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                self.lines.append(line.rstrip())
                if found := ADDRESS.search(line):
                    self.url = found.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        ready.wait(start_timeout)
        if not self.url:
            self.kill()
            raise RuntimeError("the preview did not start:\n" + self.log())

    def log(self) -> str:
        return "\n".join(self.lines)

    def stop(self, timeout: float = 300) -> int:
        """Stop it as Ctrl+C does (it finishes the site build first); its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=timeout)
        self._close()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._close()

    def _close(self) -> None:
        if self.process.stdout is not None:
            self.process.stdout.close()
