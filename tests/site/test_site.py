"""The course site as learners and instructors use it, in real Chromium with the network cut:
keyboard-only quizzes, search, progress, glossary, claims filter, print, dark mode, decks."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from course import paths
from tests.conftest import answer_correctly, lesson_ids

pytestmark = pytest.mark.browser
SHOTS = paths.REPO_DIR / "test-results" / "screenshots"


@pytest.mark.parametrize("lesson", lesson_ids())
def test_every_quiz_can_be_completed_with_the_keyboard_alone(page, site_url, lesson):
    page.goto(f"{site_url}/{lesson}.html")
    # a practice set folded under its title opens from the keyboard: Tab to it, Enter
    folds = page.locator("details.course-fold:has([data-question-id])")
    for n in range(folds.count()):
        folds.nth(n).locator("summary").first.focus()
        page.keyboard.press("Enter")
        assert folds.nth(n).get_attribute("open") is not None
    questions = page.locator("[data-question-id]")
    total = questions.count()
    assert total >= 4
    for n in range(total):
        q = questions.nth(n)
        inputs = q.locator("input")
        correct = [
            i
            for i in range(inputs.count())
            if inputs.nth(i).get_attribute("data-correct") is not None
        ]
        inputs.first.focus()
        if q.get_attribute("data-kind") == "multiple":
            for i in range(inputs.count()):
                if i in correct:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        else:
            if correct[0] == 0:
                page.keyboard.press("Space")
            for _ in range(correct[0]):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "course-check"
        page.keyboard.press("Enter")
        assert "Correct." in q.locator(".course-feedback").inner_text(), q.get_attribute(
            "data-question-id"
        )
    scores = page.locator("[data-score]")
    assert sum(int(scores.nth(i).inner_text()) for i in range(scores.count())) == total
    assert page.external_requests == [] and page.errors == []


def test_search_finds_lessons_glossary_and_claims_offline(page, site_url):
    page.goto(f"{site_url}/index.html")
    page.get_by_label("Search the course").fill("pneumothorax")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=pneumothorax")
    status = page.locator("[data-search-status]")
    status.filter(has_text="result").wait_for(timeout=10000)
    links = page.locator("[data-search-results] a")
    titles = [links.nth(i).inner_text() for i in range(links.count())]
    assert "Risks, side effects and safety" in " ".join(titles)
    assert any("Glossary" in t for t in titles)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(h and t.strip() for h, t in zip(hrefs, titles, strict=True)), (hrefs, titles)
    # a matching section of the lesson is offered and lands on its heading
    section = page.locator("[data-search-results] .search-sections a").first
    target = section.get_attribute("href")
    assert "#" in target and target.split("#")[0].endswith(".html"), target
    section.click()
    page.wait_for_load_state()
    anchor = target.split("#")[1]
    assert page.url.endswith("#" + anchor)
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.external_requests == [] and page.errors == []


LEARNER_QUERIES = {
    "what should I do about my back pain": None,  # any lesson
    "is acupuncture safe": "05-risks-and-safety.html",
    "how many sessions": "06-how-often.html",
    "acupunture": None,  # a typo: corrected, then any lesson
    "sham": "04-the-research.html",
    "red flags": "00-start-here.html",
}
LESSON = re.compile(r"^\d\d-[a-z0-9-]+\.html")
REFERENCE_PAGES = ("references.html", "claims.html", "instructor.html", "figures.html")


@pytest.mark.parametrize("query", list(LEARNER_QUERIES))
def test_a_learners_question_finds_a_lesson_first(page, site_url, query):
    """Six questions a learner asks: a lesson answers first; the references, claims,
    instructor and figures pages (which hold every word too) come after every lesson; a
    typo is corrected; excerpts keep their highlighted words."""
    page.goto(f"{site_url}/search.html?q={query}")
    status = page.locator("[data-search-status]")
    status.filter(has_text="result").wait_for(timeout=10000)
    hrefs = page.eval_on_selector_all(
        "[data-search-results] > li > a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert hrefs and LESSON.match(hrefs[0]), hrefs
    if LEARNER_QUERIES[query]:
        assert hrefs[0] == LEARNER_QUERIES[query], hrefs
    lessons = [i for i, h in enumerate(hrefs) if LESSON.match(h)]
    late = [i for i, h in enumerate(hrefs) if h.startswith(REFERENCE_PAGES)]
    assert not late or min(late) > max(lessons), hrefs
    if query == "acupunture":
        assert "Showing results for “acupuncture” (you typed “acupunture”)" in status.inner_text()
    assert page.locator("[data-search-results] .search-excerpt mark").count() > 0
    assert page.external_requests == [] and page.errors == []


def test_index_shows_progress_and_can_export_and_reset_it(page, site_url):
    page.goto(f"{site_url}/01-back-pain.html")
    answer_correctly(page, "bp-nonspecific")
    page.goto(f"{site_url}/index.html")
    progress = page.locator('[data-lesson-progress="01-back-pain"]')
    assert progress.inner_text() == "Quiz: 1 of 6 answered, 1 correct"
    page.evaluate(  # watch the export free its blob URL (no leak per export)
        "() => { window.revoked = []; const free = URL.revokeObjectURL.bind(URL);"
        " URL.revokeObjectURL = (u) => { window.revoked.push(String(u)); free(u); }; }"
    )
    with page.expect_download() as info:
        page.get_by_role("button", name="Export my progress (JSON)").click()
    saved = Path(info.value.path())
    page.wait_for_function("() => window.revoked.length > 0")
    revoked = page.evaluate("window.revoked")
    assert len(revoked) == 1 and revoked[0].startswith("blob:"), revoked
    exported = json.loads(saved.read_text())
    assert exported["quizzes"]["quiz:01-back-pain"]["bp-nonspecific"]["correct"] is True
    message = page.locator("[data-progress-message]")

    # reset asks first: cancelling keeps everything, accepting deletes it
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset my progress").click()
    assert message.inner_text() == "Nothing was reset."
    assert progress.inner_text() == "Quiz: 1 of 6 answered, 1 correct"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset my progress").click()
    assert progress.inner_text() == "Quiz: not started"
    page.reload()
    assert progress.inner_text() == "Quiz: not started"

    # import brings the exported answers back; a damaged file changes nothing
    chooser = page.get_by_label("Import my progress (JSON)")
    chooser.set_input_files(str(saved))
    expect(message).to_have_text("Imported your answers for 1 lesson(s).")
    assert progress.inner_text() == "Quiz: 1 of 6 answered, 1 correct"
    broken = saved.with_name("broken.json")
    damaged = dict(exported, quizzes={"quiz:01-back-pain": {"bp-nonspecific": {"selected": "x"}}})
    for content, reason in (
        ("{not json", "the file is not valid JSON."),
        (json.dumps({"course": "other"}), "this is not a progress file exported from this course."),
        (json.dumps(damaged), 'the answer "bp-nonspecific" in quiz:01-back-pain is damaged.'),
    ):
        broken.write_text(content)
        page.evaluate("document.querySelector('[data-progress-message]').textContent = ''")
        chooser.set_input_files(str(broken))
        expect(message).to_have_text(f"Not imported: {reason} Nothing was changed.")
        assert progress.inner_text() == "Quiz: 1 of 6 answered, 1 correct"
    assert page.external_requests == [] and page.errors == []


def test_damaged_storage_reads_as_no_answers(page, site_url):
    page.goto(f"{site_url}/01-back-pain.html")
    page.evaluate("localStorage.setItem('acupuncture-course:quiz:01-back-pain', '\"oops\"')")
    page.reload()
    q = answer_correctly(page, "bp-nonspecific")
    assert "Correct." in q.locator(".course-feedback").inner_text()
    assert page.locator("[data-score]").inner_text() == "1"
    assert page.errors == []


def test_glossary_terms_explain_on_hover_and_on_focus(page, site_url):
    page.goto(f"{site_url}/03-how-might-it-work.html")
    term = page.locator(".gloss").filter(has_text="naloxone").first
    tip = term.locator('[role="tooltip"]')
    assert not tip.is_visible()
    term.locator("a").focus()
    assert tip.is_visible() and "opioid" in tip.inner_text()
    page.mouse.move(0, 0)
    page.locator("h1").first.click()
    assert not tip.is_visible()
    term.hover()
    assert tip.is_visible()
    described = term.locator("a").get_attribute("aria-describedby")
    assert page.locator(f"#{described}").count() == 1
    term.locator("a").click()
    assert page.url.endswith("glossary.html#term-naloxone")


def test_claims_page_filters_offline_and_links_to_lessons(page, site_url):
    page.goto(f"{site_url}/claims.html")
    rows = page.locator("[data-claim-row]")
    total = rows.count()
    assert total >= 80
    page.locator("select[name=verdict]").select_option(label="Not supported")
    visible = page.locator("[data-claim-row]:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    assert page.locator("[data-claims-count]").inner_text() == f"Showing {shown} of {total} claims."
    page.locator("select[name=article]").select_option("004")
    both = page.locator("[data-claim-row]:not([hidden])").count()
    assert 0 < both <= shown
    first = page.locator("[data-claim-row]:not([hidden])").first
    assert "Not supported" in first.inner_text() and "Article 004" in first.inner_text()
    link = first.locator(".claim-taught a.claim-lesson")
    lesson, _, anchor = link.get_attribute("href").partition("#")
    assert re.fullmatch(r"\d\d-[a-z0-9-]+\.html", lesson), lesson
    link.click()
    page.wait_for_url(re.compile(re.escape(lesson)))
    assert page.locator("h1.lesson-title").is_visible()
    if anchor:  # the card itself, on the lesson that teaches the claim
        assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.external_requests == [] and page.errors == []


def test_phone_width_print_and_dark_mode(browser, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{site_url}/04-the-research.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(SHOTS / "lesson-360px.png"))
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".course-check").first.is_visible()
    assert page.locator(".course-question legend").first.is_visible()
    page.emulate_media(media="screen", color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 25, 28)"
    context.close()


def test_phone_menu_glossary_tables_and_figures(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{site_url}/03-how-might-it-work.html")
    # the lesson list is folded into a menu, so the lesson title is on the first screen
    assert not page.locator(".site-nav ol").is_visible()
    title = page.locator("h1.lesson-title").bounding_box()
    assert title["y"] + title["height"] < 740
    page.locator(".site-nav-menu summary").click()
    assert page.locator(".site-nav ol").is_visible()
    # a glossary definition stays inside the screen and closes with Escape (WCAG 1.4.13)
    term = page.locator(".gloss").first
    term.locator("a").focus()
    tip = term.locator(".gloss-tip").bounding_box()
    assert tip["x"] >= 0 and tip["x"] + tip["width"] <= 360, tip
    page.keyboard.press("Escape")
    assert not term.locator(".gloss-tip").is_visible()
    # wide tables scroll inside a focusable, named region; figures can be opened full size
    page.goto(f"{site_url}/04-the-research.html")
    region = page.locator(".table-scroll").first
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label").startswith("Table 1")
    full = page.locator(".figure-full a").first
    assert full.is_visible()
    assert page.request.get(f"{site_url}/" + full.get_attribute("href")).ok
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_screenshots_of_index_lesson_and_slide(browser, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    page.screenshot(path=str(SHOTS / "index.png"), full_page=True)
    page.goto(f"{site_url}/04-the-research.html")
    page.screenshot(path=str(SHOTS / "lesson-desktop.png"))
    page.goto(f"{site_url}/slides/04-the-research.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.screenshot(path=str(SHOTS / "slide-title.png"))
    from PIL import Image

    for name in ("index.png", "lesson-desktop.png", "slide-title.png"):
        with Image.open(SHOTS / name) as shot:  # a real picture of the page, not a blank
            assert shot.width == 1280 and shot.height >= 720, name
            assert len(shot.convert("L").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50
    context.close()


def test_deck_speaker_notes_print_pdf_and_links_back(page, site_url):
    page.goto(f"{site_url}/slides/05-risks-and-safety.html?print-pdf")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("document.documentElement.classList.contains('reveal-print')")
    # reveal lays out the print pages after "ready", later still on a loaded machine
    page.wait_for_function("() => document.querySelectorAll('.pdf-page').length >= 8")
    page.goto(f"{site_url}/slides/05-risks-and-safety.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("typeof Reveal.getPlugin('notes')") == "object"
    back = page.locator(".title-slide a", has_text="Lesson page")
    assert back.get_attribute("href") == "../05-risks-and-safety.html"
    assert page.external_requests == [] and page.errors == []


def test_speaker_view_opens_under_the_strict_policy_with_notes_timer_and_preview(page, site_url):
    page.goto(f"{site_url}/slides/05-risks-and-safety.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    with page.expect_popup() as info:
        page.keyboard.press("s")
    speaker = info.value
    speaker.wait_for_load_state()
    notes = speaker.locator(".speaker-controls-notes")
    expect(notes).to_contain_text("Lesson 05, about")  # the title slide's notes arrived
    expect(speaker.locator(".speaker-controls-time .timer")).to_be_visible()
    assert speaker.locator("iframe").count() >= 2  # current and upcoming slide previews
    page.keyboard.press("ArrowRight")
    expect(notes).not_to_contain_text("Lesson 05, about")  # it follows the deck
    assert "Loading" not in speaker.locator("body").inner_text()
    assert page.errors == []


def test_deck_quizzes_start_fresh_and_leave_the_presenters_answers_alone(page, site_url):
    page.goto(f"{site_url}/01-back-pain.html")
    answer_correctly(page, "bp-nonspecific")
    page.goto(f"{site_url}/slides/01-back-pain.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    deck_q = page.locator('[data-question-id="bp-nonspecific"]')
    assert deck_q.locator("input:checked").count() == 0
    assert deck_q.locator(".course-feedback").inner_text() == ""
    other = page.locator('[data-question-id="bp-sciatica"]')
    page.evaluate(
        "q => { const i = Reveal.getIndices(q.closest('section')); Reveal.slide(i.h, i.v); }",
        other.element_handle(),
    )
    other.locator("input").first.check()
    other.locator(".course-check").click()
    assert other.locator(".course-feedback").inner_text() != ""  # still graded in the room
    # on a slide the feedback takes the options' place; Try again brings them back, empty
    options = other.locator(".course-option")
    expect(options.first).to_be_hidden()
    other.get_by_role("button", name="Try again").click()
    expect(options.first).to_be_visible()
    assert other.locator(".course-feedback").inner_text() == ""
    expect(other.get_by_role("button", name="Try again")).to_be_hidden()
    expect(other.get_by_role("button", name="Check answer")).to_be_visible()
    page.goto(f"{site_url}/index.html")
    progress = page.locator('[data-lesson-progress="01-back-pain"]')
    assert progress.inner_text() == "Quiz: 1 of 6 answered, 1 correct"


def test_print_pdf_has_every_slide_and_nothing_cut(page, site_url, tmp_path):
    import shutil
    import subprocess

    assert shutil.which("pdftotext"), "poppler-utils is needed (.ci/run installs it)"
    # count the slides in the normal deck: once reveal has laid out the print pages, its
    # slide count is not reliable (it read 0 on a loaded CI machine)
    page.goto(f"{site_url}/slides/05-risks-and-safety.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 20
    page.goto(f"{site_url}/slides/05-risks-and-safety.html?print-pdf")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.wait_for_function("(n) => document.querySelectorAll('.pdf-page').length >= n", arg=total)
    pdf = tmp_path / "deck.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= total, (pages, total)
    # each slide once with its fragments shown (not one page per fragment step): the deck
    # has a dozen claim slides whose verdicts are fragments
    assert pages < total + 5, (pages, total)
    assert "858 x 593" in info and "612 x 792" not in info  # 1144 x 790 px slides, not Letter
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Risks, side effects and safety" in text and "Sources" in text.split("Check your")[-1]
    verdicts = page.locator(".course-claim .claim-verdict").count()
    printed = text.lower().count("verdict")  # the label is set in capitals
    assert verdicts >= 8 and printed >= verdicts, (printed, verdicts)


def test_claim_slides_let_the_room_guess_before_the_verdict(page, site_url):
    page.goto(f"{site_url}/slides/02-what-is-acupuncture.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    card = page.locator(".course-claim").first
    page.evaluate(
        "q => { const i = Reveal.getIndices(q.closest('section')); Reveal.slide(i.h, i.v, -1); }",
        card.element_handle(),
    )
    verdict, evidence = card.locator(".claim-verdict"), card.locator(".claim-evidence")
    assert "visible" not in (verdict.get_attribute("class") or "")
    colour = card.evaluate("e => getComputedStyle(e).borderLeftColor")
    page.keyboard.press("ArrowRight")  # the verdict
    assert "visible" in verdict.get_attribute("class")
    assert "visible" not in (evidence.get_attribute("class") or "")
    assert card.evaluate("e => getComputedStyle(e).borderLeftColor") != colour  # colour now too
    page.keyboard.press("ArrowRight")  # then the evidence
    assert "visible" in evidence.get_attribute("class")
    page.goto(f"{site_url}/02-what-is-acupuncture.html")
    assert page.locator(".course-claim .fragment").count() == 0  # the site shows it all
    assert page.errors == []


def test_a_claim_cards_evidence_folds_under_why_and_prints_whole(page, site_url, built_site):
    """The card reads quote, verdict, in short; the evidence paragraph opens under "Why this
    verdict?" (keyboard too), is in the page for search, and prints."""
    page.goto(f"{site_url}/02-what-is-acupuncture.html")
    card = page.locator(".course-claim").first
    evidence = card.locator(".claim-evidence")
    assert card.locator(".claim-in-short").is_visible() and not evidence.is_visible()
    why = card.locator("summary", has_text="Why this verdict?")
    why.focus()
    page.keyboard.press("Enter")
    expect(evidence).to_be_visible()
    page.keyboard.press("Enter")
    expect(evidence).to_be_hidden()
    page.emulate_media(media="print")
    expect(evidence).to_be_visible()
    assert not why.is_visible()
    pdf = page.pdf()
    assert len(pdf) > 10_000
    # in the page's HTML (Pagefind indexes it), and open in Jupyter's rendering
    from course.views.claims import ClaimCard

    shown = ClaimCard("hist-thousands-years")
    html = (built_site / "02-what-is-acupuncture.html").read_text(encoding="utf-8")
    assert 'class="claim-why"' in html and shown.claim.evidence[:60] in html
    from html import unescape

    assert "<details" not in shown.jupyter_html()
    assert shown.claim.evidence in unescape(shown.jupyter_html())


