"""The notebook a learner downloads reads completely before it runs, in any front end."""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool

from course.loader import lesson_index
from course.output import markers
from course.output.markers import FIGURE_SVG, MARKER, PHONE_PNG, SLIDES, STATIC_HTML
from course.output.view import WIDGET_VIEW, Export
from course.views.registry import view_for


class ReadableOutputsPreprocessor(Preprocessor):
    """A downloaded notebook reads completely before it runs, in any front end.

    Widget views are dropped (no kernel has their models: a front end would show "Error
    displaying widget"), so each explorable shows the static figure it carries beside its
    widget and each view its readable rendering (a quiz with its answers folded away: the
    site's quiz needs a script and styles that JupyterLab strips from untrusted outputs);
    a figure keeps only its HTML, whose image has alt text. The course's internal
    mimetypes (export markers, deck pages, figure SVGs) and the build's metadata go too. Running the
    notebook brings the live widgets back.
    """

    enabled = Bool(True).tag(config=True)
    internal = (WIDGET_VIEW, MARKER, STATIC_HTML, SLIDES, FIGURE_SVG, PHONE_PNG)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        # (nbconvert's exporter works on a deep copy: the site and the deck are unaffected)
        # only what a front end needs to pick a kernel: the same bytes whether the lesson
        # was just executed or read from the cache, on any machine
        language = nb.metadata.get("language_info", {}).get("name", "python")
        nb.metadata = NotebookNode(
            kernelspec=nb.metadata.get("kernelspec", {}), language_info={"name": language}
        )
        # what the lesson cites and shows as it is now (a prose edit re-exports without a
        # kernel, so the executed outputs may predate a new citation)
        export = Export(resources, shown=lesson_index.scan(nb.cells))
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                marker = markers.read(output)
                if marker is not None:
                    view_for(marker).readable_output(output, marker, export)
                data = output.get("data", {})
                for key in self.internal:
                    data.pop(key, None)
                if "image/png" in data and "<img" in data.get("text/html", ""):
                    data.pop("image/png")
                    output.get("metadata", {}).pop("image/png", None)
        return nb, resources
