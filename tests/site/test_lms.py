"""The SCORM packages run as an LMS runs them: a host page gives a real SCORM 1.2 run-time
(scorm-again, from npm, test-only) as ``window.API`` and opens a lesson of the unzipped
multi-SCO package (or the single-SCO package's player) in a frame. The lesson reports status
and score, keeps its answers in ``cmi.suspend_data``, and is unchanged (and silent) when no
LMS is there."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from course import paths
from course.builder import scorm
from course.cli import serve_in_background
from course.loader import store
from tests.conftest import lesson_ids, open_folded_quizzes

RUNTIME = paths.REPO_DIR / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
# The strict SCORM 1.2 run-time (test-only): every call checked against the data model's
# types, vocabularies, read-only and write-only elements; see test_lms_strict_runtime.py.
STRICT = Path(__file__).with_name("scorm12_strict.js")
SUSPEND_LIMIT = 4096  # characters of cmi.suspend_data in SCORM 1.2

# The LMS: a real run-time, every call the lesson makes recorded in order.
HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script></head>
<body>
<script>
window.calls = [];
window.launch = (href, data) => {
  const api = new Scorm12API({ logLevel: 5, autocommit: false });
  api.loadFromJSON(data);
  for (const name of ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"]) {
    const real = api[name].bind(api);
    api[name] = (...args) => {
      const result = real(...args);
      window.calls.push([name, ...args.map(String), String(result)]);
      return result;
    };
  }
  window.API = api;
  const frame = document.createElement("iframe");
  frame.name = "sco";
  frame.style.width = "1200px";
  frame.style.height = "800px";
  frame.src = href;
  document.body.appendChild(frame);
};
/* what the run-time holds; exit and session time are write-only, so the last value set */
const lastSet = (element) => {
  const set = window.calls.filter((c) => c[0] === "LMSSetValue" && c[1] === element);
  return set.length ? set[set.length - 1][2] : null;
};
window.record = () => ({
  status: API.cmi.core.lesson_status,
  raw: API.cmi.core.score.raw,
  suspend: API.cmi.suspend_data,
  exit: lastSet("cmi.core.exit"),
  session: lastSet("cmi.core.session_time"),
});
</script>
</body></html>
"""

LEARNER = {"core": {"student_id": "s1", "student_name": "Learner, A"}}

# The strict LMS: the SCO in a frame, in a frame within a frame (the API two frames up), or
# in a popup the LMS opened (the API on its opener).
STRICT_HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strict LMS</title><link rel="icon" href="data:,">
<script src="strict.js"></script></head>
<body>
<script>
window.launch = (href, data, how, refuse) => {
  window.API = new StrictScorm12({ data, refuse: refuse || [] });
  if (how === "popup") {
    window.open(href, "sco");
    return;
  }
  const frame = document.createElement("iframe");
  frame.name = how === "nested" ? "outer" : "sco";
  frame.style.width = "1200px";
  frame.style.height = "800px";
  if (how === "nested") frame.srcdoc = `<iframe name="sco" src="${new URL(href, location.href)}"
    style="width: 1100px; height: 700px"></iframe>`;
  else frame.src = href;
  document.body.appendChild(frame);
};
</script>
</body></html>
"""
STRICT_LEARNER = {"cmi.core.student_id": "s1", "cmi.core.student_name": "Learner, A"}
MASTERY = {"cmi.student_data.mastery_score": str(scorm.MASTERY_SCORE)}


@pytest.fixture(scope="module")
def lms(built_site, tmp_path_factory):
    """The unzipped package under /pkg/ and the host page at / on one loopback origin."""
    if not RUNTIME.exists():
        pytest.fail(f"{paths.relative(RUNTIME)} is missing: run `make install` (npm ci)")
    root = tmp_path_factory.mktemp("lms")
    for folder, name, single in (
        ("pkg", scorm.PACKAGE_NAME, False),
        ("one", scorm.SINGLE_NAME, True),
    ):
        package = scorm.write_package(store.get(), built_site, root / name, single=single)
        with zipfile.ZipFile(package) as zf:
            zf.extractall(root / folder)
    shutil.copy(RUNTIME, root / "scorm12.js")
    shutil.copy(STRICT, root / "strict.js")
    (root / "host.html").write_text(HOST, encoding="utf-8")
    (root / "strict.html").write_text(STRICT_HOST, encoding="utf-8")
    server = serve_in_background(root)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def launch(page, port: int, lesson: str, data: dict):
    """Open the host and launch ``lesson`` as the LMS would; returns the lesson's frame once
    its script has run (it has talked to the API)."""
    page.goto(f"http://127.0.0.1:{port}/host.html")
    page.evaluate("([href, data]) => launch(href, data)", [f"pkg/{lesson}.html", data])
    page.wait_for_function("() => window.calls.some((c) => c[0] === 'LMSInitialize')")
    frame = player_frame(page)
    frame.wait_for_selector("[data-quiz]")
    return frame


def player_frame(page):
    """The player's lesson frame, once attached (on a busy machine the iframe element can
    exist before the page has a frame for it: asking by name then returns None)."""
    return page.wait_for_selector("iframe[name=sco]", state="attached").content_frame()


def answer(frame, question_id: str, right: bool = True):
    q = frame.locator(f'[data-question-id="{question_id}"]')
    if right:
        for box in q.locator("input[data-correct]").all():
            box.check()
    else:
        q.locator("input:not([data-correct])").first.check()
    q.get_by_role("button", name="Check answer").click()
    return q


def leave(page):
    """Take the lesson out of the frame, as the LMS does when the learner moves on."""
    page.evaluate("document.querySelector('iframe').src = 'about:blank'")
    page.wait_for_function("() => window.calls.some((c) => c[0] === 'LMSFinish')")


def console_of(page) -> list[str]:
    """Everything the page writes to the console ("type: text") and every script error,
    as they come."""
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda err: messages.append(str(err)))
    return messages


def record(page) -> dict:
    return page.evaluate("record()")


def calls(page, name: str) -> list[list[str]]:
    return [c for c in page.evaluate("window.calls") if c[0] == name]


def mirror(page, lesson: str) -> dict:
    """The lesson's answers in the browser's storage on the LMS's origin."""
    stored = page.evaluate(f"localStorage.getItem('acupuncture-course:quiz:{lesson}')")
    return json.loads(stored) if stored else {}


