"""The whole syllabus: every claim taught, every lesson complete, the review draws on all."""

import re

import nbformat
import pytest

from course import paths
from course.builder import tags
from course.loader import store
from course.loader.problems import ContentError
from course.syntax import CLAIM_CALL
from tests.conftest import lesson_ids


def notebooks():
    data = store.get()
    return {
        lesson.id: nbformat.read(paths.NOTEBOOKS_DIR / lesson.notebook, as_version=4)
        for lesson in data.syllabus.lessons
    }


def test_every_claim_is_taught_in_some_lesson():
    data = store.get()
    taught = set()
    for nb in notebooks().values():
        for cell in nb.cells:
            if cell.cell_type == "code":
                taught |= set(CLAIM_CALL.findall(cell.source))
    for bank in data.quizzes.values():
        taught |= {s for q in bank.questions for s in q.sources}
    assert sorted(set(data.claims) - taught) == []


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_each_lesson_is_complete(lesson_id):
    data = store.get()
    lesson = data.syllabus.lesson(lesson_id)
    nb = notebooks()[lesson.id]
    bank = data.quizzes[lesson.id]
    minimum = 12 if lesson.id == "08-review" else (5 if lesson.number in ("00", "01") else 6)
    if lesson.number == "00":
        minimum = 4
    assert len(bank.questions) >= minimum
    assert all(o.feedback for q in bank.questions for o in q.options)
    slide_types = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert slide_types.count("notes") >= (2 if lesson.number == "00" else 3), lesson.id
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert f'sources("{lesson.id}")' in code and f'header("{lesson.id}")' in code
    if lesson.number != "00":
        assert re.search(r"\b(dataset_bars|explore|evidence_ladder|verdict_bars|plot_\w+)\(", code)
    judged = [
        q
        for q in bank.questions
        if "judge" in q.id
        or q.prompt.lower().startswith(("article", "judge"))
        or "judgement" in q.prompt.lower()
        or "verdict" in q.prompt.lower()
    ]
    if lesson.number not in ("00",):
        assert len(judged) >= 1, lesson.id


def test_review_draws_on_every_lesson():
    data = store.get()
    review = data.quizzes["08-review"]
    homes = {}
    for bank_id, bank in data.quizzes.items():
        if bank_id != "08-review":
            for q in bank.questions:
                homes[q.id] = bank_id
    drawn = [q.id for q in review.questions if q.id in homes]
    assert len(drawn) >= 12
    lessons = {b for b, bank in data.quizzes.items() if b != "08-review" and not bank.test}
    assert {homes[i] for i in drawn} == lessons


def test_include_of_unknown_question_is_reported(content_copy):
    path = content_copy / "quizzes" / "08-review.yml"
    path.write_text(path.read_text().replace("- care-q-root-cause", "- no-such-question"))
    with pytest.raises(ContentError) as info:
        store.load(content_copy)
    assert any(
        "include: no question 'no-such-question' in another bank" in str(p)
        for p in info.value.problems
    )


def test_every_slide_has_speaker_notes():
    """In the notebook, for a deck still cut from the page: one notes cell a slide. A deck
    written for the room is checked where its slides are made, in the built deck
    (tests/builder/test_deck_report.py): cards and figures get slides, and notes, there."""
    for lesson_id, nb in notebooks().items():
        if tags.written_for_room(nb.metadata):
            continue
        slides, current = [], None
        for cell in nb.cells:
            kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
            if kind in ("slide", "subslide"):
                current = {"notes": 0, "first": cell.source[:40]}
                slides.append(current)
            elif kind == "notes" and current is not None:
                current["notes"] += 1
        missing = [s["first"] for s in slides if s["notes"] != 1]
        assert missing == [], (lesson_id, missing)
