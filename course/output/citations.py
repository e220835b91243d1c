"""Work out which references a lesson cites, for its Sources section.

A lesson cites in two ways: ``[@id]`` in markdown, and the ``sources`` of the
quiz questions and claims it displays. Both the Jupyter ``sources()`` call and the
site/slides export use this one function, so the lists cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from course.loader.content import Content
from course.model.refs import Reference
from course.output import markers
from course.output.references import citation
from course.syntax import QUIZ_CALL, cited_ids


def ids_in_cells(cells, data: Content) -> list[str]:
    """Reference/claim ids that notebook cells cite, whether executed or not.

    Cells may be nbformat nodes or plain dicts (course.loader.notebook_json): only item access
    is used.
    """
    ids: list[str] = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            ids += cited_ids(cell["source"])
        elif cell["cell_type"] == "code":
            for bank_id in QUIZ_CALL.findall(cell["source"]):
                if bank_id in data.quizzes:
                    ids += [s for q in data.quizzes[bank_id].questions for s in q.sources]
            for output in cell.get("outputs", []):
                marker = markers.read(output)
                ids += marker.sources if marker else []
    return list(dict.fromkeys(ids))


def expand(ids: Iterable[str], data: Content) -> list[Reference]:
    """Resolve ids to references; a claim contributes its article(s) and its evidence."""
    refs: dict[str, Reference] = {}
    for item in ids:
        if item in data.claims:
            claim = data.claims[item]
            for article in claim.articles:
                ref = data.references.get(f"article-{article}")
                if ref:
                    refs.setdefault(ref.id, ref)
            for ref_id in claim.references:
                refs.setdefault(ref_id, data.references[ref_id])
        elif item in data.references:
            refs.setdefault(item, data.references[item])
    return sorted(refs.values(), key=lambda r: (r.kind != "seed", r.short.lower(), r.id))


def bibliography(refs: list[Reference]) -> list[dict]:
    """Plain data for the bibliography fragment (shared by Jupyter, site and slides)."""
    return [{"id": r.id, "text": citation(r), "link": r.link, "note": r.note} for r in refs]
