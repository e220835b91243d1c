"""The strict SCORM 1.2 run-time the LMS tests can host (tests/site/scorm12_strict.js) is
really strict: each call a lenient LMS lets pass is answered "false" (or "" for a get) with
the error code the SCORM 1.2 Run-Time Environment names, and a well-behaved session leaves
no error at all. A stub that let a mistake through would hide it from every test built on it."""

from __future__ import annotations

from pathlib import Path

import pytest

STUB = Path(__file__).with_name("scorm12_strict.js")

# Runs calls on a fresh StrictScorm12, one by one; each gives [result, LMSGetLastError()].
RUN = """([options, calls]) => {
  window.api = new StrictScorm12(options);
  return calls.map(([name, ...args]) => [api[name](...args), api.LMSGetLastError()]);
}"""


@pytest.fixture()
def lms(page):
    """A blank page with the stub loaded (no lesson, no server: the stub alone)."""
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(STUB))
    yield page
    assert page.errors == []


def run(page, calls, **options):
    """[result, error code] of each call, made in order on a new run-time."""
    return page.evaluate(RUN, [options, calls])


INIT = ["LMSInitialize", ""]


def test_nothing_before_initialize(lms):
    """Get, Set and Commit before LMSInitialize are refused as "not initialized" (301)."""
    assert run(
        lms,
        [
            ["LMSSetValue", "cmi.core.lesson_status", "completed"],
            ["LMSGetValue", "cmi.core.student_id"],
            ["LMSCommit", ""],
            ["LMSFinish", ""],
        ],
    ) == [["false", "301"], ["", "301"], ["false", "301"], ["false", "301"]]


def test_initialize_once_and_with_an_empty_string(lms):
    """A second LMSInitialize is a general exception (101); an argument other than "" is
    an invalid argument (201)."""
    assert run(lms, [INIT, INIT]) == [["true", "0"], ["false", "101"]]
    assert run(lms, [["LMSInitialize", "x"]]) == [["false", "201"]]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (["LMSGetValue", "cmi.core.no_such_thing"], ["", "201"]),
        (["LMSSetValue", "cmi.core.student_id", "s2"], ["false", "403"]),
        (["LMSSetValue", "cmi.core.entry", "resume"], ["false", "403"]),
        (["LMSGetValue", "cmi.core.exit"], ["", "404"]),
        (["LMSGetValue", "cmi.core.session_time"], ["", "404"]),
        (["LMSSetValue", "cmi.core.lesson_status", "not attempted"], ["false", "405"]),
        (["LMSSetValue", "cmi.core.lesson_status", "done"], ["false", "405"]),
        (["LMSSetValue", "cmi.core.exit", "quit"], ["false", "405"]),
        (["LMSSetValue", "cmi.core.score.raw", "101"], ["false", "405"]),
        (["LMSSetValue", "cmi.core.score.raw", "abc"], ["false", "405"]),
        (["LMSSetValue", "cmi.core.score.raw", 80], ["false", "405"]),
        (["LMSSetValue", "cmi.core.session_time", "1:00:00"], ["false", "405"]),
        (["LMSSetValue", "cmi.suspend_data", "x" * 4097], ["false", "405"]),
        (["LMSSetValue", "cmi.interactions.2.id", "q1"], ["false", "201"]),
        (["LMSSetValue", "cmi.interactions.0.id", "has space"], ["false", "405"]),
        (["LMSSetValue", "cmi.interactions._count", "1"], ["false", "402"]),
        (["LMSSetValue", "cmi.core._children", "x"], ["false", "402"]),
        (["LMSGetValue", "cmi.core.student_id._children"], ["", "202"]),
        (["LMSGetValue", "cmi.core._count"], ["", "203"]),
    ],
    ids=lambda v: "-".join(map(str, v))[:60] if isinstance(v, list) else None,
)
def test_a_wrong_call_is_refused_with_the_specs_code(lms, call, expected):
    """Each mistake a SCO can make while running gets the code the spec's table gives it."""
    assert run(lms, [INIT, call])[1] == expected


def test_values_of_the_right_type_are_taken(lms):
    """The boundaries of the same rules: a timespan with 2 to 4 hour digits, 4096 characters
    of suspend data, and a new interaction record at index _count."""
    results = run(
        lms,
        [
            INIT,
            ["LMSSetValue", "cmi.core.session_time", "0000:01:05.20"],
            ["LMSSetValue", "cmi.core.session_time", "01:02:03"],
            ["LMSSetValue", "cmi.suspend_data", "x" * 4096],
            ["LMSSetValue", "cmi.core.score.raw", ""],
            ["LMSSetValue", "cmi.interactions.0.id", "q1"],
            ["LMSSetValue", "cmi.interactions.0.type", "choice"],
            ["LMSSetValue", "cmi.interactions.0.student_response", "a,c"],
            ["LMSGetValue", "cmi.interactions._count"],
        ],
    )
    assert results == [["true", "0"]] * 8 + [["1", "0"]]