def question_ids(lesson: str) -> list[str]:
    data = store.get()
    return [q.id for q in data.quizzes[lesson].questions]


def strict_launch(page, port: int, href: str, data: dict, how: str = "frame", refuse=None):
    """Launch ``href`` from the strict LMS (in a frame, in a frame within a frame, or in a
    popup) once its session is running; returns the frame the SCO is in."""
    page.goto(f"http://127.0.0.1:{port}/strict.html")
    args = [href, {**STRICT_LEARNER, **data}, how, refuse or []]
    if how == "popup":
        with page.context.expect_page() as opened:
            page.evaluate("([href, data, how, refuse]) => launch(href, data, how, refuse)", args)
        frame = opened.value.main_frame
    else:
        page.evaluate("([href, data, how, refuse]) => launch(href, data, how, refuse)", args)
        frame = None
    page.wait_for_function("() => API.state === 'running'")
    return frame or page.frame(name="sco")


def strict(page, what: str):
    """What the strict LMS holds: ``values``, ``errors()`` (every call that broke the SCORM
    1.2 data model or call order), ``snapshot()`` (what a relaunch is given), ``calls``."""
    return page.evaluate(f"() => API.{what}")


def strict_leave(page):
    """The SCO taken away (frame emptied, popup closed), as an LMS does; its session ends."""
    popup = next((p for p in page.context.pages if p is not page), None)
    if popup:
        popup.close()
    else:
        page.evaluate(
            "() => { const f = document.querySelector('iframe');"
            " f.removeAttribute('srcdoc'); f.src = 'about:blank'; }"
        )
    page.wait_for_function("() => API.state === 'finished'")


