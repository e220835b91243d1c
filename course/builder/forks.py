"""Lesson kernels forked from one warm process instead of started cold.

A cold kernel spends about a second of CPU before the lesson's first line does any work:
the interpreter, ipykernel, IPython, matplotlib, numpy and the course package are
imported again by every one of the nine. A build starts one fork server
(course.builder.forkserver) that imports them once; each lesson's kernel is then forked
from it, already warm. jupyter_client still starts and manages a process per kernel,
through a kernel spec whose command is a small stub (course/builder/forkstub.py) that
asks the server for the fork and stands in for it: connection file, environment, folder,
signals and exit code behave as with a kernel started cold, so nbclient runs the lesson
exactly as before, and its outputs are the same.

Only a build uses this; a learner's Jupyter starts its kernels as usual.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode, default

KERNEL_NAME = "course-forked"
STUB = Path(__file__).with_name("forkstub.py")


class ForkServerFailed(RuntimeError):
    """The fork server did not start (the build then starts its kernels cold)."""


class ForkServer:
    """The warm process for one build; ``kernels`` is the folder holding its kernel spec."""

    def __init__(self, scratch: Path, env: dict[str, str]) -> None:
        import tempfile

        # a Unix socket's path may not exceed about 100 bytes: its own short folder
        self._folder = Path(tempfile.mkdtemp(prefix="course-forks-"))
        self.socket = self._folder / "s"
        self.kernels = Path(scratch) / "kernels"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "course.builder.forkserver", str(self.socket)],
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != "ready":
            self.close()
            raise ForkServerFailed("the kernel fork server did not start")
        spec = self.kernels / KERNEL_NAME
        spec.mkdir(parents=True, exist_ok=True)
        (spec / "kernel.json").write_text(
            json.dumps(
                {
                    # -I -S: the stub needs only the standard library, so no site-packages
                    "argv": [
                        sys.executable,
                        "-I",
                        "-S",
                        str(STUB),
                        "{connection_file}",
                        str(self.socket),
                    ],
                    "display_name": "Python 3 (forked by the course build)",
                    "language": "python",
                    "interrupt_mode": "signal",
                }
            ),
            encoding="utf-8",
        )

    def close(self) -> None:
        import shutil

        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start(scratch: Path, log=None) -> ForkServer | None:
    """A fork server for lesson kernels, or None where one cannot run (no ``os.fork``, or
    it did not start; ``log`` is told why): the kernels then start cold."""
    if not hasattr(os, "fork"):
        return None
    from course.builder.execute import KERNEL_ENV

    try:
        return ForkServer(scratch, KERNEL_ENV)
    except (ForkServerFailed, OSError) as err:
        if log is not None:
            log(f"  (kernels start cold: {err})")
        return None


class ForkedKernelManager(AsyncKernelManager):
    """A kernel manager that finds the fork server's kernel spec (``kernels_dir``)."""

    kernels_dir = Unicode("", config=True, help="folder holding the forked kernel's spec")

    @default("kernel_spec_manager")
    def _forked_specs(self) -> KernelSpecManager:
        return KernelSpecManager(kernel_dirs=[self.kernels_dir])
