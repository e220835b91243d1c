"""The learner's progress file: atomic, lock-protected, and never fatal when corrupt."""

import json
import multiprocessing
import warnings

import pytest

from course.answer_file import AnswerFile


def test_record_and_read_back(tmp_path):
    store = AnswerFile(tmp_path / "p" / "progress.json")
    store.record("01-back-pain", "bp-sciatica", [0], True)
    store.record("01-back-pain", "bp-sciatica", [1], False)
    entry = AnswerFile(store.path).answers("01-back-pain")["bp-sciatica"]
    assert entry == {"selected": [1], "correct": False, "attempts": 2}
    assert not list(store.path.parent.glob(".progress-*"))  # no temp file left behind


def test_reset_keeps_other_lessons(tmp_path):
    store = AnswerFile(tmp_path / "progress.json")
    store.record("00-start-here", "a", [0], True)
    store.record("01-back-pain", "b", [1], True)
    store.reset("01-back-pain")
    data = json.loads(store.path.read_text())
    assert set(data["lessons"]) == {"00-start-here"}


def test_damaged_file_loses_no_lesson(tmp_path):
    store = AnswerFile(tmp_path / "progress.json")
    store.record("01-back-pain", "a", [0], True)
    store.record("05-risks-and-safety", "b", [1], False)
    store.path.write_text('{"version": 1, "lessons": {"01-back-pain"')  # damaged from outside
    with pytest.warns(RuntimeWarning, match="restored your last saved answers"):
        lessons = store.load()["lessons"]
    assert set(lessons) == {"01-back-pain", "05-risks-and-safety"}
    assert json.loads(store.path.read_text())["lessons"] == lessons  # repaired on disk
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1


@pytest.mark.parametrize("garbage", ["{not json", '["a list"]', "\xff\xfe"])
def test_corrupt_file_is_moved_aside_with_a_warning(tmp_path, garbage):
    path = tmp_path / "progress.json"
    path.write_bytes(garbage.encode("latin-1"))
    store = AnswerFile(path)
    with pytest.warns(RuntimeWarning, match="could not be read"):
        assert store.answers("01-back-pain") == {}
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage.encode("latin-1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store.record("01-back-pain", "q", [0], True)  # writing afresh works, no new warning
    assert store.answers("01-back-pain")["q"]["correct"] is True


def _hammer(args):
    path, lesson, count = args
    store = AnswerFile(path)
    for i in range(count):
        store.record(lesson, f"q{i}", [i % 3], bool(i % 2))


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "progress.json"
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_hammer, [(path, "lesson-a", 25), (path, "lesson-b", 25)])
    data = json.loads(path.read_text())
    assert len(data["lessons"]["lesson-a"]) == 25
    assert len(data["lessons"]["lesson-b"]) == 25


@pytest.mark.parametrize(
    "damaged",
    [
        "5",
        '"text"',
        "[]",
        '{"version": 1, "lessons": []}',
        '{"version": 1, "lessons": {"01-back-pain": 5}}',
        '{"version": 1, "lessons": {"01-back-pain": {"a": "yes"}}}',
        '{"version": 1, "lessons": {"01-back-pain": {"a": {"selected": "0", "correct": true}}}}',
        '{"version": 1, "lessons": {"01-back-pain": {"a": {"selected": [0], "correct": "y"}}}}',
    ],
    ids=[
        "number",
        "string",
        "list",
        "lessons-list",
        "lesson-number",
        "answer-string",
        "selected-string",
        "correct-string",
    ],
)
def test_valid_json_of_the_wrong_shape_is_moved_aside_like_a_corrupt_file(tmp_path, damaged):
    store = AnswerFile(tmp_path / "progress.json")
    store.record("05-risks-and-safety", "b", [1], False)
    store.path.write_text(damaged)
    with pytest.warns(RuntimeWarning, match="could not be read"):
        lessons = store.load()["lessons"]
    saved = {"b": {"selected": [1], "correct": False, "attempts": 1}}
    assert lessons == {"05-risks-and-safety": saved}  # the backup, restored
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1
    store.record("01-back-pain", "a", [0], True)  # and the learner carries on
    assert set(store.load()["lessons"]) == {"01-back-pain", "05-risks-and-safety"}
