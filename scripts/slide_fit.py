"""Which slides do not fit: walk every slide of every deck in Chromium and print each one
whose content is taller or wider than the slide box, or runs under the deck's footer, and
each one whose content ends in the top third of the slide (the rest blank; a styled section
divider aside), with each deck's median fill (how far down the slide its content reaches).

Each slide is measured in its fullest state: every fragment shown and, on a quiz slide,
the feedback of every answer after Check. tests/site/test_slides_fit.py runs the same walk in
both colour schemes at 1280 x 720 and 1024 x 768. Needs a built site and /usr/bin/chromium.
Usage: python scripts/slide_fit.py [--only LESSON ...] [--width W --height H]
       [--scheme light|dark] [--strict]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course import paths
from course.loader import store

MEASURE = """() => {
  const footer = document.querySelector(".deck-footer");
  const over = slide => {
    const limit = footer ? footer.getBoundingClientRect().top : innerHeight;
    let bottom = 0;
    slide.querySelectorAll("*").forEach(e => {
      if (e.closest("aside.notes")) return;
      const r = e.getBoundingClientRect();
      if (r.width && r.height) bottom = Math.max(bottom, r.bottom);
    });
    // the share of the slide's own height, down to the footer, that the content reaches
    const box = slide.getBoundingClientRect();
    const room = Math.min(limit, box.bottom) - box.top;
    return {tall: slide.scrollHeight - slide.clientHeight,
            wide: slide.scrollWidth - slide.clientWidth,
            covered: Math.ceil(bottom - limit),
            fill: Math.round(100 * (bottom - box.top) / room)};
  };
  const worse = (a, b) => b.tall > a.tall || b.wide > a.wide || b.covered > a.covered;
  return Reveal.getSlides().map(slide => {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v, 99);  // every fragment shown: the fullest state of the slide
    let worst = over(slide), state = "";
    // a quiz slide must also fit once Check has given its feedback, for every answer
    slide.querySelectorAll(".course-question").forEach(q => {
      const inputs = [...q.querySelectorAll("input")];
      const right = inputs.filter(i => i.hasAttribute("data-correct"));
      const tries = q.dataset.kind === "multiple" ? [inputs, right] : inputs.map(i => [i]);
      tries.forEach(chosen => {
        inputs.forEach(i => { i.checked = chosen.includes(i); });
        q.querySelector(".course-check").click();
        const o = over(slide);
        if (worse(worst, o)) {
          worst = o;
          state = " (feedback for options " + chosen.map(i => i.value).join("+") + ")";
        }
      });
      inputs.forEach(i => { i.checked = false; });
      q.querySelector(".course-feedback").replaceChildren();
      q.classList.remove("is-correct", "is-wrong");
    });
    const title = slide.querySelector("h1, h2, h3, .claim-quote, legend, caption");
    return {h: at.h, v: at.v || 0, ...worst, fill: over(slide).fill,
            divider: slide.hasAttribute("data-divider"),
            title: (title ? title.textContent.trim().slice(0, 60) : "") + state};
  });
}"""


def misfits(slides: list[dict]) -> list[dict]:
    """Slides with content beyond the slide box or under the footer (1 px is rounding)."""
    return [s for s in slides if s["tall"] > 1 or s["wide"] > 1 or s["covered"] > 1]


# A slide whose content ends in the top third of the slide leaves the room looking at a blank
# screen; a styled section divider (a question or a one-line takeaway) may.
MIN_FILL = 34


def sparse(slides: list[dict]) -> list[dict]:
    """Slides (not dividers) whose content ends above a third of the slide's height."""
    return [s for s in slides if s["fill"] < MIN_FILL and not s["divider"]]


def describe_sparse(lesson: str, slide: dict) -> str:
    where = f"{lesson} slide {slide['h']}.{slide['v']}"
    return f"{where}: content fills {slide['fill']}% of the slide  {slide['title']}"


def describe(lesson: str, slide: dict) -> str:
    return (
        f"{lesson} slide {slide['h']}.{slide['v']}: +{max(slide['tall'], 0)} px tall,"
        f" +{max(slide['wide'], 0)} px wide, {max(slide['covered'], 0)} px under the footer"
        f"  {slide['title']}"
    )


def measure(page, url: str) -> list[dict]:
    """Every slide of the deck at ``url``, measured in the page's current window size."""
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    return page.evaluate(MEASURE)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from course.cli import serve_in_background

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--site", default=str(paths.BUILD_DIR / "site"))
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=760)
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if a slide overflows or is nearly empty"
    )
    args = parser.parse_args(argv)

    # every lesson deck, then the class decks (slides/class-*.html) when the site has them
    lessons = args.only or [lesson.id for lesson in store.load().syllabus.lessons] + sorted(
        p.stem for p in (Path(args.site) / "slides").glob("class-*.html")
    )
    server = serve_in_background(Path(args.site))
    base = f"http://127.0.0.1:{server.server_port}"
    total = over = empty = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=paths.CHROMIUM, args=list(paths.CHROMIUM_FLAGS)
            )
            page = browser.new_page(
                viewport={"width": args.width, "height": args.height}, color_scheme=args.scheme
            )
            for lesson in lessons:
                slides = measure(page, f"{base}/slides/{lesson}.html")
                bad, thin = misfits(slides), sparse(slides)
                total, over, empty = total + len(slides), over + len(bad), empty + len(thin)
                fills = sorted(s["fill"] for s in slides)
                print(
                    f"{lesson}: {len(bad)} of {len(slides)} slides do not fit; {len(thin)} end"
                    f" in the top third; median fill {fills[len(fills) // 2]}%"
                )
                for slide in bad:
                    print("  " + describe(lesson, slide))
                for slide in thin:
                    print("  " + describe_sparse(lesson, slide))
            browser.close()
    finally:
        server.shutdown()
    print(f"{over} of {total} slides do not fit at {args.width} x {args.height} ({args.scheme})")
    print(f"{empty} of {total} slides (dividers aside) end in the top third of the slide")
    return 1 if args.strict and (over or empty) else 0


if __name__ == "__main__":
    sys.exit(main())
