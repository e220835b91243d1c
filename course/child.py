"""A server the course starts as a child process for programs that drive it (browser
tests, benchmarks): what it prints is read as it comes, and the caller waits for the line
that says it listens. Stopped as Ctrl+C stops it, or killed."""

from __future__ import annotations

import re
import signal
import subprocess
import threading


class ChildServer:
    """``command`` started; ``match`` is the first printed line's match of ``ready`` (a
    RuntimeError with everything printed if none comes within ``timeout`` seconds)."""

    def __init__(
        self, command: list[str], ready: re.Pattern[str], env=None, timeout: float = 120
    ) -> None:
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        self.match: re.Match[str] | None = None
        found = threading.Event()

        def read() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                self.lines.append(line.rstrip())
                if self.match is None and (hit := ready.search(line)):
                    self.match = hit
                    found.set()
            found.set()

        threading.Thread(target=read, daemon=True).start()
        found.wait(timeout)
        if self.match is None:
            self.kill()
            raise RuntimeError(f"{' '.join(command[:4])} did not start:\n" + self.log())

    def log(self) -> str:
        return "\n".join(self.lines)

    def stop(self, timeout: float = 300) -> int:
        """Stop it as Ctrl+C does; its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=timeout)
        self._close()
        return code

    def kill(self) -> None:
        """SIGKILL: nothing it holds is tidied up."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._close()

    def _close(self) -> None:
        if self.process.stdout is not None:
            self.process.stdout.close()
