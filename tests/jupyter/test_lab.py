"""`make lab`: JupyterLab on loopback at lesson 00, also for a user who is root."""

import json
import os
import re
import subprocess
import sys
import urllib.request

import pytest

from course import cli, paths
from tests.conftest import stop, wait_for_jupyter

pytestmark = pytest.mark.slow  # starts JupyterLab: not in the fast tier


def test_lab_allows_root_exactly_when_the_user_is_root(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    as_root = cli.lab_command(tmp_path, 8890, "t0k", browser=False)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    as_user = cli.lab_command(tmp_path, 8890, "t0k")
    assert "--allow-root" in as_root and "--allow-root" not in as_user
    assert "--ServerApp.ip=127.0.0.1" in as_user and "--no-browser" in as_root
    assert "--LabApp.default_url=/lab/tree/00-start-here.ipynb" in as_user


def test_make_lab_starts_and_serves_lesson_00_at_the_printed_address(tmp_path):
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    command = [sys.executable, "-m", "course", "lab", "--no-browser"]
    log = tmp_path / "lab.log"
    with (
        log.open("w") as errors,
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env
        ) as server,
    ):
        _check_lab(server, log)


def _check_lab(server, log):
    try:
        line = server.stdout.readline()
        match = re.match(
            r"JupyterLab: (http://127\.0\.0\.1:(\d+))/lab/tree/00-start-here\.ipynb\?token=(\w+)",
            line,
        )
        assert match, line
        base, token = match.group(1), match.group(3)
        wait_for_jupyter(server, base, token, log)
        url = f"{base}/api/contents/00-start-here.ipynb?content=0&token={token}"
        with urllib.request.urlopen(url, timeout=5) as response:
            assert json.load(response)["type"] == "notebook"
        with urllib.request.urlopen(f"{base}/lab/tree/00-start-here.ipynb?token={token}") as page:
            assert page.status == 200 and "JupyterLab" in page.read().decode()
        # without the token the server refuses: it is not open to anyone on the machine
        try:
            urllib.request.urlopen(f"{base}/api/contents/00-start-here.ipynb", timeout=5)
            raise AssertionError("served without a token")
        except urllib.error.HTTPError as err:
            assert err.code == 403
        assert (paths.NOTEBOOKS_DIR / "00-start-here.ipynb").exists()
    finally:
        stop(server)
    # nothing is left serving: `course lab` became JupyterLab, so stopping it stopped the server
    assert server.returncode is not None
    try:
        urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
        raise AssertionError("JupyterLab still answers after `make lab` was stopped")
    except urllib.error.URLError as err:
        assert not isinstance(err, urllib.error.HTTPError), err