def test_a_lesson_reports_its_status_and_score_and_restores_its_answers(browser, lms):
    lesson = "04-the-research"
    ids = question_ids(lesson)
    data = {**LEARNER, "student_data": {"mastery_score": str(scorm.MASTERY_SCORE)}}
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: msg.type in ("error", "warning") and errors.append(msg.text))
    frame = launch(page, lms, lesson, data)

    assert calls(page, "LMSInitialize") == [["LMSInitialize", "", "true"]]
    assert record(page)["status"] == "incomplete"  # opened, nothing answered
    answer(frame, ids[0])
    first = record(page)
    # no score before the quiz is finished: an LMS whose mastery score overrides the
    # status (Moodle's default) would make a score sent half way "failed"
    assert (first["status"], first["raw"]) == ("incomplete", "")
    assert first["suspend"].startswith("1|") and ids[0] in first["suspend"]
    assert calls(page, "LMSCommit"), "each answer is committed"

    # every other question answered, two of them wrong: under the mastery score
    for qid in ids[1:-2]:
        answer(frame, qid)
    for qid in ids[-2:]:
        answer(frame, qid, right=False)
    below = record(page)
    score = round(100 * (len(ids) - 2) / len(ids))
    assert score < scorm.MASTERY_SCORE
    assert (below["status"], below["raw"]) == ("failed", str(score))
    assert set(mirror(page, lesson)) == set(ids)  # for the site's own progress pages

    leave(page)
    saved = record(page)
    assert saved["exit"] == "suspend"  # not passed: the answers wait for the next visit
    assert saved["session"] and saved["session"] != "00:00:00.00"
    assert [c[0] for c in page.evaluate("window.calls")][-2:] == ["LMSCommit", "LMSFinish"]
    assert errors == []
    context.close()

    # the next visit, in another browser (nothing in its storage): the LMS's data is all
    again = browser.new_context()
    page = again.new_page()
    resumed = {
        **data,
        "core": {**LEARNER["core"], "lesson_status": "failed", "entry": "resume"},
        "suspend_data": saved["suspend"],
    }
    frame = launch(page, lms, lesson, resumed)
    for qid in ids:
        q = frame.locator(f'[data-question-id="{qid}"]')
        assert ("is-correct" if qid not in ids[-2:] else "is-wrong") in q.get_attribute("class")
    assert frame.locator("[data-score]").first.text_content() == str(len(ids) - 2)
    assert set(mirror(page, lesson)) == set(ids)
    # the learner tries again: all right now
    for qid in ids[-2:]:
        answer(frame, qid)
    assert (record(page)["status"], record(page)["raw"]) == ("passed", "100")
    leave(page)
    assert record(page)["exit"] == ""  # passed: a normal exit
    again.close()


def test_the_review_lessons_two_quiz_blocks_share_one_record(browser, lms):
    """Lesson 08 shows its questions in two scored blocks: the record holds both (its claim
    test, a third block, counts in no score)."""
    context = browser.new_context()
    page = context.new_page()
    data = {**LEARNER, "student_data": {"mastery_score": str(scorm.MASTERY_SCORE)}}
    frame = launch(page, lms, "08-review", data)
    assert open_folded_quizzes(frame) == 1  # the twelve review questions, folded on the page
    assert frame.locator('[data-quiz][data-scored="false"]').count() == 1
    blocks = frame.locator('[data-quiz]:not([data-scored="false"])')
    assert blocks.count() == 2
    ids = blocks.locator("[data-question-id]").evaluate_all(
        "(all) => all.map((q) => q.getAttribute('data-question-id'))"
    )
    for qid in ids:
        answer(frame, qid)
    assert (record(page)["status"], record(page)["raw"]) == ("passed", "100")
    # one block reset: the other block's answers stay, and a finished lesson stays finished
    blocks.nth(0).get_by_role("button", name="Reset my answers").click()
    kept = record(page)
    assert kept["status"] == "passed" and kept["raw"] == "100"
    second = (
        blocks.nth(1)
        .locator("[data-question-id]")
        .evaluate_all("(all) => all.map((q) => q.getAttribute('data-question-id'))")
    )
    assert sorted(e.split(".")[0] for e in kept["suspend"].split("|")[1:]) == sorted(second)
    leave(page)
    context.close()

    again = browser.new_context()
    page = again.new_page()
    frame = launch(page, lms, "08-review", {**data, "suspend_data": kept["suspend"]})
    for qid in ids:
        q = frame.locator(f'[data-question-id="{qid}"]')
        assert ("is-correct" in q.get_attribute("class")) == (qid in second)
    assert record(page)["suspend"] == kept["suspend"]  # opening loses nothing
    again.close()


def test_a_review_launch_shows_the_answers_and_records_nothing(browser, lms):
    lesson = "02-what-is-acupuncture"
    ids = question_ids(lesson)
    context = browser.new_context()
    page = context.new_page()
    data = {**LEARNER, "core": {**LEARNER["core"], "lesson_mode": "review"}}
    frame = launch(page, lms, lesson, {**data, "suspend_data": f"1|{ids[0]}.1"})
    assert frame.locator(f'[data-question-id="{ids[0]}"] input[value="0"]').is_checked()
    answer(frame, ids[1])
    assert "reviewing" in frame.locator(".lms-not-recorded").text_content()
    leave(page)
    assert [c[0] for c in page.evaluate("window.calls") if c[0] == "LMSSetValue"] == [
        "LMSSetValue"  # the session time only
    ]
    assert calls(page, "LMSSetValue")[0][1] == "cmi.core.session_time"
    context.close()


