"""Warning signs come from one file (issue 23): red_flags.yml is validated, every list the
course shows renders from it, and a list written by hand anywhere else is rejected with
its file and line."""

import json
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from course import paths
from course.builder import checks
from course.loader import store
from course.model.red_flags import (
    SignMatcher,
    longest_sentence,
)
from course.views.red_flags import red_flags, signs_context
from tests.conftest import edit, line_of, problems_for

# The emergency list as lesson 07 once had it, typed by hand: what drift looks like.
HAND_WRITTEN = """## Red flags, again

**Emergency care straight away** (A&E or 999 in the UK) if back or leg pain comes with:

- problems passing urine or controlling your bladder or bowels;
- numbness between the inner thighs, around the genitals or bottom;
- pain, tingling, numbness or weakness in both legs.
"""


def back_pain():
    return store.get().red_flags["back-pain"]


def test_four_tiers_with_the_nhs_actions():
    signs = back_pain()
    assert [t.level.value for t in signs.tiers] == ["emergency", "same-day", "urgent", "routine"]
    assert signs.tiers[0].heading.startswith("Call 999 or go to A&E")
    assert "NHS 111" in signs.tiers[2].heading


def test_the_audits_safety_points_are_in_the_tiers():
    tiers = {t.level.value: {s.id for s in t.items} for t in back_pain().tiers}
    assert "cancer" in tiers["same-day"]  # after cancer: seen within 24 hours, never wait-and-see
    assert "cancer-nerves" in tiers["emergency"]  # with new leg symptoms: NICE emergency
    assert "fever" in tiers["same-day"]  # fever: the same day, everywhere
    assert {"night-pain", "cough-sneeze", "upper-back", "lump", "weight-loss"} <= tiers["urgent"]
    assert "aneurysm" in tiers["emergency"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "            text: chest pain\n",
            "            text: chest pain, or pain that spreads to your arm, jaw, neck or back, "
            "and you feel sick, sweaty or very breathless\n",
            "[chest-pain] 21 words: one symptom per item, in 20 words or fewer",
        ),
        (
            '        heading: "See a doctor today if you have back pain and:"',
            '        heading: "See a doctor today if you have back pain"',
            "[same-day] a tier's heading is the action, ending in ':'",
        ),
        (
            "      - id: urgent\n        level: urgent",
            "      - id: urgent\n        level: emergency",
            "[back-pain] tiers go from most to least urgent",
        ),
        (
            "            why: a cancer.\n",
            "            why: >-\n              a cancer, which doctors look for with blood tests "
            "and scans when weight falls without a reason\n              and the pain does not "
            "settle with rest or sleep.\n",
            "[weight-loss] a sentence of 27 words",
        ),
    ],
)
def test_a_malformed_warning_sign_is_rejected_with_its_line(content_copy, old, new, message):
    path = content_copy / "red_flags.yml"
    edit(path, old, new)
    found = [p for p in problems_for(content_copy) if "red_flags.yml" in p]
    assert len(found) == 1, found
    assert message in found[0]
    where = found[0].split(": ")[0]
    assert where.endswith(f"red_flags.yml:{found[0].split(':')[1]}")


def test_a_sign_typed_by_hand_in_another_content_file_fails_with_file_and_line(content_copy):
    path = content_copy / "summary.yml"
    edit(
        path,
        "      Whatever you choose, the warning signs come first.",
        "      Whatever you choose, get emergency care for bladder problems, numbness around your\n"
        "      genitals, or weakness in both legs.",
    )
    found = problems_for(content_copy)
    assert len(found) == 1, found
    # the finding's text starts on the line after its "- text: >-" key
    assert f"summary.yml:{line_of(path, 'Whatever you choose') - 1}: [findings 10]" in found[0]
    assert "lists warning signs by hand (both-legs, saddle, bladder-bowel)" in found[0]
    assert "red_flags.yml" in found[0]


def test_naming_one_or_two_signs_in_prose_is_not_a_copy():
    matcher = SignMatcher([back_pain()])
    text = "New bladder problems with numbness around the genitals need care straight away."
    assert matcher.signs_in(text) == ["saddle", "bladder-bowel"]
    assert matcher.copies(text) == []
    assert matcher.copies("Tell them if you have ever had cancer.") == []


def test_a_drifted_list_in_a_notebook_fails_the_check_with_its_line(tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS_DIR, notebooks)
    path = notebooks / "07-choosing-care.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "".join(c["source"]).startswith("## Red flags, again"))
    cell["source"] = HAND_WRITTEN.splitlines(keepends=True)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    problems, _ = checks.check_notebooks(store.get(), notebooks)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file.endswith("07-choosing-care.ipynb")
    assert problem.line == line_of(path, "problems passing urine")  # the list's first line
    assert "lists warning signs by hand (both-legs, saddle, peeing, bladder-bowel)" in str(problem)


