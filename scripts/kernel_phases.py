"""Where the kernels' CPU goes while the lessons execute, phase by phase.

Why: the benchmark (scripts/bench.py) says how long a build takes, not what the kernels
spend it on, and the issue asks to "Profile where the kernels' CPU goes ... Print the
per-phase split" before anyone optimises figure rendering, content loading or imports.
This runs each lesson as the build does (course.builder.execute: the same kernel
environment, scratch progress and reads files, IPC transport, the notebook's folder as
working directory), one lesson at a time so that kernels do not slow each other down,
with two cells added: a prologue first and an epilogue last. Inside the kernel the
prologue wraps the functions below in timers that read ``time.process_time()`` (the
kernel process's CPU, all its threads; never wall time) and keep a stack, so time spent in
a nested phase is counted there and not again in the phase around it: the phases add up
to the kernel's total CPU, which the epilogue reads and prints as one JSON line.

Phases (seconds of kernel CPU):

- kernel start: what the kernel process had used when the prologue began (interpreter
  and ipykernel start-up, and receiving the first cell);
- imports: importing ``course``, ``course.plotting`` and ``course.views`` in the
  prologue (what the lesson's first cell imports: course.plotting pulls in matplotlib's
  Figure, numpy, the content models), and every module imported after that, wherever
  (``import`` statements and importlib.import_module, which ``course`` uses to load the
  views that ``from course import claim, quiz, ...`` names). The lessons never import
  matplotlib.pyplot (course.plotting draws on matplotlib.figure.Figure), so it is not
  imported here either: that would add CPU the build does not spend;
- content: course.loader.store.get and .load, the content loaded and validated on the
  first call (later calls are lookups);
- charts: the public drawing functions of course.plotting (``__all__``: plot_*,
  dataset_bars, verdict_bars, evidence_ladder, evidence_rungs), i.e. building the
  matplotlib figures and the rest of FigureDisplay, less the phases below;
- PNG: course.output.figure._compact_png (savefig to PNG and palette quantization), for
  the wide figure and for the phone layout;
- SVG: course.output.figure._svg;
- text checks: course.output.figure.cut_text and course.output.phone.fits and
  .overlapping_labels (text off the figure, labels running into each other), also when
  the phone layout calls them;
- phone layout: course.output.phone.narrow, less the checks it calls;
- other: the rest (total less the phases above): claim cards, quizzes and widgets,
  tables, HTML templates, IPython's display of outputs, the kernel's message handling
  while cells run, and these timers.

A wrapped name is replaced where callers look it up at call time (the module attribute,
and any ``from x import f`` copy already bound in a loaded course module). If one is
missing the run stops with its name, and if a lesson builds figures but PNG or SVG was
never called, or a wrapped function is never called in any lesson, it says so: the
figure code has changed and this split would otherwise quietly measure nothing.

Usage: python scripts/kernel_phases.py [--notebooks DIR] [--counts] [--overhead [LESSON]]
  --counts    also print how often each wrapped function ran, per lesson
  --overhead  run one lesson (default 04-the-research) with and without the timers,
              alternately, --repeat times, and compare the kernels' total CPU
"""

from __future__ import annotations

import functools
import json
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
OVERHEAD_LESSON = "04-the-research"
MARK = "KERNEL-PHASES "  # the epilogue's line starts with this

PHASES = (
    "kernel start",
    "imports",
    "content",
    "charts",
    "PNG",
    "SVG",
    "text checks",
    "phone layout",
    "other",
)
# Imported in the prologue, timed as "imports", before anything is wrapped.
IMPORTED = ("course", "course.plotting", "course.views")
# (phase, module, function): wrapped where callers look them up.
WRAPPED = (
    ("content", "course.loader.store", "get"),
    ("content", "course.loader.store", "load"),
    ("PNG", "course.output.figure", "_compact_png"),
    ("SVG", "course.output.figure", "_svg"),
    ("text checks", "course.output.figure", "cut_text"),
    ("text checks", "course.output.phone", "fits"),
    ("text checks", "course.output.phone", "overlapping_labels"),
    ("phone layout", "course.output.phone", "narrow"),
)
CHARTS = "course.plotting"  # its __all__: the "charts" phase
IMPORT_COUNT = "(import statements)"


