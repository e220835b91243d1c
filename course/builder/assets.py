"""The site's static files: the course's stylesheet and script, reveal.js from npm, and
each lesson's notebook for download until its executed copy is exported."""

from __future__ import annotations

from pathlib import Path

from pygments.formatters import HtmlFormatter

from course import paths
from course.builder.files import copy, replace
from course.loader.content import Content

STATIC_DIR = paths.TEMPLATES_DIR / "static"
REVEAL_FILES = paths.REVEAL_FILES


SCRIPT_HEADER = """\
/* Course interactions for the static site and slides, with no network and no kernel:
 * quizzes graded in the browser, explorable figures, progress (kept in localStorage),
 * the claims filter and the search page. Everything reads the page, which was rendered
 * from the same course data as the Jupyter widgets.
 * Built from course/templates/static/js/ (one file per feature, joined in their order).
 */
(() => {
"use strict";

"""


def course_script() -> str:
    """The site's one script: the feature sources joined, in their numbered order, inside
    one function scope. A classic script, not ES modules: modules do not load from
    file://, and the site must work opened from files."""
    sources = sorted((STATIC_DIR / "js").glob("*.js"))
    return SCRIPT_HEADER + "\n".join(p.read_text(encoding="utf-8") for p in sources) + "})();\n"


def write_assets(out: Path) -> None:
    """Copy the course's own CSS/JS, generate the code-highlighting CSS, copy reveal.js."""
    assets = out / "assets"
    (assets / "reveal").mkdir(parents=True, exist_ok=True)
    replace(assets / "course.js", course_script())
    for name in ("slides.js", "slides.css"):
        copy(STATIC_DIR / name, assets / name)
    # One stylesheet per page: components (shared with Jupyter), layout, code highlighting.
    pygments_css = HtmlFormatter(style="default").get_style_defs(".highlight")
    replace(
        assets / "course.css",
        "\n".join(
            [
                (STATIC_DIR / "components.css").read_text(encoding="utf-8"),
                (STATIC_DIR / "layout.css").read_text(encoding="utf-8"),
                "/* code highlighting (Pygments 'default') */",
                pygments_css,
            ]
        ),
    )
    reveal = paths.reveal_dir()
    paths.require_installed(reveal, REVEAL_FILES, "reveal.js", "COURSE_REVEAL_DIR")
    for src, dest in REVEAL_FILES.items():
        copy(reveal / src, assets / dest)


def write_notebooks(data: Content, out: Path, notebooks_dir: Path) -> None:
    """Offer each lesson's notebook for download: the executed one with readable outputs,
    written when the lesson is exported; until then (a lesson left out of a partial build)
    its source, so no link is dead."""
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    for lesson in data.syllabus.lessons:
        target = out / "notebooks" / lesson.notebook
        if not target.exists():
            copy(notebooks_dir / lesson.notebook, target)
