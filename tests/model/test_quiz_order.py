"""Quizzes test understanding, not option order.

Options are shown in an order set by the loader (``course.model.quiz_order``): the same in
Jupyter, on the site and on the slides, the same in every build, and balanced so that the
correct answer does not sit in one position.
"""

from collections import Counter
from html.parser import HTMLParser

from course.loader import store
from course.model.quiz import Option, Question
from course.model.quiz_order import assign, correct_position
from course.views.quiz import quiz
from course.views.quiz_html import render_quiz


def home_questions(data):
    """Each bank's own questions (a review bank also borrows some; those count there too)."""
    return {bank_id: bank.questions for bank_id, bank in data.quizzes.items()}


def test_no_lesson_puts_most_correct_answers_in_one_position():
    table = {}
    for bank_id, questions in home_questions(store.load()).items():
        positions = Counter(p for q in questions if (p := correct_position(q)) is not None)
        total = sum(positions.values())
        table[bank_id] = dict(positions)
        assert total >= 3, f"{bank_id}: too few single-choice questions to balance"
        share = max(positions.values()) / total
        # four questions over three positions put two in one: half is the floor there
        assert share <= 0.50, f"{bank_id}: {share:.0%} of answers share a position {table}"


def test_true_false_answers_go_both_ways():
    data = store.load()
    answers = Counter()
    for bank_id, questions in home_questions(data).items():
        own = [q.options[min(q.correct_indices)].text for q in questions if q.kind == "true-false"]
        if len(own) >= 2:
            assert len(set(own)) == 2, f"{bank_id}: all true/false answers are {own[0]}"
        answers.update(own)
    assert answers["True"] and answers["False"], answers
    assert 1 / 3 <= answers["True"] / (answers["True"] + answers["False"]) <= 2 / 3, answers


def test_multiple_choice_answers_are_not_the_first_options():
    leading = total = 0
    for questions in home_questions(store.load()).values():
        for q in questions:
            if q.kind == "multiple":
                shown = [q.display_order.index(i) for i in q.correct_indices]
                leading += sorted(shown) == list(range(len(shown)))
                total += 1
    assert total >= 5 and leading / total < 0.5, (leading, total)


def test_order_is_reproducible_and_independent_of_where_the_author_wrote_the_answer():
    def question(qid, right):
        options = [
            Option(text=f"option {i}", correct=i == right, feedback=f"because {i}")
            for i in range(3)
        ]
        return Question(id=qid, kind="single", prompt="Which?", options=options)

    bank = [question(f"q-{n}", right=0) for n in range(6)]
    first, again = assign(bank), assign(bank)
    assert [q.display_order for q in first] == [q.display_order for q in again]
    assert Counter(correct_position(q) for q in first) == Counter({0: 2, 1: 2, 2: 2})
    # grading still uses authoring indices: option 0 is right wherever it is shown
    assert all(q.grade({0}).correct for q in first)
    assert {q.display_order for q in first} != {(0, 1, 2)}


class Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = []
        self.qid = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-question-id" in attrs:
            self.qid = attrs["data-question-id"]
        if tag == "input":
            self.rows.append((self.qid, int(attrs["value"])))


def test_site_and_jupyter_show_the_same_order():
    bank = store.load().quiz("04-the-research")
    parser = Inputs()
    labels = {q.id: [] for q in bank.questions}
    parser.feed(render_quiz("04-the-research", bank.questions, "Quiz", labels))
    widget = quiz("04-the-research").widget
    for q in bank.questions:
        order = [i for i, _o in q.shown]
        assert [v for qid, v in parser.rows if qid == q.id] == order, q.id
        selector = widget.selectors[q.id]
        if q.kind == "multiple":
            labels = [box.description for box in selector.children]
        else:
            labels = [label for label, _v in selector.options]
        assert labels == [q.options[i].text for i in order], q.id
