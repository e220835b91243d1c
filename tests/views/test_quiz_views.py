"""The quiz in Jupyter (ipywidgets, driven from Python) and as static HTML."""

import json
from html.parser import HTMLParser

from course.answer_file import AnswerFile
from course.loader import store
from course.model.quiz import Option, Question
from course.output.markers import MARKER
from course.views.quiz import quiz
from course.views.quiz_html import render_quiz


def test_widget_grades_gives_teaching_feedback_and_scores():
    shown = quiz("01-back-pain")
    widget = shown.widget
    bank = store.get().quiz("01-back-pain")
    first = bank.questions[0]
    wrong = next(i for i, o in enumerate(first.options) if not o.correct)
    right = next(i for i, o in enumerate(first.options) if o.correct)

    widget.selectors[first.id].value = wrong  # as a learner clicking a radio button
    widget.buttons[first.id].click()
    assert first.options[wrong].feedback.split()[0] in widget.feedback[first.id].value
    assert "Not quite" in widget.feedback[first.id].value
    assert "<strong>0</strong> of 6" in widget.score.value

    widget.selectors[first.id].value = right  # retry
    widget.buttons[first.id].click()
    assert "Correct." in widget.feedback[first.id].value
    assert "Sources:" in widget.feedback[first.id].value
    assert "<strong>1</strong> of 6" in widget.score.value


def test_widget_multiple_choice_and_progress_restored():
    widget = quiz("01-back-pain", ["bp-harris-caveats"]).widget
    question = widget.questions["bp-harris-caveats"]
    # boxes are in display order; map them back to authoring indices as a learner sees them
    boxes = dict(
        zip(
            [i for i, _o in question.shown],
            widget.selectors["bp-harris-caveats"].children,
            strict=True,
        )
    )
    assert [b.description for b in boxes.values()] == [o.text for _i, o in question.shown]
    boxes[min(question.correct_indices)].value = True
    widget.buttons["bp-harris-caveats"].click()
    assert "Partly right: one more right option" in widget.feedback["bp-harris-caveats"].value
    for i in question.correct_indices:
        boxes[i].value = True
    widget.buttons["bp-harris-caveats"].click()
    assert widget.correct_count == 1

    saved = AnswerFile().answers("01-back-pain")["bp-harris-caveats"]
    assert saved["correct"] is True and saved["attempts"] == 2
    again = quiz("01-back-pain", ["bp-harris-caveats"]).widget  # a new session
    assert again.correct_count == 1
    assert again.selected("bp-harris-caveats") == set(question.correct_indices)
    again.reset_button.click()
    assert AnswerFile().answers("01-back-pain") == {}
    assert again.selected("bp-harris-caveats") == set()


def test_display_bundle_carries_widget_and_static_html():
    bundle = quiz("00-start-here")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'data-quiz="00-start-here"' in bundle["text/html"]
    assert bundle[MARKER]["render"] == "text/html"
    assert "bmj-bp-ces" in bundle[MARKER]["sources"]


class Contract(HTMLParser):
    """Collects the structure the static-quiz contract promises."""

    def __init__(self):
        super().__init__()
        self.stack, self.questions, self.inputs_in_label, self.legends = [], [], 0, 0
        self.buttons, self.live = 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-question-id" in a:
            self.questions.append(a["data-question-id"])
        if tag == "input" and "label" in self.stack and "fieldset" in self.stack:
            self.inputs_in_label += 1
        if tag == "legend" and "fieldset" in self.stack:
            self.legends += 1
        if tag == "button":
            self.buttons += 1
        if a.get("aria-live") == "polite":
            self.live += 1
        if tag not in ("input", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass


def test_static_html_follows_the_contract():
    bank = store.get().quiz("01-back-pain")
    shown = quiz("01-back-pain")
    parser = Contract()
    parser.feed(shown.static_html())
    assert parser.questions == [q.id for q in bank.questions]
    assert parser.inputs_in_label == sum(len(q.options) for q in bank.questions)
    assert parser.legends == len(bank.questions)
    assert parser.buttons == len(bank.questions) + 1  # one Check each, plus Reset
    assert parser.live == len(bank.questions) + 1  # feedback regions plus the score


def test_static_html_escapes_injected_markup():
    evil = Question(
        id="evil",
        kind="single",
        prompt='<script>alert("x")</script> Which?',
        options=[
            Option(text='<img src=x onerror="alert(1)">', correct=True, feedback="<b>bold</b>"),
            Option(text="plain", feedback='" onmouseover="alert(2)'),
        ],
        sources=[],
    )
    html = render_quiz("test-bank", [evil], "T", {"evil": []})
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert 'onmouseover="alert' not in html
    messages = html.split('data-messages="')[1].split('"')[0]
    assert json.loads(messages.replace("&#34;", '"'))["correct"] == "Correct."


def test_saved_answers_that_do_not_fit_the_question_are_not_restored():
    """Answers saved for an older version of a question (an option it no longer has, two
    options where it now takes one) leave that question unanswered instead of breaking the
    quiz; a stored "correct" is graded again, never trusted."""
    bank = store.get().quiz("01-back-pain")
    single = next(q for q in bank.questions if q.kind != "multiple")
    multiple = next(q for q in bank.questions if q.kind == "multiple")
    wrong = next(i for i, o in enumerate(single.options) if not o.correct)
    fits = next(q for q in bank.questions if q.id not in (single.id, multiple.id))
    right = min(fits.correct_indices)
    progress = AnswerFile()
    progress.record("01-back-pain", fits.id, [right], True)
    data = json.loads(progress.path.read_text())
    data["lessons"]["01-back-pain"].update(
        {
            single.id: {"selected": [wrong], "correct": True, "attempts": 1},  # not trusted
            multiple.id: {"selected": [0, 17], "correct": True, "attempts": 1},  # no option 17
            "removed-question": {"selected": [0], "correct": True, "attempts": 1},
        }
    )
    progress.path.write_text(json.dumps(data))
    widget = quiz("01-back-pain").widget
    assert set(widget.grades) == {fits.id, single.id}
    assert widget.grades[fits.id].correct and not widget.grades[single.id].correct
    assert widget.correct_count == 1
    assert widget.selected(multiple.id) == set()
    assert single.takes([wrong]) and not single.takes([0, 1]) and not multiple.takes([0, 17])
    assert not single.takes([]) and not single.takes("0") and not single.takes([True])