def test_an_lms_that_will_not_start_a_session_is_said_to_the_learner(browser, lms):
    """A lesson reloaded in the player after it finished its session: the API refuses."""
    context = browser.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda msg: messages.append(msg.text))
    page.on("pageerror", lambda err: messages.append(str(err)))
    page.goto(f"http://127.0.0.1:{lms}/host.html")
    page.evaluate(
        "(href) => { window.API = { LMSInitialize: () => 'false' };"
        " const f = document.createElement('iframe'); f.name = 'sco'; f.src = href;"
        " document.body.appendChild(f); }",
        "pkg/01-back-pain.html",
    )
    frame = player_frame(page)
    frame.wait_for_selector(".lms-not-recorded")
    assert "not recording this visit" in frame.locator(".lms-not-recorded").text_content()
    assert frame.locator(".site-nav").is_hidden()
    answer(frame, question_ids("01-back-pain")[0])  # the quiz still works
    assert messages == []
    context.close()


def test_inside_the_lms_the_lesson_stays_in_the_players_frame(browser, lms):
    context = browser.new_context()
    page = context.new_page()
    frame = launch(page, lms, "05-risks-and-safety", LEARNER)
    assert frame.locator(".site-nav").is_hidden()  # the player's menu moves between lessons
    assert frame.locator(".lesson-pager").count() == 0
    assert "course's menu" in frame.locator(".lms-note").text_content()
    link = frame.locator(".site-links a", has_text="Glossary")
    assert link.get_attribute("target") == "_blank"
    with context.expect_page() as opened:
        link.click()
    glossary = opened.value
    glossary.wait_for_load_state()
    assert glossary.url.endswith("pkg/glossary.html")
    assert glossary.evaluate("window.opener") is None  # no way back to the API
    assert frame.url.endswith("05-risks-and-safety.html")
    # a lesson opened in that tab is the ordinary site: no session of its own
    glossary.goto(f"http://127.0.0.1:{lms}/pkg/06-how-often.html")
    assert glossary.locator(".site-nav").is_visible()
    assert calls(page, "LMSInitialize") == [["LMSInitialize", "", "true"]]
    # an in-page link stays in the frame
    assert frame.locator('a[href^="#"]').first.get_attribute("target") is None
    context.close()


def test_damaged_suspend_data_is_ignored_with_one_warning(browser, lms):
    lesson = "01-back-pain"
    ids = question_ids(lesson)
    context = browser.new_context()
    page = context.new_page()
    warnings = []
    page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)
    page.on("pageerror", lambda err: warnings.append(str(err)))
    damaged = f"1|{ids[0]}.zzzzz|not an entry|{ids[1]}.1|{ids[2]}.0"
    frame = launch(page, lms, lesson, {**LEARNER, "suspend_data": damaged})
    restored = frame.locator(f'[data-question-id="{ids[1]}"] input[value="0"]')
    assert restored.is_checked()  # the one well-formed entry survives
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert record(page)["suspend"] == f"1|{ids[1]}.1"
    context.close()


def answer_worst(frame) -> int:
    """Every question on the page answered with the most options it takes (all boxes of a
    multiple-answer question, the last option of any other), its folded practice sets
    open; returns how many."""
    on_page = frame.locator("[data-question-id]").evaluate_all(
        "(all) => all.map((q) => q.getAttribute('data-question-id'))"
    )  # the claim test's questions too: the record keeps them all
    for qid in on_page:
        q = frame.locator(f'[data-question-id="{qid}"]')
        inputs = q.locator("input")
        if q.get_attribute("data-kind") == "multiple":
            for box in inputs.all():
                box.check()
        else:
            values = [int(v) for v in inputs.evaluate_all("(all) => all.map((i) => i.value)")]
            q.locator(f'input[value="{max(values)}"]').check()
        q.get_by_role("button", name="Check answer").click()
    return len(on_page)


def test_the_largest_lesson_fits_suspend_data_at_its_worst(browser, lms):
    """On the strict LMS, which refuses suspend data over 4,096 characters, and gives no
    mastery score: the finished lesson is "completed"."""
    data = store.get()
    lesson = max(data.syllabus.lessons, key=lambda lesson: len(question_ids(lesson.id))).id
    context = browser.new_context()
    page = context.new_page()
    frame = strict_launch(page, lms, f"pkg/{lesson}.html", {})
    frame.wait_for_selector("[data-quiz]")
    open_folded_quizzes(frame)
    answered = answer_worst(frame)
    suspend = strict(page, "values")["cmi.suspend_data"]
    assert len(suspend.split("|")) == 1 + answered
    worst = len(suspend)
    print(f"\nworst-case suspend_data for {lesson}: {worst} characters of {SUSPEND_LIMIT}")
    assert strict(page, "values")["cmi.core.lesson_status"] == "completed"
    assert 0 < worst <= SUSPEND_LIMIT
    strict_leave(page)
    assert strict(page, "errors()") == []
    context.close()


