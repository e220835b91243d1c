"""Decide whether a lesson must be re-executed, and keep executed copies.

A cached run is reused when its key still matches (code cells and their tags, the
kernel, the course package code and templates, the pinned requirements, the Python
version) and every content file its kernel read is unchanged. Which files those are
is not guessed from the code: the kernel records them as it runs (course.loader.reads), so a
new helper reading a new file is covered the day it is written. Markdown is left out,
so a prose edit re-exports without starting a kernel (the export draws the Sources
list from the notebook as it is, so a new citation shows without a re-run).

jupyter-cache was considered: its hash covers code cells and kernelspec only, so
a quiz-bank or package edit would serve stale outputs; this module is the small
piece it would need on top, without its database.
"""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path

from course import atomic, paths

KEY_VERSION = "4"


def digest_files(files: list[Path], root: Path) -> str:
    """One hash over files' names (relative to ``root``) and bytes, in a stable order."""
    h = hashlib.sha256()
    for file in sorted(files):
        h.update(str(file.relative_to(root)).encode())
        h.update(b"\0")
        h.update(file.read_bytes() if file.exists() else b"<missing>")
        h.update(b"\0")
    return h.hexdigest()


# What in the package can change a build: kernels run the code and render the fragments
# and styles; the site and decks also use every template, stylesheet and script.
KERNEL_SUFFIXES = (".py", ".mplstyle")
SITE_SUFFIXES = (*KERNEL_SUFFIXES, ".j2", ".json", ".css", ".js")


def package_files(*, site: bool) -> list[Path]:
    pkg = paths.PACKAGE_DIR
    fragments = pkg / "templates" / "fragments"
    suffixes = SITE_SUFFIXES if site else KERNEL_SUFFIXES
    return [
        p
        for p in pkg.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and (p.suffix in suffixes or fragments in p.parents)
    ]


def environment_digest(h) -> None:
    """The locked environment and the Python running it, into hash ``h``."""
    if paths.LOCK_FILE.exists():
        h.update(paths.LOCK_FILE.read_bytes())
    h.update(platform.python_version().encode())


def package_fingerprint() -> str:
    """Everything in the package that a kernel can run or render, plus the environment."""
    h = hashlib.sha256(digest_files(package_files(site=False), paths.PACKAGE_DIR).encode())
    environment_digest(h)
    return h.hexdigest()


MISSING = "<missing>"


def content_digests(content_dir: Path) -> dict[str, str]:
    """A digest of every content file, by its name relative to ``content_dir``."""
    root = Path(content_dir)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def notebook_key(nb, *, package: str) -> str:
    """The code side of a lesson: code cells and tags, kernel, package. The content files
    its outputs came from are checked separately, from what its kernel read."""
    h = hashlib.sha256(KEY_VERSION.encode())
    h.update(json.dumps(nb.metadata.get("kernelspec", {}).get("name", "python3")).encode())
    for cell in nb.cells:
        if cell.cell_type == "code":
            tags = sorted(cell.metadata.get("tags", []))
            h.update(json.dumps([cell.source, tags]).encode())
    h.update(package.encode())
    return h.hexdigest()


class ExecutionCache:
    """Executed notebooks under ``_build/cache``, one file per lesson, tagged with their key."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, lesson_id: str) -> Path:
        return self.root / f"{lesson_id}.ipynb"

    def get(self, lesson_id: str, key: str, source_nb, digests: dict[str, str]):
        """The source notebook with cached outputs merged in, or None on a miss.

        A hit needs the same key and every content file the run read unchanged
        (``digests``: content_digests now). A partial or corrupt entry (unreadable, wrong
        key, mismatched cells) is a miss: it is rebuilt, never served.
        """
        import nbformat  # here, not at the top: the no-op check imports this module

        path = self._path(lesson_id)
        try:
            cached = nbformat.read(path, as_version=4)
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError):
            return None
        entry = cached.metadata.get("course_cache", {})
        read = entry.get("read")
        if entry.get("key") != key or not isinstance(read, dict):
            return None
        if any(digests.get(name, MISSING) != digest for name, digest in read.items()):
            return None
        code_cached = [c for c in cached.cells if c.cell_type == "code"]
        merged = nbformat.from_dict(json.loads(json.dumps(source_nb)))
        code_source = [c for c in merged.cells if c.cell_type == "code"]
        if len(code_cached) != len(code_source):
            return None
        for target, done in zip(code_source, code_cached, strict=True):
            if target.source != done.source:
                return None
            target.outputs = done.outputs
            target.execution_count = done.execution_count
        return merged

    def put(self, lesson_id: str, key: str, executed_nb, read: dict[str, str]) -> None:
        """Keep a run with its key and the digest of each content file it read."""
        import nbformat

        self.root.mkdir(parents=True, exist_ok=True)
        executed_nb.metadata["course_cache"] = {"key": key, "read": dict(sorted(read.items()))}
        text = nbformat.writes(executed_nb)
        atomic.write(self._path(lesson_id), text if text.endswith("\n") else text + "\n", mode=None)
