"""The skill the course teaches, named (issue 24): every claim and every "judge this claim"
question names the Informed Health Choices Key Concepts it practises, and a lesson lists
the concepts of what it shows."""

from course.loader import store
from course.model.quiz_order import scale_order
from course.views.concepts import examples, practised
from tests.conftest import edit, line_of, problems_for


def test_every_concept_has_claims_to_show_it():
    data = store.get()
    assert len(data.concepts) >= 12
    for concept in data.concepts.values():
        assert examples(concept.id), f"{concept.id} has no claim to show it"
        assert concept.code[0] in "12" and concept.group.startswith(concept.code)


def test_every_judge_this_claim_question_names_its_concept():
    data = store.get()
    judged = [
        q
        for bank in data.quizzes.values()
        for q in bank.questions
        if scale_order(q) is not None or q.prompt.startswith("Judge this claim")
    ]
    assert len(judged) >= 7
    assert [q.id for q in judged if not q.concepts] == []


def test_a_lesson_practises_the_concepts_of_its_claims_and_questions():
    data = store.get()
    lesson = practised("03-how-might-it-work", data)
    assert [c.id for c in lesson][0:1] and "theories" in {c.id for c in lesson}
    order = list(data.concepts)
    assert [c.id for c in lesson] == sorted((c.id for c in lesson), key=order.index)


def test_an_unknown_concept_is_rejected_with_its_line(content_copy):
    path = content_copy / "claims.yml"
    edit(path, "    concepts: [competing-interests, single-studies]", "    concepts: [trust-me]")
    found = problems_for(content_copy)
    line = line_of(path, "concepts: [trust-me]")
    assert any(
        f"claims.yml:{line}: [epi-harris-three-in-ten]" in p and "unknown" in p and "trust-me" in p
        for p in found
    ), found


def test_a_claim_without_a_concept_is_rejected(content_copy):
    path = content_copy / "claims.yml"
    edit(path, "    concepts: [competing-interests, single-studies]\n", "")
    found = problems_for(content_copy)
    assert any("[epi-harris-three-in-ten]" in p and "concepts" in p for p in found), found
