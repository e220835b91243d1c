"""Decide whether a lesson must be re-executed, and keep executed copies.

The key covers what can change a notebook's outputs: its code cells and their
tags, the kernel, the course package code and templates, the content files it
reads, the pinned requirements and the Python version. Markdown is left out, so
a prose edit re-exports without starting a kernel (the export draws the Sources
list from the notebook as it is, so a new citation shows without a re-run).

jupyter-cache was considered: its hash covers code cells and kernelspec only, so
a quiz-bank or package edit would serve stale outputs; this module is the small
piece it would need on top, without its database.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import tempfile
from pathlib import Path

import nbformat

from course import paths
from course.lesson_index import QUIZ_CALL

KEY_VERSION = "3"


def digest_files(files: list[Path], root: Path) -> str:
    """One hash over files' names (relative to ``root``) and bytes, in a stable order."""
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
    h = hashlib.sha256(digest_files(files, pkg).encode())
    requirements = paths.REPO_DIR / "requirements.txt"
    if requirements.exists():
        h.update(requirements.read_bytes())
    h.update(platform.python_version().encode())
    return h.hexdigest()


# Which content files each course call reads (beyond the core every lesson uses). Keeping
# this explicit lets an edit to one lesson's data re-execute only the lessons that show it.
CORE_CONTENT = ("syllabus.yml", "references.yml", "claims.yml")
CALL_DEPENDENCIES = {
    "dataset_bars": ("datasets.yml",),
    "verdict_bars": (),
    "evidence_ladder": (),
    "plot_trial": ("trials.yml",),
    "plot_pooled": ("trials.yml",),
    "plot_recovery": (),
    "plot_guidelines": ("trials.yml",),
    "guidelines_table": ("trials.yml",),
    "plot_icon_array": ("safety.yml",),
    "plot_schedule": ("schedules.yml",),
    "plot_plan": ("schedules.yml",),
    "care_table": ("care.yml",),
    "course_summary": ("summary.yml",),
    "progress_summary": ("quizzes",),
}
_CALL = re.compile(r"\b(" + "|".join(CALL_DEPENDENCIES) + r")\(")


def content_files(nb, content_dir: Path) -> list[Path]:
    """Content a notebook reads: the core files, the quiz banks it shows (and the banks
    those include questions from) and the data files behind the figures it draws."""
    files = {content_dir / name for name in CORE_CONTENT}
    quizzes = content_dir / "quizzes"
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for bank in QUIZ_CALL.findall(cell.source):
            files.add(quizzes / f"{bank}.yml")
            files |= _included_banks(quizzes / f"{bank}.yml", quizzes)
        for call in _CALL.findall(cell.source):
            for dep in CALL_DEPENDENCIES[call]:
                target = content_dir / dep
                files |= set(target.glob("*.yml")) if dep == "quizzes" else {target}
    return sorted(files)


def _included_banks(bank: Path, quizzes: Path) -> set[Path]:
    """Banks whose questions ``bank`` includes by id."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        wanted = set(
            (yaml.load(bank.read_text(encoding="utf-8"), Loader=loader) or {}).get("include", [])
        )
    except (OSError, yaml.YAMLError, AttributeError):
        return set()  # a broken bank is reported by the content check, not here
    homes = set()
    for other in quizzes.glob("*.yml"):
        if other == bank or not wanted:
            continue
        try:
            questions = (yaml.load(other.read_text(encoding="utf-8"), Loader=loader) or {}).get(
                "questions", []
            )
        except (OSError, yaml.YAMLError, AttributeError):
            continue
        if wanted & {q.get("id") for q in questions if isinstance(q, dict)}:
            homes.add(other)
    return homes


def notebook_key(nb, *, package: str, content_dir: Path | None = None) -> str:
    content_dir = content_dir or paths.content_dir()
    h = hashlib.sha256(KEY_VERSION.encode())
    h.update(json.dumps(nb.metadata.get("kernelspec", {}).get("name", "python3")).encode())
    for cell in nb.cells:
        if cell.cell_type == "code":
            tags = sorted(cell.metadata.get("tags", []))
            h.update(json.dumps([cell.source, tags]).encode())
    h.update(package.encode())
    h.update(digest_files(content_files(nb, content_dir), content_dir).encode())
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
