"""Displayable figures and source lists for notebooks.

Like quizzes, each carries what Jupyter shows and what the export needs: a figure
carries its PNG with alt text and caption, so every rendering has the alt text.
"""

from __future__ import annotations

from typing import Any

from course.loader import store
from course.loader.content import Content
from course.output import render
from course.output.citations import bibliography, expand
from course.output.figure import FigureDisplay
from course.output.markers import Marker
from course.output.references import citation
from course.output.view import Export
from course.views.red_flags import references as red_flag_refs


def figure(fig, alt: str, caption: str | None = None) -> FigureDisplay:
    """Show a matplotlib figure with alt text (required) in every rendering."""
    return FigureDisplay(fig, alt, caption)


class SourcesDisplay(render.HtmlDisplay):
    """The bibliography of one lesson, for learners reading in Jupyter."""

    kind = "sources"

    def __init__(self, shown: dict[str, list[str]], data: Content | None = None) -> None:
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

    @classmethod
    def readable_output(cls, output: dict[str, Any], marker: Marker, export: Export) -> None:
        """A prose edit re-exports without a kernel, so the executed list may predate a new
        citation: it is drawn again from the lesson as it is now (``export.shown``)."""
        if export.shown is None:
            return
        current = cls(export.shown, export.data)
        output["data"]["text/html"] = render.jupyter_styles() + current.jupyter_html()
        output["data"]["text/plain"] = repr(current)

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
