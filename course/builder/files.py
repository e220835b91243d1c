"""Writing into the site being assembled.

The new site starts as hard links to the files of the last good one (copying a course of
ninety lessons took a quarter of a second of every edit), so a file must never be written
in place: that would change the published site too, before the swap, and a failed build
would leave it half new. Every write here makes a new file and renames it over the old
name, which breaks the link and is atomic besides.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from course import atomic


def link_tree(source: Path, target: Path) -> None:
    """``target`` as a tree of hard links to ``source`` (a copy where links cannot be made,
    such as across file systems)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


def replace(path: Path, data: str | bytes) -> None:
    """Write ``path`` as a new file (a site file may be a hard link into the published site:
    a new file leaves that one as it was)."""
    atomic.write(path, data)


# Zips the course ships (the download, the SCORM packages) are byte-identical for the same
# files: one fixed date, one mode, entries in the order given.
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def write_zip(target: Path, entries: dict[str, bytes], level: int | None = None) -> Path:
    """A deterministic zip of ``entries`` (name -> bytes), written whole or not at all."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, blob in entries.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, blob)
    atomic.write(target, buffer.getvalue())
    return target


def copy(source: Path, path: Path) -> None:
    """Copy ``source`` to ``path`` as a new file."""
    replace(path, Path(source).read_bytes())


def read_json(path: Path | None) -> dict:
    """A JSON object the build kept (state, memos): {} when it is absent or damaged, so a
    lost or broken record only costs the work it would have saved."""
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict) -> None:
    """Keep ``data`` at ``path``, written whole or not at all."""
    replace(path, json.dumps(data, indent=1, sort_keys=True))
