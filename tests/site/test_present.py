"""A live room as a class runs it: `course present` in its own process, the presenter's
deck in one browser and three phones in others (separate contexts: separate cookies,
separate devices)."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from course.loader import store
from course.present.process import RoomProcess

DECK_QUESTION = "start-red-flag-bladder"  # the class deck's first room question
PHONE = {"width": 360, "height": 740}


@pytest.fixture()
def live_room(built_site, tmp_path):
    room = RoomProcess(built_site, tmp_path / "room.sqlite")
    yield room
    room.kill()


def go_to_question(page, question_id: str) -> None:
    """The deck moved to the slide that asks ``question_id``, as the arrow keys would."""
    page.evaluate(
        """(id) => {
          const section = document.querySelector(`[data-question-id="${id}"]`).closest("section");
          const at = Reveal.getIndices(section);
          Reveal.slide(at.h, at.v);
        }""",
        question_id,
    )


def outside(room, requests: list[str]) -> list[str]:
    """The requests a page made anywhere but the room's own server."""
    return [url for url in requests if not url.startswith((room.url, "data:"))]


def join(browser, room):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(f"{room.url}/?room={room.code}")
    page.locator("#waiting:not([hidden]), #question:not([hidden])").wait_for()  # joined
    return context, page


def choose(phone, letter: str) -> None:
    phone.locator(".option", has=phone.locator(".letter", has_text=letter)).click()
    phone.get_by_role("button", name="Send answer").click()
    phone.get_by_text("Answer recorded").wait_for()


def fetch_status(page, path: str, method: str = "GET", body: dict | None = None) -> int:
    return page.evaluate(
        """async ([path, method, body]) => (await fetch(path, { method,
          headers: { "Content-Type": "application/json" },
          body: body ? JSON.stringify(body) : undefined })).status""",
        [path, method, body],
    )


