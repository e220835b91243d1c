"""Which slides do not fit: walk every deck in Chromium and print each slide taller or
wider than the slide box, with its overflow in px.

A tool for authors while the decks are redesigned (issue 12), not yet a test: it exits 0
unless --strict is given. Needs a built site and /usr/bin/chromium (as `make handouts`).
Usage: python scripts/slide_fit.py [--only LESSON ...] [--width 1100 --height 760] [--strict]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course import content, paths

sys.path.insert(0, str(Path(__file__).resolve().parent))
from handouts import _serve

MEASURE = """() => Reveal.getSlides().map(slide => {
  const at = Reveal.getIndices(slide);
  Reveal.slide(at.h, at.v, 99);  // every fragment shown: the fullest state of the slide
  const title = slide.querySelector("h1, h2, h3, .claim-quote, legend");
  return {h: at.h, v: at.v || 0, tall: slide.scrollHeight - slide.clientHeight,
          wide: slide.scrollWidth - slide.clientWidth,
          title: title ? title.textContent.trim().slice(0, 60) : ""};
})"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--site", default=str(paths.BUILD_DIR / "site"))
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=760)
    parser.add_argument("--strict", action="store_true", help="exit 1 if any slide overflows")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    lessons = args.only or [lesson.id for lesson in content.load().syllabus.lessons]
    server = _serve(Path(args.site))
    base = f"http://127.0.0.1:{server.server_port}"
    total = over = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=paths.CHROMIUM, args=list(paths.CHROMIUM_FLAGS)
            )
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            for lesson in lessons:
                page.goto(f"{base}/slides/{lesson}.html")
                page.wait_for_function("window.Reveal && Reveal.isReady()")
                slides = page.evaluate(MEASURE)
                bad = [s for s in slides if s["tall"] > 1 or s["wide"] > 1]
                total, over = total + len(slides), over + len(bad)
                print(f"{lesson}: {len(bad)} of {len(slides)} slides overflow")
                for s in bad:
                    print(
                        f"  slide {s['h']}.{s['v']}  +{s['tall']} px tall  +{s['wide']} px wide"
                        f"  {s['title']}"
                    )
            browser.close()
    finally:
        server.shutdown()
    print(f"{over} of {total} slides overflow at {args.width} x {args.height}")
    return 1 if args.strict and over else 0


if __name__ == "__main__":
    sys.exit(main())