@pytest.mark.parametrize("how", ["nested", "popup"])
def test_the_api_two_frames_up_or_on_the_opener_is_found_and_every_call_is_valid(browser, lms, how):
    """The strict scenarios a player's shape makes: the API on the frame's grandparent, or
    on the window that opened the lesson's popup. Every call the lesson makes is one the
    SCORM 1.2 data model accepts."""
    lesson = "01-back-pain"
    context = browser.new_context()
    page = context.new_page()
    frame = strict_launch(page, lms, f"pkg/{lesson}.html{scorm.LAUNCH_PARAMETERS}", MASTERY, how)
    frame.wait_for_selector("[data-quiz]")
    assert frame.locator(".lms-not-recorded").count() == 0  # it found the LMS
    for qid in question_ids(lesson):
        answer(frame, qid)
    held = strict(page, "values")
    assert (held["cmi.core.lesson_status"], held["cmi.core.score.raw"]) == ("passed", "100")
    strict_leave(page)
    held = strict(page, "values")
    assert held["cmi.core.exit"] == "" and held["cmi.core.session_time"] != ""
    assert strict(page, "errors()") == []
    context.close()


def open_lesson(page, port: int, lesson: str, host: str):
    """``lesson`` opened directly (host "none"), or framed by a page of another origin
    whose API the lesson cannot reach (reading that window throws); returns its frame once
    the browser has navigated it to the lesson."""
    if host == "none":
        page.goto(lesson)
        return page.main_frame
    page.goto(f"http://localhost:{port}/host.html")
    with page.expect_event("framenavigated", lambda f: f.url == lesson) as navigated:
        page.evaluate(
            "(href) => { window.API = { LMSInitialize: () => { throw new Error('reached'); } };"
            " const f = document.createElement('iframe'); f.name = 'sco'; f.src = href;"
            " document.body.appendChild(f); }",
            lesson,
        )
    return navigated.value


@pytest.mark.parametrize("host", ["none", "other-origin"])
def test_without_an_lms_the_lesson_is_the_site_and_logs_nothing(browser, lms, host):
    """Opened directly, or framed by a page of another origin (reading its window throws)."""
    context = browser.new_context()
    page = context.new_page()
    messages = console_of(page)
    lesson = f"http://127.0.0.1:{lms}/pkg/03-how-might-it-work.html"
    frame = open_lesson(page, lms, lesson, host)
    frame.wait_for_selector("[data-quiz]")
    qid = question_ids("03-how-might-it-work")[0]
    assert "is-correct" in answer(frame, qid).get_attribute("class")
    assert frame.locator(".site-nav").is_visible()
    assert frame.locator(".lesson-pager").count() == 1
    assert frame.locator("body.in-lms").count() == 0
    if host == "none":  # (a frame of another site may be refused storage; that is caught)
        key = "acupuncture-course:quiz:03-how-might-it-work"
        assert qid in json.loads(frame.evaluate(f"localStorage.getItem('{key}')"))
    assert messages == []
    context.close()


def interactions(page) -> list[dict]:
    """What the lesson told the run-time of each interaction record (the elements are
    write-only in SCORM 1.2), accepted calls only, by record number."""
    held: dict[int, dict] = {}
    names = {"student_response": "response", "correct_responses.0.pattern": "pattern"}
    for _, element, value, ok in calls(page, "LMSSetValue"):
        if not element.startswith("cmi.interactions.") or ok != "true":
            continue
        n, field = element.split(".", 3)[2:]
        entry = held.setdefault(int(n), {})
        if field == "correct_responses.0.pattern":
            entry["pattern"] = [value]
        else:
            entry[names.get(field, field)] = value
    return [held[n] for n in sorted(held)]


