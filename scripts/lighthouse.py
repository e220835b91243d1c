"""Lighthouse performance benchmark of the built site: every top-level page, mobile preset.

Why (issue 27): layout shift has to be measured the way Lighthouse measures it. A
PerformanceObserver in Playwright, without throttling, saw a CLS of 0, while Lighthouse 12
(mobile preset: emulated phone, slow CPU and network) saw 0.157-0.19 on every page, because
the deferred course.js folded the open lesson menu only after the first paint. This serves
the site on a free local port, runs Lighthouse on each page, prints performance score, CLS,
LCP and TBT, and exits non-zero if any page has CLS above MAX_CLS or a performance score
below MIN_PERFORMANCE. It is a benchmark, not a test: scores depend on the machine.

Needs Node, Lighthouse (`make lighthouse` installs lighthouse@12.2.3 in .lighthouse/ and
runs this) and a Chromium (CHROME_PATH, else /usr/bin/chromium); downloads no browser.

Usage: python scripts/lighthouse.py [SITE] [--lighthouse PATH] [--runs N] [--page NAME ...]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from course import paths

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SITE = ROOT / "_build" / "site"
DEFAULT_LIGHTHOUSE = ROOT / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
DEFAULT_CHROME = paths.CHROMIUM

MAX_CLS = 0.02
MIN_PERFORMANCE = 95
RUN_TIMEOUT_S = 240


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt: str, *args: object) -> None:
        pass


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    """Serve `site` on 127.0.0.1 at a free port, in a daemon thread."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_lighthouse(lighthouse: Path, url: str, chrome: str) -> dict:
    """One Lighthouse run (mobile preset, the default), performance category only."""
    cmd = [
        str(lighthouse),
        url,
        "--only-categories=performance",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={' '.join(paths.CHROMIUM_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": chrome}
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT_S, check=False
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(proc.stderr.strip()[-500:] or f"exit {proc.returncode}")
    report = json.loads(proc.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(report["runtimeError"].get("message", "runtime error"))
    return report


def metrics(report: dict) -> dict:
    audits = report["audits"]
    score = report["categories"]["performance"]["score"]
    shifts = audits.get("layout-shifts", {}).get("details") or {}
    return {
        "performance": None if score is None else round(score * 100),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "shifted": [
            item.get("node", {}).get("selector", "?") for item in shifts.get("items", [])[:3]
        ],
    }


def median_run(runs: list[dict]) -> dict:
    """Median of each metric over the runs (a single run is returned as it is)."""
    if len(runs) == 1:
        return runs[0]
    out = {k: statistics.median(r[k] for r in runs) for k in ("cls", "lcp", "tbt")}
    scores = [r["performance"] for r in runs if r["performance"] is not None]
    out["performance"] = round(statistics.median(scores)) if scores else None
    out["shifted"] = runs[0]["shifted"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=DEFAULT_SITE)
    parser.add_argument("--lighthouse", type=Path, default=DEFAULT_LIGHTHOUSE)
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", DEFAULT_CHROME))
    parser.add_argument("--runs", type=int, default=1, help="runs per page; medians reported")
    parser.add_argument("--page", action="append", help="only this page (repeatable)")
    args = parser.parse_args(argv)

    site = args.site.resolve()
    pages = sorted(p.name for p in site.glob("*.html"))
    if args.page:
        pages = [p for p in pages if p in args.page or p.removesuffix(".html") in args.page]
    if not pages:
        print(f"no pages found in {site}", file=sys.stderr)
        return 2
    if not args.lighthouse.exists():
        print(f"no lighthouse at {args.lighthouse} (npm install?)", file=sys.stderr)
        return 2

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    failures: list[str] = []
    width = max(len(p) for p in pages)
    print(f"{'page':<{width}}  {'perf':>4}  {'CLS':>6}  {'LCP ms':>7}  {'TBT ms':>6}")
    try:
        for page in pages:
            try:
                runs = [
                    metrics(run_lighthouse(args.lighthouse, base + page, args.chrome))
                    for _ in range(max(1, args.runs))
                ]
            except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as err:
                print(f"{page:<{width}}  lighthouse failed: {err}", flush=True)
                failures.append(page)
                continue
            m = median_run(runs)
            perf = "-" if m["performance"] is None else str(m["performance"])
            score = m["performance"]
            bad = m["cls"] > MAX_CLS or score is None or score < MIN_PERFORMANCE
            note = "  FAIL" if bad else ""
            if bad and m["shifted"]:
                note += "  shifted: " + ", ".join(m["shifted"])
            print(
                f"{page:<{width}}  {perf:>4}  {m['cls']:>6.3f}  {m['lcp']:>7.0f}"
                f"  {m['tbt']:>6.0f}{note}",
                flush=True,
            )
            if bad:
                failures.append(page)
    finally:
        server.shutdown()
        server.server_close()

    limits = f"CLS <= {MAX_CLS}, performance >= {MIN_PERFORMANCE}"
    if failures:
        print(f"\n{len(failures)} of {len(pages)} pages fail ({limits}): {', '.join(failures)}")
        return 1
    print(f"\nall {len(pages)} pages pass ({limits})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
