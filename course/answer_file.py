"""Keep a learner's quiz answers and scores between Jupyter sessions.

One JSON file in the user's data folder. Writes are atomic (temp file + rename)
and serialised with a lock, so two kernels never interleave. After each write a copy is
kept as ``progress.json.bak``: a file damaged from outside is moved aside with a warning
and the backup restored, so no lesson's answers are lost and the lesson never crashes.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import warnings
from pathlib import Path
from typing import Any

from filelock import FileLock
from platformdirs import user_data_dir

from course import atomic

APP_NAME = "acupuncture-course"


def default_path() -> Path:
    """``$COURSE_PROGRESS_FILE`` if set (builds and tests use a scratch file), else the
    user data folder."""
    env = os.environ.get("COURSE_PROGRESS_FILE")
    if env:
        return Path(env)
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "progress.json"


def shape_problem(data: Any) -> str | None:
    """What is wrong with a progress file's JSON, or None: valid JSON of another shape (a
    number, a list, an answer that is a string) is as unreadable as broken JSON."""
    if not isinstance(data, dict) or not isinstance(data.get("lessons"), dict):
        return "not a progress file ({'lessons': {...}} expected)"
    for lesson, answers in data["lessons"].items():
        if not isinstance(answers, dict):
            return f"lesson {lesson!r}: answers should be an object"
        for question, entry in answers.items():
            selected = entry.get("selected") if isinstance(entry, dict) else None
            fine = (
                isinstance(selected, list)
                and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in selected)
                and isinstance(entry.get("correct"), bool)
                and isinstance(entry.get("attempts", 0), int)
            )
            if not fine:
                return f"lesson {lesson!r}, question {question!r}: not an answer"
    return None


class AnswerFile:
    """Answers per lesson and question: ``{lesson: {question: {selected, correct, attempts}}}``."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self._lock = FileLock(str(self.path) + ".lock")

    def load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"version": 1, "lessons": {}}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            problem = shape_problem(data)
            if problem:
                raise ValueError(problem)
            return data
        except (ValueError, UnicodeDecodeError) as err:
            aside = self.path.with_name(
                f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"
            )
            os.replace(self.path, aside)
            restored = self._backup()
            if restored is not None:
                shutil.copyfile(self._backup_path, self.path)
            warnings.warn(
                f"Progress file {self.path} could not be read ({err}); moved it to {aside} and "
                + ("restored your last saved answers." if restored else "started afresh."),
                RuntimeWarning,
                stacklevel=2,
            )
            return restored or {"version": 1, "lessons": {}}

    @property
    def _backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def _backup(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self._backup_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        return None if shape_problem(data) else data

    def answers(self, lesson: str) -> dict[str, Any]:
        return self.load()["lessons"].get(lesson, {})

    def record(self, lesson: str, question: str, selected: list[int], correct: bool) -> None:
        """Store one attempt; re-reads under the lock so other lessons' answers survive."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            data = self.load()
            entry = data["lessons"].setdefault(lesson, {}).get(question, {})
            data["lessons"][lesson][question] = {
                "selected": sorted(selected),
                "correct": bool(correct),
                "attempts": int(entry.get("attempts", 0)) + 1,
            }
            self._write(data)

    def reset(self, lesson: str) -> None:
        if not self.path.exists():
            return
        with self._lock:
            data = self.load()
            data["lessons"].pop(lesson, None)
            self._write(data)

    def _write(self, data: dict[str, Any]) -> None:
        # private (0600) and durable: the learner's answers exist nowhere else
        atomic.write(self.path, json.dumps(data, indent=1, sort_keys=True), mode=None, fsync=True)
        shutil.copyfile(self.path, self._backup_path)  # the last good state, for recovery
