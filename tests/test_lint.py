"""`make lint` holds on every commit: ruff (lint and format) and mypy over the package."""

import subprocess
import sys
from pathlib import Path

import pytest

from course import paths

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "course", "scripts", "tests"],
        ["ruff", "format", "--check", "course", "scripts", "tests"],
        pytest.param(["mypy"], marks=pytest.mark.slow),  # the fast tier runs no mypy
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_lint_is_clean(command):
    result = subprocess.run(
        [str(BIN / command[0]), *command[1:]],
        cwd=paths.REPO_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
