"""Remember what the last good build was made from, so an unchanged course is not rebuilt
and a prose edit re-exports only its own lesson.

The stamp hashes raw bytes (content files, notebooks, package code, templates, pins,
reveal.js), so checking it needs no YAML parsing, no nbformat and no kernel.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from course import paths
from course.builder import cache
from course.builder.cache import digest_files
from course.builder.files import read_json, write_json


@dataclass
class Options:
    """What a build is asked to do (the CLI's flags)."""

    out: Path = field(default_factory=lambda: paths.BUILD_DIR / "site")
    cache_dir: Path = field(default_factory=lambda: paths.BUILD_DIR / "cache")
    notebooks_dir: Path = field(default_factory=lambda: paths.NOTEBOOKS_DIR)
    only: list[str] | None = None
    # (k, n): the k-th of n equal shares of the lessons (1-based), for CI jobs that each
    # execute a share into a shared cache before one job assembles the site
    shard: tuple[int, int] | None = None
    jobs: int = 0
    use_cache: bool = True
    timeout: int = 120
    # kernels forked from one warm process (course.builder.forks); False: each starts cold
    fork_kernels: bool = True


@dataclass(frozen=True)
class Stamp:
    shared: str  # everything except the notebooks themselves
    value: str  # shared plus every notebook


def _hash_tree(h, root: Path, files) -> None:
    h.update(digest_files(list(files), root).encode())


def inputs_stamp(notebooks_dir: Path, out: Path) -> Stamp:
    h = hashlib.sha256(b"state-v1")
    content_dir = paths.content_dir()
    _hash_tree(h, content_dir, [p for p in content_dir.rglob("*") if p.is_file()])
    _hash_tree(h, paths.PACKAGE_DIR, cache.package_files(site=True))
    # The course download's wheel is built from the package, its metadata and the lock.
    for extra in (paths.REPO_DIR / "pyproject.toml", paths.REPO_DIR / "README.md"):
        if extra.exists():
            h.update(extra.read_bytes())
    reveal = paths.reveal_dir()
    for name in paths.REVEAL_FILES:
        file = reveal / name
        h.update(file.read_bytes() if file.exists() else b"missing")
    cache.environment_digest(h)
    shared = h.hexdigest()
    h.update(str(Path(out).resolve()).encode())
    notebooks = Path(notebooks_dir)
    _hash_tree(h, notebooks, list(notebooks.glob("*.ipynb")))
    return Stamp(shared=shared, value=h.hexdigest())


def export_key(notebook: Path, shared: str) -> str:
    """A lesson's page and deck depend on its notebook and on everything shared."""
    return hashlib.sha256(shared.encode() + Path(notebook).read_bytes()).hexdigest()


def _path(out: Path) -> Path:
    return Path(out).parent / f".{Path(out).name}.state.json"


def load(out: Path) -> dict:
    return read_json(_path(out))


def save(
    out: Path,
    stamp: Stamp | None,
    lessons: dict,
    pages: str | None = None,
    class_decks: dict | None = None,
) -> None:
    """Written after the swap: a build killed before it leaves the old state, so the next
    build redoes the work instead of trusting a site it never finished."""
    write_json(
        _path(out),
        {
            "stamp": stamp.value if stamp else None,
            "lessons": lessons,
            "pages": pages,
            "class_decks": class_decks or {},
        },
    )


def up_to_date(options: Options) -> tuple[bool, Stamp, dict]:
    """Whether the last good site still stands for ``options``, decided from raw bytes and
    the saved stamp alone; this module imports nothing heavy, so `python -m course build`
    answers an unchanged course before loading nbconvert, pydantic or Jinja."""
    out = Path(options.out)
    stamp = inputs_stamp(options.notebooks_dir, out)
    previous = load(out)
    fresh = (
        options.use_cache
        and not options.only
        and not options.shard
        and out.exists()
        and previous.get("stamp") == stamp.value
    )
    return fresh, stamp, previous
