"""A learner who does not read cannot pass: the guesser check (issue 24).

``course check`` runs the usual test-wise strategies over every question in the order
learners see the options; each may beat chance by at most ten points, the right answer is
the longest (or shortest) option in at most 35% of single-choice questions, and positions
are balanced for each number of options.
"""

import subprocess
import sys

from course.loader import store
from course.model import guessing
from course.model.quiz import Option, Question
from course.model.quiz_order import SCALE, assign, scale_order


def course_questions():
    return [q for bank in store.get().quizzes.values() for q in bank.questions]


def test_the_course_gives_a_guesser_nothing():
    cues = guessing.report(course_questions())
    assert cues.questions >= 45
    assert cues.failures() == [], cues.lines()
    for n, counts in cues.positions.items():
        if n == 5:
            continue  # five options are the verdict scale, shown in its own order
        assert max(counts.values()) - min(counts[p] for p in range(1, n + 1)) <= 1, (n, counts)


def question(qid: str, right_text: str, wrong: list[str], prompt="Which is it?") -> Question:
    options = [Option(text=right_text, correct=True, feedback="right")]
    options += [Option(text=t, feedback="wrong") for t in wrong]
    return Question(id=qid, kind="single", prompt=prompt, options=options)


def test_a_bank_whose_right_answer_is_the_longest_is_caught_with_its_ids():
    biased = [
        question(f"q{i}", "The careful answer, with every qualifier it needs", ["Never", "Always"])
        for i in range(6)
    ]
    cues = guessing.report(assign(biased))
    failures = "\n".join(cues.failures())
    assert "guessing 'always the longest' scores 100%" in failures
    assert "q0, q1, q2, q3, q4, q5" in failures
    assert "the right option is the longest in 100%" in failures
    assert cues.scores["always the shortest"] == 0


def test_a_bank_whose_right_answer_is_always_last_is_caught():
    wide = [
        Question(
            id=f"w{i}",
            kind="single",
            prompt="Pick one",
            options=[Option(text=f"option {k}", correct=k == 3, feedback="f") for k in range(4)],
            display_order=(0, 1, 2, 3),  # as written, answer last: not balanced
        )
        for i in range(5)
    ]
    cues = guessing.report(wide)
    assert cues.scores["always the last"] == 100
    assert cues.positions[4][4] == 5
    assert any("always the last" in f and "w0" in f for f in cues.failures())
    balanced = guessing.report(assign(wide))
    assert sorted(balanced.positions[4].values()) == [1, 1, 1, 2]


def test_the_middle_number_and_echo_strategies_pick_what_they_say():
    numbers = assign([question("nums", "About 4 points", ["About 23 points", "About 50 points"])])
    shown = [o.text for _, o in numbers[0].shown]
    assert guessing._middle_number(numbers[0]) == shown.index("About 23 points")
    echo = question(
        "echo",
        "To see what the needling itself adds",
        ["Because sham needling in trials is acupuncture", "To save money"],
        prompt="Why do trials compare acupuncture with sham needling?",
    )
    shown = [o.text for _, o in echo.shown]
    assert guessing._echo(echo) == shown.index("Because sham needling in trials is acupuncture")


def test_verdict_questions_keep_the_scale_order_and_spread_their_answers():
    verdicts = [q for q in course_questions() if scale_order(q) is not None]
    assert len(verdicts) >= 6
    for q in verdicts:
        assert [o.text.lower() for _, o in q.shown] == SCALE[: len(q.options)]
    right = {q.options[min(q.correct_indices)].text.lower() for q in verdicts}
    assert right == set(SCALE), right  # every verdict is the answer at least once


def test_course_check_fails_on_a_biased_bank_and_names_the_questions(content_copy):
    extra = "".join(
        f"""  - id: biased-{i}
    kind: single
    prompt: Which statement about study {i} is right?
    options:
      - text: The careful answer, with every qualifier and caveat that it needs to be right
        correct: true
        feedback: Right.
      - text: Never.
        feedback: No.
      - text: Always.
        feedback: No.
"""
        for i in range(30)
    )
    path = content_copy / "quizzes" / "01-back-pain.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("questions:\n", "questions:\n" + extra, 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "course", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "quiz cue problem(s)" in result.stderr
    assert "the right option is the longest in" in result.stderr
    assert "biased-0" in result.stderr and "biased-29" in result.stderr
    assert "guessing 'always the longest'" in result.stdout  # the scores are printed too