def test_the_index_folds_each_lessons_objectives(page, site_url):
    """The index reads as a list of lessons on a phone; objectives open on request."""
    page.goto(f"{site_url}/index.html")
    folds = page.locator("details.lesson-objectives-fold")
    assert folds.count() == len(lesson_ids())
    first = folds.first
    assert not first.locator("li").first.is_visible()
    first.locator("summary").click()
    expect(first.locator("li").first).to_be_visible()


@pytest.mark.parametrize("name", ["summary.html", "handout.html"])
def test_the_one_page_summary_prints_on_one_a4_page_with_every_warning_sign(page, site_url, name):
    """Printed, the summary is one A4 page: every warning sign kept, each finding as its
    short point, the disclaimer once (it printed on three or four pages); so is the
    patient's handout (what to do now, the short answer), offered by the index and lesson 00."""
    import subprocess
    import tempfile

    from course.loader import store

    page.goto(f"{site_url}/{name}")
    page.emulate_media(media="print")
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "summary.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info), info
    assert "(A4)" in info
    flat = " ".join(text.split())
    data = store.get()
    for tier in data.red_flags["back-pain"].tiers:
        for sign in tier.items:
            assert " ".join(sign.text.split())[:40] in flat, sign.id
    shown = data.summary.findings if name == "summary.html" else data.summary.short_answer
    for item in shown:
        assert " ".join((item.point or item.text).split())[:40] in flat, item
    assert flat.count("Educational, not medical advice") == 1
    if name == "handout.html":
        for offered in ("index.html", "00-start-here.html"):
            page.emulate_media(media="screen")
            page.goto(f"{site_url}/{offered}")
            assert page.locator("main a[href='handout.html']").count() == 1, offered
