"""The course download for Jupyter learners: what the zip holds, and that it runs outside
the repository from a fresh virtual environment, as a learner would install it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from course import paths
from course.builder import checks, download
from tests.conftest import lesson_ids

ZIP = Path("downloads") / download.ZIP_NAME


def test_zip_holds_the_lessons_the_wheel_pins_and_a_readme(built_site):
    with zipfile.ZipFile(built_site / ZIP) as zf:
        names = zf.namelist()
        assert all(name.startswith(f"{download.FOLDER}/") for name in names)
        files = {name.split("/", 1)[1]: name for name in names}
        wheels = [n for n in files if n.endswith(".whl")]
        assert len(wheels) == 1
        assert sorted(files) == sorted(
            ["README.md", "requirements.txt", *wheels, *(f"{i}.ipynb" for i in lesson_ids())]
        )
        for lesson in lesson_ids():  # the same readable notebooks the site offers one by one
            packed = zf.read(files[f"{lesson}.ipynb"])
            assert packed == (built_site / "notebooks" / f"{lesson}.ipynb").read_bytes()
        requirements = zf.read(files["requirements.txt"]).decode().splitlines()
        readme = zf.read(files["README.md"]).decode()
        wheel = zipfile.ZipFile(zf.open(files[wheels[0]]))
        index = json.loads(wheel.read("course/lesson_index.json"))
        packaged = set(wheel.namelist())

    assert requirements[-1] == f"./{wheels[0]}"
    repo_pins = set(download.locked_pins(paths.LOCK_FILE).values())
    pins = [line for line in requirements if line and not line.startswith(("#", "./"))]
    assert pins and set(pins) <= repo_pins  # exactly what the build was tested with
    assert {"jupyterlab", "ipywidgets", "matplotlib", "pydantic"} <= {
        p.split("==")[0].lower() for p in pins
    }
    for step in ("python3 -m venv .venv", "pip install -r requirements.txt", "jupyter lab"):
        assert step in readme
    assert "not medical advice" in readme.lower()
    assert list(index) == lesson_ids()
    assert index["04-the-research"]["claims"] and index["04-the-research"]["cites"]
    for name in ("course/content/syllabus.yml", "course/content/quizzes/04-the-research.yml"):
        assert name in packaged


def test_index_and_lessons_link_the_download(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{ZIP.as_posix()}" download' in index
    assert "MB)" in index  # its size, so a learner on a slow line knows
    for lesson in lesson_ids():
        page = (built_site / f"{lesson}.html").read_text(encoding="utf-8")
        assert f'href="notebooks/{lesson}.ipynb"' in page
        assert f'href="{ZIP.as_posix()}"' in page


def test_first_cell_guard_is_checked(tmp_path):
    cell = 'try:\n    from course import header\nexcept ImportError:\n    pass\n\nheader("x")'
    assert "standard guard" in checks._guard_problem(cell)
    good = checks.guarded("from course import header") + '\nheader("x")'
    assert checks._guard_problem(good) is None
    assert "import from the course" in checks._guard_problem(checks.guarded("import os"))


def _clean_env(tmp: Path) -> dict:
    """A learner's shell: no repository on the path, no course settings, own home."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COURSE_", "PYTHON", "VIRTUAL_ENV", "JUPYTER"))
    }
    env["HOME"] = str(tmp / "home")
    env["COURSE_PROGRESS_FILE"] = str(tmp / "progress.json")
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p
    )
    return env


RUN = """
import sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

nb = nbformat.read(sys.argv[1], 4)
nb.cells.append(nbformat.v4.new_code_cell("import course, sys; print(course.__file__)"))
try:
    NotebookClient(nb, kernel_name="python3", timeout=300).execute()
except CellExecutionError as err:
    print("CELL ERROR", err)
nbformat.write(nb, sys.argv[2])
"""


