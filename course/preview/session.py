"""A preview session: saved files in, pages out, page first.

One thread watches the sources (watchfiles: a burst of saves arrives as one batch);
another rebuilds. For each batch it renders the page or deck an open tab shows, in this
process with the exporters kept warm (a prose edit: a fifth of a second), and tells that
tab to reload; then it starts a full build in a child process for everything else
(decks, downloads, search, the other pages). A newer batch stops that child at once: the
build is written to survive being killed, and the next one starts from where the cache
is. Only a full build writes ``_build/site``, and it swaps the site in whole, so the
folder is a complete site whenever the preview stops.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from course import paths
from course.builder import pipeline
from course.builder.state import Options
from course.errors import CourseError
from course.loader.problems import Problem, problems_of
from course.preview import changes
from course.preview.server import Hub, Overlay, digest

# watchfiles: yield once no new change has come for this long (an editor's two-step save
# lands in one batch), and at the latest after DEBOUNCE_MS of continuous saving.
STEP_MS = 50
DEBOUNCE_MS = 400


class Session:
    def __init__(self, options: Options, hub: Hub, overlay: Overlay, log=print) -> None:
        self.options, self.hub, self.overlay, self.log = options, hub, overlay, log
        self.exporters = pipeline.Exporters()
        self._cond = threading.Condition()
        self._pending: set[Path] = set()
        self._stopping = False
        self._child: subprocess.Popen[bytes] | None = None
        self._report: Path | None = None
        self._reload_all = False  # a batch since the last good build changed code or assets
        self._dirty = True  # the site may not hold the latest saves (a build is owed)
        self._started = 0.0
        self._forks: Any = None  # a fork server kept warm for lessons run page first
        self._threads: list[threading.Thread] = []
        self._stop_watching = threading.Event()

    # -- the two threads -------------------------------------------------------------

    def start(self) -> None:
        """Watch and rebuild in the background; a first full build starts at once (a
        no-op when the site is up to date)."""
        for target in (self._watch, self._run):
            thread = threading.Thread(target=target, daemon=True, name=target.__name__)
            thread.start()
            self._threads.append(thread)

    def roots(self) -> list[Path]:
        """What the course is made from: the notebooks, the content, the package."""
        found: list[Path] = []
        for root in (self.options.notebooks_dir, paths.content_dir(), paths.PACKAGE_DIR):
            root = Path(root).resolve()
            if root.exists() and not any(root.is_relative_to(r) for r in found):
                found = [r for r in found if not r.is_relative_to(root)] + [root]
        return found

    def _watch(self) -> None:
        import watchfiles

        for batch in watchfiles.watch(
            *self.roots(),
            watch_filter=lambda _change, path: changes.watched(path),
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=self._stop_watching,
            raise_interrupt=False,
        ):
            self.changed({Path(path) for _change, path in batch})

    def changed(self, files: set[Path]) -> None:
        with self._cond:
            self._pending |= files
            self._cond.notify()

    def _run(self) -> None:
        self._start_build()
        try:  # ready before the first save: a fork server, nbconvert and its exporters
            self._warm()
            self.exporters.get("page")
            self.exporters.get("deck")
        except Exception as err:  # the page-first step will say what is wrong, if anything
            self.log(f"  (preview warm-up: {type(err).__name__}: {err})")
        while True:
            with self._cond:
                while not (self._pending or self._stopping or self._finished()):
                    self._cond.wait(timeout=0.05)
                if self._stopping:
                    return
                files, self._pending = self._pending, set()
            try:
                if self._finished():
                    self._collect()
                if files:
                    self._handle(files)
            except Exception as err:  # a bug in the tools must not stop the preview
                import traceback

                self.log(traceback.format_exc().rstrip())
                self._problems(RuntimeError(f"the preview failed ({type(err).__name__}: {err})"))

    # -- one batch -------------------------------------------------------------------

    def _handle(self, files: set[Path]) -> None:
        self._stop_build()  # it read the files as they were: start again after the page
        self._dirty = True
        data_lessons = self._lessons()
        batch = changes.classify(files, self.options.notebooks_dir, data_lessons)
        stamp = time.strftime("%H:%M:%S")
        self.log(f"{stamp} saved: {', '.join(batch.files)}")
        self._reload_all |= batch.code
        if batch.code:
            self._close_forks()  # its kernels would run the old code
        if batch.page_first:
            for key in self.hub.pages():
                self._page_first(key, batch, set(data_lessons.values()))
        self._start_build()

    def _lessons(self) -> dict[str, str]:
        """Notebook file name -> lesson id, from the syllabus as last loaded."""
        from course.loader import store

        try:
            return {lesson.notebook: lesson.id for lesson in store.get().syllabus.lessons}
        except (CourseError, OSError):
            return {}

    def _page_first(self, key: str, batch: changes.Batch, lessons: set[str]) -> None:
        """Render the page or deck that ``key`` names, if it is a lesson's and the batch
        can change it, and tell its tabs to reload."""
        part, name = ("deck", key[len("slides/") :]) if key.startswith("slides/") else ("page", key)
        lesson = name.removesuffix(".html")
        if lesson not in lessons or not name.endswith(".html"):
            return
        if not (batch.shared or lesson in batch.lessons):
            return
        started = time.perf_counter()
        try:
            page = pipeline.render_part(
                self.options, lesson, part, self.exporters, log=_quiet, forks=self._warm()
            )
        except (CourseError, OSError, ValueError) as err:
            self._problems(err)
            return
        self.overlay.put(page.files)
        self.hub.publish("clear")
        self.hub.publish("reload", pages={key})
        ran = " (lesson executed)" if page.executed else ""
        self.log(f"  {key} ready in {time.perf_counter() - started:.2f} s{ran}")

    def _warm(self) -> str | None:
        """The preview's own fork server (started on first use, kept between saves), so a
        claim or quiz edit does not pay for a cold kernel; None where it cannot run."""
        if self._forks is None and self.options.fork_kernels:
            from course.builder import forks

            self._scratch = tempfile.TemporaryDirectory(prefix="course-preview-")
            self._forks = forks.start(Path(self._scratch.name)) or False
        return str(self._forks.kernels) if self._forks else None

    def _close_forks(self) -> None:
        if self._forks:
            self._forks.close()
        if self._forks is not None:
            self._scratch.cleanup()
        self._forks = None

    def _problems(self, err: Exception) -> None:
        self._show(
            [p.to_json() for p in problems_of(err)], "the page shows them until they are fixed"
        )

    def _show(self, problems: list[dict[str, Any]], outcome: str) -> None:
        """Problems over the open pages and in the terminal."""
        self.hub.publish("problems", problems)
        self.log(f"  {len(problems)} problem(s); {outcome}:")
        for problem in problems:
            self.log(f"    {Problem.from_json(problem)}")

    # -- the full build, in a child process -------------------------------------------

    def building(self) -> bool:
        return self._child is not None and self._child.poll() is None

    def _finished(self) -> bool:
        return self._child is not None and self._child.poll() is not None

    def _start_build(self) -> None:
        options = self.options
        handle, report = tempfile.mkstemp(prefix="course-preview-", suffix=".json")
        os.close(handle)
        self._report = Path(report)
        command = [sys.executable, "-m", "course", "build", "--report", report]
        command += ["--out", str(options.out), "--cache-dir", str(options.cache_dir)]
        command += ["--notebooks", str(options.notebooks_dir)]
        self._started = time.perf_counter()
        # its own process group, so stopping it stops its kernels and workers too
        self._child = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def _stop_build(self) -> None:
        child = self._child
        if child is None or child.poll() is not None:
            self._child = None
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        self._child = None
        if self._report is not None:
            self._report.unlink(missing_ok=True)
        pipeline.recover(Path(self.options.out))

    def _collect(self) -> None:
        """A full build ended: show its problems, or drop the pages rendered ahead of it
        and reload the tabs whose page it changed."""
        assert self._child is not None and self._report is not None
        self._child = None
        try:
            report = json.loads(self._report.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            report = {}
        finally:
            self._report.unlink(missing_ok=True)
        seconds = time.perf_counter() - self._started
        if not report.get("ok"):
            stopped = [p.to_json() for p in problems_of(RuntimeError("the build stopped"))]
            failed = f"the full build failed after {seconds:.1f} s; the last good site stays"
            self._show(report.get("problems") or stopped, failed)
            return
        self._dirty = False
        self.overlay.clear()
        self.hub.publish("clear")
        site = Path(self.options.out)
        stale = {
            key
            for key in self.hub.pages()
            if self._reload_all or self.hub.served.get(key) != _digest_of(site / key)
        }
        self._reload_all = False
        if stale:
            self.hub.publish("reload", pages=stale)
        if report.get("up_to_date"):
            return
        executed = report.get("executed") or []
        ran = f", {len(executed)} lesson(s) executed" if executed else ""
        self.log(f"  site rebuilt in {seconds:.1f} s{ran}")

    # -- stopping ----------------------------------------------------------------------

    def stop(self) -> None:
        """Stop watching; then make ``_build/site`` match the files as saved: wait for the
        build under way, or run one if saves came after the last good build."""
        self._stop_watching.set()
        with self._cond:
            self._stopping = True
            self._cond.notify()
        for thread in self._threads:
            thread.join(timeout=5)
        self._close_forks()
        with self._cond:
            owed = bool(self._pending) or self._dirty
        if self._child is None and owed:
            self._start_build()
        if self._child is not None:
            self.log("Finishing the site build, so _build/site holds your last save…")
            self._child.wait()
            self._collect()


def _quiet(line: str) -> None:
    """Page first says itself whether the lesson executed; the build's own lines go."""


