"""``python -m course build|check|preview|present|decks|pptx|figures|serve|lab|scorm|clean``: the
only command-line entry point."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from course import paths

if TYPE_CHECKING:
    import http.server


def format_problems(problems) -> str:
    return "\n".join(f"  {p}" for p in problems)


def _check(args) -> int:
    from course.builder import checks
    from course.loader import store
    from course.loader.problems import ContentError
    from course.model import guessing, red_flags

    try:
        data = store.load()
    except ContentError as err:
        print(f"{len(err.problems)} content problem(s):", file=sys.stderr)
        print(format_problems(err.problems), file=sys.stderr)
        return 1
    notebooks = Path(args.notebooks) if getattr(args, "notebooks", None) else None
    problems, warnings = checks.check_notebooks(data, notebooks)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} notebook problem(s):", file=sys.stderr)
        print(format_problems(problems), file=sys.stderr)
        return 1
    if getattr(args, "readability", False):
        from course.builder import readability

        scores = readability.report(data)
        print(readability.format_report(scores))
        if not all(s.ok for s in scores):
            return 1
    for warning in _trust_warnings(data, dt.date.today()):
        print(f"warning: {warning}", file=sys.stderr)
    questions = sum(len(b.questions) for b in data.quizzes.values())
    print(red_flags.summary(data.red_flags.values()))
    cues = guessing.report(q for bank in data.quizzes.values() for q in bank.questions)
    print("\n".join(cues.lines()))
    if failures := cues.failures():
        print(f"{len(failures)} quiz cue problem(s):", file=sys.stderr)
        print(format_problems(failures), file=sys.stderr)
        return 1
    site = Path(getattr(args, "site", "") or paths.BUILD_DIR / "site")
    if (site / "index.html").exists():  # the length a reader meets, on the built pages
        from course.builder import length

        pages = length.report(data, site)
        print(length.format_report(pages))
        if over := length.over_budget(pages):
            print(
                f"The lesson pages are {over:,} visible words over the budget of "
                f"{length.BUDGET:,} (course/builder/length.py): cut repetition or fold "
                "what a reader need not read through.",
                file=sys.stderr,
            )
            return 1
    print(
        f"Content OK: {len(data.syllabus.lessons)} lessons, {questions} quiz questions, "
        f"{len(data.claims)} claims, {len(data.references)} references, "
        f"{len(data.glossary)} glossary terms."
    )
    return 0


def _trust_warnings(data, today) -> list[str]:
    """What a reader would find stale or missing: a lesson past its review date, no address
    for error reports (the site then tells readers to ask whoever gave them the course)."""
    warnings = [
        f"course/content/syllabus.yml: lesson {lesson.id}: its review was due on "
        f"{lesson.next_review} (last reviewed {lesson.reviewed}); check its facts again, "
        "then move both dates on"
        for lesson in data.syllabus.lessons
        if lesson.review_overdue(today)
    ]
    if not data.syllabus.about.report_error:
        warnings.append(
            "course/content/syllabus.yml: about.report_error is not set: the site has no "
            "address for error reports (set an https:// or mailto: address)"
        )
    return warnings


def _write_report(path: str | None, payload: dict) -> None:
    """What a build did, as JSON, for a program that runs it (the author preview)."""
    if path:
        import json

        from course import atomic

        atomic.write(Path(path), json.dumps(payload), mode=None)


def main_build(options, report_to: str | None = None) -> int:
    """Run a build with friendly output and exit codes; ``report_to``: a file that gets
    the outcome as JSON, each content problem with its file and line."""
    from course.builder.pipeline import build
    from course.errors import CourseError
    from course.loader.problems import problems_of

    try:
        report = build(options)
    except (CourseError, OSError, RuntimeError, ValueError, TypeError, KeyError) as err:
        problems = [p.to_json() for p in problems_of(err)]
        _write_report(report_to, {"ok": False, "problems": problems})
        return _build_failed(err)
    _write_report(
        report_to,
        {"ok": True, "up_to_date": report.up_to_date, "executed": report.executed},
    )
    if report.up_to_date:
        print(f"Site is up to date (nothing changed; checked in {report.seconds:.2f} s).")
    else:
        print(
            f"Built {len(report.executed) + len(report.cached)} lesson(s) "
            f"({len(report.executed)} executed, {len(report.cached)} from cache, "
            f"{len(report.exported)} exported) in {report.seconds:.1f} s."
        )
    _print_where(Path(report.out or options.out))
    return 0


def _build_failed(err: Exception) -> int:
    """Say why a build failed, in an author's words, with the exit code."""
    from course.builder.pipeline import BuildFailed
    from course.errors import CourseError, UsageProblem
    from course.loader.problems import ContentError

    if isinstance(err, ContentError):
        print(
            f"Content check failed ({len(err.problems)} problem(s)); nothing was built:",
            file=sys.stderr,
        )
        print(format_problems(err.problems), file=sys.stderr)
    elif isinstance(err, BuildFailed):
        print("Build failed; the previous site was left untouched:", file=sys.stderr)
        print("  " + str(err).replace("\n", "\n  "), file=sys.stderr)
    elif isinstance(err, UsageProblem):
        print(f"Nothing was built: {err}", file=sys.stderr)
    elif isinstance(err, CourseError):  # any other problem the tools expect: said in words
        print(f"Build failed; the previous site was left untouched: {err}", file=sys.stderr)
    else:
        print(
            f"Build failed ({type(err).__name__}: {err}); the previous site was left "
            "untouched. This looks like a bug in the course tools: please report it with "
            "the output of `python -m course build --jobs 1`.",
            file=sys.stderr,
        )
        return 2
    return 1


