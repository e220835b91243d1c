"""Build the course: check, execute (cached, parallel), export twice, publish atomically.

The site is assembled in a temporary folder next to ``_build/site`` and swapped in
only when every lesson succeeded, so a failed or interrupted build leaves the last
good site untouched. A lock file keeps two builds from writing at once.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from filelock import FileLock, Timeout
from jinja2 import TemplateError

from course import content, paths
from course.build import cache, checks, export, site
from course.build.execute import ExecutionFailed, execute
from course.content import ContentError, Problem


class BuildFailed(Exception):
    """Everything that went wrong, ready to print."""


@dataclass
class Options:
    out: Path = field(default_factory=lambda: paths.BUILD_DIR / "site")
    cache_dir: Path = field(default_factory=lambda: paths.BUILD_DIR / "cache")
    notebooks_dir: Path = field(default_factory=lambda: paths.NOTEBOOKS_DIR)
    only: list[str] | None = None
    jobs: int = 0
    use_cache: bool = True
    timeout: int = 120


@dataclass
class Report:
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    seconds: float = 0.0
    out: Path | None = None


def build(options: Options, log: Callable[[str], None] = print) -> Report:
    started = time.perf_counter()
    data = content.load()
    problems, warnings = checks.check_notebooks(data, options.notebooks_dir)
    for warning in warnings:
        log(f"warning: {warning}")
    if problems:
        raise ContentError(problems)

    out = Path(options.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out.parent / f".{out.name}.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        lock_name = paths.relative(Path(lock.lock_file))
        raise BuildFailed(
            f"another build is writing {paths.relative(out)} (lock {lock_name}); "
            "wait for it to finish"
        ) from None
    try:
        _recover(out)
        lessons = _select(data, options.only)
        executed = _execute_all(data, lessons, options, log)
        report = _publish(data, lessons, executed, options, out, log)
    finally:
        lock.release()
    report.seconds = time.perf_counter() - started
    return report


def _select(data, only):
    if not only:
        return list(data.syllabus.lessons)
    known = {lesson.id: lesson for lesson in data.syllabus.lessons}
    unknown = [i for i in only if i not in known]
    if unknown:
        raise BuildFailed(f"--only: no lesson {unknown[0]!r} (known: {', '.join(known)})")
    return [known[i] for i in only]


def _execute_all(data, lessons, options: Options, log) -> dict[str, tuple]:
    """Return {lesson id: (executed notebook, status)}; raise BuildFailed listing all failures."""
    store = cache.ExecutionCache(options.cache_dir)
    package = cache.package_fingerprint()
    results: dict[str, tuple] = {}
    todo: dict[str, tuple[Path, str]] = {}
    for lesson in lessons:
        path = options.notebooks_dir / lesson.notebook
        nb = nbformat.read(path, as_version=4)
        key = cache.notebook_key(nb, package=package)
        hit = store.get(lesson.id, key, nb) if options.use_cache else None
        if hit is not None:
            results[lesson.id] = (hit, "cached")
            log(f"  {lesson.id:<28} cached")
        else:
            todo[lesson.id] = (path, key)

    failures: list[str] = []
    if todo:
        jobs = max(1, min(options.jobs or os.cpu_count() or 1, len(todo)))
        log(f"Executing {len(todo)} lesson(s) with {jobs} job(s)...")

        def finish(lesson_id, nb, seconds):
            store.put(lesson_id, todo[lesson_id][1], nb)
            results[lesson_id] = (nb, "executed")
            log(f"  {lesson_id:<28} executed in {seconds:5.1f} s")

        if jobs == 1:
            for lesson_id, (path, _key) in todo.items():
                try:
                    finish(lesson_id, *execute(str(path), options.timeout))
                except ExecutionFailed as err:
                    failures.append(str(err))
                    log(f"  {lesson_id:<28} FAILED")
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {
                    pool.submit(execute, str(path), options.timeout): lesson_id
                    for lesson_id, (path, _key) in todo.items()
                }
                for future in as_completed(futures):
                    lesson_id = futures[future]
                    try:
                        finish(lesson_id, *future.result())
                    except ExecutionFailed as err:
                        failures.append(str(err))
                        log(f"  {lesson_id:<28} FAILED")
    if failures:
        raise BuildFailed("\n".join(sorted(failures)))
    return results


def _publish(data, lessons, executed, options: Options, out: Path, log) -> Report:
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        if options.only and out.exists():
            shutil.copytree(out, tmp)  # keep the other lessons of the last good build
        tmp.mkdir(parents=True, exist_ok=True)
        site.write_assets(tmp)
        site.write_index(data, tmp)
        site.write_summary(data, tmp)
        site.write_reference_pages(data, tmp)
        site.write_notebooks(data, tmp, options.notebooks_dir)
        _export_lessons(data, lessons, executed, tmp, log)
        site.build_search_index(tmp)
        if out.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.rename(out, old)
        os.rename(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report = Report(out=out)
    for lesson_id, (_nb, status) in executed.items():
        (report.executed if status == "executed" else report.cached).append(lesson_id)
    return report


def _export_lessons(data, lessons, executed, tmp: Path, log) -> None:
    site_exporter = export.site_exporter()
    slides_exporter = export.slides_exporter()
    order = list(data.syllabus.lessons)
    (tmp / "slides").mkdir(exist_ok=True)
    for lesson in lessons:
        nb = executed[lesson.id][0]
        index = order.index(lesson)
        shared = {
            "syllabus": data.syllabus,
            "lesson": lesson,
            "prev": order[index - 1] if index > 0 else None,
            "next": order[index + 1] if index + 1 < len(order) else None,
        }
        links = [
            ("Slides", f"slides/{lesson.id}.html"),
            ("Download the notebook", f"notebooks/{lesson.notebook}"),
        ]
        try:
            page, files = export.export(site_exporter, nb, {**shared, "root": "", "links": links})
            deck, deck_files = export.export(slides_exporter, nb, {**shared, "root": "../"})
        except (ValueError, TemplateError) as err:
            raise BuildFailed(
                f"{paths.relative(Path('notebooks') / lesson.notebook)}: {err}"
            ) from None
        (tmp / f"{lesson.id}.html").write_text(page, encoding="utf-8")
        (tmp / "slides" / f"{lesson.id}.html").write_text(deck, encoding="utf-8")
        for name, blob in {**files, **deck_files}.items():
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)


def _recover(out: Path) -> None:
    """Finish a swap that a killed build left half done, and sweep its temp folders."""
    old = out.with_name(f".{out.name}.old")
    if not out.exists() and old.exists():
        os.rename(old, out)
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def format_problems(problems: list[Problem]) -> str:
    return "\n".join(f"  {p}" for p in problems)


def main_build(options: Options) -> int:
    """CLI wrapper: friendly output and exit codes."""
    try:
        report = build(options)
    except ContentError as err:
        print(
            f"Content check failed ({len(err.problems)} problem(s)); nothing was built:",
            file=sys.stderr,
        )
        print(format_problems(err.problems), file=sys.stderr)
        return 1
    except BuildFailed as err:
        print("Build failed; the previous site was left untouched:", file=sys.stderr)
        print("  " + str(err).replace("\n", "\n  "), file=sys.stderr)
        return 1
    print(
        f"Built {len(report.executed) + len(report.cached)} lesson(s) "
        f"({len(report.executed)} executed, {len(report.cached)} from cache) "
        f"in {report.seconds:.1f} s."
    )
    index = (report.out / "index.html").resolve()
    print(f"Open {index}  (or run `make serve` and visit http://127.0.0.1:8000/)")
    return 0
