"""A matplotlib figure frozen for every rendering: PNG, alt text, caption, sources.

Below both the views and the plotting functions, which return it: a chart module
needs nothing from the notebook-facing views.
"""

from __future__ import annotations

import base64
import io
import re
from typing import Any, ClassVar

from course.output import phone, render
from course.output.markers import FIGURE_SVG, MARKER, PHONE_PNG, FigureMarker, Marker
from course.output.view import Export, View


def canvas(fig):
    """``fig``'s Agg canvas, attached on first use and kept. Its PNG, the checks that follow
    and the phone layout then share one renderer while the figure keeps its size, and
    matplotlib keeps the sizes of texts per renderer: a new canvas for each check measured
    every label again."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    current = fig.canvas
    return current if isinstance(current, FigureCanvasAgg) else FigureCanvasAgg(fig)


def _compact_png(fig, dpi: int, colours: int = 64) -> bytes:
    """Render to a palette PNG: course charts are flat colours, so 64 colours look the same
    at about a third of the bytes (pages and explorable states load faster). The pixels
    come raw from the canvas (the same pixels an RGBA PNG would hold, without encoding a
    PNG only to decode it)."""
    from PIL import Image

    agg = canvas(fig)
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi)
    height, width, _ = agg.buffer_rgba().shape  # of the renderer the figure was drawn with
    image = Image.frombuffer("RGBA", (width, height), raw.getvalue(), "raw", "RGBA", 0, 1)
    palette = image.convert("RGB").quantize(
        colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _svg(fig) -> str:
    """The figure as SVG with its text kept as text: a lecturer can edit a label in
    Inkscape or PowerPoint, and the file is a third of the size of outlined glyphs. No date
    and fixed ids, so the same figure gives the same bytes on every build."""
    import matplotlib

    raw = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "course-figure"}):
        fig.savefig(raw, format="svg", metadata={"Date": None})
    return raw.getvalue()


def slug(text: str, words: int = 8) -> str:
    """A readable file name from a title or a choice ("Bäumler: all" -> "baumler-all")."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    parts = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(parts[:words]) or "figure"


def _one_line(text: str) -> str:
    """A chart's text as a page names it: wrapped lines joined, spaces single."""
    return " ".join(text.split())


def cut_text(fig) -> list[str]:
    """The texts of ``fig`` (title, labels, annotations) that run past its edges: a phone
    reader once saw "…compared with the courses tested in tr". Measured on what is drawn:
    each axes' tight box (its titles, labels, drawn tick labels, annotations, legend)."""
    renderer = canvas(fig).get_renderer()  # the PNG's, when drawn at the figure's dpi
    width, height = fig.bbox.width, fig.bbox.height

    def out(box) -> bool:
        return box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1

    cut: list[str] = []
    for ax in fig.get_axes():
        if not ax.get_visible() or not out(ax.get_tightbbox(renderer)):
            continue
        named = [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        named += list(ax.texts)
        culprits = [
            _one_line(t.get_text())
            for t in named
            if t.get_visible() and t.get_text().strip() and out(t.get_window_extent(renderer))
        ]
        cut += culprits or [f"tick labels or marks of the chart {_title(fig)!r}"]
    for text in fig.texts:
        if text.get_visible() and text.get_text().strip() and out(text.get_window_extent(renderer)):
            cut.append(_one_line(text.get_text()))
    return cut


def _title(fig) -> str:
    """What the chart says it shows: its title, on one line."""
    for ax in fig.get_axes():
        for loc in ("center", "left", "right"):  # the course style puts titles on the left
            if title := ax.get_title(loc):
                return _one_line(title)
    return ""


class FigureDisplay(View):
    """A matplotlib figure frozen to a PNG and an SVG, with alt text and an optional caption.

    ``name``: the figure's readable file name in the figure bank (course.builder.figure_bank
    prefixes the lesson's number), by default a slug of its title; ``title``: what the bank
    calls it, by default the chart's own title (a chart without one needs it);
    ``phone_fig``: the chart drawn for a phone, where the layout course.output.phone derives
    from the figure cannot fit (a staircase of text boxes)."""

    kind: ClassVar[str] = "figure"

    def __init__(
        self,
        fig,
        alt: str,
        caption: str | None = None,
        dpi: int = 110,
        sources: list[str] | None = None,
        name: str | None = None,
        title: str | None = None,
        phone_fig=None,
    ) -> None:
        if not alt or not alt.strip():
            raise ValueError("every figure needs alt text: describe what it shows")
        self.png = _compact_png(fig, dpi)
        if cut := cut_text(fig):
            raise ValueError(f"figure text runs off the figure: {'; '.join(cut)[:200]!r}")
        self.svg = _svg(fig)
        width, height = (round(v * dpi) for v in fig.get_size_inches())
        self.title = title or _title(fig)
        self.name = slug(name or self.title or alt)
        self.alt = alt.strip()
        self.caption = caption
        self.sources = list(sources or [])
        self.width, self.height = width, height
        # the phone layout, drawn last: it lays the same figure out again (course.output.phone)
        # unless the plotting function drew one; ``phone`` is what the page says of it
        self.phone: dict[str, Any] | None = None
        self.phone_png: bytes | None = None
        if phone_fig is not None and not phone.fits(phone_fig):
            raise ValueError(f"the phone layout of {self.name!r} does not fit its figure")
        if phone_fig is not None or phone.narrow(fig):
            laid = phone_fig if phone_fig is not None else fig
            w, h = laid.get_size_inches()
            self.phone_png = _compact_png(laid, dpi)
            self.phone = {
                "width": round(w * dpi),
                "height": round(h * dpi),
                "label_pt": phone.smallest_label_pt(laid),
                "inches": round(float(w), 2),
            }

    def _repr_mimebundle_(self, include=None, exclude=None):
        encoded = base64.b64encode(self.png).decode("ascii")
        data = {
            "image/png": encoded,
            "text/html": render.fragment(
                "figure.html.j2", src=f"data:image/png;base64,{encoded}", fig=self
            ),
            "text/plain": f"[Figure] {self.alt}",
            MARKER: FigureMarker(
                alt=self.alt,
                caption=self.caption,
                sources=tuple(self.sources),
                name=self.name,
                title=self.title,
            ).to_json(),
            FIGURE_SVG: self.svg,
        }
        metadata = {"image/png": {"width": self.width, "height": self.height}}
        if self.phone_png:
            data[PHONE_PNG] = base64.b64encode(self.phone_png).decode("ascii")
            metadata[PHONE_PNG] = dict(self.phone or {})
        return data, metadata

    @classmethod
    def static_output(cls, output: dict[str, Any], marker: Marker, export: Export) -> None:
        """The PNG, with the alt text and caption nbconvert's templates put on the image,
        and its phone layout when it has one."""
        phone_png = output.get("data", {}).get(PHONE_PNG)
        super().static_output(output, marker, export)
        if phone_png:
            output["data"][PHONE_PNG] = phone_png
        if isinstance(marker, FigureMarker):
            output.setdefault("metadata", {}).setdefault("image/png", {}).update(
                alt=marker.alt, caption=marker.caption
            )
