"""The one base of everything a lesson displays, and the renderings the exporters ask of it.

A view is displayed in a kernel (``_repr_mimebundle_``: what Jupyter shows, plus a typed
marker, course.output.markers). At export the build finds the view class named by each
output's marker (course.views.registry) and asks it for two renderings, so no
preprocessor knows one view from another:

- ``static_output``: for the site page and the deck, which run no kernel and load no
  widget manager;
- ``readable_output``: for the notebook a learner downloads, read before it runs.

Both change the stored output in place, from the marker and the build's content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from course.output.markers import MARKER, SLIDES, STATIC_HTML, Marker

if TYPE_CHECKING:
    from course.loader.content import Content

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@dataclass
class Export:
    """What a rendering may use besides the output itself: the exporter's resources (the
    build's content in ``resources["course"]["data"]``, the page's root, the files it
    writes) and, for a download, the lesson's scan as it is now (``shown``)."""

    resources: dict[str, Any]
    figures: str = "figures"
    shown: dict[str, list[str]] | None = field(default=None)

    @property
    def data(self) -> Content:
        """The build's content: preprocessors never load it themselves, so what they render
        is what the build checked."""
        try:
            return self.resources["course"]["data"]
        except KeyError:
            raise ValueError(
                "course preprocessors need the build's content in resources['course']['data']"
            ) from None

    @property
    def root(self) -> str:
        """The way from the page to the site root ("" for a lesson page, "../" for a deck)."""
        return str(self.resources.get("course", {}).get("root", ""))

    def add_png(self, png: bytes) -> str:
        """Add a PNG to the export's output files under a content-hash name (the same file
        for the page and the deck, across rebuilds and machines); return the name."""
        name = f"{self.figures}/{hashlib.sha256(png).hexdigest()[:16]}.png"
        self.resources.setdefault("outputs", {})[name] = png
        return name


class View:
    """Base of the course's displays. ``kind`` names the view in its outputs' markers."""

    kind: ClassVar[str] = "html"

    @classmethod
    def static_output(cls, output: dict[str, Any], marker: Marker, export: Export) -> None:
        """Keep the rendering the marker names (a quiz's HTML, a figure's PNG…), as the
        page's ``text/html`` where it is the Jupyter-free HTML; drop the widget view and
        the other alternatives."""
        data = output["data"]
        shown = "text/html" if marker.render == STATIC_HTML else marker.render
        output["data"] = {
            shown: data[marker.render],
            "text/plain": data.get("text/plain", ""),
            MARKER: data[MARKER],
            **({SLIDES: data[SLIDES]} if SLIDES in data else {}),
        }

    @classmethod
    def readable_output(cls, output: dict[str, Any], marker: Marker, export: Export) -> None:
        """What a front end shows before the notebook runs: Jupyter's own HTML, unless a
        view needs more (the build drops the course's internal mimetypes afterwards)."""

    @classmethod
    def notes_text(cls, output: dict[str, Any], marker: Marker, export: Export) -> str | None:
        """The output in words, for speaker notes where the deck does not show it: its
        plain-text rendering (a claim card's quote and verdict, a table's rows, a figure's
        alt text): a quote and its verdict as two paragraphs, rows as bullets. None: nothing
        a presenter could read out."""
        text = output.get("data", {}).get("text/plain", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) <= 2:
            return "\n\n".join(lines) or None
        return "\n".join(f"- {line}" for line in lines)
