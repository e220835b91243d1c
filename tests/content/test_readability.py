"""Plain language, measured: the course reads at the level its learners need.

Targets (Flesch-Kincaid grade): lesson prose 9, claim-card evidence 10, every "In short"
line and the boxes on the index 8. ``python -m course check --readability`` prints the
same report for authors.
"""

import subprocess
import sys

from course.builder import readability
from course.loader import store


def test_every_lesson_claim_and_summary_line_meets_its_reading_target():
    scores = readability.report(store.load())
    kinds = {s.kind for s in scores}
    assert kinds == {"lesson", "evidence", "in short"}
    over = [f"{s.kind} {s.name}: grade {s.grade:.1f} > {s.target:g}" for s in scores if not s.ok]
    assert not over, "\n".join(over)


def test_every_lesson_and_claim_card_has_a_bottom_line():
    data = store.load()
    assert all(lesson.in_short for lesson in data.syllabus.lessons)
    assert all(claim.in_short for claim in data.claims.values())
    for lesson in data.syllabus.lessons:
        assert lesson.in_short.count(". ") <= 2, lesson.id  # at most three sentences


def test_prose_leaves_out_tables_notes_and_citations_and_splits_lists():
    text = readability.prose(
        "## A heading\n\nMost back pain improves [@hartvigsen2018].\n\n"
        "- stay active\n- **see a GP** if it is not better\n\n| a | b |\n| --- | --- |\n"
    )
    assert text == "Most back pain improves. stay active. see a GP if it is not better."
    hard = readability.grade(
        "Notwithstanding methodological heterogeneity, randomisation "
        "substantially attenuates confounding attributable to unmeasured "
        "characteristics."
    )[0]
    easy = readability.grade("Most back pain gets better. Keep moving. See a GP if it does not.")[0]
    assert hard > 12 > 6 > easy


def test_check_command_prints_the_report_and_fails_above_target(content_copy):
    command = [sys.executable, "-m", "course", "check", "--readability"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "lesson    01-back-pain" in result.stdout
    assert "evidence: 81 texts" in result.stdout and "0 above target" in result.stdout
    claims = content_copy / "claims.yml"
    text = claims.read_text(encoding="utf-8")
    start = text.index("  - id: epi-millions-worldwide")
    evidence = text.index("    evidence: >-\n", start)
    hard = (
        "    evidence: >-\n      Notwithstanding considerable methodological heterogeneity, "
        "epidemiological investigations consistently demonstrate substantial prevalence "
        "attributable to musculoskeletal pathophysiology.\n"
    )
    end = text.index("    references:", evidence)
    claims.write_text(text[:evidence] + hard + text[end:], encoding="utf-8")
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if "epi-millions-worldwide" in x)
    assert line.startswith("evidence") and "ABOVE TARGET" in line
