"""A room run as its own process, for programs that drive one as a class would (the
browser and security tests, scripts/room_bench.py): started on a free loopback port, its
addresses, token and code read from what it prints; stopped, or killed to see what a crash
leaves."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from course.child import ChildServer

PRESENTER = re.compile(r"Presenter \(keep this to yourself\): (http://[\d.]+:\d+)/present/(\S+)")
AUDIENCE = re.compile(r"Audience: \S+  room code (\w+)")


class RoomProcess(ChildServer):
    """``python -m course present`` for ``deck`` of ``site``, its record in ``record``."""

    def __init__(
        self, site: Path, record: Path, deck: str = "class-90", fresh: bool = True, port: int = 0
    ) -> None:
        command = [sys.executable, "-m", "course", "present", deck, "--host", "127.0.0.1"]
        command += ["--port", str(port), "--site", str(site), "--record", str(record)]
        if fresh:
            command.append("--new")
        super().__init__(command, AUDIENCE, timeout=60)
        presenter = next(filter(None, map(PRESENTER.search, self.lines)), None)
        assert self.match is not None and presenter is not None
        self.url, self.token = presenter.group(1), presenter.group(2)
        self.code = self.match.group(1)
        self.port = int(self.url.rsplit(":", 1)[1])