def test_interaction_fields_are_write_only(lms):
    """An interaction, once recorded, cannot be read back (404), and its responses must fit
    its type: a choice response is single characters separated by commas."""
    assert run(
        lms,
        [
            INIT,
            ["LMSSetValue", "cmi.interactions.0.id", "q1"],
            ["LMSGetValue", "cmi.interactions.0.id"],
            ["LMSSetValue", "cmi.interactions.0.type", "choice"],
            ["LMSSetValue", "cmi.interactions.0.student_response", "answer b"],
        ],
    )[2:] == [["", "404"], ["true", "0"], ["false", "405"]]


def test_nothing_after_finish(lms):
    """After LMSFinish the session is over: Get, Set, Commit and Finish are "not
    initialized" (301) and LMSInitialize cannot start it again (101)."""
    assert run(
        lms,
        [
            INIT,
            ["LMSFinish", ""],
            ["LMSGetValue", "cmi.core.student_id"],
            ["LMSSetValue", "cmi.core.lesson_status", "completed"],
            ["LMSCommit", ""],
            ["LMSFinish", ""],
            INIT,
        ],
    )[2:] == [["", "301"], ["false", "301"], ["false", "301"], ["false", "301"], ["false", "101"]]


def test_refuse_simulates_an_lms_that_will_not_save(lms):
    """`refuse` makes the named calls fail as an LMS that cannot save would (101), and
    nothing of a refused call is kept; other calls still work."""
    results = run(
        lms,
        [
            INIT,
            ["LMSSetValue", "cmi.suspend_data", "state"],
            ["LMSSetValue", "cmi.core.lesson_location", "page-2"],
            ["LMSCommit", ""],
        ],
        refuse=[["LMSSetValue", "cmi.suspend_data"], ["LMSCommit"]],
    )
    assert results[1:] == [["false", "101"], ["true", "0"], ["false", "101"]]
    kept = lms.evaluate("() => [api.values['cmi.suspend_data'], api.commits]")
    assert kept == ["", 0]


def test_error_strings_are_the_specs_words(lms):
    """LMSGetErrorString gives the words of the SCORM 1.2 error table, and "" for a code
    that is not in it; LMSGetDiagnostic says what went wrong last."""
    words = lms.evaluate(
        """() => {
          const api = new StrictScorm12({});
          api.LMSInitialize("");
          api.LMSSetValue("cmi.core.exit", "quit");
          return [api.LMSGetErrorString("405"), api.LMSGetErrorString("301"),
                  api.LMSGetErrorString("999"), api.LMSGetDiagnostic("")];
        }"""
    )
    assert words[:3] == ["Incorrect Data Type", "Not initialized", ""]
    assert "cmi.core.exit" in words[3]


def test_a_normal_session_records_no_error(lms):
    """The calls a well-behaved SCO makes pass without an error, are all recorded, and a
    suspended session is resumed at the next launch with what it saved."""
    results = run(
        lms,
        [
            INIT,
            ["LMSGetValue", "cmi.core.student_id"],
            ["LMSGetValue", "cmi.core.student_name"],
            ["LMSGetValue", "cmi.core.lesson_status"],
            ["LMSGetValue", "cmi.core.entry"],
            ["LMSGetValue", "cmi.student_data.mastery_score"],
            ["LMSGetValue", "cmi.core.score._children"],
            ["LMSSetValue", "cmi.core.lesson_status", "passed"],
            ["LMSSetValue", "cmi.core.score.raw", "85.5"],
            ["LMSSetValue", "cmi.suspend_data", '{"q1":"b"}'],
            ["LMSSetValue", "cmi.core.exit", "suspend"],
            ["LMSSetValue", "cmi.core.session_time", "0000:01:05.20"],
            ["LMSCommit", ""],
            ["LMSFinish", ""],
        ],
        data={"cmi.core.student_id": "s7", "cmi.student_data.mastery_score": "80"},
    )
    assert [r[0] for r in results[1:7]] == [
        "s7",
        "Learner, A",
        "not attempted",
        "ab-initio",
        "80",
        "raw,min,max",
    ]
    record = lms.evaluate(
        "() => ({errors: api.errors(), state: api.state, commits: api.commits,"
        " calls: api.calls.length, snapshot: api.snapshot()})"
    )
    assert record["errors"] == []
    assert (record["state"], record["commits"]) == ("finished", 1)
    assert record["calls"] == 2 * len(results)  # each call, then its LMSGetLastError
    snapshot = record["snapshot"]
    assert snapshot["cmi.core.entry"] == "resume"
    assert snapshot["cmi.core.lesson_status"] == "passed"  # as set: the stub decides nothing
    assert snapshot["cmi.core.score.raw"] == "85.5"
    assert snapshot["cmi.suspend_data"] == '{"q1":"b"}'
    assert snapshot["cmi.core.total_time"] == "0000:01:05.20"
