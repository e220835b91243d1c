"""Kernels forked from a warm process: the same outputs as kernels started cold, and the
same behaviour when a cell runs too long, a kernel dies or the build goes away."""

import json
import os
import re
import subprocess
import sys
import time

import nbformat
import pytest

from course import paths
from course.builder.execute import KERNEL_ENV, ExecutionFailed, execute
from course.builder.forks import ForkServer
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow


@pytest.fixture()
def server(tmp_path):
    with ForkServer(tmp_path / "forks", KERNEL_ENV) as running:
        yield running


def stat(pid) -> list[str]:
    """A process's state and parent (and the rest of /proc/PID/stat), [] once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            text = file.read()
    except OSError:
        return []
    return text[text.rindex(")") + 2 :].split()


def kernels_of(server) -> list[int]:
    """The live children of the fork server (its forked kernels)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = stat(entry)
            if not fields:
                continue
            if int(fields[1]) == server.process.pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def settled(server, timeout: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout
    while (alive := kernels_of(server)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def outputs(nb) -> list[str]:
    """Every cell's outputs, with the ids a widget gets afresh in every run left out."""
    text = [json.dumps(cell.get("outputs", []), sort_keys=True) for cell in nb.cells]
    return [re.sub(r"[0-9a-f]{32}", "<id>", t) for t in text]


def test_a_forked_kernel_runs_a_lesson_exactly_as_a_cold_one(server):
    lesson = str(paths.NOTEBOOKS_DIR / "00-start-here.ipynb")
    warm, _seconds, warm_reads = execute(lesson, 120, str(server.kernels))
    cold, _seconds, cold_reads = execute(lesson, 120)
    assert outputs(warm) == outputs(cold)
    assert [c.get("execution_count") for c in warm.cells] == [
        c.get("execution_count") for c in cold.cells
    ]
    assert warm_reads == cold_reads and "claims.yml" in warm_reads
    assert settled(server) == []  # the kernel went when its lesson was done


def _notebook(tmp_path, source: str):
    path = tmp_path / "lesson.ipynb"
    nbformat.write(make_notebook([("code", source)]), path)
    return str(path)


def test_a_forked_kernel_is_interrupted_when_a_cell_runs_too_long(server, tmp_path):
    started = time.monotonic()
    with pytest.raises(ExecutionFailed, match=r"cell 1: timed out after 2 s"):
        execute(_notebook(tmp_path, "import time\ntime.sleep(60)"), 2, str(server.kernels))
    assert time.monotonic() - started < 30
    assert settled(server) == []


def test_a_forked_kernel_that_dies_is_reported_as_a_dead_kernel(server, tmp_path):
    with pytest.raises(ExecutionFailed, match="the kernel died"):
        execute(_notebook(tmp_path, "import os\nos._exit(3)"), 30, str(server.kernels))
    assert settled(server) == []


def test_a_forked_kernel_sees_its_own_environment_and_folder(server, tmp_path):
    path = _notebook(
        tmp_path,
        "import os, sys\nprint(os.getcwd(), os.environ['COURSE_NOTEBOOKS_DIR'], "
        "os.environ['MPLBACKEND'], sys.hash_info.algorithm)",
    )
    nb, _seconds, _reads = execute(path, 30, str(server.kernels))
    printed = nb.cells[0].outputs[0]["text"].split()
    assert printed[0] == printed[1] == str(tmp_path)
    assert printed[2] == "Agg"


def test_the_fork_server_goes_when_the_build_that_started_it_is_killed(tmp_path):
    """A killed build leaves no warm process and no kernel behind."""
    script = (
        "import sys, time\nfrom pathlib import Path\n"
        "from course.builder.forks import ForkServer\n"
        "from course.builder.execute import KERNEL_ENV\n"
        "s = ForkServer(Path(sys.argv[1]), KERNEL_ENV)\n"
        "print(s.process.pid, flush=True)\ntime.sleep(600)\n"
    )
    build = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "forks")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=paths.REPO_DIR,
    )
    server = int(build.stdout.readline())
    build.kill()
    build.wait()
    build.stdout.close()
    deadline = time.monotonic() + 10
    while stat(server)[:1] not in ([], ["Z"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert stat(server)[:1] in ([], ["Z"]), "the fork server outlived the build"