def _digest_of(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def serve(options: Options, host: str, port: int, log: Callable[[str], None] = print) -> int:
    """Run the preview until Ctrl+C (or SIGTERM); returns the exit code."""
    import uvicorn

    from course.listening import listening
    from course.preview import server

    hub, overlay = Hub(), Overlay()
    session = Session(options, hub, overlay, log)
    sock = listening(host, port, log)
    if sock is None:
        return 1
    bound = sock.getsockname()[1]
    application = server.app(Path(options.out), hub, overlay, building=session.building)

    class Server(uvicorn.Server):
        async def shutdown(self, sockets=None):
            hub.close_all()  # open tabs' event streams end now, not at the timeout
            await super().shutdown(sockets)

        @contextlib.contextmanager
        def capture_signals(self):
            # uvicorn's own raises the signal again once it has stopped, and SIGTERM would
            # then end this process before the site build below is finished
            handled = (signal.SIGINT, signal.SIGTERM)
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    config = uvicorn.Config(
        application, log_level="warning", timeout_graceful_shutdown=2, lifespan="off"
    )
    log(f"Preview: http://{host}:{bound}/  (watching notebooks/ and course/; Ctrl+C to stop)")
    session.start()
    try:
        Server(config).run(sockets=[sock])
    finally:
        session.stop()
    log(f"Stopped. {paths.relative(Path(options.out))} is a complete site.")
    return 0