def test_a_question_opened_answered_changed_closed_and_revealed(browser, live_room, built_site):
    room = live_room
    # the deck as a file is the deck as before: the room is added only as it is served
    assert "/room/presenter.js" not in (built_site / "slides" / "class-90.html").read_text()
    question = store.get().questions[DECK_QUESTION]
    letters = {i: "ABCDEFGH"[n] for n, (i, _) in enumerate(question.shown)}
    right = letters[min(question.correct_indices)]
    wrong = next(letters[i] for i, o in question.shown if not o.correct)

    presenter = browser.new_context(viewport={"width": 1024, "height": 768})
    deck = presenter.new_page()
    errors, requests = [], []
    deck.on("pageerror", lambda err: errors.append(str(err)))
    deck.on("request", lambda request: requests.append(request.url))
    deck.goto(f"{room.url}/present/{room.token}")
    title = deck.locator(".room-join-big")
    title.wait_for()
    assert room.code in title.text_content()
    deck.wait_for_function(  # the QR code drawn
        "() => { const qr = document.querySelector('.room-join-big img');"
        " return qr.complete && qr.naturalWidth > 0; }"
    )
    phones = [join(browser, room) for _ in range(3)]

    go_to_question(deck, DECK_QUESTION)
    deck.locator(".room-panel").wait_for()
    for _, phone in phones:
        phone.locator("#prompt", has_text=question.prompt[:40]).wait_for()
        assert phone.locator(".option").count() == len(question.options)
    (_, a), (_, b), (_, c) = phones
    assert axe_violations(a) == []  # the question, as a screen reader meets it
    choose(a, right)
    choose(b, wrong)
    choose(c, wrong)
    choose(c, right)  # c changes its mind while voting is open
    counts = deck.locator(".room-counts")
    counts.filter(has_text="3 joined · 3 answered").wait_for()
    row = deck.locator(".room-row", has=deck.locator(".room-label", has_text=right))
    row.locator(".room-number", has_text="2").wait_for()
    other = deck.locator(".room-row", has=deck.locator(".room-label", has_text=wrong))
    assert other.locator(".room-number").text_content() == "1"
    # read from the back of the room: letters and counts at least 28 px at 1024×768
    for part in (".room-label", ".room-number", ".room-counts"):
        size = deck.locator(part).first.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 28, (part, size)

    # a phone cannot open, close or reveal, nor read the deck (it carries the answers)
    for action in ("open", "close", "reveal"):
        body = {"action": action, "question": DECK_QUESTION}
        assert fetch_status(a, "/api/control", "POST", body) == 403
    assert fetch_status(a, "/deck/slides/class-90.html") == 403
    assert fetch_status(a, "/api/room") == 403

    deck.keyboard.press("c")  # close voting
    for _, phone in phones:
        phone.get_by_text("Voting is closed").wait_for()
        assert phone.get_by_role("button", name="Send answer").is_hidden()
    late = {"question": DECK_QUESTION, "options": [min(question.correct_indices)]}
    assert fetch_status(b, "/api/answer", "POST", late) == 409
    deck.keyboard.press("r")  # reveal
    row.and_(deck.locator(".is-right")).wait_for()
    a.get_by_text("You got it right.").wait_for()
    b.get_by_text("Not this time.").wait_for()
    right_option = b.locator(".option.is-right")
    assert right_option.count() == 1 and right in right_option.text_content()
    assert b.locator(".option.is-chosen-wrong").count() == 1
    assert b.locator("#feedback p").count() >= 1  # what the slide says of b's option
    assert row.locator(".room-number").text_content().startswith("2")
    assert axe_violations(b) == []  # the revealed answer too
    # the speaker view's copies of the deck (current and upcoming slide) do not drive it
    upcoming = presenter.new_page()
    posted = []
    upcoming.on("request", lambda r: r.method == "POST" and posted.append(r.url))
    upcoming.goto(f"{room.url}/deck/slides/class-90.html?receiver")
    upcoming.wait_for_function("() => window.Reveal && Reveal.isReady()")
    go_to_question(upcoming, "mech-q-plausible")
    upcoming.wait_for_timeout(300)
    assert posted == [] and upcoming.locator(".room-panel").count() == 0
    assert errors == []
    assert outside(room, requests) == [] and all(outside(room, p.requests) == [] for _, p in phones)
    for context, _ in phones:
        context.close()
    presenter.close()
    assert room.stop(timeout=30) == 0  # Ctrl+C: a clean stop, the room kept
    assert "Stopped. The room is kept in" in room.log() and "Traceback" not in room.log()


def axe_violations(page) -> list:
    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]


def room_view(room) -> dict:
    request = urllib.request.Request(
        f"{room.url}/api/room", headers={"Authorization": f"Bearer {room.token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["room"]


def control(room, action: str, question: str) -> None:
    request = urllib.request.Request(
        f"{room.url}/api/control",
        data=json.dumps({"action": action, "question": question}).encode(),
        headers={"Authorization": f"Bearer {room.token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10):
        pass


def test_a_room_killed_mid_question_comes_back_with_every_count(browser, built_site, tmp_path):
    record = tmp_path / "room.sqlite"
    room = RoomProcess(built_site, record)
    control(room, "show", DECK_QUESTION)
    context, phone = join(browser, room)
    phone.locator("#prompt").wait_for()
    first = phone.locator(".option .letter").first.text_content()
    choose(phone, first)
    before = room_view(room)
    assert before["answered"] == 1 and before["joined"] == 1
    room.kill()  # SIGKILL, mid-question
    phone.locator("#offline").wait_for()
    again = RoomProcess(built_site, record, fresh=False, port=room.port)
    try:
        started = time.monotonic()
        phone.locator("#offline").wait_for(state="hidden", timeout=5000)  # back by itself
        back = time.monotonic() - started
        assert back < 5
        assert (again.code, again.token) == (room.code, room.token)
        after = room_view(again)
        assert (after["answered"], after["joined"], after["counts"]) == (
            1,
            1,
            before["counts"],
        )
        assert phone.locator(".option input:checked").count() == 1  # its answer, shown again
        choose(phone, first)  # the same device, still known
        assert room_view(again)["answered"] == 1
    finally:
        context.close()
        again.kill()
