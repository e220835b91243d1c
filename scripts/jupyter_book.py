"""Jupyter Book 1 building the course's notebooks, set up and run as a user would, for timing.

A course author who did not use this project would most likely reach for Jupyter Book 1, so
scripts/bench.py times a clean Jupyter Book build of the same notebooks beside ours. To be a
fair comparison it has to be a real one:

- the notebooks run with exactly the libraries the course pins (requirements.txt, hashes
  checked) and import the real course package, in a throwaway venv of its own, so that
  Jupyter Book's dependencies never touch the project's venv;
- the book is what a user would write: a table of contents and a short _config.yml that
  executes every notebook through Jupyter Book's cache (its recommended mode);
- the build is the ``jupyter-book build`` command; and since it exits 0 even when a notebook
  raises (it only logs a warning), a build counts only if all notebooks executed, with no
  error output and no execution failure in its log.

API (scripts/bench.py imports it as it imports synthetic_course):
    python = prepare(work)          # venv in ``work``, once, not timed
    make_book(notebooks, book)      # a book of those notebooks
    seconds = clean_build(python, book)
    executed(book)                  # {notebook: seconds} that the last build logged

Usage: python scripts/jupyter_book.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "requirements.txt"
JUPYTER_BOOK = "jupyter-book==1.0.4.post1"
# What `pip install jupyter-book==1.0.4.post1` resolves to on top of the course's pins
# (none of which it changes), pinned as constraints so the benchmark measures the same
# Jupyter Book from one run and one month to the next.
JUPYTER_BOOK_DEPENDENCIES = (
    "accessible-pygments==0.0.5",
    "alabaster==0.7.16",
    "click==8.5.1",
    "docutils==0.21.2",
    "imagesize==2.0.1",
    "importlib-metadata==10.2.0",
    "jupyter-cache==1.0.1",
    "latexcodec==3.0.1",
    "lazy-importer==0.1.0",
    "linkify-it-py==2.2.0",
    "markdown-it-py==3.0.0",
    "mdit-py-plugins==0.7.0",
    "mdurl==0.1.2",
    "myst-nb==1.4.0",
    "myst-parser==3.0.1",
    "pybtex==0.26.1",
    "pybtex-docutils==1.0.3",
    "pydata-sphinx-theme==0.17.1",
    "snowballstemmer==3.1.1",
    "sphinx==7.4.7",
    "sphinx-book-theme==1.3.0",
    "sphinx-comments==0.0.3",
    "sphinx-copybutton==0.5.2",
    "sphinx-design==0.8.0",
    "sphinx-external-toc==1.1.0",
    "sphinx-jupyterbook-latex==1.0.0",
    "sphinx-multitoc-numbering==0.1.3",
    "sphinx-thebe==0.3.1",
    "sphinx-togglebutton==0.4.5",
    "sphinxcontrib-applehelp==2.0.0",
    "sphinxcontrib-bibtex==2.7.0",
    "sphinxcontrib-devhelp==2.0.0",
    "sphinxcontrib-htmlhelp==2.1.0",
    "sphinxcontrib-jsmath==2.0.0",
    "sphinxcontrib-qthelp==2.0.0",
    "sphinxcontrib-serializinghtml==2.0.0",
    "sqlalchemy==2.1.9",
    "tabulate==0.10.0",
    "wheel==0.48.0",
    "zipp==4.1.2",
)
TITLE = "Acupuncture for back pain"
LOG = "jupyter-book.log"  # the last build's output, kept in <book>/_build/

ANSI = re.compile(r"\x1b\[[0-9;]*m")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
EXECUTED = re.compile(r"^(\S+\.ipynb): Executed notebook in ([0-9.]+) seconds", re.M)
FAILED = re.compile(r"\bfailed\b", re.I)  # myst-nb: "Executing notebook failed: ..."


# -- the environment ----------------------------------------------------------------


def _norm(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: Path = REQUIREMENTS) -> dict[str, str]:
    """The course's ``name==version`` pins, following ``-r`` includes (requirements.txt
    only points at requirements.lock)."""
    found: dict[str, str] = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith(("-r ", "--requirement ")):
            found |= pins(requirements.parent / line.split(maxsplit=1)[1])
        elif match := PIN.match(line):
            found[_norm(match[1])] = match[2]
    return found


def _run(cmd: list[str], what: str) -> None:
    """Run a setup command; on failure stop with its last lines (pip explains itself there)."""
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).splitlines()
        noise = "is ignored: it is neither a file nor a directory"  # this machine's pip config
        tail = "\n".join(line for line in output if noise not in line)[-4000:]
        raise SystemExit(f"{what} failed: {' '.join(cmd)}\n{tail}")


def _check_pins(python: Path, wanted: dict[str, str]) -> None:
    """Stop unless every pin is installed at its version: Jupyter Book must run the notebooks
    with the course's libraries, not with versions its resolver preferred."""
    probe = (
        "import importlib.metadata as m, json; "
        "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
    )
    out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=True)
    installed = {_norm(name): version for name, version in json.loads(out.stdout).items()}
    wrong = {
        name: (version, installed.get(name))
        for name, version in wanted.items()
        if installed.get(name) != version
    }
    if wrong:
        listed = ", ".join(
            f"{n} pinned {want}, installed {got}" for n, (want, got) in wrong.items()
        )
        raise SystemExit(f"the Jupyter Book venv does not hold its pins: {listed}")


