"""`python -m course preview` as an author uses it: a page open in the browser, files
saved in an editor, the page updating by itself; a mistake shown over the page and gone
when fixed; the site left whole when the preview stops."""

import os
import re

import pytest

from course.builder import state
from course.preview.process import PreviewProcess, add_to_paragraph

LESSON = "04-the-research"
WAIT_MS = 90_000  # correctness, not speed (scripts/bench.py times it): a busy CI machine


@pytest.fixture()
def preview(tmp_path, built_site, build_root):
    running = PreviewProcess(tmp_path, build_root / "cache")
    yield running
    running.kill()


def open_live(page, preview, name=f"{LESSON}.html"):
    """Open ``name`` once the first build has written it, with its event stream open."""
    page.goto(f"{preview.url}/{name}")
    page.wait_for_function(
        "() => document.documentElement.dataset.coursePreview === 'live' && "
        "!document.title.startsWith('Building')",
        timeout=WAIT_MS,
        polling=200,
    )


def test_a_saved_prose_edit_shows_in_the_open_page_without_a_reload(preview, page):
    open_live(page, preview)
    page.evaluate(
        "() => { window.__sameDocument = true; }"
    )  # survives only if nobody reloads by hand
    add_to_paragraph(
        preview.notebooks / f"{LESSON}.ipynb", "Ask your GP what a small effect means."
    )
    edit = page.get_by_text("Ask your GP what a small effect means.")
    edit.wait_for(state="visible", timeout=WAIT_MS)
    # the page reloaded itself (the marker is gone with the old document), nothing else did
    assert page.evaluate("() => window.__sameDocument") is None
    assert page.locator("#course-preview-problems").count() == 0
    assert re.search(rf"{LESSON}\.html ready in \d+\.\d+ s", preview.log()), preview.log()
    assert page.errors == [] and page.external_requests == []


def test_a_yaml_mistake_shows_over_the_page_with_file_and_line_and_clears_when_fixed(preview, page):
    open_live(page, preview)
    claims = preview.content / "claims.yml"
    good = claims.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    broken = "".join(lines[:6]) + "  oops: [never closed\n" + "".join(lines[6:])
    claims.write_text(broken, encoding="utf-8")
    overlay = page.locator("#course-preview-problems")
    overlay.wait_for(state="visible", timeout=WAIT_MS)
    assert overlay.get_attribute("role") == "alert"
    first = overlay.locator("li").first.inner_text()
    assert re.search(r"claims\.yml:\d+", first) and "invalid YAML" in first, first
    # the last good page is still there underneath
    assert page.get_by_role("heading", level=1).count() == 1
    claims.write_text(good, encoding="utf-8")
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    # the terminal says it too
    assert "claims.yml" in preview.log() and "invalid YAML" in preview.log()


def test_a_half_saved_file_and_a_burst_of_saves_end_in_the_last_save(preview, page):
    open_live(page, preview)
    path = preview.notebooks / f"{LESSON}.ipynb"
    for n in range(1, 6):  # an editor saving five times in a row
        text = add_to_paragraph(path, f"Burst save number {n}.")
        add_to_paragraph(path, "x")  # and each time undoing it, so only the last one stays
        path.write_text(text, encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")  # the first half of a save
    path.write_text(text, encoding="utf-8")  # then the whole of it
    page.get_by_text("Burst save number 5.").wait_for(state="visible", timeout=WAIT_MS)
    batches = preview.log().count("saved:")
    assert 1 <= batches <= 3, preview.log()  # coalesced, not one rebuild per save
    assert page.locator("#course-preview-problems").count() == 0


def test_stopping_the_preview_leaves_a_whole_site_that_holds_the_last_save(preview, page):
    open_live(page, preview)
    add_to_paragraph(preview.notebooks / f"{LESSON}.ipynb", "Saved just before stopping.")
    page.get_by_text("Saved just before stopping.").wait_for(state="visible", timeout=WAIT_MS)
    assert preview.stop() == 0, preview.log()
    assert "is a complete site" in preview.log()
    site = preview.site
    assert "Saved just before stopping." in (site / f"{LESSON}.html").read_text("utf-8")
    assert "Saved just before stopping." in (site / "slides" / f"{LESSON}.html").read_text("utf-8")
    # what a new build would make of these files is what is there: nothing left to do
    options = state.Options(out=site, cache_dir=preview.cache, notebooks_dir=preview.notebooks)
    os.environ["COURSE_CONTENT_DIR"] = str(preview.content)
    try:
        assert state.up_to_date(options)[0]
    finally:
        del os.environ["COURSE_CONTENT_DIR"]
    leaked = [p for p in site.rglob("*.html") if "__preview__" in p.read_text("utf-8")]
    assert leaked == []
    assert not list(site.parent.glob(".site.tmp-*"))