class PhaseError(Exception):
    """The split cannot be measured (a lesson failed, or a wrapped name is gone)."""


# -- inside the kernel ----------------------------------------------------------------
# The prologue imports this module (which imports nothing the kernel has not loaded) and
# calls install(); the epilogue calls report().


class _Clock:
    """Exclusive CPU per phase: a stack of phases, the top one charged until it changes."""

    def __init__(self, started: float) -> None:
        self.thread = threading.get_ident()  # the thread running cells; others pass through
        self.totals = dict.fromkeys(PHASES, 0.0)
        self.totals["kernel start"] = started
        self.counts: dict[str, int] = {}
        self.stack = ["other"]
        self.mark = started

    def enter(self, phase: str) -> None:
        now = time.process_time()
        self.totals[self.stack[-1]] += now - self.mark
        self.mark = now
        self.stack.append(phase)

    def leave(self) -> None:
        now = time.process_time()
        self.totals[self.stack.pop()] += now - self.mark
        self.mark = now

    def timed(self, phase: str, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` charging its CPU to ``phase`` (its name, docstring and __wrapped__ kept:
        explorables name their states after the plotting function)."""
        self.counts.setdefault(name, 0)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if threading.get_ident() != self.thread:
                return fn(*args, **kwargs)
            self.counts[name] += 1
            self.enter(phase)
            try:
                return fn(*args, **kwargs)
            finally:
                self.leave()

        return wrapper


_clock: _Clock | None = None


def _replace(original: object, wrapper: object) -> None:
    """Put ``wrapper`` wherever a loaded course module holds ``original`` by name."""
    for module_name, module in list(sys.modules.items()):
        if module is None or not (module_name == "course" or module_name.startswith("course.")):
            continue
        for attr, value in list(vars(module).items()):
            if value is original:
                setattr(module, attr, wrapper)


def install(started: float) -> None:
    """Start the clock at ``started`` (process_time when the prologue began), import the
    course package timed, then wrap the phases' functions."""
    import builtins
    import importlib

    global _clock
    clock = _clock = _Clock(started)
    clock.enter("imports")
    try:
        # every later import is "imports" too, wherever it happens
        builtins.__import__ = clock.timed("imports", IMPORT_COUNT, builtins.__import__)
        importlib.import_module = clock.timed(
            "imports", "importlib.import_module", importlib.import_module
        )
        for name in IMPORTED:
            importlib.import_module(name)
    finally:
        clock.leave()
    targets = list(WRAPPED)
    plotting = sys.modules[CHARTS]
    for name in getattr(plotting, "__all__", None) or _missing(f"{CHARTS}.__all__"):
        targets.append(("charts", CHARTS, name))
    for phase, module_name, name in targets:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            _missing(f"module {module_name}")
        original = getattr(module, name, None)
        if not callable(original):
            _missing(f"{module_name}.{name}")
        if module_name == CHARTS:  # counted by where it is defined
            module_name = getattr(original, "__module__", module_name)
        wrapper = clock.timed(phase, f"{module_name}.{name}", original)
        setattr(module, name, wrapper)
        _replace(original, wrapper)


def _missing(what: str) -> Any:
    raise PhaseError(
        f"{what} is gone: scripts/kernel_phases.py times it (WRAPPED, PHASES); "
        "update the script to the renamed or new code"
    )


def report() -> None:
    """Print the phases and call counts as one JSON line (the epilogue)."""
    now = time.process_time()
    clock = _clock
    if clock is None:
        raise PhaseError("the prologue did not run")
    clock.totals[clock.stack[-1]] += now - clock.mark
    clock.mark = now
    found = {"phases": clock.totals, "counts": clock.counts, "total": now}
    print(MARK + json.dumps(found))


PROLOGUE = f"""\
import time as _kp_time
_kp_started = _kp_time.process_time()
import sys as _kp_sys
_kp_sys.path.insert(0, {str(HERE)!r})
import kernel_phases as _kernel_phases
_kp_sys.path.remove({str(HERE)!r})
_kernel_phases.install(_kp_started)
del _kp_time, _kp_started, _kp_sys
"""
EPILOGUE = "_kernel_phases.report()"
# Without timers (the overhead check): only the total, read the same way.
PLAIN_EPILOGUE = f"""\
import time as _kp_time, json as _kp_json
print({MARK!r} + _kp_json.dumps({{"total": _kp_time.process_time()}}))
"""


# -- running the lessons --------------------------------------------------------------


def _run(
    path: Path, prologue: str | None, epilogue: str, timeout: int = 300, forks: str | None = None
) -> dict:
    """Execute ``path`` as course.builder.execute does, with the cells added; the JSON the
    epilogue printed. ``forks``: a fork server's kernel spec folder (warm kernels, as the
    build runs them); None: a cold kernel."""
    import tempfile

    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from course.builder.execute import error_of, lesson_client

    nb = nbformat.read(path, as_version=4)
    added = 0
    if prologue is not None:
        nb.cells.insert(0, nbformat.v4.new_code_cell(prologue))
        added = 1
    nb.cells.append(nbformat.v4.new_code_cell(epilogue))
    current = {"index": 0}

    def on_start(cell: Any, cell_index: int) -> None:
        current["index"] = cell_index

    with tempfile.TemporaryDirectory(prefix="course-kernel-") as scratch:
        client, env = lesson_client(nb, path.parent, Path(scratch), timeout, forks, on_start)
        try:
            client.execute(env=env)
        except CellExecutionError as err:
            index = current["index"]
            if added and index == 0:
                cell = "the prologue"
            elif index == len(nb.cells) - 1:
                cell = "the epilogue"
            else:  # numbered as the build numbers the lesson's cells
                cell = f"cell {index + 1 - added}"
            raise PhaseError(f"{path.stem}: {cell}: {error_of(err)}") from None
        except CellTimeoutError:
            raise PhaseError(f"{path.stem}: a cell timed out after {timeout} s") from None
        except DeadKernelError as err:
            raise PhaseError(f"{path.stem}: the kernel died ({err})") from None
    text = "".join(
        out.get("text", "")
        for out in nb.cells[-1].get("outputs", [])
        if out.get("output_type") == "stream"
    )
    for line in text.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    raise PhaseError(f"{path.stem}: the epilogue printed no {MARK.strip()} line: {text!r}")


def _lesson(path: Path, forks: str | None = None) -> tuple[dict[str, float], dict[str, int]]:
    """One lesson's phases (checked to add up to its total) and call counts."""
    found = _run(path, PROLOGUE, EPILOGUE, forks=forks)
    phases, counts, total = found["phases"], found["counts"], found["total"]
    if abs(sum(phases.values()) - total) > 1e-6:
        raise PhaseError(f"{path.stem}: phases add up to {sum(phases.values())}, not {total}")
    if any(n and name.startswith(CHARTS + ".") for name, n in counts.items()):
        for name in ("course.output.figure._compact_png", "course.output.figure._svg"):
            if not counts.get(name):
                raise PhaseError(
                    f"{path.stem} builds figures but {name} was never called: figures are "
                    "rendered another way now; update WRAPPED in scripts/kernel_phases.py"
                )
    return {"total": total, **phases}, counts


def measure(
    notebooks: Path,
    *,
    counts: dict[str, dict[str, int]] | None = None,
    forks: str | None = None,
) -> dict[str, dict[str, float]]:
    """{lesson stem: {phase: kernel CPU seconds, ..., "total": ...}} for every notebook in
    ``notebooks``, run one at a time in name order. ``counts``, if given, receives each
    lesson's calls of every wrapped function; ``forks``: run them in kernels forked from a
    warm process, as the build does (course.builder.forks). Raises PhaseError."""
    lessons = sorted(Path(notebooks).glob("*.ipynb"))
    if not lessons:
        raise PhaseError(f"no notebooks in {notebooks}")
    results: dict[str, dict[str, float]] = {}
    calls: dict[str, dict[str, int]] = {}
    for path in lessons:
        split, calls[path.stem] = _lesson(path, forks)
        results[path.stem] = {phase: split[phase] for phase in PHASES} | {"total": split["total"]}
    unused = [
        name
        for name in next(iter(calls.values()))
        if not any(c.get(name) for c in calls.values())
        and not name.startswith(CHARTS + ".")  # a course may not draw every kind of chart
        and name != "importlib.import_module"
    ]
    if unused:
        print(
            f"warning: never called in {notebooks}: {', '.join(unused)} (renamed, or no "
            "longer called through that name? their phases may be under 'other')",
            file=sys.stderr,
        )
    if counts is not None:
        counts.update(calls)
    return results


def table(results: dict[str, dict[str, float]]) -> str:
    """A Markdown table of ``results`` (measure()): a row per lesson and a total row, a
    column per phase and the total; then the biggest phase and its share."""
    phases = [p for p in next(iter(results.values())) if p != "total"]
    columns = [*phases, "total"]
    lines = [
        "| lesson | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    sums = {c: sum(r.get(c, 0.0) for r in results.values()) for c in columns}
    for stem, row in [*results.items(), ("**total**", sums)]:
        lines.append(f"| {stem} | " + " | ".join(f"{row.get(c, 0.0):.2f}" for c in columns) + " |")
    biggest = max(phases, key=lambda p: sums[p])
    share = sums[biggest] / sums["total"] if sums["total"] else 0.0
    lines.append("")
    lines.append(
        f"Biggest phase: {biggest}, {share:.0%} of the kernels' CPU "
        f"({sums[biggest]:.1f} of {sums['total']:.1f} s, CPU seconds of {len(results)} kernels)."
    )
    return "\n".join(lines)


def counts_table(counts: dict[str, dict[str, int]]) -> str:
    """Calls of each wrapped function per lesson (--counts: are the timers hit?)."""
    names = sorted({n for c in counts.values() for n in c})
    lines = ["| function | " + " | ".join(s[:2] for s in counts) + " |"]
    lines.append("|---|" + "---:|" * len(counts))
    for name in names:
        calls = " | ".join(str(c.get(name, 0)) for c in counts.values())
        lines.append(f"| {name} | {calls} |")
    return "\n".join(lines)


def overhead(notebook: Path, runs: int = 3) -> tuple[list[float], list[float]]:
    """The kernel's total CPU for ``notebook`` without and with the timers, ``runs`` times
    each, alternating (a busy machine drifts)."""
    plain, timed = [], []
    for _ in range(runs):
        plain.append(_run(notebook, None, PLAIN_EPILOGUE)["total"])
        timed.append(_lesson(notebook)[0]["total"])
    return plain, timed


def fork_server_cpu(server) -> float:
    """CPU seconds the fork server has used (its imports, done once for every kernel)."""
    import os

    text = Path(f"/proc/{server.process.pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    import argparse
    import statistics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks")
    parser.add_argument("--counts", action="store_true", help="print calls per wrapped function")
    parser.add_argument(
        "--overhead",
        nargs="?",
        const=OVERHEAD_LESSON,
        metavar="LESSON",
        help=f"compare one lesson with and without the timers (default {OVERHEAD_LESSON})",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs each way for --overhead")
    args = parser.parse_args(argv)
    try:
        if args.overhead:
            plain, timed = overhead(args.notebooks / f"{args.overhead}.ipynb", args.repeat)
            a, b = statistics.median(plain), statistics.median(timed)
            print(f"Kernel CPU of {args.overhead}, {args.repeat} runs each way (s):")
            print(f"  without timers: {', '.join(f'{x:.2f}' for x in plain)} (median {a:.2f})")
            print(f"  with timers:    {', '.join(f'{x:.2f}' for x in timed)} (median {b:.2f})")
            print(f"  overhead: {b / a - 1:+.1%}")
            return 0
        counts: dict[str, dict[str, int]] = {}
        results = measure(args.notebooks, counts=counts)
    except PhaseError as err:
        print(f"kernel_phases: {err}", file=sys.stderr)
        return 1
    print(table(results))
    if args.counts:
        print()
        print(counts_table(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