def prepare(work: Path) -> Path:
    """A venv in ``work`` with the course's pinned libraries (hashes checked, as ``make
    install`` does), Jupyter Book and the course package; returns its python.

    Jupyter Book comes second, under a constraints file of the course's pins and of its own
    resolved dependencies (the course's pin wins where both name a package), so its
    resolver can add packages but never move a course pin; afterwards every pin is checked.
    The course package is installed editable without dependencies (as the Makefile does), so
    the notebooks import this checkout's ``course`` and read its content. Takes a minute or
    so; not part of any timing.
    """
    work.mkdir(parents=True, exist_ok=True)
    venv = work / "venv"
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "venv", str(venv)], "creating the venv")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "--require-hashes", "-r", str(REQUIREMENTS)], "installing the course's pins")
    course = pins()
    constraints = work / "constraints.txt"
    ours = [pin for pin in JUPYTER_BOOK_DEPENDENCIES if _norm(pin.split("==")[0]) not in course]
    lines = [*(f"{name}=={version}" for name, version in course.items()), *ours]
    constraints.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _run([*pip, "-c", str(constraints), JUPYTER_BOOK], f"installing {JUPYTER_BOOK}")
    _run([*pip, "--no-deps", "--no-build-isolation", "-e", str(REPO)], "installing the course")
    added = {
        _norm(name): version for name, version in (p.split("==") for p in [*ours, JUPYTER_BOOK])
    }
    _check_pins(python, course | added)
    return python


# -- the book -----------------------------------------------------------------------


