"""Write a file whole or not at all: a new file beside it, then renamed over it.

Readers (a browser serving the site, a second build, the learner's next session) see the
old file or the new one, never half of one. One function for every writer in the package:
site files, the build's caches, and the learner's progress file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write(
    path: Path | str, data: str | bytes, *, mode: int | None = 0o644, fsync: bool = False
) -> None:
    """Write ``data`` to ``path`` atomically. ``mode``: the new file's permissions (None
    keeps the private 0600 of a temporary file: a learner's answers); ``fsync``: make it
    durable before the rename (data that exists nowhere else)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
