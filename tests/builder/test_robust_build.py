"""Interrupted and concurrent builds, and byte-identical rebuilds."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from course import paths
from course.builder import pipeline
from course.builder.pipeline import build
from course.builder.state import Options


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(out, *extra, pause_at: str | None = None, marker=None):
    env = dict(os.environ)
    if pause_at:
        env.update({pipeline.PAUSE_AT: pause_at, pipeline.PAUSE_FILE: str(marker)})
    return subprocess.Popen(
        [sys.executable, "-m", "course", "build", "--out", str(out), "--jobs", "1", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=paths.REPO_DIR,
        env=env,
    )


def reached(proc, marker, timeout: float = 180) -> None:
    """Wait until the build announces its pause point (it stays there until released)."""
    deadline = time.monotonic() + timeout
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()[1]
        assert time.monotonic() < deadline, "the build never reached its pause point"
        time.sleep(0.05)


@pytest.fixture()
def site_copy(built_site, build_root, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(built_site, out)
    return out


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
@pytest.mark.parametrize("step", ["locked", "assembled", "swapping"])
def test_killed_build_keeps_the_last_site_and_the_next_build_succeeds(site_copy, sig, step):
    before = snapshot(site_copy)
    marker = site_copy.parent / "paused"
    proc = cli(site_copy, "--no-cache", "--only", "00-start-here", pause_at=step, marker=marker)
    reached(proc, marker)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert proc.returncode == -sig, (step, proc.returncode)  # it died at that point
    if step != "swapping":  # killed between the two renames, the site is moved aside
        assert snapshot(site_copy) == before, f"site changed after {sig.name} at {step}"
    proc = cli(site_copy, "--only", "00-start-here")
    _out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    assert not list(site_copy.parent.glob(".site.tmp-*"))
    assert not (site_copy.parent / ".site.old").exists()
    assert (site_copy / "00-start-here.html").exists() and (site_copy / "index.html").exists()


def test_two_builds_at_once_do_not_corrupt_each_other(site_copy):
    marker = site_copy.parent / "paused"
    lesson = ["--no-cache", "--only", "00-start-here"]
    first = cli(site_copy, *lesson, pause_at="locked", marker=marker)
    reached(first, marker)  # the first build holds the lock now
    second = cli(site_copy, "--no-cache", "--only", "00-start-here")
    _out2, err2 = second.communicate(timeout=180)
    assert second.returncode == 1
    assert "another build is writing" in err2
    marker.unlink()  # let the first one finish
    _out1, err1 = first.communicate(timeout=180)
    assert first.returncode == 0, err1
    assert (site_copy / "00-start-here.html").exists() and (site_copy / "index.html").exists()


def test_half_finished_swap_is_recovered(site_copy):
    before = snapshot(site_copy)
    os.rename(site_copy, site_copy.with_name(".site.old"))  # as if killed between the renames
    (site_copy.parent / ".site.tmp-12345").mkdir()
    proc = cli(site_copy, "--only", "00-start-here")
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    assert set(snapshot(site_copy)) >= set(before)
    assert not (site_copy.parent / ".site.tmp-12345").exists()


@pytest.mark.slow  # starts kernels: not in the fast tier
def test_two_clean_builds_are_byte_identical(tmp_path):
    lessons = ["01-back-pain", "04-the-research"]
    builds = []
    for run in ("a", "b"):
        options = Options(
            out=tmp_path / run / "site", cache_dir=tmp_path / run / "cache", only=lessons, jobs=2
        )
        build(options, log=lambda _m: None)
        builds.append(snapshot(options.out))
    assert builds[0].keys() == builds[1].keys()
    differing = [str(name) for name in builds[0] if builds[0][name] != builds[1][name]]
    assert differing == []
    assert any(str(n).startswith("figures/") for n in builds[0])
    assert any(str(n).startswith("pagefind/") for n in builds[0])