def make_book(notebooks: Path, book: Path) -> None:
    """``book``: copies of the notebooks (sorted by name), a table of contents with the first
    as the root and the others as chapters, and the short _config.yml a user would write:
    execute through Jupyter Book's cache (a clean build executes everything), a timeout long
    enough for the heaviest lesson, and only the listed files. Launch buttons and repository
    links are off by default and stay so."""
    sources = sorted(notebooks.glob("*.ipynb"))
    if not sources:
        raise SystemExit(f"no notebooks in {notebooks}")
    book.mkdir(parents=True, exist_ok=True)
    for source in sources:
        shutil.copyfile(source, book / source.name)
    toc = {
        "format": "jb-book",
        "root": sources[0].stem,
        "chapters": [{"file": source.stem} for source in sources[1:]],
    }
    config = {
        "title": TITLE,
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "cache", "timeout": 300},
    }
    for name, data in (("_toc.yml", toc), ("_config.yml", config)):
        (book / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


# -- the build ----------------------------------------------------------------------


def clean_build(python: Path, book: Path) -> float:
    """Delete ``book/_build`` (site and execution cache), run ``jupyter-book build`` as a user
    would and return its wall time in seconds; stop if it failed or did not really execute
    every notebook without an error."""
    shutil.rmtree(book / "_build", ignore_errors=True)
    bin_dir = python.parent  # not resolved: the venv's own bin/, not the base interpreter's
    env = {**os.environ, "VIRTUAL_ENV": str(bin_dir.parent)}  # as if activated
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONHOME", None)
    started = time.perf_counter()
    result = subprocess.run(
        [str(bin_dir / "jupyter-book"), "build", str(book)],
        cwd=book.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    log = ANSI.sub("", result.stdout)
    (book / "_build").mkdir(exist_ok=True)
    (book / "_build" / LOG).write_text(log, encoding="utf-8")
    if result.returncode != 0:
        raise SystemExit(f"jupyter-book build exited {result.returncode}:\n{log[-4000:]}")
    _check_executed(book, log)
    return seconds


def executed(book: Path) -> dict[str, float]:
    """Notebook name -> execution seconds, as the last build of ``book`` logged them."""
    log = (book / "_build" / LOG).read_text(encoding="utf-8")
    return {Path(path).stem: float(seconds) for path, seconds in EXECUTED.findall(log)}


def _errors(notebook: Path) -> list[str]:
    """The error outputs of an executed notebook, each as its traceback."""
    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                trace = ANSI.sub("", "\n".join(output.get("traceback", [])))
                found.append(f"{output.get('ename')}: {output.get('evalue')}\n{trace}")
    return found


def _unexecuted(notebook: Path) -> int:
    """Code cells with source that have no execution count (so were never run)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(
        1
        for cell in cells
        if cell["cell_type"] == "code"
        and "".join(cell["source"]).strip()
        and cell.get("execution_count") is None
    )


def _check_executed(book: Path, log: str) -> None:
    """Stop unless every notebook of the book was executed in this build, with no error.

    Jupyter Book logs a failing notebook as a warning, saves its traceback under
    _build/html/reports/ and still exits 0; a notebook it did not execute (a cache hit, a
    configuration that turned execution off) leaves no "Executed notebook" line. So the log,
    the executed copies in _build/jupyter_execute/ and the reports are all read."""
    expected = sorted(p.stem for p in book.glob("*.ipynb"))
    problems = [f"log: {line}" for line in log.splitlines() if FAILED.search(line)]
    for report in sorted((book / "_build" / "html" / "reports").glob("*.log")):
        traceback = ANSI.sub("", report.read_text(encoding="utf-8"))
        problems.append(f"{report.name}:\n{traceback[-4000:]}")
    run = executed(book)
    missing = [name for name in expected if name not in run]
    if missing:
        problems.append(f"not executed in this build (no 'Executed notebook' line): {missing}")
    outputs = book / "_build" / "jupyter_execute"
    for name in expected:
        copy = outputs / f"{name}.ipynb"
        if not copy.exists():
            problems.append(f"{name}: no executed copy in {outputs}")
            continue
        problems += [f"{name}: error output {error}" for error in _errors(copy)]
        if count := _unexecuted(copy):
            problems.append(f"{name}: {count} code cells without an execution count")
    if problems:
        raise SystemExit(
            f"Jupyter Book did not execute all {len(expected)} notebooks cleanly "
            f"(full log: {book / '_build' / LOG}):\n" + "\n".join(problems)
        )


# -- by hand ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="clean builds to time (default 3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    tmp = Path(tempfile.mkdtemp(prefix="jupyter-book-bench-"))
    try:
        started = time.perf_counter()
        python = prepare(tmp)
        print(f"prepared {JUPYTER_BOOK} venv in {time.perf_counter() - started:.1f} s")
        book = tmp / "book"
        make_book(REPO / "notebooks", book)
        times = []
        for run in range(args.runs):
            times.append(clean_build(python, book))
            notebooks = executed(book)
            print(
                f"clean build {run + 1}: {times[-1]:.2f} s, {len(notebooks)} notebooks "
                f"executed in {sum(notebooks.values()):.2f} s of it"
            )
        print(f"median of {len(times)}: {statistics.median(times):.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
