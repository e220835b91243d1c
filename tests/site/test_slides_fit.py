"""Every slide of every deck fits its slide box, as a room would see it (issue 12), and
none has its content in the top third with the rest blank (issue 26).

The walk (scripts/slide_fit.py) shows every fragment and, on quiz slides, the feedback of
every answer, and fails a slide whose content is taller or wider than the slide or runs
under the deck's footer, or ends above a third of the slide's height (a styled section
divider aside); reveal scales the 1100 x 760 slide to the window.
"""

import importlib.util

import pytest

from course import paths
from tests.conftest import lesson_ids

pytestmark = pytest.mark.browser

_spec = importlib.util.spec_from_file_location(
    "slide_fit", paths.REPO_DIR / "scripts" / "slide_fit.py"
)
slide_fit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(slide_fit)


@pytest.mark.parametrize(
    ("width", "height", "scheme"),
    [(1280, 720, "light"), (1024, 768, "dark"), (1280, 720, "dark"), (1024, 768, "light")],
)
def test_every_slide_of_every_deck_fits(browser, built_site, site_url, width, height, scheme):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    problems, walked = [], 0
    classes = sorted(p.stem for p in (built_site / "slides").glob("class-*.html"))
    assert classes == ["class-45", "class-90"]
    for lesson in lesson_ids() + classes:
        slides = slide_fit.measure(page, f"{site_url}/slides/{lesson}.html")
        walked += len(slides)
        problems += [slide_fit.describe(lesson, s) for s in slide_fit.misfits(slides)]
        # and none leaves the room looking at a blank screen (a styled divider aside)
        problems += [slide_fit.describe_sparse(lesson, s) for s in slide_fit.sparse(slides)]
    context.close()
    print(f"{walked} slides walked at {width} x {height} ({scheme}); {len(problems)} problems")
    print("\n".join(problems))
    assert walked > 9 * 20  # every deck walked, vertical slides included
    assert not problems, "\n".join(problems)


def test_the_walk_finds_a_slide_that_is_too_tall_too_wide_or_whose_feedback_spills(
    browser, site_url
):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{site_url}/slides/05-risks-and-safety.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    fits = slide_fit.misfits(page.evaluate(slide_fit.MEASURE))
    assert fits == []
    # three slides spoiled on purpose: one too tall, one too wide, and a quiz question whose
    # feedback for its first option is long enough to spill only once Check is pressed
    spoiled = page.evaluate("""() => {
      const slides = Reveal.getSlides();
      const tall = slides[1], wide = slides[2];
      const block = document.createElement("p");
      block.textContent = "A paragraph that does not fit. ".repeat(80);
      tall.appendChild(block);
      const table = document.createElement("div");
      table.style.width = "2000px"; table.style.height = "10px";
      wide.appendChild(table);
      const question = document.querySelector(".reveal .course-question");
      question.querySelector('.course-answers [data-option]').textContent =
        "Feedback that is far too long for a slide. ".repeat(60);
      const at = s => { const i = Reveal.getIndices(s); return [i.h, i.v || 0]; };
      return [at(tall), at(wide), at(question.closest("section"))];
    }""")
    bad = slide_fit.misfits(page.evaluate(slide_fit.MEASURE))
    found = {(s["h"], s["v"]): s for s in bad}
    assert set(found) == {tuple(x) for x in spoiled}
    tall, wide, quiz = (found[tuple(x)] for x in spoiled)
    assert tall["tall"] > 100 and tall["covered"] > 0
    assert wide["wide"] > 500
    assert quiz["tall"] > 100 and "feedback for options" in quiz["title"]
    assert "05-risks-and-safety slide" in slide_fit.describe("05-risks-and-safety", quiz)
    page.close()


def test_the_walk_finds_a_slide_left_nearly_blank_unless_it_is_a_divider(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{site_url}/slides/04-the-research.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert slide_fit.sparse(page.evaluate(slide_fit.MEASURE)) == []
    # a slide emptied down to one line, then the same slide marked a divider
    at = page.evaluate("""() => {
      const slide = Reveal.getSlides()[3];
      slide.replaceChildren(Object.assign(document.createElement("h2"), {textContent: "Alone"}));
      const i = Reveal.getIndices(slide); return [i.h, i.v || 0];
    }""")
    (thin,) = slide_fit.sparse(page.evaluate(slide_fit.MEASURE))
    assert (thin["h"], thin["v"]) == tuple(at) and thin["fill"] < 20
    assert "content fills" in slide_fit.describe_sparse("04-the-research", thin)
    page.evaluate("Reveal.getSlides()[3].setAttribute('data-divider', 'true')")
    assert slide_fit.sparse(page.evaluate(slide_fit.MEASURE)) == []
    page.close()
