"""A warm process that forks lesson kernels (run by course.builder.forks, not by hand).

It imports, once, what every lesson's kernel would import on its own (ipykernel,
IPython, matplotlib, numpy, the course package), then waits on a Unix socket. Each
connection is a stub (course/builder/forkstub.py) standing in for one kernel: the server
forks, and the child takes the stub's environment, folder and standard streams and
becomes an IPython kernel on the stub's connection file. It reports each kernel's exit
code to its stub, kills a kernel whose stub went away, and exits when the build does.

Nothing here reads course content or starts a thread before forking: content is read in
the kernel (its reads recorded for the cache, course.loader.reads), and a fork copies no
thread but the caller's.

Usage: python -m course.builder.forkserver SOCKET
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pkgutil
import select
import signal
import socket
import sys


def preload() -> None:
    """What a lesson's kernel imports before its first cell and in its first cell (IPython
    with ipykernel)."""
    import ipykernel.ipkernel
    import ipykernel.kernelapp
    import ipykernel.zmqshell  # noqa: F401
    import matplotlib

    matplotlib.use("Agg")  # the lessons draw on Figure objects: pyplot is never imported
    import matplotlib.figure
    import numpy  # noqa: F401
    from PIL import Image, PngImagePlugin  # noqa: F401

    # every module a lesson can reach (views and charts load lazily, on first use); the
    # build's own layers (builder, preview, cli) are never imported by a kernel
    for layer in ("model", "loader", "output", "plotting", "views"):
        package = importlib.import_module(f"course.{layer}")
        for module in pkgutil.walk_packages(package.__path__, f"course.{layer}."):
            importlib.import_module(module.name)


def _kernel(request: dict, streams: list[int], closing: list[socket.socket]) -> None:
    """In the forked child: become the kernel the stub asked for; never return."""
    code = 1
    try:
        for sock in closing:
            sock.close()
        for target, fd in enumerate(streams):
            os.dup2(fd, target)
            os.close(fd)
        # a kernel is interrupted with SIGINT (a build started in the background may have
        # been given it ignored) and stopped with SIGTERM, as a cold one is
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.argv = ["ipykernel_launcher", "-f", request["connection_file"]]
        # ipykernel reads its parent's pid from the environment when it is imported, which
        # was here, before this kernel's environment existed: give it as a flag instead
        parent = request["env"].get("JPY_PARENT_PID", "0")
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=[*sys.argv[1:], f"--IPKernelApp.parent_handle={parent}"])
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


def serve(path: str) -> None:
    parent = os.getppid()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    print("ready", flush=True)
    kernels: dict[int, socket.socket] = {}  # kernel pid -> its stub's connection
    while os.getppid() == parent:  # the build that started this is still there
        links = list(kernels.values())
        readable, _, _ = select.select([server, *links], [], [], 0.1)
        for link in readable:
            if link is server:
                conn, _address = server.accept()
                message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
                request = json.loads(message.decode())
                pid = os.fork()
                if pid == 0:
                    _kernel(request, fds, [server, conn, *kernels.values()])
                for fd in fds:
                    os.close(fd)
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                kernels[pid] = conn
            elif not link.recv(1):  # the stub is gone (killed): so goes its kernel
                pid = next(p for p, c in kernels.items() if c is link)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        while kernels:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid in kernels:
                link = kernels.pop(pid)
                try:
                    code = os.waitstatus_to_exitcode(status)
                    link.sendall(json.dumps({"code": code}).encode() + b"\n")
                except OSError:
                    pass
                link.close()
    for pid in kernels:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def main() -> int:
    preload()
    serve(sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
