"""The SCORM package run as an LMS runs it: a host page gives a real SCORM 1.2 run-time
(scorm-again, from npm, test-only) as ``window.API`` and opens a lesson of the unzipped
package in a frame. The lesson reports status and score, keeps its answers in
``cmi.suspend_data``, and is unchanged (and silent) when no LMS is there."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from course import paths
from course.builder import scorm
from course.cli import serve_in_background
from course.loader import store

RUNTIME = paths.REPO_DIR / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
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


@pytest.fixture(scope="module")
def lms(built_site, tmp_path_factory):
    """The unzipped package under /pkg/ and the host page at / on one loopback origin."""
    if not RUNTIME.exists():
        pytest.fail(f"{paths.relative(RUNTIME)} is missing: run `make install` (npm ci)")
    root = tmp_path_factory.mktemp("lms")
    package = scorm.write_package(store.get(), built_site, root / scorm.PACKAGE_NAME)
    with zipfile.ZipFile(package) as zf:
        zf.extractall(root / "pkg")
    shutil.copy(RUNTIME, root / "scorm12.js")
    (root / "host.html").write_text(HOST, encoding="utf-8")
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
    frame = page.frame(name="sco")
    frame.wait_for_selector("[data-quiz]")
    return frame


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
    assert first["status"] == "incomplete"
    assert first["raw"] == str(round(100 / len(ids)))
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
    # the learner tries again: all right now
    for qid in ids[-2:]:
        answer(frame, qid)
    assert (record(page)["status"], record(page)["raw"]) == ("passed", "100")
    assert set(mirror(page, lesson)) == set(ids)  # for the site's own progress pages

    leave(page)
    saved = record(page)
    assert saved["exit"] == "suspend"
    assert saved["session"] and saved["session"] != "00:00:00.00"
    assert len(saved["suspend"]) <= SUSPEND_LIMIT
    assert [c[0] for c in page.evaluate("window.calls")][-2:] == ["LMSCommit", "LMSFinish"]
    assert errors == []
    context.close()

    # the next visit, in another browser (nothing in its storage): the LMS's data is all
    again = browser.new_context()
    page = again.new_page()
    resumed = {
        **data,
        "core": {**LEARNER["core"], "lesson_status": "passed", "entry": "resume"},
        "suspend_data": saved["suspend"],
    }
    frame = launch(page, lms, lesson, resumed)
    for qid in ids:
        q = frame.locator(f'[data-question-id="{qid}"]')
        assert "is-correct" in q.get_attribute("class")
        assert q.locator("input[data-correct]").first.is_checked()
    assert frame.locator("[data-score]").first.text_content() == str(len(ids))
    assert record(page)["status"] == "passed"
    assert set(mirror(page, lesson)) == set(ids)
    again.close()


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


def test_reset_clears_the_lessons_record_in_the_lms(browser, lms):
    lesson = "06-how-often"
    ids = question_ids(lesson)
    context = browser.new_context()
    page = context.new_page()
    frame = launch(page, lms, lesson, LEARNER)
    assert record(page)["raw"] == ""  # no score before the first answer
    answer(frame, ids[0])
    assert record(page)["suspend"] and mirror(page, lesson)
    frame.locator(".course-reset").click()
    after = record(page)
    assert (after["status"], after["raw"], after["suspend"]) == ("incomplete", "0", "")
    assert mirror(page, lesson) == {}
    assert frame.locator(f'[data-question-id="{ids[0]}"] input:checked').count() == 0
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


def test_the_largest_lesson_fits_suspend_data_at_its_worst(browser, lms):
    """Every question of the lesson with most questions answered with the most options it
    takes (all boxes of a multiple-answer question, the last option of any other)."""
    data = store.get()
    lesson = max(data.syllabus.lessons, key=lambda lesson: len(question_ids(lesson.id))).id
    context = browser.new_context()
    page = context.new_page()
    frame = launch(page, lms, lesson, LEARNER)
    for qid in question_ids(lesson):
        q = frame.locator(f'[data-question-id="{qid}"]')
        inputs = q.locator("input")
        if q.get_attribute("data-kind") == "multiple":
            for box in inputs.all():
                box.check()
        else:
            values = [int(v) for v in inputs.evaluate_all("(all) => all.map((i) => i.value)")]
            q.locator(f'input[value="{max(values)}"]').check()
        q.get_by_role("button", name="Check answer").click()
    worst = len(record(page)["suspend"])
    print(f"\nworst-case suspend_data for {lesson}: {worst} characters of {SUSPEND_LIMIT}")
    assert record(page)["status"] == "completed"  # no mastery score from this LMS
    assert 0 < worst <= SUSPEND_LIMIT
    context.close()


@pytest.mark.parametrize("host", ["none", "other-origin"])
def test_without_an_lms_the_lesson_is_the_site_and_logs_nothing(browser, lms, host):
    """Opened directly, or framed by a page of another origin (reading its window throws)."""
    context = browser.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda msg: messages.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda err: messages.append(str(err)))
    lesson = f"http://127.0.0.1:{lms}/pkg/03-how-might-it-work.html"
    if host == "none":
        page.goto(lesson)
        frame = page.main_frame
    else:
        page.goto(f"http://localhost:{lms}/host.html")
        page.evaluate(
            "(href) => { window.API = { LMSInitialize: () => { throw new Error('reached'); } };"
            " const f = document.createElement('iframe'); f.name = 'sco'; f.src = href;"
            " document.body.appendChild(f); }",
            lesson,
        )
        frame = None
        for _ in range(100):  # the frame of another origin, once the browser has attached it
            frame = next((f for f in page.frames if f.url == lesson), None)
            if frame:
                break
            page.wait_for_timeout(100)
        assert frame, "the lesson never loaded in the frame"
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
