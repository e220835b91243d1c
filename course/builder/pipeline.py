"""Build the course: check, execute (cached, parallel), export twice, publish atomically.

The site is assembled in a temporary folder next to ``_build/site`` and swapped in
only when every lesson succeeded, so a failed or interrupted build leaves the last
good site untouched. A lock file keeps two builds from writing at once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from course import paths
from course.builder import cache, checks, state
from course.builder.files import link_tree, replace
from course.builder.state import Options
from course.errors import BuildProblem, UsageProblem
from course.loader import queries, store
from course.loader.problems import ContentError


class BuildFailed(BuildProblem):
    """Everything that went wrong, ready to print."""


@dataclass
class Report:
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    exported: list[str] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0
    out: Path | None = None
    lesson_state: dict = field(default_factory=dict)
    pages: str | None = None  # what the course-wide pages were made from (_pages_key)


def build(options: Options, log: Callable[[str], None] = print) -> Report:
    """Build the site ``options`` ask for, doing only what changed since the last build.

    In order: the stamp (nothing changed: return at once, no import of nbconvert or
    pydantic); the content, validated once per change (loader.store.load_cached); the
    notebook checks of the lessons that changed (builder.checks); the lock; execution of
    the lessons whose code or the content they read changed (cached, parallel,
    builder.execute); the pages, decks and downloads of those lessons and, when their
    inputs changed, the course-wide pages (builder.pages, search, assets); then the new
    site replaces the old in one rename. ``log`` gets one line per lesson and step.

    Raises ContentError (the author's mistakes, every one with file and line) or
    BuildFailed (a cell that failed, a lock held by another build, a download that could
    not be packed); the last good site is untouched either way. The returned Report says
    which lessons ran, which came from the cache and how long it took.
    """
    started = time.perf_counter()
    out = Path(options.out)
    fresh, stamp, previous = state.up_to_date(options)
    if fresh:
        # Nothing that feeds the site changed since the last good build: no parsing,
        # no kernel, no export. Everything below is skipped.
        ids = list(previous.get("lessons", {}))
        return Report(cached=ids, up_to_date=True, out=out, seconds=time.perf_counter() - started)

    # one load per build, shared with the exporters (validated again only when changed)
    data = store.load_cached(stamp.shared, options.cache_dir)
    lessons = _select(data, options.only, options.shard)
    keys = {lesson.id: _export_key(options, lesson, stamp.shared) for lesson in lessons}
    recorded = previous.get("lessons", {}) if out.exists() else {}
    stale = [
        lesson
        for lesson in lessons
        if not (options.use_cache and keys[lesson.id])
        or recorded.get(lesson.id, {}).get("export") != keys[lesson.id]
    ]
    # a lesson whose notebook and shared inputs are as they were when it was last built
    # passed these checks then: only the others are checked again
    problems, warnings = checks.check_notebooks(
        data, options.notebooks_dir, lessons={lesson.id for lesson in stale}
    )
    for warning in warnings:
        log(f"warning: {warning}")
    if problems:
        raise ContentError(problems)

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
        _checkpoint("locked")
        recover(out)
        for lesson in lessons:
            if lesson not in stale:
                log(f"  {lesson.id:<28} unchanged")
        runs = _Runs(options)
        runs.shared = stamp.shared
        runs.class_decks = previous.get("class_decks", {}) if out.exists() else {}
        # the course download's wheel needs the package and the notebooks, not their runs:
        # pip builds it in its own process while the kernels execute
        with ThreadPoolExecutor(max_workers=1) as side:
            runs.wheel = side.submit(_course_wheel, data, options)
            executed = _execute_all(data, stale, options, log, runs, ready=runs.render(data))
            taught = queries.teaching_lessons(data, options.notebooks_dir)
            pages = _pages_key(stamp.shared, taught)
            keep = previous.get("pages") == pages and out.exists()
            report = _publish(
                data, stale, executed, options, out, log, keys, previous, taught, keep, runs
            )
            report.pages = pages
            partial = options.only or options.shard
            state.save(
                out,
                None if partial else stamp,
                report.lesson_state,
                report.pages,
                class_decks=runs.class_decks,
            )
    finally:
        lock.release()
    report.seconds = time.perf_counter() - started
    return report


@dataclass
class Page:
    """One lesson part rendered ahead of a full build (the author preview's page first)."""

    lesson: str
    files: dict[str, str | bytes]
    executed: bool  # its kernel ran (its code, or content its code read, changed)


def render_part(
    options: Options,
    lesson_id: str,
    part: str,
    exporters: Exporters,
    log=print,
    forks: str | None = None,
) -> Page:
    """Render one lesson's page or deck from the notebook and content as they are now,
    executing the lesson only when the execution cache cannot serve it, and write nothing
    to the site: the caller shows it at once, and a full build publishes it with the rest.

    ``forks``: the kernel spec folder of a fork server the caller keeps warm between
    calls (course.builder.forks). Raises ContentError (the content, or this lesson's
    notebook, has a mistake; each problem with file and line) or BuildFailed (a cell
    failed, a template broke)."""
    stamp = state.inputs_stamp(options.notebooks_dir, Path(options.out))
    data = store.load_cached(stamp.shared, options.cache_dir)
    lesson = next((x for x in data.syllabus.lessons if x.id == lesson_id), None)
    if lesson is None:
        raise UsageProblem(f"no lesson {lesson_id!r}")
    problems, _warnings = checks.check_notebooks(data, options.notebooks_dir, {lesson_id})
    if problems:
        raise ContentError(problems)
    runs = _Runs(options)
    executed = _execute_all(data, [lesson], options, log, runs, forks=forks)
    nb, status = executed[lesson_id]
    files, _figures = export_lesson(data, lesson, nb, exporters, parts=(part,))
    return Page(lesson_id, files, status == "executed")


def _export_key(options: Options, lesson, shared: str) -> str:
    """What a lesson's page and deck are made from ("" for a missing notebook, which the
    checks report)."""
    path = options.notebooks_dir / lesson.notebook
    return state.export_key(path, shared) if path.exists() else ""


def _select(data, only, shard=None):
    if shard:
        k, n = shard
        return [lesson for i, lesson in enumerate(data.syllabus.lessons) if i % n == k - 1]
    if not only:
        return list(data.syllabus.lessons)
    known = {lesson.id: lesson for lesson in data.syllabus.lessons}
    unknown = [i for i in only if i not in known]
    if unknown:
        raise UsageProblem(f"--only: no lesson {unknown[0]!r} (known: {', '.join(known)})")
    return [known[i] for i in only]


class _Runs:
    """The execution cache as one build sees it: the package fingerprint and the content
    digests are computed once, for the lessons it runs and for the class decks."""

    def __init__(self, options: Options) -> None:
        self.executions = cache.ExecutionCache(options.cache_dir)
        self.package = cache.package_fingerprint()
        self.digests = cache.content_digests(paths.content_dir())
        self.wheel: Future[Path] | None = None  # the course download's, built meanwhile
        self.shared = ""  # what every page is made from (the stamp; set by build)
        # what each class deck was made from, as the last good site's state recorded it
        self.class_decks: dict[str, str] = {}
        self.exporters = Exporters()
        self.rendered: dict[str, tuple[dict[str, str | bytes], set[str]]] = {}

    def render(self, data):
        """A ``ready`` for _execute_all: each lesson's files, rendered as soon as its run
        is known and kept until the new site is assembled."""
        lessons = {lesson.id: lesson for lesson in data.syllabus.lessons}

        def ready(lesson_id: str, nb) -> None:
            self.rendered[lesson_id] = export_lesson(data, lessons[lesson_id], nb, self.exporters)

        return ready

    def lookup(self, lesson_id: str, path: Path, use_cache: bool = True) -> tuple:
        """(the notebook's cache key, its executed copy or None)."""
        import nbformat

        nb = nbformat.read(path, as_version=4)
        key = cache.notebook_key(nb, package=self.package)
        hit = self.executions.get(lesson_id, key, nb, self.digests) if use_cache else None
        return key, hit


def _execute_all(
    data, lessons, options: Options, log, runs: _Runs, ready=None, forks: str | None = None
) -> dict[str, tuple]:
    """Return {lesson id: (executed notebook, status)}; raise BuildFailed listing all failures.

    ``ready(lesson_id, nb)`` is called with each lesson as soon as it is known (from the
    cache, while the kernels start; executed, as each finishes), so its export overlaps
    the kernels still running instead of waiting for the last of them. ``forks``: a fork
    server's kernel spec folder to use instead of starting one."""

    def announce(lesson_id: str) -> None:
        if ready is not None:
            ready(lesson_id, results[lesson_id][0])

    from course.builder.execute import ExecutionFailed, execute

    executions, digests = runs.executions, runs.digests
    results: dict[str, tuple] = {}
    todo: dict[str, tuple[Path, str]] = {}
    for lesson in lessons:
        path = options.notebooks_dir / lesson.notebook
        key, hit = runs.lookup(lesson.id, path, use_cache=options.use_cache)
        if hit is not None:
            results[lesson.id] = (hit, "cached")
            log(f"  {lesson.id:<28} cached")
        else:
            todo[lesson.id] = (path, key)

    hits = [lesson_id for lesson_id, (_nb, status) in results.items() if status == "cached"]
    failures: list[str] = []
    jobs = max(1, min(options.jobs or os.cpu_count() or 1, len(todo)))
    if not todo or jobs == 1:  # nothing runs beside them: rendered first
        for lesson_id in hits:
            announce(lesson_id)
    if todo:
        log(f"Executing {len(todo)} lesson(s) with {jobs} job(s)...")

        def finish(lesson_id, nb, seconds, read):
            executions.put(
                lesson_id, todo[lesson_id][1], nb, {f: digests.get(f, cache.MISSING) for f in read}
            )
            results[lesson_id] = (nb, "executed")
            log(f"  {lesson_id:<28} executed in {seconds:5.1f} s")
            announce(lesson_id)

        with _kernels(options, log, forks) as kernels:
            if jobs == 1:
                for lesson_id, (path, _key) in todo.items():
                    try:
                        finish(lesson_id, *execute(str(path), options.timeout, kernels))
                    except ExecutionFailed as err:
                        failures.append(str(err))
                        log(f"  {lesson_id:<28} FAILED")
            else:
                with ProcessPoolExecutor(max_workers=jobs) as pool:
                    futures = {
                        pool.submit(execute, str(path), options.timeout, kernels): lesson_id
                        for lesson_id, (path, _key) in sorted(
                            todo.items(), key=lambda item: -_code_size(item[1][0])
                        )
                    }
                    for lesson_id in hits:  # the kernels are starting meanwhile
                        announce(lesson_id)
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


@contextlib.contextmanager
def _kernels(options: Options, log, given: str | None = None) -> Iterator[str | None]:
    """The kernel spec folder of a fork server for this build's lessons (warm kernels,
    course.builder.forks): ``given``, or one started for the build; None: cold kernels,
    when asked for or where a fork server cannot run."""
    if given or not options.fork_kernels:
        yield given if options.fork_kernels else None
        return
    import tempfile

    from course.builder import forks

    with tempfile.TemporaryDirectory(prefix="course-forks-") as scratch:
        server = forks.start(Path(scratch), log)
        if server is None:
            yield None
            return
        with server:
            yield str(server.kernels)


def _code_size(path: Path) -> int:
    """How much code a lesson runs: the longest start first, so the last kernel to finish
    is a short one and no core waits alone at the end (lessons 04 and 06, with their
    explorable figures, take four times as long as the shortest)."""
    from course.loader import notebook_json

    return sum(len(c["source"]) for c in notebook_json.cells(path) if c["cell_type"] == "code")


def _pages_key(shared: str, taught: dict[str, str]) -> str:
    """What the course-wide pages (glossary, claims, references, …) are made from: the
    shared inputs, and where each claim is taught (which lessons show which cards)."""
    import hashlib
    import json

    where = json.dumps(taught, sort_keys=True)
    return hashlib.sha256(f"{shared}\0{where}".encode()).hexdigest()


def _publish(
    data,
    lessons,
    executed,
    options: Options,
    out: Path,
    log,
    keys,
    previous,
    taught,
    keep_pages,
    runs: _Runs,
) -> Report:
    """Assemble the new site in a temp folder (starting from the last good one, so unchanged
    lessons are reused), then swap it in. ``taught``: where each claim is taught (the claims
    page); ``keep_pages``: the last site's course-wide pages were made from the same inputs."""
    from course.builder import assets, pages, search

    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(tmp, ignore_errors=True)
    recorded = dict(previous.get("lessons", {})) if out.exists() else {}
    try:
        if out.exists():
            link_tree(out, tmp)  # every write below replaces a file, never edits one
        tmp.mkdir(parents=True, exist_ok=True)
        assets.write_assets(tmp)
        if not (keep_pages and all((tmp / p).exists() for p in pages.COURSE_PAGES)):
            pages.write_summary(data, tmp)
            pages.write_reference_pages(data, tmp, taught)
        assets.write_notebooks(data, tmp, options.notebooks_dir)
        produced = _export_lessons(data, lessons, executed, tmp, log, runs)
        every_run = _every_run(data, executed, options, runs)
        _export_class_decks(data, every_run, tmp, log, runs)
        _write_figure_bank(data, every_run, tmp)
        _write_course_download(data, options, tmp, runs.wheel)
        pages.write_index(data, tmp)  # after the zip, whose size it shows
        replaced = {f for lesson in lessons for f in recorded.get(lesson.id, {}).get("files", [])}
        for lesson in lessons:
            recorded[lesson.id] = {"export": keys[lesson.id], "files": sorted(produced[lesson.id])}
        _remove_orphans(tmp, replaced, recorded)
        pages.write_instructor_guide(data, tmp, options.notebooks_dir, options.cache_dir)
        search.build_search_index(data, tmp, options.cache_dir)
        _checkpoint("assembled")
        if out.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.rename(out, old)
            _checkpoint("swapping")
        os.rename(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report = Report(out=out, exported=[lesson.id for lesson in lessons])
    report.lesson_state = recorded
    for lesson_id, (_nb, status) in executed.items():
        (report.executed if status == "executed" else report.cached).append(lesson_id)
    report.cached += [i for i in recorded if i not in executed]
    return report


def _remove_orphans(tmp: Path, replaced: set[str], recorded: dict) -> None:
    """Delete figure files that re-exported lessons used before and nothing uses now.

    Only files the previous build recorded are candidates, so a missing or stale state
    file can never cost another lesson its figures.
    """
    used = {name for entry in recorded.values() for name in entry.get("files", [])}
    for name in replaced - used:
        (tmp / name).unlink(missing_ok=True)


class Exporters:
    """The three nbconvert exporters a lesson needs, made once per process on first use
    (the author preview keeps them warm between edits: templates compiled, filters set)."""

    def __init__(self) -> None:
        self._made: dict[str, Any] = {}

    def get(self, kind: str):
        from course.builder import export

        if kind not in self._made:
            make = {
                "page": export.site_exporter,
                "deck": export.slides_exporter,
                "download": export.download_exporter,
            }[kind]
            self._made[kind] = make()
        return self._made[kind]


LESSON_PARTS = ("page", "deck", "download")


def export_lesson(
    data, lesson, nb, exporters: Exporters, parts: tuple[str, ...] = LESSON_PARTS
) -> tuple[dict[str, str | bytes], set[str]]:
    """One lesson's ``parts`` rendered: ({site-relative file name: text or bytes}, the figure
    files among them). The build writes every part; the author preview renders the page (or
    deck) being looked at first and leaves the rest to a full build."""
    from jinja2 import TemplateError

    from course.builder import download, export
    from course.loader import lesson_index
    from course.views.concepts import practised

    order = list(data.syllabus.lessons)
    index = order.index(lesson)
    shared = {
        "data": data,
        "syllabus": data.syllabus,
        "lesson": lesson,
        "prev": order[index - 1] if index > 0 else None,
        "next": order[index + 1] if index + 1 < len(order) else None,
        "concepts": practised(lesson.id, data, lesson_index.scan(nb.cells)),
        "questions": _questions_anchor(nb, lesson.id),
    }
    links = [
        ("Slides", f"slides/{lesson.id}.html"),
        ("Notebook", f"notebooks/{lesson.notebook}"),
        ("Whole course for Jupyter (zip)", f"downloads/{download.ZIP_NAME}"),
    ]
    if index == 0:  # the lesson that teaches the warning signs offers them on paper
        links.append(("Back pain: a one-page handout to print", "handout.html"))
    written: dict[str, str | bytes] = {}
    figures: dict[str, bytes] = {}
    try:
        if "page" in parts:
            context = {**shared, "root": "", "links": links}
            page, files = export.export(exporters.get("page"), nb, context)
            written[f"{lesson.id}.html"] = page
            figures |= files
        if "deck" in parts:
            deck, files = export.export(exporters.get("deck"), nb, {**shared, "root": "../"})
            written[f"slides/{lesson.id}.html"] = deck
            figures |= files
        if "download" in parts:
            readable, _ = exporters.get("download").from_notebook_node(
                nb, {"course": {"data": data}}
            )
            written[f"notebooks/{lesson.notebook}"] = readable
    except (ValueError, TemplateError) as err:
        raise BuildFailed(f"{paths.relative(Path('notebooks') / lesson.notebook)}: {err}") from None
    return written | figures, set(figures)


def _export_lessons(data, lessons, executed, tmp: Path, log, runs: _Runs) -> dict[str, set[str]]:
    """Write each lesson's page, deck and figures (rendered while the kernels ran, or now);
    return the figure files per lesson."""
    produced: dict[str, set[str]] = {}
    if not lessons:
        return produced
    (tmp / "slides").mkdir(exist_ok=True)
    (tmp / "notebooks").mkdir(exist_ok=True)
    for lesson in lessons:
        if lesson.id in runs.rendered:
            files, figures = runs.rendered.pop(lesson.id)
        else:
            files, figures = export_lesson(data, lesson, executed[lesson.id][0], runs.exporters)
        for name, blob in files.items():
            replace(tmp / name, blob)
        produced[lesson.id] = figures
        log(f"  {lesson.id:<28} exported")
    return produced


def _questions_anchor(nb, lesson_id: str) -> str | None:
    """The id of the lesson's own quiz title, for the page's "Skip to the questions" link
    (a keyboard user once needed 56 Tab presses from the top of lesson 00 to its quiz)."""
    import re

    from course.output import markers

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            marker = markers.read(output)
            if isinstance(marker, markers.QuizMarker) and marker.bank == lesson_id:
                found = re.search(r'id="(quiz-[^"]+-title)"', output["data"].get("text/html", ""))
                if found:
                    return found.group(1)
    return None


def _cached_runs(data, lesson_ids: set[str], options: Options, runs: _Runs) -> dict:
    """Executed notebooks of lessons this build did not run, from the execution cache
    (None for a lesson the cache does not hold as its notebook is now)."""
    found = {}
    for lesson in data.syllabus.lessons:
        path = options.notebooks_dir / lesson.notebook
        if lesson.id in lesson_ids and path.exists():
            found[lesson.id] = runs.lookup(lesson.id, path)[1]
    return found


def _every_run(data, executed, options: Options, runs: _Runs) -> dict:
    """Every lesson's executed notebook: those this build ran and, for the others, the
    cache's copies (None for a lesson the cache does not hold as its notebook is now)."""
    lessons = {lesson_id: nb for lesson_id, (nb, _status) in executed.items()}
    others = {lesson.id for lesson in data.syllabus.lessons} - set(lessons)
    return lessons | _cached_runs(data, others, options, runs)


def _export_class_decks(data, lessons: dict, tmp: Path, log, runs: _Runs) -> None:
    """A deck per teaching plan (course.builder.class_decks), from the executed lessons.

    A plan's deck is rendered again only when what it is made from changed: the slides it
    takes from the lessons, or anything shared (content, templates, code). A prose edit
    elsewhere in a lesson leaves both decks as they are."""
    if data.teaching is None:
        return
    import hashlib
    import json

    from jinja2 import TemplateError

    from course.builder import class_decks, export

    needed = {part.lesson for plan in data.teaching.plans for part in plan.parts}
    missing = sorted(lesson_id for lesson_id in needed if lessons.get(lesson_id) is None)
    if missing:
        log(f"  class decks skipped: no executed copy of {', '.join(missing)} yet")
        return
    before, after = runs.class_decks, {}
    for plan in data.teaching.plans:
        nb = class_decks.class_notebook(plan, data, lessons)
        key = f"{runs.shared}\0{json.dumps(nb, sort_keys=True)}"
        after[plan.id] = hashlib.sha256(key.encode()).hexdigest()
        if before.get(plan.id) == after[plan.id] and (tmp / "slides" / f"{plan.id}.html").exists():
            log(f"  {plan.id:<28} class deck unchanged")
            continue
        context = {
            "data": data,
            "syllabus": data.syllabus,
            "lesson": class_decks.deck_for(plan, data),
            "prev": None,
            "next": None,
            "concepts": [],
            "root": "../",
            "plan": plan,
        }
        try:
            deck, files = export.export(runs.exporters.get("deck"), nb, context)
        except (ValueError, TemplateError) as err:
            raise BuildFailed(f"course/content/teaching.yml: plan {plan.id}: {err}") from None
        replace(tmp / "slides" / f"{plan.id}.html", deck)
        for name, blob in files.items():
            replace(tmp / name, blob)
        log(f"  {plan.id:<28} class deck")
    runs.class_decks = after  # kept in the state file once the new site is in place


def _write_figure_bank(data, lessons: dict, tmp: Path) -> None:
    """Every lesson figure under a readable name, and the instructors' Figures page
    (course.builder.figure_bank); a lesson with no executed copy yet is left out."""
    from course.builder import figure_bank

    try:
        read = {lesson_id for lesson_id, nb in lessons.items() if nb is not None}
        figure_bank.write(data, figure_bank.collect(data, lessons), tmp, read)
    except ValueError as err:
        raise BuildFailed(str(err)) from None


def _course_wheel(data, options: Options) -> Path:
    """The package as the course download ships it (course.builder.download)."""
    from course.builder import download

    lesson_ids = [lesson.id for lesson in data.syllabus.lessons]
    return download.build_wheel(options.cache_dir, options.notebooks_dir, lesson_ids)


def _write_course_download(
    data, options: Options, tmp: Path, wheel: Future[Path] | None = None
) -> None:
    """The zip for Jupyter learners, from the notebooks just written and the package's
    wheel (``wheel``: already on its way)."""
    from course.builder import download

    try:
        built = wheel.result() if wheel is not None else _course_wheel(data, options)
        download.write_course_zip(data, tmp, built)
    except download.DownloadFailed as err:
        raise BuildFailed(str(err)) from None


PAUSE_AT = "COURSE_BUILD_PAUSE_AT"
PAUSE_FILE = "COURSE_BUILD_PAUSE_FILE"


def _checkpoint(step: str) -> None:
    """A test hook: with ``$COURSE_BUILD_PAUSE_AT`` set to ``step``, write the step to
    ``$COURSE_BUILD_PAUSE_FILE`` and wait there until that file is gone, so a test can
    interrupt the build at an exact point instead of guessing with sleeps."""
    if os.environ.get(PAUSE_AT) != step:
        return
    marker = Path(os.environ[PAUSE_FILE])
    marker.write_text(step, encoding="utf-8")
    while marker.exists():
        time.sleep(0.05)


def recover(out: Path) -> None:
    """Finish a swap that a killed build left half done, and sweep its temp folders."""
    old = out.with_name(f".{out.name}.old")
    if not out.exists() and old.exists():
        os.rename(old, out)
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
