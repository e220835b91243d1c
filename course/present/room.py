"""The live room: the deck's questions, their record, the phones and the presenter's deck
that follow it. Every change goes to the record first, then out to whoever follows: the
phones when a question opens, closes or is revealed, the presenter's chart as answers
arrive (at most every FLUSH_SECONDS, so 300 answers in a second are a few updates, not
300)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from course.present.questions import RoomQuestion
from course.present.store import RoomStore

FLUSH_SECONDS = 0.05
# Per device: a burst of BURST requests, then one every REFILL_SECONDS. A person changing
# their mind is well inside it; a script sending answers in a loop is not.
BURST = 8
REFILL_SECONDS = 0.5
# Per network address (a whole class may share one behind the Wi-Fi's router): joins, and
# wrong room codes, far fewer, so the code cannot be found by trying.
JOIN_BURST, JOIN_REFILL_SECONDS = 400, 0.5
WRONG_CODE_BURST, WRONG_CODE_REFILL_SECONDS = 20, 10.0


class Refused(Exception):
    """An answer or a command the room does not take: the HTTP status and what to say."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Bucket:
    """A token bucket: ``burst`` at once, then one every ``refill`` seconds."""

    burst: float = BURST
    refill: float = REFILL_SECONDS
    tokens: float = -1.0
    at: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        if self.tokens < 0:
            self.tokens = self.burst
        self.tokens = min(self.burst, self.tokens + (now - self.at) / self.refill)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class Room:
    def __init__(self, questions: list[RoomQuestion], store: RoomStore) -> None:
        self.questions = {q.id: q for q in questions}
        self.order = [q.id for q in questions]
        self.store = store
        self.buckets: dict[str, Bucket] = {}  # per device
        self.joins: dict[str, Bucket] = {}  # per network address
        self.wrong_codes: dict[str, Bucket] = {}
        self.phones: dict[asyncio.Queue, str] = {}  # each phone's queue -> its device
        self.presenters: set[asyncio.Queue] = set()
        self._flush: asyncio.TimerHandle | None = None
        self._told = 0.0  # when the presenters were last told

    # -- views -----------------------------------------------------------------------
    def phone_view(self, device: str) -> dict[str, Any]:
        """What a phone shows: the current question (with the answer once revealed) and
        the device's own answer to it."""
        return self._with_answer(self._room_view(), device)

    def _room_view(self) -> dict[str, Any]:
        """What every phone is shown now, its own answer apart (worked out once for all)."""
        current = self.store.current
        if current is None or current not in self.questions:
            return {"type": "state", "state": "waiting", "question": None, "yours": None}
        question = self.questions[current]
        state = self.store.state(current) or "open"
        return {
            "type": "state",
            "state": state,
            "question": question.revealed() if state == "revealed" else question.public(),
            "yours": None,
        }

    def _with_answer(self, view: dict[str, Any], device: str) -> dict[str, Any]:
        if view["question"] is None:
            return view
        return {**view, "yours": self.store.answer_of(view["question"]["id"], device)}

    def presenter_view(self) -> dict[str, Any]:
        """What the presenter's deck shows: counts for the current question, and where
        every question stands."""
        current = self.store.current
        view: dict[str, Any] = {
            "type": "room",
            "code": self.store.code,
            "joined": self.store.joined(),
            "current": current,
            "states": {q: self.store.state(q) for q in self.order},
            "at": time.time(),
        }
        if current in self.questions:
            answered, per = self.store.counts(current)
            view |= {
                "state": self.store.state(current),
                "answered": answered,
                "counts": {
                    str(o.index): per.get(o.index, 0) for o in self.questions[current].options
                },
            }
        return view

    # -- followers -------------------------------------------------------------------
    def follow(self, device: str | None) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        if device is None:
            self.presenters.add(queue)
            queue.put_nowait(_text(self.presenter_view()))
        else:
            self.phones[queue] = device
            queue.put_nowait(_text(self.phone_view(device)))
        return queue

    def leave(self, queue: asyncio.Queue) -> None:
        self.phones.pop(queue, None)
        self.presenters.discard(queue)

    def _tell_phones(self) -> None:
        """Each phone its view, as JSON text: the view of a phone with no answer yet (most
        of a room when a question opens) is written once for all of them."""
        view = self._room_view()
        unanswered = _text(view)
        for queue, device in list(self.phones.items()):
            mine = self._with_answer(view, device)
            queue.put_nowait(unanswered if mine["yours"] is None else _text(mine))

    def _tell_presenters(self) -> None:
        self._flush = None
        self._told = time.monotonic()
        view = _text(self.presenter_view())
        for queue in list(self.presenters):
            queue.put_nowait(view)

    def _tell_presenters_soon(self) -> None:
        """Now if the chart was last updated FLUSH_SECONDS ago or more, else once that
        much time has passed: the first answer shows at once, a burst in a few updates."""
        if self._flush is not None:
            return
        wait = self._told + FLUSH_SECONDS - time.monotonic()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no server around the room (a script, a test)
            wait = 0
        if wait <= 0:
            self._tell_presenters()
        else:
            self._flush = loop.call_later(wait, self._tell_presenters)

    def changed(self) -> None:
        """A question opened, closed or was revealed: everyone now."""
        if self._flush is not None:
            self._flush.cancel()
        self._tell_presenters()
        self._tell_phones()

    # -- the presenter's commands ----------------------------------------------------
    def command(self, action: str, question: str | None) -> dict[str, Any]:
        """show (the deck is on this question's slide; it opens the first time), open,
        close, reveal, or hide (the deck left the question slides)."""
        if action == "hide":
            self.store.set_current(None)
            self.changed()
            return self.presenter_view()
        if question not in self.questions:
            raise Refused(400, f"the deck has no question {question!r}")
        state = self.store.state(question)
        if action == "show":
            with self.store.transaction():
                self.store.set_current(question)
                if state is None:
                    self.store.set_state(question, "open")
        elif action == "open":
            with self.store.transaction():
                self.store.set_current(question)
                self.store.set_state(question, "open")
        elif action == "close":
            if state == "open":
                self.store.set_state(question, "closed")
        elif action == "reveal":
            self.store.set_state(question, "revealed")
        else:
            raise Refused(400, f"unknown action {action!r}: show, open, close, reveal or hide")
        self.changed()
        return self.presenter_view()

    # -- the audience's answers ------------------------------------------------------
    def join(self, code: object, address: str = "") -> str:
        """A new device for a phone at ``address`` that gave the room's code."""
        joins = self.joins.setdefault(address, Bucket(JOIN_BURST, JOIN_REFILL_SECONDS))
        if not isinstance(code, str) or code.strip().upper() != self.store.code:
            wrong = self.wrong_codes.setdefault(
                address, Bucket(WRONG_CODE_BURST, WRONG_CODE_REFILL_SECONDS)
            )
            if not wrong.take():
                raise Refused(429, "Too many wrong codes: wait a minute and try again.")
            raise Refused(403, "That is not this room's code. Check the code on the screen.")
        if not joins.take():
            raise Refused(429, "Too many phones joining from here at once: try again shortly.")
        return self.store.join()

    def answer(self, device: str | None, question: object, options: object) -> list[int]:
        if device is None or not self.store.known(device):
            raise Refused(403, "Join the room first, with the code on the screen.")
        bucket = self.buckets.setdefault(device, Bucket())
        if not bucket.take():
            raise Refused(429, "Too many answers at once: wait a moment and send it again.")
        if not isinstance(question, str) or question not in self.questions:
            raise Refused(400, "There is no such question in this deck.")
        if question != self.store.current or self.store.state(question) != "open":
            raise Refused(409, "Voting on this question is closed.")
        try:
            chosen = self.questions[question].check(options)
        except ValueError as err:
            raise Refused(400, f"That answer does not fit the question: {err}.") from None
        self.store.answer(question, device, chosen)
        self._tell_presenters_soon()
        return chosen


def _text(view: dict[str, Any]) -> str:
    return json.dumps(view, ensure_ascii=False, separators=(",", ":"))


async def pump(queue: asyncio.Queue, send) -> None:
    """Send what the room tells ``queue``, newest state only if several wait (a slow phone
    gets the latest, not a backlog)."""
    while True:
        message = await queue.get()
        with contextlib.suppress(asyncio.QueueEmpty):
            while True:
                message = queue.get_nowait()
        await send(message)