def _print_where(out: Path) -> None:
    index = (out / "index.html").resolve()
    print(f"Open {index}  (or run `make serve` and visit http://127.0.0.1:8000/)")


def _build(args) -> int:
    # Only the light state module first: an unchanged course is answered before nbconvert,
    # pydantic, matplotlib or Jinja are imported (the build itself checks again).
    from course.builder.state import Options, up_to_date

    started = time.perf_counter()
    options = Options(
        only=args.only,
        shard=args.shard,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        timeout=args.timeout,
        fork_kernels=not args.cold_kernels,
    )
    _folders(options, args)
    if up_to_date(options)[0]:
        seconds = time.perf_counter() - started
        _write_report(args.report, {"ok": True, "up_to_date": True, "executed": []})
        print(f"Site is up to date (nothing changed; checked in {seconds:.2f} s).")
        _print_where(Path(options.out))
        return 0
    return main_build(options, args.report)


def _folders(options, args):
    """``--out``, ``--cache-dir`` and ``--notebooks``, where given, into build options."""
    if args.out:
        options.out = Path(args.out)
    if args.cache_dir:
        options.cache_dir = Path(args.cache_dir)
    if args.notebooks:
        options.notebooks_dir = Path(args.notebooks)
    return options


def _preview(args) -> int:
    from course.builder.state import Options
    from course.preview import session

    options = _folders(Options(), args)
    return session.serve(options, "127.0.0.1", args.port, log=lambda line: print(line, flush=True))


def serve_in_background(root: Path) -> http.server.ThreadingHTTPServer:
    """Serve ``root`` on a free loopback port from a thread (tests, handouts, slide checks):
    reveal's print layout and the fonts need a real origin. Stop it with ``shutdown()``."""
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # callers print their own progress
            pass

    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _serve(args) -> int:
    import http.server

    root = Path(args.dir)
    if not (root / "index.html").exists():
        print(f"No site at {root}; run `make course` first.", file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"Serving {root} at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _first_lesson() -> str:
    from course.loader import store

    return store.get().syllabus.lessons[0].notebook


def lab_command(notebooks: Path, port: int, token: str, browser: bool = True) -> list[str]:
    """JupyterLab on loopback, opened at lesson 00.

    JupyterLab refuses to start as root (containers, many cloud notebooks) unless told
    ``--allow-root``, so that flag is added exactly when the user is root. The port and
    token are chosen here so the address printed is the one that works.
    """
    import os

    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={notebooks}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--LabApp.default_url=/lab/tree/{_first_lesson()}",
    ]
    if not browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def _lab(args) -> int:
    import os
    import secrets
    import subprocess

    notebooks, first = Path(args.notebooks), _first_lesson()
    if not (notebooks / first).exists():
        print(f"No lessons in {notebooks}.", file=sys.stderr)
        return 1
    port, token = args.port or _free_port(), secrets.token_hex(24)
    command = lab_command(notebooks.resolve(), port, token, browser=not args.no_browser)
    print(
        f"JupyterLab: http://127.0.0.1:{port}/lab/tree/{first}?token={token}  (Ctrl+C to stop)",
        flush=True,
    )
    if os.name == "posix":
        # Become JupyterLab rather than wait for it: a signal to this process (Ctrl+C, a
        # terminal closing, `kill`) then reaches the server, and no orphan keeps the port.
        os.execv(command[0], command)
    with contextlib.suppress(KeyboardInterrupt):
        return subprocess.call(command)
    return 0


