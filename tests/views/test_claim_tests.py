"""The pre-test and post-test of the skill the course teaches (issue 24): two parallel
forms of new claims, one question per Key Concept in each, answered in Jupyter with the
widgets and shown per concept, before and after."""

from bs4 import BeautifulSoup

from course.loader import store
from course.views.claim_tests import claim_test_results, forms, rows
from course.views.quiz import quiz


def test_two_parallel_forms_of_new_claims_one_question_per_concept():
    data = store.get()
    tests = forms(data)
    assert set(tests) == {"pre", "post"}
    concepts = {}
    for form, (bank_id, bank) in tests.items():
        assert 8 <= len(bank.questions) <= 10, bank_id
        assert not bank.scored and bank.lesson in {"00-start-here", "08-review"}
        for q in bank.questions:
            assert len(q.concepts) == 1, q.id  # each item measures one concept
            assert q.explanation, f"{q.id} needs a worked explanation"
            assert "acupunct" not in q.prompt.lower(), q.id  # new claims, not the course's
        concepts[form] = sorted(q.concepts[0] for q in bank.questions)
    assert concepts["pre"] == concepts["post"]  # balanced: the same skills in both forms
    assert len(set(concepts["pre"])) == len(concepts["pre"])
    taught = {q.id for b in data.quizzes.values() if not b.test for q in b.questions}
    assert not taught & {q.id for _, b in tests.values() for q in b.questions}
    assert [r["id"] for r in rows(data)] == [c for c in data.concepts if c in concepts["pre"]]


def answer_all(bank_id: str, right: set[int]):
    """Answer a form with the widgets: the questions at positions ``right`` correctly."""
    widget = quiz(bank_id).widget
    for n, question in enumerate(widget.questions.values()):
        pick = next(i for i, o in enumerate(question.options) if o.correct == (n in right))
        widget.selectors[question.id].value = pick
        widget.buttons[question.id].click()
    return widget


def test_results_per_concept_before_and_after_in_jupyter():
    empty = BeautifulSoup(claim_test_results().jupyter_html(), "html.parser")
    assert {td.get_text(strip=True) for td in empty.select("[data-claim-result]")} == {
        "— not answered"
    }
    answer_all("claims-pre", right={0, 1, 2})
    answer_all("claims-post", right=set(range(10)))
    soup = BeautifulSoup(claim_test_results().jupyter_html(), "html.parser")
    totals = [td.get_text(strip=True) for td in soup.select("[data-claim-total]")]
    assert totals == ["3 of 8", "8 of 8"]
    pre = forms()["pre"][1]
    first = pre.questions[0]
    cell = soup.select_one(f'[data-claim-result="pre"][data-question="{first.id}"]')
    assert cell.get_text(strip=True) == "✔ right"
    row = cell.find_parent("tr")
    concept = store.get().concepts[first.concepts[0]]
    assert row.th.get_text(strip=True) == concept.title
    post_cell = row.select_one('[data-claim-result="post"]')
    assert post_cell.get_text(strip=True) == "✔ right"
    # the site's copy starts empty: the browser fills it from its own storage
    static = BeautifulSoup(claim_test_results().html(), "html.parser")
    assert static.select_one("[data-claim-results]") is not None
    assert {td.get_text(strip=True) for td in static.select("[data-claim-result]")} == {
        "— not answered"
    }
