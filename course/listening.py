"""The listening socket of the course's servers (the preview, the live room)."""

from __future__ import annotations

import socket
from collections.abc import Callable


def listening(
    host: str, port: int, log: Callable[[str], None], backlog: int = 128
) -> socket.socket | None:
    """A socket listening on ``host:port`` (port 0: a free one), made before the server's
    address is printed, so connections wait from then on rather than fail. None, said
    through ``log``, when the address cannot be had."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        log(f"Cannot listen on {host}:{port} ({err.strerror}); try --port 0 for a free one.")
        return None
    sock.listen(backlog)
    return sock
