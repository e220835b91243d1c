"""The live room's server without a build or a browser: who may do what, what an answer
must be to count, what is served and what is not, and what a restart keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from course.loader import store as content
from course.present import questions, room, server
from course.present.store import RoomStore

QUIZ = "start-red-flag-bladder"  # a single-answer question of lesson 00
CLAIM = "risk-rare-serious"  # a claim the room judges (verdict: supported)
ADVICE = "prac-talk-physician"  # advice: nothing to judge, never put to the room


@pytest.fixture()
def site(tmp_path) -> Path:
    """A site with one small deck that asks a quiz question and judges two claims."""
    root = tmp_path / "site"
    (root / "slides").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "assets" / "slides.js").write_text("/* deck */")
    (root / "figures").mkdir()
    (root / "figures" / "used.png").write_bytes(b"\x89PNG")
    (root / "figures" / "unused.png").write_bytes(b"\x89PNG")
    (root / "index.html").write_text("<html>the site, not the deck</html>")
    (root / "slides" / "deck.html").write_text(
        "<html><head><title>deck</title><script src='../assets/slides.js'></script></head>"
        f"<body><section><h1>Title</h1><img src='../figures/used.png' alt=''></section>"
        f"<section><div data-question-id='{QUIZ}'></div></section>"
        f"<section><div data-claim-id='{CLAIM}'></div></section>"
        f"<section><div data-claim-id='{ADVICE}'></div></section></body></html>"
    )
    (tmp_path / "secret.txt").write_text("not for anyone")
    return root


@pytest.fixture()
def live(site, tmp_path):
    the_room = room.Room(
        questions.of_deck(content.get(), site / "slides" / "deck.html"),
        RoomStore(tmp_path / "room.sqlite", fresh=True),
    )
    app = server.app(server.Config(site, "slides/deck.html", "http://testserver/"), the_room)
    yield the_room, app
    the_room.store.close()


def presenter_client(app, the_room) -> TestClient:
    http = TestClient(app)
    assert http.get(f"/present/{the_room.store.token}", follow_redirects=False).status_code == 303
    return http


def phone(app, the_room) -> TestClient:
    http = TestClient(app)
    joined = http.post("/api/join", json={"room": the_room.store.code.lower()})
    assert joined.status_code == 200 and joined.json()["joined"]
    return http


def test_the_room_asks_the_decks_questions_in_order_and_judges_no_advice(live):
    the_room, _ = live
    assert the_room.order == [QUIZ, f"claim-{CLAIM}"]
    claim = the_room.questions[f"claim-{CLAIM}"]
    assert claim.kind == "verdict" and [o.text for o in claim.options][:2] == [
        "Supported",
        "Partly supported",
    ]
    assert claim.correct == {0}
    assert claim.prompt.startswith("Article 003 says: “Rarely, more serious")  # as on its card
    assert claim.prompt.endswith("” What is the verdict?")
    bank = content.get().questions
    quiz = the_room.questions[QUIZ]
    assert [o.index for o in quiz.options] == [i for i, _ in bank[QUIZ].shown]
    assert "correct" not in quiz.public() and "feedback" not in quiz.public()


def test_only_the_presenter_opens_closes_and_reveals(live):
    the_room, app = live
    audience = phone(app, the_room)
    for action in ("show", "open", "close", "reveal", "hide"):
        refused = audience.post("/api/control", json={"action": action, "question": QUIZ})
        assert refused.status_code == 403
        assert "Only the presenter" in refused.json()["error"]
    stranger = TestClient(app)
    assert (
        stranger.post("/api/control", json={"action": "show", "question": QUIZ}).status_code == 403
    )
    wrong = TestClient(app, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.post("/api/control", json={"action": "show", "question": QUIZ}).status_code == 403
    assert the_room.store.current is None  # nothing happened
    assert stranger.get("/present/not-the-token").status_code == 403
    assert audience.get("/api/room").status_code == 403  # the answers, with the deck's
    host = presenter_client(app, the_room)
    shown = host.post("/api/control", json={"action": "show", "question": QUIZ})
    assert shown.status_code == 200 and shown.json()["state"] == "open"
    bad = host.post("/api/control", json={"action": "explode", "question": QUIZ})
    assert bad.status_code == 400 and "unknown action" in bad.json()["error"]
    assert host.post("/api/control", json={"action": "show", "question": "nope"}).status_code == 400


def test_joining_needs_the_room_code(live):
    the_room, app = live
    http = TestClient(app)
    refused = http.post("/api/join", json={"room": "WRONG"})
    assert refused.status_code == 403 and "not this room's code" in refused.json()["error"]
    assert DEVICE not in http.cookies
    assert the_room.store.joined() == 0
    answer = http.post("/api/answer", json={"question": QUIZ, "options": [0]})
    assert answer.status_code == 403 and "Join the room" in answer.json()["error"]


DEVICE = server.DEVICE_COOKIE


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ([7], "has no option 7"),
        ([0, 1], "takes one option"),
        ([], "choose at least one option"),
        (["0"], "options are given by their numbers"),
        ("0", "choose at least one option"),
        ([0, 0], "has no option"),  # (a single answer: one option, once)
        (None, "choose at least one option"),
    ],
)
def test_an_answer_that_does_not_fit_is_refused_with_a_message_and_nothing_stored(
    live, options, says
):
    the_room, app = live
    presenter_client(app, the_room).post("/api/control", json={"action": "show", "question": QUIZ})
    refused = phone(app, the_room).post("/api/answer", json={"question": QUIZ, "options": options})
    assert refused.status_code == 400
    message = refused.json()["error"]
    assert message.startswith("That answer does not fit the question") or "no such" in message
    if says != "has no option":
        assert says in message
    assert the_room.store.counts(QUIZ) == (0, {})


def test_malformed_requests_are_refused_with_a_message(live):
    the_room, app = live
    audience = phone(app, the_room)
    as_json = {"Content-Type": "application/json"}

    def post(content: bytes, headers=as_json):
        return audience.post("/api/answer", content=content, headers=headers)

    assert post(b"{not json").json()["error"] == "That request is not JSON."
    assert post(b"[" * 2000 + b"]" * 2000).status_code == 400  # too deep to parse
    assert post(b"[1, 2]").status_code == 400
    assert post(b"{" + b" " * 5000 + b"}").status_code == 413
    # a form another site could post (a "simple" request) is not JSON to this server
    form = post(b'{"question": "x"}', headers={"Content-Type": "text/plain"})
    assert form.status_code == 415 and "JSON" in form.json()["error"]
    unknown = audience.post("/api/answer", json={"question": "nope", "options": [0]})
    assert unknown.status_code == 400 and "no such question" in unknown.json()["error"]


def test_the_room_code_cannot_be_found_by_trying(live):
    """Wrong codes from one address are slowed down after a few; the right one still
    works for everyone else, and a whole class behind one router joins at once."""
    the_room, app = live
    guesser = TestClient(app)
    codes = [
        guesser.post("/api/join", json={"room": f"X{n:04d}"}).status_code
        for n in range(room.WRONG_CODE_BURST + 2)
    ]
    assert codes[: room.WRONG_CODE_BURST] == [403] * room.WRONG_CODE_BURST
    assert codes[-1] == 429
    assert "Too many wrong codes" in guesser.post("/api/join", json={"room": "Y"}).json()["error"]
    assert the_room.store.joined() == 0
    for _ in range(40):  # (all from the test client's one address)
        phone(app, the_room)
    assert the_room.store.joined() == 40


def test_a_locked_record_says_try_again_and_keeps_nothing(live, tmp_path):
    """Another program holding the record (a backup tool): 503 within the lock wait, not
    a frozen room and a bare 500."""
    import sqlite3

    the_room, app = live
    presenter_client(app, the_room).post("/api/control", json={"action": "show", "question": QUIZ})
    audience = phone(app, the_room)
    other = sqlite3.connect(the_room.store.path)
    other.execute("BEGIN IMMEDIATE")
    try:
        locked = audience.post("/api/answer", json={"question": QUIZ, "options": [0]})
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert locked.status_code == 503 and "send it again" in locked.json()["error"]
    assert the_room.store.counts(QUIZ) == (0, {})
    assert audience.post("/api/answer", json={"question": QUIZ, "options": [0]}).status_code == 200


def test_an_answer_counts_once_per_phone_and_may_change_until_voting_closes(live):
    the_room, app = live
    host = presenter_client(app, the_room)
    early = phone(app, the_room)
    assert early.post("/api/answer", json={"question": QUIZ, "options": [0]}).status_code == 409
    host.post("/api/control", json={"action": "show", "question": QUIZ})
    a, b = early, phone(app, the_room)
    assert a.post("/api/answer", json={"question": QUIZ, "options": [1]}).json()["recorded"]
    assert a.post("/api/answer", json={"question": QUIZ, "options": [0]}).status_code == 200
    assert b.post("/api/answer", json={"question": QUIZ, "options": [0]}).status_code == 200
    assert the_room.store.counts(QUIZ) == (2, {0: 2})  # a's first answer was replaced
    host.post("/api/control", json={"action": "close", "question": QUIZ})
    late = a.post("/api/answer", json={"question": QUIZ, "options": [2]})
    assert late.status_code == 409 and "closed" in late.json()["error"]
    assert the_room.store.counts(QUIZ) == (2, {0: 2})
    # a question the deck has moved on from takes no answers either
    host.post("/api/control", json={"action": "open", "question": QUIZ})
    host.post("/api/control", json={"action": "show", "question": f"claim-{CLAIM}"})
    moved = a.post("/api/answer", json={"question": QUIZ, "options": [2]})
    assert moved.status_code == 409


def test_a_phone_sending_answers_in_a_loop_is_slowed_down(live):
    the_room, app = live
    presenter_client(app, the_room).post("/api/control", json={"action": "show", "question": QUIZ})
    audience = phone(app, the_room)
    codes = [
        audience.post("/api/answer", json={"question": QUIZ, "options": [n % 3]}).status_code
        for n in range(room.BURST + 3)
    ]
    assert codes[: room.BURST] == [200] * room.BURST
    assert 429 in codes[room.BURST :]
    slowed = audience.post("/api/answer", json={"question": QUIZ, "options": [0]})
    assert slowed.status_code == 429 and "wait a moment" in slowed.json()["error"]
    other = phone(app, the_room)  # the limit is per device
    assert other.post("/api/answer", json={"question": QUIZ, "options": [0]}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/deck/../secret.txt",
        "/deck/slides/../../secret.txt",
        "/deck/%2e%2e/secret.txt",
        "/deck/index.html",  # a site file the deck does not use
        "/deck/figures/unused.png",
        "/room/server.py",
        "/room/../present/server.py",
        "/secret.txt",
        "/index.html",
        "/slides/deck.html",
        "/etc/passwd",
    ],
)
def test_nothing_but_the_deck_and_the_room_is_served(live, path):
    the_room, app = live
    host = presenter_client(app, the_room)
    response = host.get(path)
    assert response.status_code in (403, 404, 405)  # (403: a wrong presenter token)
    assert b"not for anyone" not in response.content
    assert b"the site, not the deck" not in response.content


def test_the_deck_is_the_presenters_with_the_room_added_and_the_files_it_uses(live):
    the_room, app = live
    assert TestClient(app).get("/deck/slides/deck.html").status_code == 403
    phone_client = phone(app, the_room)
    assert phone_client.get("/deck/slides/deck.html").status_code == 403  # it has the answers
    host = presenter_client(app, the_room)
    deck = host.get("/deck/slides/deck.html")
    assert deck.status_code == 200 and deck.text.count("/room/presenter.js") == 1
    assert host.get("/deck/assets/slides.js").text == "/* deck */"
    assert host.get("/deck/figures/used.png").status_code == 200


def test_every_room_page_has_a_strict_policy(live):
    the_room, app = live
    http = TestClient(app)
    assert http.get("/qr.svg").status_code == 403  # it carries the room code
    for path in ("/", "/room/audience.js", "/api/room"):
        response = http.get(path)
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe" not in policy
    host = presenter_client(app, the_room)
    assert host.get("/qr.svg").headers["content-type"].startswith("image/svg+xml")
    deck = host.get("/deck/slides/deck.html").headers
    assert deck["content-security-policy"] == "frame-ancestors 'none'"  # besides its own
    assert deck["x-content-type-options"] == "nosniff"


def test_a_phone_follows_the_presenter_over_its_socket(live):
    the_room, app = live
    host = presenter_client(app, the_room)
    audience = phone(app, the_room)
    with audience.websocket_connect("/ws/phone") as socket:
        assert socket.receive_json() == {
            "type": "state",
            "state": "waiting",
            "question": None,
            "yours": None,
        }
        host.post("/api/control", json={"action": "show", "question": QUIZ})
        opened = socket.receive_json()
        assert opened["state"] == "open" and opened["question"]["id"] == QUIZ
        assert "correct" not in opened["question"]
        audience.post("/api/answer", json={"question": QUIZ, "options": [0]})
        host.post("/api/control", json={"action": "reveal", "question": QUIZ})
        revealed = socket.receive_json()
        assert revealed["state"] == "revealed" and revealed["yours"] == [0]
        assert revealed["question"]["correct"] == [0] and revealed["question"]["feedback"]["0"]


def test_sockets_refuse_who_does_not_belong(live):
    the_room, app = live
    stranger = TestClient(app)
    for path in ("/ws/phone", "/ws/presenter"):
        with stranger.websocket_connect(path) as socket, pytest.raises(WebSocketDisconnect) as gone:
            socket.receive_json()
        assert gone.value.code == 4403
    audience = phone(app, the_room)
    with audience.websocket_connect("/ws/presenter") as socket, pytest.raises(WebSocketDisconnect):
        socket.receive_json()
    elsewhere = {"origin": "http://evil.example"}
    with (
        audience.websocket_connect("/ws/phone", headers=elsewhere) as socket,
        pytest.raises(WebSocketDisconnect) as gone,
    ):
        socket.receive_json()
    assert gone.value.code == 4403


def test_a_restarted_room_keeps_its_code_token_devices_and_every_count(site, tmp_path):
    deck = questions.of_deck(content.get(), site / "slides" / "deck.html")
    record = tmp_path / "room.sqlite"
    first = room.Room(deck, RoomStore(record, fresh=True))
    first.command("show", QUIZ)
    devices = [first.join(first.store.code) for _ in range(3)]
    for n, device in enumerate(devices):
        first.answer(device, QUIZ, [n % 2])
    code, token = first.store.code, first.store.token
    # no close(): as after a crash, only what was committed is there
    again = room.Room(deck, RoomStore(record))
    assert (again.store.code, again.store.token) == (code, token)
    assert again.store.current == QUIZ and again.store.state(QUIZ) == "open"
    assert again.store.counts(QUIZ) == (3, {0: 2, 1: 1})
    assert all(again.store.known(d) for d in devices)
    assert again.store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    fresh = room.Room(deck, RoomStore(record, fresh=True))
    assert fresh.store.code != code or fresh.store.token != token
    assert fresh.store.counts(QUIZ) == (0, {})


def test_the_export_is_counts_per_question_and_option_with_no_device(site, tmp_path):
    deck = questions.of_deck(content.get(), site / "slides" / "deck.html")
    the_room = room.Room(deck, RoomStore(tmp_path / "room.sqlite", fresh=True))
    the_room.command("show", QUIZ)
    devices = [the_room.join(the_room.store.code) for _ in range(2)]
    the_room.answer(devices[0], QUIZ, [0])
    the_room.answer(devices[1], QUIZ, [1])
    target = the_room.store.export_csv(tmp_path / "out.csv", the_room.questions.values())
    text = target.read_text()
    assert all(d not in text for d in devices)
    rows = [line.split(",") for line in text.splitlines()]
    assert rows[0] == ["question", "state", "answered", "option", "option_text", "count", "correct"]
    quiz = {int(r[3]): (r[5], r[6]) for r in rows[1:] if r[0] == QUIZ}
    assert quiz[0] == ("1", "yes") and quiz[1] == ("1", "no")
    assert {r[1] for r in rows[1:] if r[0] == f"claim-{CLAIM}"} == {"not asked"}


def test_the_command_names_what_is_missing(site, tmp_path, capsys):
    """A deck that is not in the site, and an export before any room: a clear message and
    exit code 1, nothing started. An export after a room: counts per option."""
    from course.cli import main

    assert main(["present", "nope", "--site", str(site)]) == 1
    said = capsys.readouterr().err
    assert "has no deck 'nope'" in said and "deck" in said
    record = tmp_path / "never.sqlite"
    out = tmp_path / "counts.csv"
    assert (
        main(
            ["present", "deck", "--site", str(site), "--record", str(record), "--export", str(out)]
        )
        == 1
    )
    assert "no room has been run for slides/deck.html yet" in capsys.readouterr().err
    assert not out.exists() and not record.exists()
    the_room = room.Room(
        questions.of_deck(content.get(), site / "slides" / "deck.html"), RoomStore(record)
    )
    the_room.command("show", QUIZ)
    the_room.answer(the_room.join(the_room.store.code), QUIZ, [0])
    the_room.store.close()
    assert (
        main(
            ["present", "deck", "--site", str(site), "--record", str(record), "--export", str(out)]
        )
        == 0
    )
    assert f"{QUIZ},open,1,0," in out.read_text()