def _scorm(args) -> int:
    from course.builder import scorm
    from course.loader import store

    site, out = Path(args.site), Path(args.out_dir)
    data = store.load()
    for name, single, what in (
        (scorm.PACKAGE_NAME, False, "one SCO per lesson"),
        (scorm.SINGLE_NAME, True, "one SCO for the whole course"),
    ):
        try:
            target = scorm.write_package(data, site, out / name, single=single)
        except scorm.PackageFailed as err:
            print(f"No SCORM package: {err}", file=sys.stderr)
            return 1
        size = target.stat().st_size / 1e6
        print(f"Wrote {paths.relative(target)} ({size:.1f} MB): {what}, SCORM 1.2.")
    return 0


def _present(args) -> int:
    from course.present import run

    site = Path(args.site)
    try:
        deck = run.deck_file(site, args.deck)
        record = Path(args.record) if args.record else run.record_of(deck)
        if args.export:
            target = run.export(site, deck, record, Path(args.export))
            print(f"Wrote {paths.relative(target)}: answers per question and option.")
            return 0
    except run.NoDeck as err:
        print(f"No room: {err}", file=sys.stderr)
        return 1
    host = args.host or run.default_host()
    return run.serve(
        site, deck, host, args.port, record, fresh=args.new, log=lambda s: print(s, flush=True)
    )


