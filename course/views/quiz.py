"""The one call a notebook makes: ``quiz("01-back-pain")``.

Its display bundle carries the live widget view (Jupyter picks it first) and the
static HTML; the export step drops the widget view so site and slides use the
static one. The marker mimetype tells the export which outputs are ours.
"""

from __future__ import annotations

from typing import Any

from course.loader import store
from course.loader.content import Content
from course.model.claims import Claim
from course.model.refs import Reference
from course.output import render
from course.output.markers import MARKER, Marker, QuizMarker
from course.output.references import label
from course.output.view import Export, View
from course.views.quiz_html import render_quiz


class QuizDisplay(View):
    """Displayable quiz; keeps the widget so tests and learners can drive it."""

    kind = "quiz"

    def __init__(
        self,
        bank_id: str,
        ids: list[str] | None = None,
        title: str | None = None,
        data: Content | None = None,
        fold: bool = False,
    ) -> None:
        """``data``: the content to draw from; the build passes its own (a kernel loads it).
        ``fold``: the page offers the set folded under its title (a long practice set that
        would make a phone page too long); Jupyter and the decks show it open."""
        data = data or store.get()
        bank = data.quiz(bank_id)
        self.bank_id = bank_id
        self.questions = bank.select(ids)
        # a lesson may show a bank in parts; each part needs its own element ids
        self.dom_id = bank_id if not ids else f"{bank_id}-{ids[0]}"
        self.title = title or bank.title
        self.scored = bank.scored  # the claim tests count in no LMS score
        self.fold = fold
        refs: dict[str, Reference | Claim] = {**data.references, **data.claims}
        self.source_labels = {q.id: [label(refs[s]) for s in q.sources] for q in self.questions}
        self._widget: Any = None  # the QuizWidget, built on first use (ipywidgets is slow)

    @property
    def widget(self):
        if self._widget is None:
            from course.views.quiz_widget import QuizWidget

            self._widget = QuizWidget(self.bank_id, self.questions, self.title, self.source_labels)
        return self._widget

    def static_html(self) -> str:
        return render_quiz(
            self.bank_id,
            self.questions,
            self.title,
            self.source_labels,
            dom_id=self.dom_id,
            scored=self.scored,
            fold=self.fold,
        )

    def readable_html(self) -> str:
        """For a notebook read before it runs (course.builder ReadableOutputsPreprocessor)."""
        return render.fragment(
            "quiz_readable.html.j2",
            title=self.title,
            questions=self.questions,
            source_labels=self.source_labels,
        )

    def static_bundle(self) -> dict[str, Any]:
        """The output without the widget: what a page, a deck or a notebook assembled by
        the build (a class deck) shows; no kernel and no ipywidgets needed."""
        return {
            "text/html": self.static_html(),
            "text/plain": f"Quiz {self.bank_id}: {len(self.questions)} question(s)",
            MARKER: QuizMarker(
                bank=self.bank_id,
                title=self.title,
                questions=tuple(q.id for q in self.questions),
                sources=tuple(sorted({s for q in self.questions for s in q.sources})),
            ).to_json(),
        }

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {**(self.widget.view._repr_mimebundle_() or {}), **self.static_bundle()}

    @classmethod
    def notes_text(cls, output: dict[str, Any], marker: Marker, export: Export) -> str | None:
        """The questions in full (a review quiz asks other lessons' questions too)."""
        if not isinstance(marker, QuizMarker):
            return None
        asked = export.data.questions
        prompts = [asked[q].prompt for q in marker.questions if q in asked]
        return f"{marker.title}:\n\n" + "\n".join(f"- {prompt}" for prompt in prompts)

    @classmethod
    def readable_output(cls, output: dict[str, Any], marker: Marker, export: Export) -> None:
        """Questions with their answers folded away: the site's quiz needs course.js and
        course.css, which JupyterLab strips from an untrusted output."""
        if not isinstance(marker, QuizMarker):
            raise TypeError(f"a quiz output with a {marker.kind!r} marker")
        shown = cls(marker.bank, list(marker.questions), marker.title, export.data)
        output["data"]["text/html"] = shown.readable_html()


def quiz(
    bank_id: str, ids: list[str] | None = None, title: str | None = None, fold: bool = False
) -> QuizDisplay:
    """Show a lesson's quiz (or the listed questions of it, under their own title); ``fold``
    offers it folded on the site page."""
    return QuizDisplay(bank_id, ids, title, fold=fold)
