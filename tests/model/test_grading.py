"""Quiz grading is pure Python: no widgets, no kernel."""

import sys

import pytest

from course.model.quiz import HEADLINES, Option, Question


def q(kind, correct, n=3):
    return Question(
        id="q1",
        kind=kind,
        prompt="Pick",
        options=[Option(text=f"o{i}", correct=i in correct, feedback=f"fb{i}") for i in range(n)],
        sources=[],
    )


def test_single_choice_right_and_wrong():
    question = q("single", {1})
    right = question.grade({1})
    assert right.correct and right.answered
    assert right.headline == HEADLINES["correct"]
    assert right.feedback == ((1, True, "fb1"),)
    wrong = question.grade({2})
    assert not wrong.correct
    assert wrong.headline == HEADLINES["wrong"]
    assert wrong.feedback == ((2, False, "fb2"),)


def test_multiple_choice_needs_the_exact_set():
    question = q("multiple", {0, 2}, n=4)
    assert question.grade({0, 2}).correct
    partial = question.grade({0})
    assert not partial.correct and partial.missed == 1
    assert partial.headline == "Partly right: one more right option to find."
    wider = q("multiple", {0, 1, 2}, n=4)
    assert wider.grade({0}).headline == "Partly right: 2 more right options to find."
    mixed = question.grade({0, 1})
    assert not mixed.correct
    assert mixed.headline == HEADLINES["wrong"]


def test_true_false_and_empty_answer():
    question = q("true-false", {1}, n=2)
    assert question.grade([1]).correct
    empty = question.grade(set())
    assert not empty.answered and not empty.correct
    assert empty.headline == HEADLINES["empty"]


def test_bad_selections_are_rejected():
    question = q("single", {0})
    with pytest.raises(ValueError, match="no option 7"):
        question.grade({7})
    with pytest.raises(ValueError, match="takes one answer"):
        question.grade({0, 1})


def test_model_imports_no_ipython():
    import subprocess

    code = (
        "import course.model.quiz, course.model.records, course.model.claims, sys; "
        "print('IPython' in sys.modules, 'ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