def _decks(args) -> int:
    """The deck report: what each deck looks like to the room, against the targets."""
    from course.builder import deck_report

    site = Path(args.site)
    if not (site / "slides").is_dir():
        print(f"No decks in {paths.relative(site)}: run `make course` first.", file=sys.stderr)
        return 1
    from course.loader import store

    stats = deck_report.site_report(site)
    limits = deck_report.class_limits(store.load())
    # a class deck is written for the room by construction: it is held to its plan's limit
    room = deck_report.written_for_room(Path(args.notebooks)) | set(limits)
    print(deck_report.format_report(stats, room, limits))
    missing = [
        s.deck
        for s in stats
        if s.deck in room and s.misses(limits.get(s.deck, deck_report.MAX_SLIDES))
    ]
    if missing:
        print(f"{len(missing)} deck(s) miss the targets: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


def _pptx(args) -> int:
    """Every deck of the built site as an editable PowerPoint file."""
    from course.builder import powerpoint

    site, out = Path(args.site), Path(args.out)
    if not (site / "slides").is_dir():
        print(f"No decks in {paths.relative(site)}: run `make course` first.", file=sys.stderr)
        return 1
    for path in powerpoint.write_all(site, out):
        print(f"  {paths.relative(path)}")
    return 0


def _figures(args) -> int:
    """The built site's figure bank in one folder, with a CSV of alt texts and captions."""
    from course.builder import figure_bank

    site, out = Path(args.site), Path(args.out)
    try:
        written = figure_bank.export_bank(site, out)
    except FileNotFoundError:
        print(
            f"No figure bank in {paths.relative(site)}: run `make course` first.", file=sys.stderr
        )
        return 1
    pictures = sum(1 for path in written if path.suffix == ".png")
    print(f"Wrote {pictures} figures (PNG and SVG) and figures.csv to {paths.relative(out)}/")
    return 0


def _clean(_args) -> int:
    shutil.rmtree(paths.BUILD_DIR, ignore_errors=True)
    print(f"Removed {paths.relative(paths.BUILD_DIR)}/")
    return 0


def _shard(text: str) -> tuple[int, int]:
    k, sep, n = text.partition("/")
    if not (sep and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"{text!r}: write K/N with 1 <= K <= N, e.g. 2/4")
    return int(k), int(n)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m course", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="check content, execute lessons, write _build/site")
    b.add_argument("--only", action="append", metavar="LESSON", help="build only this lesson")
    b.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="build only the K-th of N equal shares of the lessons (a CI job of N)",
    )
    b.add_argument(
        "--jobs", type=int, default=0, help="notebooks executed at once (default: cores)"
    )
    b.add_argument("--no-cache", action="store_true", help="re-execute every lesson")
    b.add_argument(
        "--cold-kernels",
        action="store_true",
        help="start every kernel from scratch (default: forked from one warm process)",
    )
    b.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell")
    b.add_argument("--out", help="site folder (default: _build/site)")
    b.add_argument("--cache-dir", help="executed-notebook cache (default: _build/cache)")
    b.add_argument("--notebooks", help="lesson notebooks folder (default: notebooks/)")
    b.add_argument("--content", help="content folder (default: course/content/)")
    b.add_argument("--report", help=argparse.SUPPRESS)  # the outcome as JSON (the preview)
    b.set_defaults(func=_build)
    pv = sub.add_parser(
        "preview", help="serve the site and rebuild it as you save, page first, live reload"
    )
    pv.add_argument("--port", type=int, default=8000, help="0: a free port (default 8000)")
    pv.add_argument("--out", help="site folder (default: _build/site)")
    pv.add_argument("--cache-dir", help="executed-notebook cache (default: _build/cache)")
    pv.add_argument("--notebooks", help="lesson notebooks folder (default: notebooks/)")
    pv.add_argument("--content", help="content folder (default: course/content/)")
    pv.set_defaults(func=_preview)
    c = sub.add_parser("check", help="validate all content without executing")
    c.add_argument(
        "--readability",
        action="store_true",
        help="also print the reading grade of every lesson, claim card and 'In short' line",
    )
    c.add_argument("--content", help="content folder (default: course/content/)")
    c.add_argument("--notebooks", help="lesson notebooks folder (default: notebooks/)")
    c.add_argument(
        "--site", help="built site whose visible words it counts (default: _build/site/, if built)"
    )
    c.set_defaults(func=_check)
    s = sub.add_parser("serve", help="serve the built site on 127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--dir", default=str(paths.BUILD_DIR / "site"))
    s.set_defaults(func=_serve)
    lab = sub.add_parser("lab", help="open the lessons in JupyterLab on 127.0.0.1")
    lab.add_argument("--port", type=int, default=0, help="default: a free port")
    lab.add_argument("--notebooks", default=str(paths.NOTEBOOKS_DIR))
    lab.add_argument("--no-browser", action="store_true", help="only print the address")
    lab.set_defaults(func=_lab)
    sc = sub.add_parser("scorm", help="package the built site for an LMS (two SCORM 1.2 zips)")
    sc.add_argument("--site", default=str(paths.BUILD_DIR / "site"))
    sc.add_argument(
        "--out-dir",
        default=str(paths.BUILD_DIR),
        help="where the two packages go (one SCO per lesson, and one for the whole course)",
    )
    sc.set_defaults(func=_scorm)
    pr = sub.add_parser("present", help="teach a live room: phones answer the deck's questions")
    pr.add_argument("deck", nargs="?", default="class-90", help="a deck id (default class-90)")
    pr.add_argument(
        "--host", help="the address to listen on (default: this machine's network address)"
    )
    pr.add_argument("--port", type=int, default=8765)
    pr.add_argument("--new", action="store_true", help="start a fresh room (new code, no answers)")
    pr.add_argument("--export", metavar="CSV", help="write the room's answer counts and stop")
    pr.add_argument("--record", help=argparse.SUPPRESS)  # the room's SQLite file (tests, bench)
    pr.add_argument("--site", default=str(paths.BUILD_DIR / "site"))
    pr.set_defaults(func=_present)
    d = sub.add_parser("decks", help="report slides, continued share, title-only, notes per deck")
    d.add_argument("--site", default=str(paths.BUILD_DIR / "site"))
    d.add_argument("--notebooks", default=str(paths.NOTEBOOKS_DIR))
    d.set_defaults(func=_decks)
    pp = sub.add_parser("pptx", help="write every deck as an editable PowerPoint file")
    pp.add_argument("--site", default=str(paths.BUILD_DIR / "site"))
    pp.add_argument("--out", default=str(paths.BUILD_DIR / "handouts" / "pptx"))
    pp.set_defaults(func=_pptx)
    fg = sub.add_parser("figures", help="copy every lesson figure (PNG, SVG) to one folder")
    fg.add_argument("--site", default=str(paths.BUILD_DIR / "site"))
    fg.add_argument("--out", default=str(paths.REPO_DIR / "figures"))
    fg.set_defaults(func=_figures)
    sub.add_parser("clean", help="remove _build/").set_defaults(func=_clean)
    return p


# Modules jsonschema (imported by nbformat) imports if they are installed, to check string
# formats ("iri", "uri", "date-time", "duration") that the notebook schema never uses.
# JupyterLab installs them; importing them costs a command-line run 0.1 s (and building
# rfc3987_syntax's grammar over a second). jsonschema imports each inside `suppress
# (ImportError)`, so a run that marks them absent simply goes without those checkers.
UNUSED_FORMAT_CHECKERS = ("rfc3987_syntax", "rfc3986_validator", "rfc3339_validator", "isoduration")


def _skip_optional_format_checkers() -> None:
    for name in UNUSED_FORMAT_CHECKERS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _skip_optional_format_checkers()
    if getattr(args, "content", None):
        # the environment carries it to the build's kernels too (paths.content_dir)
        os.environ["COURSE_CONTENT_DIR"] = str(Path(args.content).resolve())
    return args.func(args)
