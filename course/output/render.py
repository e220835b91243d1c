"""Render the HTML fragments that course objects display (quiz, figure, sources).

Fragments are Jinja templates with autoescaping on, so quiz or claim text can
never inject markup; Python only prepares data.
"""

from __future__ import annotations

import functools
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from course import paths
from course.output.markers import MARKER, SLIDES, STATIC_HTML, Marker
from course.output.view import View

# The folders of the course's own templates (nbconvert's exporters load theirs, which
# extend nbconvert's, from templates/nbconvert with fragments and partials beside them).
TEMPLATE_FOLDERS = ("fragments", "pages", "partials", "scorm", "download")


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja environment for the course's own templates: fragments, site pages, the
    SCORM manifest and the course download's README and requirements. HTML and XML are
    autoescaped (quiz or claim text can never inject markup), Markdown and text are not;
    an undefined name is an error, never an empty string."""
    return Environment(
        loader=FileSystemLoader([str(paths.TEMPLATES_DIR / d) for d in TEMPLATE_FOLDERS]),
        autoescape=select_autoescape(
            enabled_extensions=("html.j2", "xml.j2"),
            disabled_extensions=("md.j2", "txt.j2"),
            default=True,
            default_for_string=True,
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,  # an included fragment adds no line of its own
    )


def fragment(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context).strip() + "\n"


def folded(html: str, summary: str) -> str:
    """``html`` folded under ``summary`` on a site page (course.css prints it open)."""
    return fragment("fold.html.j2", inner=html, summary=summary)


def document(name: str, **context: object) -> str:
    """A whole file (a README, a manifest) from a template, ending in one newline."""
    return environment().get_template(name).render(**context).rstrip("\n") + "\n"


# What one slide holds at the deck's base size, in characters of body text (about 12
# wrapped lines of 64 characters under a heading); checked in the browser by
# tests/site/test_slides_fit.py.
SLIDE_BUDGET = 760


def pack(items: list, weight, budget: float = SLIDE_BUDGET) -> list[list]:
    """Consecutive items in as few pages as fit the budget; an item heavier than the
    budget gets a page to itself (items are never cut: a red flag stays whole)."""
    pages: list[list] = [[]]
    used = 0.0
    for item in items:
        need = weight(item)
        if pages[-1] and used + need > budget:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += need
    return pages


@functools.lru_cache(maxsize=1)
def jupyter_styles() -> str:
    """The component stylesheet as a ``<style>`` element, for outputs shown in Jupyter.

    Site and slides link the same rules from ``assets/course.css`` instead, because
    their Content-Security-Policy forbids inline styles.
    """
    css = (paths.TEMPLATES_DIR / "static" / "components.css").read_text(encoding="utf-8")
    return fragment("styles.html.j2", css=Markup(css))


def deck_pages(
    template: str,
    key: str,
    items: list,
    weight,
    notes=None,
    budget: float = SLIDE_BUDGET,
    always: bool = False,
    **context,
) -> list[dict] | None:
    """A component's deck pages: ``template`` rendered once per page with that page's
    ``items`` as ``key``, ``part`` = (page, pages) and ``offset`` = items before it (a
    numbered list continues its numbers). None when everything fits on one slide and the
    slide needs nothing the page lacks (``always``: a slide layout of its own)."""
    chunks = pack(items, weight, budget)
    if len(chunks) == 1 and not always:
        return None
    pages, offset = [], 0
    for number, chunk in enumerate(chunks, 1):
        html = fragment(
            template,
            **context,
            **{key: chunk},
            part=(number, len(chunks)) if len(chunks) > 1 else None,
            offset=offset,
        )
        pages.append({"html": html, "notes": notes(chunk) if notes else ""})
        offset += len(chunk)
    return pages


class HtmlDisplay(View):
    """Base for static course objects (claim cards, summaries): one HTML fragment,
    styled inline in Jupyter and by the shared stylesheet on the site and slides."""

    def html(self) -> str:
        raise NotImplementedError

    def jupyter_html(self) -> str:
        """What Jupyter shows; the same as the page unless a subclass knows more at run time."""
        return self.html()

    def sources(self) -> list[str]:
        return []

    def marker(self) -> Marker:
        """What the export needs to know of this output (course.output.markers)."""
        return Marker(kind=self.kind, sources=tuple(self.sources()))

    def slides(self) -> list[dict] | None:
        """Deck pages when the page's HTML is taller than a slide (None: it fits as is).

        Each page is ``{"html": ..., "notes": ...}``: what the room reads, and what the
        presenter may read out (detail a slide has no room for)."""
        return None

    def _repr_mimebundle_(self, include=None, exclude=None):
        body = self.html()
        data: dict[str, Any] = {
            "text/html": jupyter_styles() + self.jupyter_html(),
            STATIC_HTML: body,
            "text/plain": repr(self),
            MARKER: self.marker().to_json(),
        }
        pages = self.slides()
        if pages:
            data[SLIDES] = pages
        return data