def test_every_answer_is_an_interaction_record_an_lms_can_report(browser, lms):
    """Each answer as a SCORM 1.2 interaction: the question's id, its type, the options
    chosen and the right ones as letters of their authoring index, the result and a weight
    (Moodle's interactions report reads these)."""
    lesson = "01-back-pain"
    data = store.get()
    bank = {q.id: q for q in data.quizzes[lesson].questions}
    single = next(q for q in bank.values() if q.kind == "single")
    multiple = next(q for q in bank.values() if q.kind == "multiple")
    truefalse = next((q for q in bank.values() if q.kind == "true-false"), None)
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    frame = launch(page, lms, lesson, LEARNER)
    answer(frame, single.id, right=False)  # a first try, wrong
    answer(frame, single.id)  # then right: both are journalled
    answer(frame, multiple.id)
    if truefalse:
        answer(frame, truefalse.id)
    held = interactions(page)
    letter = "abcdefghijklmnopqrstuvwxyz"
    right = letter[min(single.correct_indices)]
    wrong = next(  # the first wrong option as shown, which answer(right=False) picks
        letter[i] for i, o in single.shown if not o.correct
    )
    assert held[0] == {
        "id": single.id,
        "type": "choice",
        "response": wrong,
        "result": "wrong",
        "weighting": "1",
        "time": held[0]["time"],
        "pattern": [right],
    }
    assert len(held[0]["time"]) == 8 and held[0]["time"][2] == ":"
    assert (held[1]["id"], held[1]["response"], held[1]["result"]) == (single.id, right, "correct")
    both = ",".join(letter[i] for i in sorted(multiple.correct_indices))
    assert held[2] == {**held[2], "id": multiple.id, "response": both, "pattern": [both]}
    assert held[2]["result"] == "correct"
    if truefalse:
        tf = "t" if min(truefalse.correct_indices) == 0 else "f"
        assert (held[3]["type"], held[3]["response"], held[3]["pattern"]) == (
            "true-false",
            tf,
            [tf],
        )
    # the id is set first for each new record, as SCORM 1.2 requires
    sets = [c[1] for c in calls(page, "LMSSetValue") if c[1].startswith("cmi.interactions.0.")]
    assert sets[0] == "cmi.interactions.0.id"
    assert all(c[-1] == "true" for c in calls(page, "LMSSetValue") if "interactions" in c[1])
    assert errors == []
    context.close()


def test_a_review_launch_records_no_interactions(browser, lms):
    lesson = "01-back-pain"
    context = browser.new_context()
    page = context.new_page()
    frame = launch(
        page, lms, lesson, {**LEARNER, "core": {**LEARNER["core"], "lesson_mode": "review"}}
    )
    answer(frame, question_ids(lesson)[0])
    assert not [c for c in calls(page, "LMSSetValue") if "interactions" in c[1]]
    context.close()


def test_the_pre_test_is_reported_per_question_but_counts_in_no_score(browser, lms):
    """Lesson 00 in an LMS: its own quiz gives the score and status; the claim test's
    answers are kept and reported as interactions, and leave the score alone."""
    from course.views.claim_tests import forms

    lesson = "00-start-here"
    own = question_ids(lesson)
    pre = [q.id for q in forms()["pre"][1].questions]
    data = {**LEARNER, "student_data": {"mastery_score": str(scorm.MASTERY_SCORE)}}
    context = browser.new_context()
    page = context.new_page()
    frame = launch(page, lms, lesson, data)
    for qid in pre:
        answer(frame, qid, right=False)  # every claim judged wrongly
    assert record(page)["status"] == "incomplete"  # the lesson's own quiz is not done
    for qid in own:
        answer(frame, qid)
    held = record(page)
    assert (held["status"], held["raw"]) == ("passed", "100")
    assert all(f"{qid}." in held["suspend"] for qid in pre)  # kept for the next visit
    reported = {i["id"]: i["result"] for i in interactions(page)}
    assert {qid: "wrong" for qid in pre}.items() <= reported.items()
    context.close()


@pytest.mark.parametrize(
    "refuse", [["LMSSetValue", "cmi.suspend_data"], ["LMSCommit"]], ids=["set", "commit"]
)
def test_a_refused_save_is_said_to_the_learner_once_and_the_answers_stay(browser, lms, refuse):
    """The strict LMS refuses one thing (error 101, "General Exception"); every other call
    succeeds."""
    context = browser.new_context()
    page = context.new_page()
    warnings = console_of(page)
    frame = strict_launch(page, lms, "pkg/01-back-pain.html", {}, refuse=[refuse])
    frame.wait_for_selector("[data-quiz]")
    ids = question_ids("01-back-pain")
    # (the lesson saves what it holds as soon as it opens: the refusal may come before any
    # answer; either way it is said once)
    for qid in ids[:2]:
        assert "is-correct" in answer(frame, qid).get_attribute("class")
    notice = frame.locator(".lms-not-saved")
    notice.wait_for()
    assert notice.count() == 1 and notice.get_attribute("role") == "alert"
    assert "did not save your answers" in notice.text_content()
    # the LMS's own words for it, asked once, in one console warning
    asked = [c for c in strict(page, "calls") if c[0] in ("LMSGetLastError", "LMSGetErrorString")]
    assert [c[0] for c in asked] == ["LMSGetLastError", "LMSGetErrorString"]
    assert asked[1][1] == "101"
    assert len(warnings) == 1 and warnings[0].startswith("warning: The LMS refused"), warnings
    assert "101" in warnings[0] and "General Exception" in warnings[0]
    # the answers stay on the page, and nothing but the refused call broke a rule
    for qid in ids[:2]:
        q = frame.locator(f'[data-question-id="{qid}"]')
        assert "is-correct" in q.get_attribute("class")
    refused = {(c[0], c[1] if c[0] == "LMSSetValue" else None) for c in strict(page, "errors()")}
    assert refused == {(refuse[0], refuse[1] if len(refuse) > 1 else None)}
    context.close()


