"""What each lesson shows and cites, known with or without its notebook.

``sources()``, ``claims_summary(lesson=...)`` and the verdict bars need to know which
claim cards a lesson shows and what its prose cites. In the repository that is read
from the notebooks, so it can never go stale; an installed package has no notebooks,
so the course download's wheel carries a snapshot (``lesson_index.json``) written by
the same scan from the same notebooks when the wheel is built.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from course import paths
from course.syntax import CLAIM_CALL, QUIZ_CALL, SIGNS_CALL, cited_ids

SNAPSHOT = "lesson_index.json"


def section_headings(markdown: str) -> list[str]:
    """The "## " headings of a markdown cell: a lesson's sections, as teaching plans name
    them (one reading of the notation for the index, the guide and the class decks)."""
    return [line[3:].strip() for line in markdown.splitlines() if line.startswith("## ")]


def scan(cells: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Claim cards, prose citations and quiz banks of a lesson, each in order of first use,
    and its sections (the "## " headings a teaching plan names), in order.

    Cells may be nbformat nodes or plain dicts (course.loader.notebook_json).
    """
    claims: list[str] = []
    cites: list[str] = []
    quizzes: list[str] = []
    signs: list[str] = []
    sections: list[str] = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            cites += cited_ids(cell["source"])
            sections += section_headings(cell["source"])
        elif cell["cell_type"] == "code":
            claims += CLAIM_CALL.findall(cell["source"])
            quizzes += QUIZ_CALL.findall(cell["source"])
            signs += [name or "back-pain" for name in SIGNS_CALL.findall(cell["source"])]
    return {
        "claims": list(dict.fromkeys(claims)),
        "cites": list(dict.fromkeys(cites)),
        "quizzes": list(dict.fromkeys(quizzes)),
        "signs": list(dict.fromkeys(signs)),  # warning-sign lists (red_flags.yml)
        "sections": sections,
    }


def notebooks_dir() -> Path:
    """The lesson notebooks a kernel may read; ``$COURSE_NOTEBOOKS_DIR`` for edited copies."""
    return Path(os.environ.get("COURSE_NOTEBOOKS_DIR", paths.NOTEBOOKS_DIR))


def snapshot(lesson_ids: list[str], notebooks: Path) -> str:
    """The JSON the wheel carries: every lesson's scan, in syllabus order."""
    from course.loader.notebook_json import cells

    index = {lesson_id: scan(cells(notebooks / f"{lesson_id}.ipynb")) for lesson_id in lesson_ids}
    return json.dumps(index, indent=1, ensure_ascii=False) + "\n"


def entry(lesson_id: str, notebooks: Path | None = None) -> dict[str, list[str]]:
    """One lesson's scan: from its notebook when there is one, else from the package
    (``notebooks``: the folder being built; a kernel is told it by the environment)."""
    from course.loader.notebook_json import cells

    notebook = (notebooks or notebooks_dir()) / f"{lesson_id}.ipynb"
    if notebook.exists():
        return scan(cells(notebook))
    packaged = paths.PACKAGE_DIR / SNAPSHOT
    if packaged.exists():
        index = json.loads(packaged.read_text(encoding="utf-8"))
        if lesson_id in index:
            return {key: list(values) for key, values in index[lesson_id].items()}
    raise FileNotFoundError(
        f"lesson {lesson_id!r}: no notebook at {notebook} and no {SNAPSHOT} in the "
        "installed package; install the wheel from the course download"
    )
