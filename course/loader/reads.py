"""Which content files a kernel's outputs depend on, recorded as the kernel reads them.

The build's cache must re-execute a lesson when a file its outputs came from changes,
and only then. Guessing that from the code (which helper reads which file) goes stale
the day a helper starts reading something new, so the kernel reports it instead: the
build sets ``$COURSE_READS_FILE`` and each content file the lesson's code uses is
appended to it once. Two ways in, both automatic:

- the content loader validates every file at once, so it records instead which parts
  of the loaded content (course.loader.content.Content) the code touches, each part naming the
  files it was built from;
- anything else that opens a file under the content folder is seen by an audit hook.

Outside a build (a learner's Jupyter) nothing is recorded and nothing is installed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ENV = "COURSE_READS_FILE"
_seen: set[str] = set()
_paused = 0
_hooked = False
_root = ""


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def record(*names: str) -> None:
    """Note content files (relative to the content folder) that outputs depend on."""
    target = os.environ.get(ENV)
    if not target or _paused:
        return
    new = [name for name in dict.fromkeys(names) if name not in _seen]
    if not new:
        return
    _seen.update(new)
    with open(target, "a", encoding="utf-8") as out:
        out.write("".join(f"{name}\n" for name in new))


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Reads that validate everything (the loader) are not what outputs depend on."""
    global _paused
    _paused += 1
    try:
        yield
    finally:
        _paused -= 1


def install(content_dir: Path) -> None:
    """Record files opened under ``content_dir`` (only when enabled; the hook is added
    once per process and follows the latest folder, as tests switch between copies)."""
    global _hooked, _root
    if not enabled():
        return
    _root = os.path.realpath(content_dir)
    if _hooked:
        return
    _hooked = True

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or _paused or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        full = os.path.realpath(os.fsdecode(args[0]))
        if full.startswith(_root + os.sep):
            record(Path(os.path.relpath(full, _root)).as_posix())

    sys.addaudithook(hook)


def read(path: Path) -> list[str]:
    """The recorded names, in the order first read (for the build, after a run)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return list(dict.fromkeys(line for line in lines if line))