def test_a_page_put_in_the_back_forward_cache_records_time_and_exit_and_commits(browser, lms):
    context = browser.new_context()
    page = context.new_page()
    frame = launch(page, lms, "01-back-pain", LEARNER)
    answer(frame, question_ids("01-back-pain")[0])
    before = len(page.evaluate("window.calls"))
    frame.evaluate(
        "() => window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))"
    )
    after = page.evaluate("window.calls")[before:]
    names = [c[0] for c in after]
    sets = {c[1]: c[2] for c in after if c[0] == "LMSSetValue"}
    assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}\.\d{2}", sets["cmi.core.session_time"])
    assert sets["cmi.core.exit"] == "suspend"  # the quiz is not finished: come back to it
    assert "LMSCommit" in names and "LMSFinish" not in names  # the session stays open
    context.close()


@pytest.mark.parametrize("host", ["none", "other-origin"])
def test_a_lesson_the_lms_launched_without_an_api_says_it_is_not_recorded(browser, lms, host):
    """The package's launch address (?lms=scorm12, the item's parameters) is the lesson's
    sign that an LMS meant to track it: opened so, with no API to reach (a player on
    another origin than the package, or a lost opener), it says so, and still works."""
    context = browser.new_context()
    page = context.new_page()
    messages = console_of(page)
    lesson = f"http://127.0.0.1:{lms}/pkg/03-how-might-it-work.html{scorm.LAUNCH_PARAMETERS}"
    frame = open_lesson(page, lms, lesson, host)
    notice = frame.wait_for_selector(".lms-not-recorded")
    assert "could not be reached" in notice.text_content()
    assert notice.get_attribute("role") == "status"
    assert frame.locator(".site-nav").is_hidden()  # the LMS's menu moves between lessons
    qid = question_ids("03-how-might-it-work")[0]
    assert "is-correct" in answer(frame, qid).get_attribute("class")
    assert messages == []
    context.close()


def in_player(page, lesson: str):
    """The player's lesson frame once it shows ``lesson`` with its quiz ready."""
    frame = page.frame(name="lesson")
    frame.wait_for_url(f"**/{lesson}.html")
    frame.wait_for_selector("body.in-player [data-quiz]")  # its script has run
    open_folded_quizzes(frame)
    return frame


def scored_ids(frame) -> list[str]:
    """The questions of the page's scored quiz blocks (not its claim test)."""
    return frame.locator('[data-quiz]:not([data-scored="false"]) [data-question-id]').evaluate_all(
        "(all) => [...new Set(all.map((q) => q.getAttribute('data-question-id')))]"
    )


