"""Execute one lesson notebook with nbclient, in a worker process.

Kernels get a fixed environment (Agg backend, hash seed, a scratch progress file)
so outputs do not depend on the machine or on the learner's saved answers.
A failure is reported as notebook, cell number and error, never as a bare traceback.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets.config import Config

from course import paths
from course.errors import BuildProblem
from course.loader import reads

KERNEL_ENV = {
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
    "SOURCE_DATE_EPOCH": "1700000000",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


class ExecutionFailed(BuildProblem):
    """A lesson that did not execute; the message is ready to show to an author."""


def error_of(err: CellExecutionError) -> str:
    """A cell's error as "Name: value". One raised while IPython displayed the cell's
    result (a view's display method) reaches nbclient as "NoneType: None"; the traceback's
    last line then says what it really was."""
    if err.ename and err.ename != "NoneType":
        return f"{err.ename}: {err.evalue}"
    text = re.sub(r"\x1b\[[0-9;]*m", "", err.traceback or "")
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1].strip() if lines else "an error while displaying the cell's result"


def lesson_client(
    nb, folder: Path, scratch: Path, timeout: int, forks: str | None, on_cell_start=None
) -> tuple[NotebookClient, dict[str, str]]:
    """An nbclient client for ``nb`` set up as the build runs lessons, and the environment
    its kernel gets (scripts/kernel_phases.py measures lessons with the same two).

    ``folder``: the notebook's folder (the kernel's working folder, and where it reads
    claims and citations from: tests point it at edited copies); ``scratch``: a folder for
    the kernel's sockets, progress file and record of content reads, which the caller
    reads back (course.loader.reads); ``forks``: see execute()."""
    # The kernel's own environment (this process's is left alone).
    env = {
        **os.environ,
        **KERNEL_ENV,
        "COURSE_PROGRESS_FILE": str(scratch / "progress.json"),
        "COURSE_NOTEBOOKS_DIR": str(folder),
        reads.ENV: str(scratch / "reads.txt"),
    }
    # IPC sockets in the scratch folder: nothing listens on a TCP port during a build.
    config = Config({"KernelManager": {"transport": "ipc", "ip": str(scratch / "k")}})
    client = NotebookClient(
        nb,
        config=config,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        store_widget_state=False,
        record_timing=False,
        on_cell_start=on_cell_start,
    )
    if forks:  # the warm kernels of course.builder.forks
        from course.builder.forks import KERNEL_NAME, ForkedKernelManager

        client.config.ForkedKernelManager.kernels_dir = forks
        client.kernel_name = KERNEL_NAME
        client.kernel_manager_class = ForkedKernelManager
    return client, env


def execute(
    path: str, timeout: int = 120, forks: str | None = None
) -> tuple[dict, float, list[str]]:
    """Run ``path``; return (executed notebook as dict, seconds, the content files its
    code read, as course.loader.reads recorded them). Raises ExecutionFailed.

    ``forks``: the kernel spec folder of a fork server (course.builder.forks), whose warm
    kernels then run the lesson; without it the kernel starts cold."""
    source = Path(path)
    nb = nbformat.read(source, as_version=4)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-kernel-") as scratch:
        current = {"index": 0}

        def on_start(cell, cell_index):
            current["index"] = cell_index + 1

        client, env = lesson_client(nb, source.parent, Path(scratch), timeout, forks, on_start)
        name = paths.relative(source)
        try:
            client.execute(env=env)
        except CellTimeoutError:
            raise ExecutionFailed(
                f"{name}: cell {current['index']}: timed out after {timeout} s"
            ) from None
        except CellExecutionError as err:
            error = error_of(err)
            raise ExecutionFailed(f"{name}: cell {current['index']}: {error}") from None
        except DeadKernelError as err:
            raise ExecutionFailed(f"{name}: the kernel died ({err})") from None
        used = reads.read(Path(scratch) / "reads.txt")
    return nb, time.perf_counter() - started, used
