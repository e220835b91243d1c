"""Content validation: every malformed case names the file, the item and the line."""

import subprocess
import sys
import textwrap

import pytest

from course.loader import store
from tests.conftest import problems_for


def test_real_content_is_valid():
    data = store.load()
    assert [lesson.id for lesson in data.syllabus.lessons][:2] == ["00-start-here", "01-back-pain"]
    assert len(data.quizzes["01-back-pain"].questions) >= 5
    for bank in data.quizzes.values():
        for question in bank.questions:
            assert all(option.feedback for option in question.options)


def write(path, text):
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    if path.name == "01-back-pain.yml":  # the review bank includes lesson 01's questions by id
        review = path.parent / "08-review.yml"
        review.write_text(review.read_text().replace("- bp-nonspecific\n", ""), encoding="utf-8")


BANK = """
questions:
  - id: alpha
    kind: single
    prompt: First?
    options:
      - text: The first
        correct: true
        feedback: because
      - text: The second
        feedback: because not
    sources: [hartvigsen2018]
"""


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("        feedback: because not\n", "        feedbak: because not\n"),
            [
                "01-back-pain.yml:10: [alpha] unknown key 'options.1.feedbak'",
                "01-back-pain.yml:9: [alpha] missing field 'options.1.feedback'",
            ],
        ),
        (
            ("        correct: true\n", ""),
            ["01-back-pain.yml:5: [alpha] no option is marked correct"],
        ),
        (
            ("sources: [hartvigsen2018]", "sources: [nobody2099]"),
            ["01-back-pain.yml:11: [alpha] unknown reference or claim id 'nobody2099'"],
        ),
        (("    prompt: First?\n", ""), ["01-back-pain.yml:2: [alpha] missing field 'prompt'"]),
        (("    kind: single\n", "    kind: multiple\n"), []),
    ],
    ids=["misspelt-key", "no-correct-option", "unknown-reference", "missing-prompt", "valid"],
)
def test_malformed_bank_messages(content_copy, edit, expected):
    # the bank is replaced wholesale, so the teaching plans' questions from it are gone too
    (content_copy / "teaching.yml").unlink()
    text = BANK.replace(*edit)
    write(content_copy / "quizzes" / "01-back-pain.yml", text)
    if not expected:
        store.load(content_copy)
        return
    found = problems_for(content_copy)
    for message in expected:
        assert any(p.endswith(message) for p in found), (message, found)


def test_duplicate_ids_and_yaml_syntax_are_all_reported(content_copy):
    write(content_copy / "quizzes" / "01-back-pain.yml", BANK + BANK.split("questions:\n")[1])
    write(content_copy / "glossary.yml", "terms:\n  - id: x\n    term: [unclosed\n")
    found = problems_for(content_copy)
    assert any("01-back-pain.yml:12: [alpha] duplicate question id" in p for p in found), found
    assert any(
        "glossary.yml:4: invalid YAML: while parsing a flow sequence started on line 3" in p
        for p in found
    ), found


@pytest.mark.parametrize("broken", ["claims.yml", "references.yml"])
def test_a_file_that_does_not_parse_is_one_problem_not_one_per_id_it_holds(content_copy, broken):
    """What names its claims or references (quizzes, plans, cards) is not reported as
    naming unknown ids as well: the one problem to fix comes alone."""
    path = content_copy / broken
    text = path.read_text(encoding="utf-8").splitlines()
    text[4] = "  - id: [unclosed"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    found = problems_for(content_copy)
    assert len(found) == 1 and f"{broken}:" in found[0] and "invalid YAML" in found[0], found


def test_duplicate_question_across_banks(content_copy):
    write(
        content_copy / "quizzes" / "01-back-pain.yml",
        BANK.replace("id: alpha", "id: start-red-flag-bladder"),
    )
    found = problems_for(content_copy)
    assert any(
        "[start-red-flag-bladder] duplicate question id (also in 00-start-here)" in p for p in found
    ), found


def test_single_with_two_correct_and_all_correct_multiple(content_copy):
    two = BANK.replace(
        "        feedback: because not\n", "        correct: true\n        feedback: because not\n"
    )
    write(content_copy / "quizzes" / "01-back-pain.yml", two)
    assert any(
        "kind 'single' needs exactly one correct option" in p for p in problems_for(content_copy)
    )
    write(
        content_copy / "quizzes" / "01-back-pain.yml", two.replace("kind: single", "kind: multiple")
    )
    assert any("every option is correct" in p for p in problems_for(content_copy))


def test_claim_quote_too_long_and_unknown_reference(content_copy):
    path = content_copy / "claims.yml"
    text = path.read_text(encoding="utf-8")
    long_quote = " ".join(["word"] * 30)
    text = text.replace(
        "quote: Accidents often lead to structural damage needing immediate attention.",
        f"quote: {long_quote}",
    ).replace(
        "references: [nhs-back-pain, hull-red-flags, hartvigsen2018]", "references: [ghost-ref]"
    )
    path.write_text(text, encoding="utf-8")
    found = problems_for(content_copy)
    assert any(
        "[epi-accidents-structural] quote has 30 words; quote at most 25" in p for p in found
    )
    assert any(
        "[epi-accidents-structural] unknown reference or claim id 'ghost-ref'" in p for p in found
    )


def test_check_command_lists_every_problem_and_fails(content_copy):
    (content_copy / "teaching.yml").unlink()  # its plans name questions of the replaced bank
    write(
        content_copy / "quizzes" / "01-back-pain.yml",
        BANK.replace("        correct: true\n", "").replace("hartvigsen2018", "nobody"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "course", "check"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "2 content problem(s)" in result.stderr
    assert "no option is marked correct" in result.stderr
    assert "unknown reference or claim id 'nobody'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_command_passes_on_real_content():
    result = subprocess.run(
        [sys.executable, "-m", "course", "check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Content OK" in result.stdout


def test_a_glossary_definition_that_names_the_verdicts_takes_them_from_the_scale():
    """The "verdict" entry once listed five verdicts where the course uses six."""
    from course.loader import store
    from course.model.claims import GlossaryTerm
    from course.model.verdicts import Verdict

    definition = store.get().glossary["verdict"].definition
    for verdict in Verdict:
        assert verdict.label.lower() in definition.lower(), verdict
    term = GlossaryTerm(id="scale", term="scale", definition="One of: {verdicts}.")
    assert term.definition.endswith("could not be verified, or advice, not a research claim.")