@pytest.mark.slow
@pytest.mark.network
def test_course_download_installs_in_a_fresh_venv_and_runs(built_site, tmp_path):
    """Unzip, make a venv, install as the README says, run a lesson with nbclient there."""
    with zipfile.ZipFile(built_site / ZIP) as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / download.FOLDER
    env = _clean_env(tmp_path)
    (tmp_path / "home").mkdir()
    subprocess.run([sys.executable, "-m", "venv", ".venv"], cwd=folder, env=env, check=True)
    python = folder / ".venv" / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    requirements = (folder / "requirements.txt").read_text().splitlines()
    (folder / "pins.txt").write_text("\n".join(requirements[:-1]) + "\n")
    subprocess.run([*pip, "-r", "pins.txt"], cwd=folder, env=env, check=True, timeout=900)
    (tmp_path / "run.py").write_text(RUN)
    lesson = "07-choosing-care"

    # Without the course package: the first cell says what to install, in two lines, and
    # Run All stops there, so the rest of the lesson keeps its readable outputs.
    run = [str(python), str(tmp_path / "run.py"), f"{lesson}.ipynb"]
    subprocess.run([*run, "missing.ipynb"], cwd=folder, env=env, check=True, timeout=300)
    missing = nbformat.read(folder / "missing.ipynb", 4)
    code = [c for c in missing.cells if c.cell_type == "code"]
    error = code[0].outputs[0]
    assert error.output_type == "error" and error.ename == "ModuleNotFoundError"
    assert len(error.traceback) == 2 and "pip install -r requirements.txt" in error.traceback[1]
    downloaded = nbformat.read(folder / f"{lesson}.ipynb", 4)
    assert [c.outputs for c in code[1:-1]] == [
        c.outputs for c in downloaded.cells if c.cell_type == "code"
    ][1:]

    # Installed as the README says: every cell runs, from the wheel in the venv.
    subprocess.run([*pip, "-r", "requirements.txt"], cwd=folder, env=env, check=True, timeout=300)
    subprocess.run([*run, "ran.ipynb"], cwd=folder, env=env, check=True, timeout=600)
    ran = nbformat.read(folder / "ran.ipynb", 4)
    errors = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in errors if o.output_type == "error"]
    where = ran.cells[-1].outputs[0].text.strip()
    assert where.startswith(str(folder / ".venv")), where  # not the repository's package
    texts = json.dumps([c.outputs for c in ran.cells if c.cell_type == "code"])
    assert "Claims in this lesson: verdicts" in texts  # claims_summary(lesson=...) ran
    assert "FileNotFoundError" not in texts


def test_without_notebooks_the_package_reads_its_packaged_index(tmp_path, monkeypatch):
    """What an installed wheel does: same claims and sources, no notebook on disk."""
    from course import sources
    from course.loader import lesson_index
    from course.views.claims import claims_in_lesson

    lesson = "04-the-research"
    in_repo = (repr(sources(lesson)), claims_in_lesson(lesson))
    package = tmp_path / "course"
    package.mkdir()
    monkeypatch.setenv("COURSE_NOTEBOOKS_DIR", str(tmp_path / "no-notebooks"))
    monkeypatch.setattr(lesson_index.paths, "PACKAGE_DIR", package)
    with pytest.raises(FileNotFoundError, match="install the wheel from the course download"):
        sources(lesson)
    snapshot = lesson_index.snapshot(lesson_ids(), paths.NOTEBOOKS_DIR)
    (package / lesson_index.SNAPSHOT).write_text(snapshot, encoding="utf-8")
    assert (repr(sources(lesson)), claims_in_lesson(lesson)) == in_repo


def test_any_wheel_of_the_package_carries_the_lesson_index(tmp_path):
    """`pip wheel .` from a clone, not only the course download's wheel: the build hook
    (setup.py) writes what each lesson shows and cites into the package."""
    clone = tmp_path / "clone"
    for name in ("course", "notebooks"):
        shutil.copytree(
            paths.REPO_DIR / name, clone / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copyfile(paths.REPO_DIR / name, clone / name)
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check"]
    command += ["--no-deps", "--no-build-isolation", "--no-index", "-w", str(tmp_path), "."]
    subprocess.run(command, cwd=clone, check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        index = json.loads(zf.read("course/lesson_index.json"))
    from course.loader import lesson_index

    assert sorted(index) == sorted(lesson_ids())
    assert all(index[lesson] == lesson_index.entry(lesson) for lesson in lesson_ids())
