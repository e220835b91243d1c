"""What a batch of saved files asks the preview to do.

The watcher reports paths; this module says which lessons they belong to and whether a
page can be rendered first in the preview's own process (notebooks, content, templates)
or only by a fresh build process (the package's Python code, whose old version the
preview has loaded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from course import paths

# What an author edits; anything else under a watched folder (editor swap files, caches,
# the build's own output) is not a change to the course.
WATCHED_SUFFIXES = {".ipynb", ".yml", ".yaml", ".j2", ".js", ".css", ".py", ".mplstyle", ".json"}
IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".git", "_build", "node_modules"}


def watched(path: str | Path) -> bool:
    """Whether a saved file is one the course is made from (not an editor's temp file)."""
    p = Path(path)
    name = p.name
    if name.startswith((".#", "#", ".~")) or name.endswith(("~", ".swp", ".swx", ".tmp")):
        return False
    if IGNORED_PARTS.intersection(p.parts):
        return False
    return p.suffix in WATCHED_SUFFIXES


@dataclass
class Batch:
    """Saved files grouped by what they need."""

    files: list[str] = field(default_factory=list)  # as the terminal names them
    lessons: set[str] = field(default_factory=set)  # notebooks saved, as lesson ids
    shared: bool = False  # content or templates: any page may change
    code: bool = False  # package code or static assets: only a fresh build sees them

    @property
    def page_first(self) -> bool:
        """A page rendered in this process would show the edit (not so for code)."""
        return not self.code


def classify(changed: set[Path], notebooks_dir: Path, lesson_of: dict[str, str]) -> Batch:
    """``lesson_of``: notebook file name -> lesson id (from the syllabus)."""
    batch = Batch()
    content = paths.content_dir().resolve()
    templates = paths.TEMPLATES_DIR.resolve()
    static = (templates / "static").resolve()
    notebooks = Path(notebooks_dir).resolve()
    for path in sorted(changed):
        full = Path(path).resolve()
        batch.files.append(paths.relative(full))
        if full.is_relative_to(notebooks) and full.suffix == ".ipynb":
            if full.name in lesson_of:
                batch.lessons.add(lesson_of[full.name])
            else:
                batch.shared = True  # a notebook the syllabus does not know: the check says so
        elif full.is_relative_to(static) or full.suffix == ".py":
            batch.code = True
        elif full.is_relative_to(content) or full.is_relative_to(templates):
            batch.shared = True
        else:
            batch.code = True  # anything else the package ships
    return batch
