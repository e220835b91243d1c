"""The site's one script: feature sources in modern syntax (course/templates/static/js),
joined into one classic script that runs where modules cannot, from file://."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from course.builder.assets import STATIC_DIR, course_script

SOURCES = sorted((STATIC_DIR / "js").glob("*.js"))


def test_each_feature_has_its_own_source_in_modern_syntax():
    names = [p.stem.split("-", 1)[1] for p in SOURCES]
    assert {"storage", "quiz", "explorable", "progress", "claims", "search", "screen"} <= set(names)
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"\bvar\s", text), f"{source.name}: use const or let"
        # (the keyword; "function" as typeof's answer is fine)
        assert not re.search(r'(?<!")\bfunction\b(?!")', text), f"{source.name}: use arrows"
        # joined into one classic script: a module statement would break every page
        assert not re.search(r"^\s*(import|export)\s", text, re.M), source.name


def test_the_site_ships_the_sources_joined_in_order(built_site):
    script = (built_site / "assets" / "course.js").read_text(encoding="utf-8")
    assert script == course_script()
    positions = [script.index(p.read_text(encoding="utf-8")) for p in SOURCES]
    assert positions == sorted(positions)
    assert script.rstrip().endswith("})();")


def test_the_joined_script_is_a_valid_classic_script(tmp_path):
    assert shutil.which("node"), "Node.js is needed (make course installs reveal.js with npm)"
    path = tmp_path / "course.js"
    path.write_text(course_script(), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # and the check is real: two features declaring the same name do not join
    path.write_text(course_script().replace("const NARROW", "const PREFIX"), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode != 0 and "PREFIX" in result.stderr


@pytest.mark.browser
def test_the_site_opened_from_files_grades_explores_and_keeps_answers(browser, built_site):
    """No server: the pages are opened as files, as from a USB stick or a downloaded folder."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith(("file://", "data:", "blob:")) else outside.append(r.url)
        ),
    )
    lesson = (built_site / "04-the-research.html").as_uri()
    page.goto(lesson)
    q = page.locator("[data-question-id]").first
    q.locator("input[data-correct]").first.check()
    q.get_by_role("button", name="Check answer").click()
    assert "Correct." in q.locator(".course-feedback").inner_text()

    figure = page.locator("[data-explorable-id]").first
    image = figure.locator("[data-explorable-image]")
    before = image.get_attribute("src")
    figure.locator("fieldset input").last.check()
    assert image.get_attribute("src") != before

    page.reload()
    assert (
        "Correct."
        in page.locator("[data-question-id]").first.locator(".course-feedback").inner_text()
    )

    page.goto((built_site / "search.html").as_uri() + "?q=sham")
    status = page.locator("[data-search-status]")
    status.filter(has_text="opened as files").wait_for()
    assert errors == [] and outside == []
    context.close()
