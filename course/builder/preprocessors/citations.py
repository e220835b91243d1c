"""``[@id]`` in a lesson's markdown becomes a labelled citation, and the lesson's Sources
list is collected for the page template."""

from __future__ import annotations

import re
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool

from course.model.claims import Claim
from course.model.refs import Reference
from course.output import render
from course.output.citations import bibliography, expand, ids_in_cells
from course.output.references import label
from course.output.view import Export
from course.syntax import CITATION


class CitationPreprocessor(Preprocessor):
    """Turn ``[@id]`` in markdown into a labelled citation and collect the lesson's sources."""

    enabled = Bool(True).tag(config=True)
    link = Bool(True, help="link citations to the Sources list (off for slides)").tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        data = Export(resources).data
        refs = expand(ids_in_cells(nb.cells, data), data)
        resources.setdefault("course", {})["sources"] = bibliography(refs)
        known: dict[str, Reference | Claim] = {**data.references, **data.claims}
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "markdown":
                continue

            def replace(match: re.Match[str], index: int = index) -> str:
                ref_id = match.group(1)
                if ref_id not in known:
                    raise ValueError(f"cell {index + 1}: unknown citation [@{ref_id}]")
                item = known[ref_id]
                anchor = f"article-{item.articles[0]}" if isinstance(item, Claim) else ref_id
                href = f"#ref-{anchor}" if self.link else None
                return render.fragment("cite.html.j2", text=label(item), href=href).strip()

            cell.source = CITATION.sub(replace, cell.source)
        return nb, resources
