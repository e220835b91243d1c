"""A matplotlib figure frozen for every rendering: PNG, alt text, caption, sources.

Below both the views and the plotting functions, which return it: a chart module
needs nothing from the notebook-facing views.
"""

from __future__ import annotations

import base64
import io
from typing import Any, ClassVar

from course.output import render
from course.output.markers import MARKER, FigureMarker, Marker
from course.output.view import Export, View


def _compact_png(fig, dpi: int, colours: int = 64) -> bytes:
    """Render to a palette PNG: course charts are flat colours, so 64 colours look the same
    at about a third of the bytes (pages and explorable states load faster)."""
    from PIL import Image

    raw = io.BytesIO()
    fig.savefig(raw, format="png", dpi=dpi, metadata={"Software": None})
    image = Image.open(io.BytesIO(raw.getvalue())).convert("RGB")
    palette = image.quantize(
        colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


class FigureDisplay(View):
    """A matplotlib figure frozen to a PNG, with alt text and an optional caption."""

    kind: ClassVar[str] = "figure"

    def __init__(
        self,
        fig,
        alt: str,
        caption: str | None = None,
        dpi: int = 110,
        sources: list[str] | None = None,
    ) -> None:
        if not alt or not alt.strip():
            raise ValueError("every figure needs alt text: describe what it shows")
        self.png = _compact_png(fig, dpi)
        width, height = (round(v * dpi) for v in fig.get_size_inches())
        self.figure = fig  # kept so scripts/export_figures.py can also write SVG
        self.alt = alt.strip()
        self.caption = caption
        self.sources = list(sources or [])
        self.width, self.height = width, height

    def _repr_mimebundle_(self, include=None, exclude=None):
        encoded = base64.b64encode(self.png).decode("ascii")
        data = {
            "image/png": encoded,
            "text/html": render.fragment(
                "figure.html.j2", src=f"data:image/png;base64,{encoded}", fig=self
            ),
            "text/plain": f"[Figure] {self.alt}",
            MARKER: FigureMarker(
                alt=self.alt, caption=self.caption, sources=tuple(self.sources)
            ).to_json(),
        }
        metadata = {"image/png": {"width": self.width, "height": self.height}}
        return data, metadata

    @classmethod
    def static_output(cls, output: dict[str, Any], marker: Marker, export: Export) -> None:
        """The PNG, with the alt text and caption nbconvert's templates put on the image."""
        super().static_output(output, marker, export)
        if isinstance(marker, FigureMarker):
            output.setdefault("metadata", {}).setdefault("image/png", {}).update(
                alt=marker.alt, caption=marker.caption
            )
