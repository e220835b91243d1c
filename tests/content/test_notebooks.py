"""Notebook hygiene, and the static checks that run before any execution."""

import json

import pytest

from course import paths
from course.builder import checks
from course.loader import store


def committed_notebooks():
    return sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", committed_notebooks(), ids=lambda p: p.name)
def test_committed_notebooks_have_no_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"], start=1):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name} cell {index} has outputs"
            assert cell["execution_count"] is None, f"{path.name} cell {index} has a count"


def test_every_lesson_has_a_notebook_and_every_notebook_a_lesson():
    ids = [lesson.id for lesson in store.get().syllabus.lessons]
    assert [p.stem for p in committed_notebooks()] == ids


def test_real_notebooks_pass_the_static_checks():
    problems, warnings = checks.check_notebooks(store.get())
    assert problems == [] and warnings == []


def test_static_checks_name_notebook_and_cell(tmp_path):
    data = store.get()
    for lesson in data.syllabus.lessons:
        (tmp_path / lesson.notebook).write_bytes(
            (paths.NOTEBOOKS_DIR / lesson.notebook).read_bytes()
        )
    nb = json.loads((tmp_path / "01-back-pain.ipynb").read_text())
    nb["cells"][1]["source"] = "See [@no-such-ref]."
    nb["cells"][1]["metadata"]["tags"] = ["remove-inptu"]
    quiz_cell = next(i for i, c in enumerate(nb["cells"]) if "quiz(" in "".join(c["source"]))
    nb["cells"][quiz_cell]["source"] = 'quiz("no-such-bank")'
    (tmp_path / "01-back-pain.ipynb").write_text(json.dumps(nb))
    (tmp_path / "00-start-here.ipynb").write_text('{"cells": [')
    (tmp_path / "99-stray.ipynb").write_text(json.dumps(nb))
    problems, _ = checks.check_notebooks(data, tmp_path)
    text = "\n".join(str(p) for p in problems)
    assert "01-back-pain.ipynb: [cell 2] unknown citation [@no-such-ref]" in text
    assert "01-back-pain.ipynb: [cell 2] unknown tag 'remove-inptu'" in text
    assert f"01-back-pain.ipynb: [cell {quiz_cell + 1}] unknown quiz bank 'no-such-bank'" in text
    assert "00-start-here.ipynb:1: not valid JSON" in text
    assert "99-stray.ipynb: notebook is not in course/content/syllabus.yml" in text
