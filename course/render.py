"""Render the HTML fragments that course objects display (quiz, figure, sources).

Fragments are Jinja templates with autoescaping on, so quiz or claim text can
never inject markup; Python only prepares data.
"""

from __future__ import annotations

import functools

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from course import paths


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(paths.TEMPLATES_DIR / "fragments")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


def fragment(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context).strip() + "\n"


STATIC_HTML = "application/vnd.course.static-html"


@functools.lru_cache(maxsize=1)
def jupyter_styles() -> str:
    """The component stylesheet as a ``<style>`` element, for outputs shown in Jupyter.

    Site and slides link the same rules from ``assets/course.css`` instead, because
    their Content-Security-Policy forbids inline styles.
    """
    css = (paths.TEMPLATES_DIR / "static" / "components.css").read_text(encoding="utf-8")
    return fragment("styles.html.j2", css=Markup(css))


class HtmlDisplay:
    """Base for static course objects (claim cards, summaries): one HTML fragment,
    styled inline in Jupyter and by the shared stylesheet on the site and slides."""

    kind = "html"

    def html(self) -> str:
        raise NotImplementedError

    def jupyter_html(self) -> str:
        """What Jupyter shows; the same as the page unless a subclass knows more at run time."""
        return self.html()

    def sources(self) -> list[str]:
        return []

    def _repr_mimebundle_(self, include=None, exclude=None):
        from course.citations import MARKER

        body = self.html()
        return {
            "text/html": jupyter_styles() + self.jupyter_html(),
            STATIC_HTML: body,
            "text/plain": repr(self),
            MARKER: {"kind": self.kind, "render": STATIC_HTML, "sources": self.sources()},
        }
