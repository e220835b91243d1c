"""The course download for Jupyter learners: one zip with what a lesson needs to run.

A downloaded notebook alone cannot run: its first cell imports the ``course`` package.
The zip carries the nine notebooks (executed, readable before they run), a wheel of the
package built from this checkout, a ``requirements.txt`` with the versions the build
locked (requirements.lock), and a short README. The wheel is built by the project's PEP 517
backend (setuptools from the venv, no network) from a staged copy of the package that also
holds the lesson index (course.loader.lesson_index), and reused while nothing in it changes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from course import paths
from course.builder.cache import digest_files
from course.builder.files import write_zip
from course.errors import BuildProblem
from course.loader import lesson_index
from course.loader.content import Content
from course.output import render

ZIP_NAME = "acupuncture-course.zip"
FOLDER = "acupuncture-course"
# Besides what the package itself declares: the front end the README starts.
FRONT_END = ("jupyterlab",)
# The wheel's build time (SOURCE_DATE_EPOCH, 1 Jan 2024, as the zip entries have: see
# files.write_zip), so the same site gives the same bytes.
WHEEL_EPOCH = "1704067200"


class DownloadFailed(BuildProblem):
    """The wheel could not be built; the message says what pip reported."""


def distribution_name(requirement: str) -> str:
    """A distribution's normalised name ('pagefind[bin]==1.5' -> 'pagefind')."""
    return re.split(r"[\s\[=<>!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def locked_pins(lock: Path) -> dict[str, str]:
    """``name==version`` of every distribution in a pip-compile lock, by normalised name."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith(("#", "-")):
            pin = line.split()[0]
            pins[distribution_name(pin)] = pin
    return pins


def runtime_pins(pyproject: Path, lock: Path) -> list[str]:
    """The build's locked versions of what the wheel depends on, plus JupyterLab."""
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    wanted = [distribution_name(d) for d in declared] + list(FRONT_END)
    locked = locked_pins(lock)
    missing = [name for name in wanted if name not in locked]
    if missing:
        raise DownloadFailed(
            f"{paths.relative(lock)} locks none of: {', '.join(missing)} "
            "(the course download installs exactly these versions; run `make lock`)"
        )
    return [locked[name] for name in wanted]


def _stage(staging: Path, snapshot: str) -> str:
    """Copy what the wheel is built from; return a digest of it (the wheel's cache key)."""
    shutil.rmtree(staging, ignore_errors=True)
    package = staging / "course"
    shutil.copytree(
        paths.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    (package / lesson_index.SNAPSHOT).write_text(snapshot, encoding="utf-8")
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(paths.REPO_DIR / name, staging / name)
    h = hashlib.sha256(b"wheel-v1")
    h.update(sys.version.split()[0].encode())
    h.update(digest_files([p for p in staging.rglob("*") if p.is_file()], staging).encode())
    return h.hexdigest()[:16]


_BUILD_HOOK = (
    "import importlib, sys; module, _, name = sys.argv[1].partition(':'); "
    "backend = importlib.import_module(module); "
    "backend = getattr(backend, name) if name else backend; backend.build_wheel(sys.argv[2])"
)


def build_wheel(cache_dir: Path, notebooks_dir: Path, lesson_ids: list[str]) -> Path:
    """The package as a wheel, built once per distinct package (kept in ``cache_dir``)."""
    root = Path(cache_dir).resolve() / "wheel"
    staging = root / "src"
    key = _stage(staging, lesson_index.snapshot(lesson_ids, Path(notebooks_dir)))
    built = root / key
    wheels = sorted(built.glob("*.whl"))
    if wheels:
        shutil.rmtree(staging, ignore_errors=True)
        return wheels[0]
    shutil.rmtree(built, ignore_errors=True)
    # the backend's build_wheel hook called straight, as `pip wheel --no-build-isolation`
    # calls it (the same wheel, byte for byte) without starting pip and a second Python
    # for the hook: 1.3 s -> 0.5 s of a clean build
    pyproject = tomllib.loads((staging / "pyproject.toml").read_text(encoding="utf-8"))
    backend = pyproject["build-system"]["build-backend"]
    command = [sys.executable, "-c", _BUILD_HOOK, backend, str(built)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": WHEEL_EPOCH, "PYTHONHASHSEED": "0"}
    result = subprocess.run(command, cwd=staging, env=env, capture_output=True, text=True)
    wheels = sorted(built.glob("*.whl"))
    if result.returncode != 0 or not wheels:
        raise DownloadFailed(
            f"building the course wheel failed ({backend}, from a copy of course/):\n"
            + (result.stderr or result.stdout).strip()[-2000:]
        )
    for old in root.iterdir():  # keep only the current wheel
        if old.is_dir() and old.name not in (key, "src"):
            shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return wheels[0]


def write_course_zip(data: Content, site: Path, wheel: Path) -> Path:
    """``downloads/acupuncture-course.zip`` from the site's downloadable notebooks."""
    pins = runtime_pins(paths.REPO_DIR / "pyproject.toml", paths.LOCK_FILE)
    lessons = data.syllabus.lessons
    readme = render.document(
        "README.md.j2", syllabus=data.syllabus, lessons=lessons, wheel=wheel.name
    )
    files: dict[str, bytes] = {
        "README.md": readme.encode(),
        "requirements.txt": render.document(
            "requirements.txt.j2", pins=pins, wheel=wheel.name
        ).encode(),
        wheel.name: wheel.read_bytes(),
    }
    for lesson in lessons:
        files[lesson.notebook] = (site / "notebooks" / lesson.notebook).read_bytes()
    target = site / "downloads" / ZIP_NAME
    entries = {f"{FOLDER}/{name}": blob for name, blob in files.items()}
    return write_zip(target, entries, level=9)
