"""Displayable figures and source lists for notebooks.

Like quizzes, each carries what Jupyter shows and what the export needs: a figure
carries its PNG with alt text and caption, so every rendering has the alt text.
"""

from __future__ import annotations

import base64
import io

from course.loader import store
from course.output import render
from course.output.citations import bibliography, expand
from course.output.references import citation
from course.output.render import MARKER
from course.views.red_flags import references as red_flag_refs


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


class FigureDisplay:
    """A matplotlib figure frozen to a PNG, with alt text and an optional caption."""

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
            MARKER: {
                "kind": "figure",
                "render": "image/png",
                "alt": self.alt,
                "caption": self.caption,
                "sources": self.sources,
            },
        }
        metadata = {"image/png": {"width": self.width, "height": self.height}}
        return data, metadata


def figure(fig, alt: str, caption: str | None = None) -> FigureDisplay:
    """Show a matplotlib figure with alt text (required) in every rendering."""
    return FigureDisplay(fig, alt, caption)


class SourcesDisplay(render.HtmlDisplay):
    """The bibliography of one lesson, for learners reading in Jupyter."""

    kind = "sources"

    def __init__(self, shown: dict[str, list[str]], data: store.Content | None = None) -> None:
        """``shown``: what the lesson cites, shows and quizzes (course.loader.lesson_index.scan);
        ``data``: the content to draw from, the build's own at export (a kernel loads it)."""
        data = data or store.get()
        ids = [*shown["cites"], *shown["claims"]]
        for list_id in shown.get("signs", []):
            if list_id in data.red_flags:
                ids += red_flag_refs(list_id, data)
        for bank in shown["quizzes"]:
            if bank in data.quizzes:
                ids += [s for q in data.quizzes[bank].questions for s in q.sources]
        self.references = expand(dict.fromkeys(ids), data)

    def html(self) -> str:
        return render.fragment("sources.html.j2", sources=bibliography(self.references))

    def __repr__(self) -> str:
        return "\n".join(citation(r) for r in self.references)


def sources(lesson_id: str) -> SourcesDisplay:
    """List the references a lesson cites: its prose ``[@id]``s, its claim cards' and its
    quiz questions' sources."""
    from course.loader import lesson_index

    store.get().syllabus.lesson(lesson_id)  # unknown lesson -> KeyError early
    return SourcesDisplay(lesson_index.entry(lesson_id))


class HeaderDisplay(render.HtmlDisplay):
    """Lesson title, minutes and objectives from the syllabus (the site and slides render
    the same fragment from their templates, so the notebook never repeats them)."""

    kind = "header"

    def __init__(self, lesson_id: str) -> None:
        data = store.get()
        self.lesson = data.syllabus.lesson(lesson_id)
        self.disclaimer = data.syllabus.disclaimer

    def html(self) -> str:
        from course.views.concepts import practised

        concepts = practised(self.lesson.id)
        return render.fragment(
            "lesson_header.html.j2", lesson=self.lesson, links=None, concepts=concepts
        ) + (render.fragment("disclaimer.html.j2", disclaimer=self.disclaimer))

    def __repr__(self) -> str:
        objectives = "\n".join(f"  - {o}" for o in self.lesson.objectives)
        return f"Lesson {self.lesson.number}: {self.lesson.title}\n{objectives}"


def header(lesson_id: str) -> HeaderDisplay:
    """Show the lesson's title, length and objectives in Jupyter."""
    return HeaderDisplay(lesson_id)