def test_course_check_prints_the_longest_warning_sign_sentence():
    result = subprocess.run(
        [sys.executable, "-m", "course", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("Warning signs:"))
    longest = max(back_pain().texts(), key=longest_sentence)
    assert f"longest sentence {longest_sentence(longest)} words (limit 25)" in line
    assert repr(longest) in line


def test_every_form_renders_the_files_signs_in_order():
    signs = back_pain()
    full = BeautifulSoup(red_flags("back-pain").html(), "html.parser")
    items = [li for li in full.select("li[data-sign]")]
    assert [li["data-sign"] for li in items] == [s.id for s in signs.signs()]
    assert all(li.get_text().startswith(s.text) for li, s in zip(items, signs.signs(), strict=True))
    assert len(full.select(".red-flag-why")) == sum(1 for s in signs.signs() if s.why)
    labels = [
        t.select_one(".red-flag-label").get_text("", strip=True)
        for t in full.select(".red-flag-tier")
    ]
    assert labels == [f"{t.label}:" for t in signs.tiers]  # told apart in words, not colour
    assert len(full.select(".red-flag-tier svg[aria-hidden=true]")) == 4

    listed = BeautifulSoup(red_flags("back-pain", "list").html(), "html.parser")
    assert len(listed.select("li[data-sign]")) == len(signs.signs())
    assert not listed.select(".red-flag-why")

    short = signs_context("back-pain", "short")["signs"]
    assert [t["level"] for t in short["tiers"]] == ["emergency", "same-day"]
    assert "Lesson 00" in short["pointer"] and "NHS 111" in short["pointer"]


def test_a_deck_gives_each_tier_whole_to_a_slide_with_why_in_the_notes():
    pages = red_flags("back-pain").slides()
    signs = back_pain()
    shown = []
    for page in pages:
        soup = BeautifulSoup(page["html"], "html.parser")
        shown += [tier["data-tier"] for tier in soup.select(".red-flag-tier")]
        assert not soup.select(".red-flag-why")
    assert shown == [t.id for t in signs.tiers]
    first = BeautifulSoup(pages[0]["html"], "html.parser")
    assert [t["data-tier"] for t in first.select(".red-flag-tier")] == ["emergency"]
    assert "cauda equina" in pages[0]["notes"]


def test_an_unknown_list_or_form_fails_in_the_cell():
    with pytest.raises(KeyError, match="no warning-sign list 'after-needles'"):
        red_flags("after-needles")
    with pytest.raises(ValueError, match="form must be one of full, list, short"):
        red_flags("back-pain", "brief")


@pytest.mark.parametrize(
    "page, form",
    [
        ("index.html", "all"),
        ("summary.html", "all"),
        ("00-start-here.html", "all"),
        # lessons 07 and 08 remind: the 999 and same-day signs whole, then lesson 00
        ("07-choosing-care.html", "short"),
        ("08-review.html", "short"),
    ],
)
def test_pages_show_every_sign_from_the_file_and_no_list_by_hand(built_site, page, form):
    from course.views.red_flags import POINTER, SHORT_LEVELS

    soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    rendered = soup.select(".course-red-flags")
    assert rendered, f"{page} shows no warning signs"
    tiers = back_pain().tiers
    if form == "short":
        tiers = [t for t in tiers if t.level.value in SHORT_LEVELS]
    expected = [s.text for t in tiers for s in t.items]
    assert len(expected) >= 10
    for block in rendered:
        texts = [li.contents[0].strip() for li in block.select("li[data-sign]")]
        assert texts == expected
        assert (POINTER in block.get_text()) == (form == "short")
        block.decompose()
    for bibliography in soup.select(".course-bibliography"):
        bibliography.decompose()  # a source's note says what it lists, in its own words
    matcher = SignMatcher([back_pain()])
    for element in soup.find_all(["ul", "ol", "p", "table"]):
        assert not matcher.copies(element.get_text("\n")), (page, element.get_text(" ")[:200])


def test_every_deck_keeps_its_lists_in_the_rendered_component(built_site):
    matcher = SignMatcher([back_pain()])
    for deck in sorted((built_site / "slides").glob("*.html")):
        soup = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select(".course-red-flags"):
            block.decompose()
        for notes in soup.select("aside.notes, .course-bibliography"):
            notes.decompose()  # the notes say why each sign matters; sources describe theirs
        for element in soup.find_all(["ul", "ol", "p", "table"]):
            assert not matcher.copies(element.get_text("\n")), (
                deck.name,
                element.get_text(" ")[:200],
            )
