"""Decide whether a lesson must be re-executed, and keep executed copies.

The key covers what can change a notebook's outputs: its code cells and their
tags, the kernel, the course package code and templates, the content files it
reads, the pinned requirements and the Python version. Markdown is left out, so
a prose edit re-exports without starting a kernel.

jupyter-cache was considered: its hash covers code cells and kernelspec only, so
a quiz-bank or package edit would serve stale outputs; this module is the small
piece it would need on top, without its database.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from pathlib import Path

import nbformat

from course import paths
from course.citations import QUIZ_CALL

KEY_VERSION = "1"
SHARED_CONTENT = (
    "syllabus.yml",
    "references.yml",
    "claims.yml",
    "glossary.yml",
    "datasets.yml",
    "trials.yml",
)


def _digest_files(files: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for file in sorted(files):
        h.update(str(file.relative_to(root)).encode())
        h.update(b"\0")
        h.update(file.read_bytes() if file.exists() else b"<missing>")
        h.update(b"\0")
    return h.hexdigest()


def package_fingerprint() -> str:
    """Everything in the package that a kernel can run or render, plus the pins."""
    pkg = paths.PACKAGE_DIR
    files = [p for p in pkg.rglob("*.py") if "__pycache__" not in p.parts]
    files += list((pkg / "templates" / "fragments").glob("*"))
    files += list((pkg / "plotting").glob("*.mplstyle"))
    h = hashlib.sha256(_digest_files(files, pkg).encode())
    requirements = paths.REPO_DIR / "requirements.txt"
    if requirements.exists():
        h.update(requirements.read_bytes())
    h.update(platform.python_version().encode())
    return h.hexdigest()


def content_files(nb, content_dir: Path) -> list[Path]:
    """Content a notebook reads: the shared files plus the quiz banks its code names."""
    files = [content_dir / name for name in SHARED_CONTENT]
    for cell in nb.cells:
        if cell.cell_type == "code":
            files += [content_dir / "quizzes" / f"{b}.yml" for b in QUIZ_CALL.findall(cell.source)]
    return sorted(set(files))


def notebook_key(nb, *, package: str, content_dir: Path | None = None) -> str:
    content_dir = content_dir or paths.content_dir()
    h = hashlib.sha256(KEY_VERSION.encode())
    h.update(json.dumps(nb.metadata.get("kernelspec", {}).get("name", "python3")).encode())
    for cell in nb.cells:
        if cell.cell_type == "code":
            tags = sorted(cell.metadata.get("tags", []))
            h.update(json.dumps([cell.source, tags]).encode())
    h.update(package.encode())
    h.update(_digest_files(content_files(nb, content_dir), content_dir).encode())
    return h.hexdigest()


class ExecutionCache:
    """Executed notebooks under ``_build/cache``, one file per lesson, tagged with their key."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, lesson_id: str) -> Path:
        return self.root / f"{lesson_id}.ipynb"

    def get(self, lesson_id: str, key: str, source_nb):
        """The source notebook with cached outputs merged in, or None on a miss.

        A partial or corrupt entry (unreadable, wrong key, mismatched cells) is a
        miss: it is rebuilt, never served.
        """
        path = self._path(lesson_id)
        try:
            cached = nbformat.read(path, as_version=4)
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError):
            return None
        if cached.metadata.get("course_cache", {}).get("key") != key:
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

    def put(self, lesson_id: str, key: str, executed_nb) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        executed_nb.metadata["course_cache"] = {"key": key}
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=f".{lesson_id}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                nbformat.write(executed_nb, handle)
            os.replace(tmp, self._path(lesson_id))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
