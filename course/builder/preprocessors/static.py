"""The site page and the deck run no kernel: each output shows its view's static rendering,
figures live in files, and speaker notes stay in the deck."""

from __future__ import annotations

from base64 import b64decode
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, Unicode

from course.output import markers
from course.output.view import WIDGET_VIEW, Export
from course.views.registry import view_for


class StaticFallbackPreprocessor(Preprocessor):
    """Make site and slides use each course object's no-kernel rendering.

    The view named by an output's marker rewrites it (a quiz keeps its HTML, a figure its
    PNG with alt text, an explorable becomes radio buttons over image files); any other
    widget view is dropped, and saved widget state is removed because no page loads a
    widget manager.
    """

    enabled = Bool(True).tag(config=True)
    output_dir = Unicode("figures", help="folder for image files, relative to the site root").tag(
        config=True
    )

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        nb.metadata.pop("widgets", None)
        export = Export(resources, figures=self.output_dir)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                marker = markers.read(output)
                if marker is not None:
                    view_for(marker).static_output(output, marker, export)
                else:
                    output.get("data", {}).pop(WIDGET_VIEW, None)
        return nb, resources


class FigureFilePreprocessor(Preprocessor):
    """Move PNG outputs into files named by content hash.

    Hash names make the files identical across the site page and the deck, across
    rebuilds, and between machines; the page stays small.
    """

    enabled = Bool(True).tag(config=True)
    output_dir = Unicode("figures", help="folder, relative to the site root").tag(config=True)

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        export = Export(resources, figures=self.output_dir)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            name = export.add_png(b64decode(data["image/png"]))
            filenames = output.setdefault("metadata", {}).setdefault("filenames", {})
            filenames["image/png"] = name
            if markers.PHONE_PNG in data:  # the phone layout, served by the page's <picture>
                filenames[markers.PHONE_PNG] = export.add_png(b64decode(data[markers.PHONE_PNG]))
        return cell, resources


class RemoveNotesPreprocessor(Preprocessor):
    """Drop speaker-notes cells from the site page; the deck keeps them for speaker view."""

    enabled = Bool(True).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        nb.cells = [
            cell
            for cell in nb.cells
            if cell.metadata.get("slideshow", {}).get("slide_type") != "notes"
        ]
        return nb, resources
