"""The built site and decks in real headless Chromium, with every outside request blocked."""

import itertools
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import answer_correctly, lesson_ids, open_folded_quizzes

pytestmark = pytest.mark.browser


def question(page, qid):
    return page.locator(f'[data-question-id="{qid}"]')


def test_quiz_by_keyboard_then_reload_keeps_the_answer(page, site_url):
    page.goto(f"{site_url}/01-back-pain.html")
    q = question(page, "bp-nonspecific")
    wrong = q.locator("input:not([data-correct])").first
    wrong.focus()
    page.keyboard.press("Space")  # select the focused (wrong) radio
    page.keyboard.press("Tab")  # to the Check button
    page.keyboard.press("Enter")
    feedback = q.locator(".course-feedback")
    assert "Not quite" in feedback.inner_text()
    # the feedback shown is the one written for the chosen option, whatever its position
    written = q.locator(f'.course-answers [data-option="{wrong.get_attribute("value")}"]')
    assert written.text_content().strip() in feedback.inner_text()
    q.locator("input[data-correct]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert "Correct." in feedback.inner_text()
    assert "Sources:" in feedback.inner_text()
    assert page.locator("[data-score]").inner_text() == "1"

    page.reload()
    q = question(page, "bp-nonspecific")
    assert q.locator("input[data-correct]").is_checked()
    assert "Correct." in q.locator(".course-feedback").inner_text()
    assert page.locator("[data-score]").inner_text() == "1"
    assert page.external_requests == [] and page.errors == []


def test_quiz_by_mouse_multiple_choice_and_reset(page, site_url):
    page.goto(f"{site_url}/01-back-pain.html")
    q = question(page, "bp-harris-caveats")
    q.get_by_text("It was an online survey").click()
    q.get_by_role("button", name="Check answer").click()
    assert "Partly right: one more right option" in q.locator(".course-feedback").inner_text()
    q.get_by_text("The article misquotes the poll").click()
    q.get_by_role("button", name="Check answer").click()
    feedback = q.locator(".course-feedback").inner_text()
    assert "Not quite" in feedback and "here it passes" in feedback
    q.get_by_label("The article misquotes the poll").click()  # untick it again
    q.get_by_label("It was sponsored by a company").click()
    q.get_by_role("button", name="Check answer").click()
    assert "Correct." in q.locator(".course-feedback").inner_text()
    page.get_by_role("button", name="Reset my answers").click()
    assert q.locator(".course-feedback").inner_text() == ""
    assert not q.locator("input").first.is_checked()
    page.reload()
    assert page.locator("[data-score]").inner_text() == "0"


def test_deck_navigates_with_arrow_keys_and_quiz_works_there(page, site_url):
    page.goto(f"{site_url}/slides/00-start-here.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 1
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 8
    q = question(page, "start-red-flag-bladder")
    # one question per slide: the first under "Check your understanding", each further one
    # on a slide of its own below it
    slide = q.element_handle().evaluate("e => Reveal.getIndices(e.closest('section'))")
    heading = page.locator("h2", has_text="Check your understanding")  # hidden slides: no roles
    intro = page.locator("section:not(:has(section))", has=heading)
    assert intro.count() == 1 and intro.locator(".course-question").count() == 1
    first = intro.locator(".course-question").element_handle()
    first_slide = first.evaluate("e => Reveal.getIndices(e.closest('section'))")
    assert first_slide != slide and first_slide["h"] == slide["h"] and slide["v"] >= 1
    page.evaluate(f"Reveal.slide({slide['h']}, {slide.get('v') or 0})")
    q.get_by_text("Seek emergency medical care straight away.").click()
    q.get_by_role("button", name="Check answer").click()
    assert "Correct." in q.locator(".course-feedback").inner_text()
    assert page.external_requests == [] and page.errors == []


SITE_PAGES = [
    "index.html",
    "glossary.html",
    "claims.html",
    "references.html",
    "search.html",
    "summary.html",
    "instructor.html",
    "figures.html",
    "handout.html",
]


@pytest.mark.parametrize(
    "path",
    SITE_PAGES
    + [f"{lesson}.html" for lesson in lesson_ids()]
    + [f"slides/{lesson}.html" for lesson in lesson_ids()],
)
def test_no_outside_requests_and_no_axe_violations(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == []
    assert page.external_requests == []
    assert page.errors == []


def test_the_figure_bank_reads_on_a_phone_and_its_downloads_are_the_files(page, site_url):
    """An instructor on a phone: no sideways scrolling, an explorable's other versions
    folded until asked for, and both downloads of a figure served as what they say."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site_url}/instructor.html")
    page.get_by_role("link", name="Figures page").click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    group = page.locator(".figure-bank-group").filter(has_text="The three big trials")
    more = group.locator("details.figure-bank-more")
    hidden = more.locator("article").first
    assert not hidden.is_visible()
    more.locator("summary").click()
    expect(hidden).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    item = page.locator('[id="04-trial-gerac2007-all"]')
    png = item.get_by_role("link", name="04-trial-gerac2007-all.png")
    svg = item.get_by_role("link", name="04-trial-gerac2007-all.svg")
    with page.expect_download() as download:
        svg.click()
    path = download.value.path()
    assert download.value.suggested_filename == "04-trial-gerac2007-all.svg"
    assert Path(path).read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    response = page.request.get(f"{site_url}/{png.get_attribute('href')}")
    assert response.ok and response.body().startswith(b"\x89PNG")
    assert page.external_requests == [] and page.errors == []


def explorable_state(page, xid):
    root = page.locator(f'[data-explorable-id="{xid}"]')
    img = root.locator("[data-explorable-image]")
    return root, img.get_attribute("src"), img.get_attribute("alt")


def test_explorable_changes_figure_by_mouse_and_keyboard_on_the_page(page, site_url):
    page.goto(f"{site_url}/04-the-research.html")
    root, src0, alt0 = explorable_state(page, "big-trials")
    assert "Brinkhaus" in alt0
    root.get_by_label("GERAC 2007").check()  # mouse
    _, src1, alt1 = explorable_state(page, "big-trials")
    assert src1 != src0 and "GERAC" in alt1 and "Conventional therapy" in alt1
    assert "Trial: GERAC 2007" in root.locator("[data-explorable-status]").inner_text()
    # keyboard: focus the comparison group and move with the arrow keys
    root.get_by_label("All arms").focus()
    page.keyboard.press("ArrowRight")  # -> "Acupuncture vs sham"
    _, src2, alt2 = explorable_state(page, "big-trials")
    assert src2 != src1 and "Conventional therapy" not in alt2 and "Sham acupuncture" in alt2
    # the new state's picture really loads (polled: the swap starts the request)
    image = page.locator(f'img[src="{src2}"]')
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert page.external_requests == [] and page.errors == []


def test_explorable_works_in_the_deck(page, site_url):
    page.goto(f"{site_url}/slides/04-the-research.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    slide = page.evaluate(
        """() => { const el = document.querySelector('[data-explorable-id="regression-to-mean"]');
                   const s = el.closest('section'); return Reveal.getIndices(s); }"""
    )
    page.evaluate(f"Reveal.slide({slide['h']}, {slide['v']})")
    root, src0, _ = explorable_state(page, "regression-to-mean")
    root.get_by_label("Pain ≥ 70 today").click()
    _, src1, alt1 = explorable_state(page, "regression-to-mean")
    assert src1 != src0 and "pain ≥ 70" in alt1
    root.get_by_label("Pain ≥ 70 today").focus()
    page.keyboard.press("ArrowLeft")  # keyboard stays in the radio group, not the deck
    _, _, alt2 = explorable_state(page, "regression-to-mean")
    assert "pain ≥ 60" in alt2
    assert page.evaluate("Reveal.getIndices().h") == slide["h"]
    assert page.external_requests == [] and page.errors == []


def test_progress_summary_reads_answers_from_other_lessons(page, site_url):
    page.goto(f"{site_url}/01-back-pain.html")
    answer_correctly(page, "bp-nonspecific")
    page.goto(f"{site_url}/08-review.html")
    row = page.locator('[data-progress-bank="01-back-pain"]')
    assert row.locator("[data-progress-answered]").inner_text() == "1 of 6"
    assert row.locator("[data-progress-correct]").inner_text() == "1"
    other = page.locator('[data-progress-bank="05-risks-and-safety"]')
    assert other.locator("[data-progress-answered]").inner_text().startswith("0 of")
    page.goto(f"{site_url}/summary.html")
    assert page.get_by_role("button", name="Print this summary").is_visible()
    assert page.external_requests == [] and page.errors == []


def test_resetting_one_quiz_block_keeps_the_other_blocks_answers(page, site_url):
    """The review lesson shows its bank in two blocks; each Reset clears its own."""
    page.goto(f"{site_url}/08-review.html")
    assert open_folded_quizzes(page) == 1  # the twelve review questions fold on the page
    blocks = page.locator('[data-quiz="08-review"]')
    assert blocks.count() == 2
    first, second = (blocks.nth(i).locator("[data-question-id]").first for i in range(2))
    for q in (first, second):
        q.locator("input[data-correct]").first.check()
        q.get_by_role("button", name="Check answer").click()
    blocks.nth(0).get_by_role("button", name="Reset my answers").click()
    page.reload()
    open_folded_quizzes(page)
    assert not first.locator("input:checked").count()
    assert "is-correct" in second.get_attribute("class")
    assert blocks.nth(1).locator("[data-score]").inner_text() == "1"
    assert page.external_requests == [] and page.errors == []


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)], ids=["1280x720", "1024x768"])
def test_deck_arrows_sit_above_the_disclaimer_footer(browser, site_url, size):
    """A projector at 1024 x 768 puts the disclaimer on two lines: reveal's arrows (down as
    well as left and right) must stay clear of it, every one fully clickable."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(f"{site_url}/slides/04-the-research.html#/3")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    # laid out: two animation frames after ready
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    # reveal bounces a new direction's arrow (10 px at the swing): measure where it rests
    overlaps = page.evaluate(
        """() => {
          document.getAnimations().forEach((a) => { a.pause(); a.currentTime = 0; });
          const footer = document.querySelector('.deck-footer').getBoundingClientRect();
          return [...document.querySelectorAll('.reveal .controls button')]
            .filter((b) => getComputedStyle(b).display !== 'none')
            .filter((b) => b.getBoundingClientRect().height > 0)
            .map((b) => ({ dir: b.className, bottom: b.getBoundingClientRect().bottom }))
            .filter((b) => b.bottom > footer.top);
        }"""
    )
    assert overlaps == []
    # → steps through every slide (linear navigation): no up or down arrow to hide
    assert page.locator(".reveal .controls .navigate-right.enabled").count() == 1
    context.close()


def test_claim_tests_show_the_result_per_concept_before_and_after(browser, site_url):
    """Answer the pre-test in lesson 00 and the post-test in lesson 08 on the site: the
    table after each shows every concept's result in both columns (issue 24)."""
    from course.views.claim_tests import forms

    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    pre, post = forms()["pre"][1], forms()["post"][1]
    page.goto(f"{site_url}/00-start-here.html")
    for n, q in enumerate(pre.questions):
        box = page.locator(f'[data-question-id="{q.id}"]')
        box.locator("input[data-correct]" if n % 2 else "input:not([data-correct])").first.check()
        box.get_by_role("button", name="Check answer").click()
    table = page.locator("[data-claim-results]")
    assert (
        table.locator('[data-claim-total="pre"]').inner_text() == f"{len(pre.questions) // 2} of 8"
    )
    assert table.locator('[data-claim-total="post"]').inner_text() == "0 of 8"
    page.goto(f"{site_url}/08-review.html")
    for q in post.questions:
        box = page.locator(f'[data-question-id="{q.id}"]')
        box.locator("input[data-correct]").first.check()
        box.get_by_role("button", name="Check answer").click()
    table = page.locator("[data-claim-results]")
    assert (
        table.locator('[data-claim-total="pre"]').inner_text() == f"{len(pre.questions) // 2} of 8"
    )
    assert table.locator('[data-claim-total="post"]').inner_text() == "8 of 8"
    second = table.locator(f'[data-question="{pre.questions[1].id}"]')
    assert second.inner_text() == "✔ right"
    assert errors == []
    context.close()


def test_on_a_deck_the_claim_test_counts_the_rooms_answers_only(browser, site_url):
    from course.views.claim_tests import forms

    pre = forms()["pre"][1]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/00-start-here.html")  # the presenter's own answer, on the site
    box = page.locator(f'[data-question-id="{pre.questions[0].id}"]')
    box.locator("input[data-correct]").first.check()
    box.get_by_role("button", name="Check answer").click()
    page.goto(f"{site_url}/slides/00-start-here.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    table = page.locator("[data-claim-results]")
    assert table.locator('[data-claim-total="pre"]').text_content() == "0 of 8"  # fresh
    question = page.locator(f'[data-question-id="{pre.questions[1].id}"]')
    page.evaluate(
        "(id) => { const q = document.querySelector(`[data-question-id='${id}']`);"
        " const i = Reveal.getIndices(q.closest('section')); Reveal.slide(i.h, i.v); }",
        pre.questions[1].id,
    )
    question.locator("input[data-correct]").first.check()
    question.get_by_role("button", name="Check answer").click()
    assert table.locator('[data-claim-total="pre"]').text_content() == "1 of 8"
    context.close()


@pytest.mark.parametrize("key", ["ArrowRight", "Space"])
def test_a_class_deck_runs_from_start_to_end_with_one_key(page, site_url, key):
    """A lecturer presses → (or space) and never leaves the deck or skips a slide: every
    slide, each quiz question included, comes in order (a verdict reveals on a press of
    its own first), and the last is Sources."""
    page.goto(f"{site_url}/slides/class-45.html")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    total = page.evaluate("() => Reveal.getTotalSlides()")
    seen = [page.evaluate("() => Reveal.getSlidePastCount()")]
    for _ in range(total * 3):
        if page.evaluate("() => Reveal.isLastSlide() && !Reveal.availableFragments().next"):
            break
        page.keyboard.press(key)
        seen.append(page.evaluate("() => Reveal.getSlidePastCount()"))
    steps = [b - a for a, b in itertools.pairwise(seen)]
    assert set(steps) <= {0, 1} and seen[-1] == total - 1, seen  # none skipped, all reached
    assert "Sources" in page.locator(".reveal .slides section.present h2").last.inner_text()
    notes = page.evaluate("() => Reveal.getSlideNotes()")
    assert notes is not None
    page.keyboard.press(key)
    assert page.evaluate("() => Reveal.isLastSlide()")  # no further
    assert page.external_requests == [] and page.errors == []


def test_a_room_that_has_not_found_it_can_be_shown_the_answer(page, site_url):
    """On a deck, Show answer chooses the right options and gives the feedback that explains
    them; Try again brings the options back."""
    page.goto(f"{site_url}/slides/00-start-here.html")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    q = question(page, "start-red-flag-bladder")
    slide = q.element_handle().evaluate("e => Reveal.getIndices(e.closest('section'))")
    page.evaluate(f"Reveal.slide({slide['h']}, {slide.get('v') or 0})")
    q.get_by_role("button", name="Show answer").click()
    assert "Correct." in q.locator(".course-feedback").inner_text()
    assert not q.get_by_role("button", name="Show answer").is_visible()
    q.get_by_role("button", name="Try again").click()
    assert q.locator(".course-feedback").inner_text().strip() == ""
    assert q.get_by_role("button", name="Show answer").is_visible()
    assert page.errors == []


def test_no_page_or_deck_is_wider_than_a_phone(browser, built_site, site_url):
    """A learner on a 360 px phone never scrolls sideways: every site page and every deck
    (the claims page's article list once made it 631 px wide)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    names = sorted(p.name for p in built_site.glob("*.html"))
    names += sorted(f"slides/{p.name}" for p in (built_site / "slides").glob("*.html"))
    assert "claims.html" in names and "slides/class-90.html" in names
    wide = {}
    for name in names:
        phone.goto(f"{site_url}/{name}")
        phone.wait_for_load_state("load")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[name] = width
    context.close()
    assert wide == {}


def test_no_lesson_page_is_longer_than_thirty_phone_screens(browser, built_site, site_url):
    """A lesson read on a phone ends within MAX_SCREENS screens, its quizzes included
    (lesson 08 was 74 before its sources, recap and practice set folded)."""
    from course.builder.length import MAX_SCREENS, PHONE

    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    screens = {}
    for lesson in lesson_ids():
        phone.goto(f"{site_url}/{lesson}.html")
        phone.wait_for_load_state("load")
        height = phone.evaluate("document.documentElement.scrollHeight")
        screens[lesson] = round(height / PHONE["height"], 1)
    context.close()
    print("phone screens per lesson:", screens)
    assert len(screens) == 9
    assert {k: v for k, v in screens.items() if v > MAX_SCREENS} == {}


@pytest.mark.parametrize("name", ["00-start-here.html", "handout.html", "index.html"])
def test_nothing_moves_when_course_js_runs_after_the_first_paint(browser, site_url, name):
    """Lighthouse saw the whole page jump (layout shift 0.16) on a phone, as the deferred
    script folded the lesson menu and showed the print button after the first paint. Hold
    the script back so the page paints first, then add up the layout shifts it causes."""
    import time

    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()

    def late(route):
        time.sleep(0.6)  # the page paints without the script first, as on a slow phone
        route.continue_()

    phone.route("**/assets/course.js", late)
    phone.add_init_script(
        """window.__shift = 0; new PerformanceObserver((list) => { for (const e of
        list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
        .observe({type: "layout-shift", buffered: true});"""
    )
    phone.goto(f"{site_url}/{name}")
    phone.wait_for_load_state("load")
    phone.wait_for_function("document.querySelector('[data-nav-menu].is-ready')")
    phone.wait_for_timeout(300)
    shift = phone.evaluate("window.__shift")
    menu_open = phone.evaluate("document.querySelector('[data-nav-menu]').open")
    context.close()
    assert shift <= 0.02, (name, shift)
    assert menu_open is False  # folded on a phone, as before


def test_a_phone_gets_every_figure_with_labels_of_11_px_or_more(browser, site_url):
    """At 360 px every lesson figure, explorable states included, is its phone layout
    (course.output.phone), its smallest axis label at least 11 CSS px as drawn: the wide
    figure shrunk to a phone showed them at about 5 px. A desktop still gets the wide one."""
    from course.output.phone import MIN_LABEL_PX

    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    measure = """(img) => ({src: img.currentSrc, width: img.getBoundingClientRect().width,
        pt: Number(img.dataset.phonePt), inches: Number(img.dataset.phoneInches),
        phone: img.closest('picture') ? img.closest('picture').querySelector('source')
            .srcset : null})"""
    seen, small, wide = 0, [], []
    for lesson in lesson_ids():
        phone.goto(f"{site_url}/{lesson}.html")
        phone.wait_for_load_state("load")
        for img in phone.locator("main figure img").all():
            img.scroll_into_view_if_needed()
            phone.wait_for_function("(i) => i.complete && i.currentSrc", arg=img.element_handle())
            shot = img.evaluate(measure)
            seen += 1
            if not shot["phone"] or not shot["src"].endswith(shot["phone"].split("/")[-1]):
                wide.append((lesson, shot["src"]))
                continue
            px = shot["pt"] * shot["width"] / (shot["inches"] * 72)
            if px < MIN_LABEL_PX:
                small.append((lesson, shot["src"], round(px, 1)))
    # an explorable's other states switch the phone layout too
    phone.goto(f"{site_url}/04-the-research.html")
    box = phone.locator("[data-explorable-id]").first
    before = box.locator("img").evaluate("(i) => i.currentSrc")
    box.locator("input[type=radio]").nth(1).check()
    phone.wait_for_function(
        "([i, old]) => i.currentSrc && i.currentSrc !== old",
        arg=[box.locator("img").element_handle(), before],
    )
    after = box.locator("img").evaluate(measure)
    context.close()
    assert seen >= 12
    assert wide == [] and small == [], (wide, small)
    assert after["src"].endswith(after["phone"].split("/")[-1])


def test_a_desktop_keeps_the_wide_figure(page, site_url):
    page.goto(f"{site_url}/04-the-research.html")
    img = page.locator("main figure img").first
    img.scroll_into_view_if_needed()
    src = img.evaluate("(i) => i.currentSrc")
    assert src.endswith(img.get_attribute("src").split("/")[-1])


def test_a_citation_opens_the_folded_sources_at_its_entry(page, site_url):
    """A lesson's sources fold under their heading; a citation link opens the fold and
    lands on the entry, and a printed page shows the folds open."""
    page.goto(f"{site_url}/04-the-research.html")
    fold = page.locator(".course-sources-list details")
    assert fold.get_attribute("open") is None
    cite = page.locator("main a.cite").first
    target = cite.get_attribute("href")
    entry = page.locator(target)
    assert not entry.is_visible()
    cite.click()
    expect(entry).to_be_visible()
    assert fold.get_attribute("open") is not None
    page.goto(f"{site_url}/04-the-research.html")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(target).is_visible()
    assert page.locator(".lesson-objectives").is_visible()
    assert page.errors == []


def test_a_tapped_glossary_term_opens_its_definition_in_place(browser, site_url):
    """On a phone a tap on a term shows its definition in the lesson (it used to leave the
    lesson for glossary.html); the definition links to the glossary; a second tap closes."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    phone = context.new_page()
    phone.goto(f"{site_url}/05-risks-and-safety.html")
    term = phone.locator("main .gloss").first
    term.scroll_into_view_if_needed()
    tip = term.locator(".gloss-tip")
    assert not tip.is_visible()
    term.locator("a").first.tap()
    expect(tip).to_be_visible()
    assert phone.url.endswith("05-risks-and-safety.html")  # still in the lesson
    box = tip.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360  # inside the screen
    more = tip.get_by_role("link", name="More in the glossary")
    href = term.locator("a").first.get_attribute("href")
    assert more.get_attribute("href").endswith(href.split("/")[-1])
    term.locator("a").first.tap()  # a second tap closes it
    expect(tip).to_be_hidden()
    term.locator("a").first.tap()
    more.tap()
    phone.wait_for_url("**/glossary.html#term-*")
    context.close()


@pytest.mark.parametrize("lesson", ["00-start-here", "08-review"])
def test_a_keyboard_reaches_the_lessons_questions_in_a_few_presses(page, site_url, lesson):
    """A skip link goes to the lesson's own quiz (from the top of lesson 00 its first
    control once took 56 Tab presses)."""
    page.goto(f"{site_url}/{lesson}.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to the questions"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0")  # shown
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    bank = page.evaluate("document.activeElement.closest('[data-quiz]')?.dataset.quiz")
    assert bank == lesson
    assert page.evaluate("document.activeElement.tagName") == "INPUT"
