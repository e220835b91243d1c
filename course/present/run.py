"""`course present`: start (or resume) a room for a deck and serve it until Ctrl+C.

The room's record is ``_build/present/<deck>.sqlite``: started again, the server resumes
it (same code, same token, every answer); ``--new`` starts a fresh room."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from pathlib import Path

from course import paths
from course.listening import listening
from course.loader import store as content
from course.present import questions
from course.present.room import Room
from course.present.store import RoomStore

DEFAULT_DECK = "class-90"
DEFAULT_PORT = 8765


class NoDeck(Exception):
    """What stops the room, ready to print."""


def default_host() -> str:
    """The first non-loopback IPv4 address of this machine (the one its default route
    leaves by: phones on the same network reach it), or 127.0.0.1 without a network. A
    UDP socket that "connects" sends nothing; it only picks the route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
            address = probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
    return address if not address.startswith("127.") else "127.0.0.1"


def deck_file(site: Path, deck: str) -> str:
    """The deck's path in the site, from its id ("class-90", "04-the-research")."""
    name = f"slides/{deck.removesuffix('.html')}.html"
    if not (site / name).is_file():
        decks = (
            sorted(p.stem for p in (site / "slides").glob("*.html"))
            if (site / "slides").is_dir()
            else []
        )
        hint = f" (decks: {', '.join(decks)})" if decks else ": run `make course` first"
        raise NoDeck(f"{paths.relative(site)} has no deck {deck!r}{hint}")
    return name


def record_of(deck: str) -> Path:
    return paths.BUILD_DIR / "present" / f"{Path(deck).stem}.sqlite"


def open_room(site: Path, deck: str, record: Path, fresh: bool = False) -> Room:
    return Room(questions.of_deck(content.get(), site / deck), RoomStore(record, fresh=fresh))


def export(site: Path, deck: str, record: Path, target: Path) -> Path:
    if not record.exists():
        raise NoDeck(f"no room has been run for {deck} yet ({paths.relative(record)})")
    room = open_room(site, deck, record)
    try:
        return room.store.export_csv(target, room.questions.values())
    finally:
        room.store.close()


def serve(
    site: Path,
    deck: str,
    host: str,
    port: int,
    record: Path,
    fresh: bool = False,
    log: Callable[[str], None] = print,
) -> int:
    """Run the room until Ctrl+C (or SIGTERM); returns the exit code."""
    import uvicorn

    from course.present import server

    sock = listening(host, port, log, backlog=1024)  # a room's phones arrive at once
    if sock is None:
        return 1
    room = open_room(site, deck, record, fresh)
    bound = sock.getsockname()[1]
    base = f"http://{host}:{bound}"
    application = server.app(server.Config(site, deck, f"{base}/"), room)
    config = uvicorn.Config(
        application,
        log_level="warning",
        ws="websockets-sansio",
        ws_max_size=4096,  # the room's clients only listen: nothing large comes in
        timeout_graceful_shutdown=2,
        lifespan="off",
        ws_ping_interval=10,
        ws_ping_timeout=10,
    )
    asked = len(room.questions)
    log(f"Room for {deck}: {asked} questions ({paths.relative(record)}).")
    log(f"Presenter (keep this to yourself): {base}/present/{room.store.token}")
    log(f"Audience: {base}/  room code {room.store.code}  (the deck shows it with a QR code)")
    log("Ctrl+C to stop; `course present --export FILE` writes the counts as CSV.")
    try:
        # Ctrl+C stops it: uvicorn shuts down, then raises the interrupt again
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.Server(config).run(sockets=[sock])
    finally:
        room.store.close()
    log(f"Stopped. The room is kept in {paths.relative(record)}: started again, it resumes.")
    return 0
