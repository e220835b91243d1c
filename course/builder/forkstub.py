"""The kernel a lesson's client starts: a stand-in that has a warm process fork the real
one (course.builder.forks), then acts as that kernel's process for jupyter_client.

Run as a file, never imported through the course package, so it starts in milliseconds:
it imports nothing but the standard library. It passes its environment, its folder and
its standard streams to the fork, forwards the signals jupyter_client sends (interrupt,
terminate) and exits with the kernel's exit code. If it is killed, the fork server sees
its connection close and kills the kernel.

Usage (from a kernel spec): python forkstub.py CONNECTION_FILE SERVER_SOCKET
"""

import contextlib
import json
import os
import signal
import socket
import sys


def main() -> int:
    connection_file, server = sys.argv[1], sys.argv[2]
    link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    link.connect(server)
    request = {"connection_file": connection_file, "env": dict(os.environ), "cwd": os.getcwd()}
    socket.send_fds(link, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
    replies = link.makefile("rb")
    kernel = int(json.loads(replies.readline())["pid"])

    def forward(signum, _frame):
        with contextlib.suppress(ProcessLookupError):
            os.kill(kernel, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, forward)
    line = replies.readline()  # the kernel's exit code, once it has exited
    return int(json.loads(line)["code"]) if line else 1


if __name__ == "__main__":
    sys.exit(main())
