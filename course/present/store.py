"""The room's record on the presenter's laptop: SQLite in WAL mode, written as each answer
arrives, so a server that is restarted (or killed) resumes with every count intact.

What it holds: the room's code and the presenter's token, each question's state, the
devices that joined (a random id per browser session, nothing else) and each device's
latest answer to each question. No name, no address, no browser details: nothing that
leaves the laptop identifies anyone."""

from __future__ import annotations

import contextlib
import csv
import secrets
import sqlite3
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS room (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS question (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'revealed'))
);
CREATE TABLE IF NOT EXISTS device (id TEXT PRIMARY KEY, joined REAL NOT NULL);
CREATE TABLE IF NOT EXISTS answer (
  question TEXT NOT NULL,
  device TEXT NOT NULL REFERENCES device (id),
  options TEXT NOT NULL,  -- the options chosen, "0" or "0,2"
  at REAL NOT NULL,
  PRIMARY KEY (question, device)
);
"""
# Room codes a person reads off a screen and types on a phone: no 0/O, 1/I/L.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5
LOCK_SECONDS = 0.5


def new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


class RoomStore:
    """One room's record. Each write is its own transaction, committed before the server
    answers (WAL with synchronous=NORMAL: a killed process loses nothing committed; only a
    power cut may take the last few)."""

    def __init__(self, path: Path, fresh: bool = False) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.path = path
        # a short wait for a lock another program holds (a backup tool, a sqlite3 shell):
        # the server then answers 503 "try again" instead of freezing the room for 5 s
        self.db = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=LOCK_SECONDS
        )
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        self.code = self._setting("code", new_code)
        self.token = self._setting("token", lambda: secrets.token_urlsafe(24))

    def _setting(self, key: str, make) -> str:
        row = self.db.execute("SELECT value FROM room WHERE key = ?", (key,)).fetchone()
        if row:
            return row[0]
        value = make()
        self.db.execute("INSERT INTO room (key, value) VALUES (?, ?)", (key, value))
        return value

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self):
        """Writes that stand or fall together (a question made current and opened)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- the presenter's side --------------------------------------------------------
    @property
    def current(self) -> str | None:
        row = self.db.execute("SELECT value FROM room WHERE key = 'current'").fetchone()
        return row[0] if row else None

    def set_current(self, question: str | None) -> None:
        if question is None:
            self.db.execute("DELETE FROM room WHERE key = 'current'")
        else:
            self.db.execute(
                "INSERT INTO room (key, value) VALUES ('current', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (question,),
            )

    def state(self, question: str) -> str | None:
        """ "open", "closed", "revealed", or None (never opened)."""
        row = self.db.execute("SELECT state FROM question WHERE id = ?", (question,)).fetchone()
        return row[0] if row else None

    def set_state(self, question: str, state: str) -> None:
        self.db.execute(
            "INSERT INTO question (id, state) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET state = excluded.state",
            (question, state),
        )

    # -- the audience's side ---------------------------------------------------------
    def join(self) -> str:
        device = secrets.token_urlsafe(16)
        self.db.execute("INSERT INTO device (id, joined) VALUES (?, ?)", (device, time.time()))
        return device

    def known(self, device: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM device WHERE id = ?", (device,)).fetchone() is not None
        )

    def answer(self, question: str, device: str, options: list[int]) -> None:
        """A device's answer; a later one replaces it (until voting closes)."""
        self.db.execute(
            "INSERT INTO answer (question, device, options, at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (question, device) "
            "DO UPDATE SET options = excluded.options, at = excluded.at",
            (question, device, ",".join(map(str, options)), time.time()),
        )

    def answer_of(self, question: str, device: str) -> list[int] | None:
        row = self.db.execute(
            "SELECT options FROM answer WHERE question = ? AND device = ?", (question, device)
        ).fetchone()
        return [int(i) for i in row[0].split(",")] if row else None

    # -- counts ----------------------------------------------------------------------
    def joined(self) -> int:
        return self.db.execute("SELECT count(*) FROM device").fetchone()[0]

    def counts(self, question: str) -> tuple[int, dict[int, int]]:
        """(devices that answered, how many chose each option)."""
        answered = 0
        per: dict[int, int] = {}
        for (options,) in self.db.execute(
            "SELECT options FROM answer WHERE question = ?", (question,)
        ):
            answered += 1
            for i in options.split(","):
                per[int(i)] = per.get(int(i), 0) + 1
        return answered, per

    def export_csv(self, target: Path, questions) -> Path:
        """Per question and option: how many chose it (counts only, no device)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(
                ["question", "state", "answered", "option", "option_text", "count", "correct"]
            )
            for q in questions:
                answered, per = self.counts(q.id)
                for option in q.options:
                    writer.writerow(
                        [
                            q.id,
                            self.state(q.id) or "not asked",
                            answered,
                            option.index,
                            option.text,
                            per.get(option.index, 0),
                            "yes" if option.index in q.correct else "no",
                        ]
                    )
        return target