def test_the_single_sco_player_is_the_whole_course_and_keeps_every_lessons_answers(browser, lms):
    """One SCO for the course, on the strict LMS: the player's menu opens each lesson in its
    frame; the status is "incomplete" until every lesson's quiz is finished, then passed or
    failed on the lessons' mean score; a relaunch in another browser brings back all nine
    lessons' answers and the lesson the learner was on."""
    lessons = lesson_ids()
    context = browser.new_context()
    page = context.new_page()
    messages = console_of(page)
    player = strict_launch(page, lms, "one/player.html", MASTERY)
    assert in_player(page, lessons[0]).locator(".site-header").is_hidden()
    given: dict[str, bool] = {}  # one lesson's first question answered wrongly
    scores = []
    for n, lesson in enumerate(lessons):
        player.locator(f'.site-nav a[href="{lesson}.html"]').click()
        frame = in_player(page, lesson)
        ids = scored_ids(frame)
        for i, qid in enumerate(ids):
            right = not (lesson == lessons[3] and i == 0)
            answer(frame, qid, right=right)
            given[f"{lesson}/{qid}"] = right
        scores.append(round(100 * sum(given[f"{lesson}/{q}"] for q in ids) / len(ids)))
        assert player.locator(".site-nav a", has_text="done").count() == n + 1
        held = strict(page, "values")
        if n < len(lessons) - 1:
            assert held["cmi.core.lesson_status"] == "incomplete"
            assert held.get("cmi.core.score.raw", "") == ""  # no score half way
    mean = round(sum(scores) / len(scores))
    assert mean >= scorm.MASTERY_SCORE and min(scores) < 100
    assert (held["cmi.core.lesson_status"], held["cmi.core.score.raw"]) == ("passed", str(mean))
    assert f"{mean} points out of 100" in player.locator("[data-player-status]").text_content()
    player.locator('.site-nav a[href="04-the-research.html"]').click()
    in_player(page, "04-the-research")
    strict_leave(page)
    saved = strict(page, "snapshot()")
    assert strict(page, "values")["cmi.core.exit"] == ""  # passed: a normal exit
    suspend = saved["cmi.suspend_data"]
    assert suspend.startswith("2~") and all(f"~{lesson}:" in suspend for lesson in lessons)
    assert saved["cmi.core.lesson_location"] == "04-the-research"
    assert strict(page, "errors()") == []
    assert messages == []
    context.close()

    again = browser.new_context()
    page = again.new_page()
    player = strict_launch(page, lms, "one/player.html", saved)
    in_player(page, "04-the-research")  # where the learner was
    for lesson in lessons:
        player.locator(f'.site-nav a[href="{lesson}.html"]').click()
        frame = in_player(page, lesson)
        for qid in scored_ids(frame):
            q = frame.locator(f'[data-question-id="{qid}"]').first
            expected = "is-correct" if given[f"{lesson}/{qid}"] else "is-wrong"
            assert expected in q.get_attribute("class"), (lesson, qid)
    assert strict(page, "values")["cmi.suspend_data"] == suspend  # opening loses nothing
    assert strict(page, "errors()") == []
    again.close()


def test_the_single_sco_package_fits_the_whole_course_in_suspend_data_at_its_worst(browser, lms):
    """Every question of all nine lessons, claim tests included, answered with the most
    options it takes, in one record: it has to fit SCORM 1.2's 4,096 characters (the strict
    LMS refuses more), and every answer comes back on a relaunch."""
    context = browser.new_context()
    page = context.new_page()
    player = strict_launch(page, lms, "one/player.html", {})
    answered = 0
    for lesson in lesson_ids():
        player.locator(f'.site-nav a[href="{lesson}.html"]').click()
        answered += answer_worst(in_player(page, lesson))
    strict_leave(page)
    saved = strict(page, "snapshot()")
    suspend = saved["cmi.suspend_data"]
    assert sum(len(part.split("|")) - 1 for part in suspend.split("~")[1:]) == answered
    worst = len(suspend)
    print(f"\nworst-case suspend_data, single-SCO package: {worst} characters of {SUSPEND_LIMIT}")
    assert 0 < worst <= SUSPEND_LIMIT
    assert strict(page, "errors()") == []
    context.close()

    again = browser.new_context()
    page = again.new_page()
    player = strict_launch(page, lms, "one/player.html", saved)
    last = lesson_ids()[-1]
    frame = in_player(page, saved["cmi.core.lesson_location"] or last)
    player.locator(f'.site-nav a[href="{last}.html"]').click()
    frame = in_player(page, last)
    checked = frame.locator("[data-question-id] input:checked").count()
    assert checked >= frame.locator("[data-question-id]").count()  # each has its answer
    again.close()


def test_the_player_without_an_lms_says_so_reads_on_a_phone_and_passes_axe(browser, lms):
    """The player opened with no LMS around it (a package unzipped on a web server): it
    says its visit is not recorded, and the course still works in it. At 360 px its menu is
    folded until asked for, closes when a lesson is chosen, and nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    messages = console_of(page)
    page.goto(f"http://127.0.0.1:{lms}/one/player.html")
    notice = page.locator(".lms-not-recorded")
    assert "could not be reached" in notice.text_content()
    in_player(page, lesson_ids()[0])
    menu = page.locator("[data-nav-menu]")
    assert menu.get_attribute("open") is None
    menu.locator("summary").click()
    page.locator('.site-nav a[href="05-risks-and-safety.html"]').click()
    frame = in_player(page, "05-risks-and-safety")
    assert menu.get_attribute("open") is None
    assert "is-correct" in answer(frame, question_ids("05-risks-and-safety")[0]).get_attribute(
        "class"
    )
    # with no LMS to keep them, the answers are kept in this browser, as the notice says
    kept = frame.evaluate("localStorage.getItem('acupuncture-course:quiz:05-risks-and-safety')")
    assert question_ids("05-risks-and-safety")[0] in json.loads(kept)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert frame.evaluate("document.documentElement.scrollWidth") <= frame.evaluate("innerWidth")
    results = Axe().run(page)
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == []
    assert messages == []
    context.close()
