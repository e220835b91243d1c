"""The course's main findings, from ``course/content/summary.yml``.

One source for the review lesson (Jupyter, site, slides) and the printable
one-page summary page the build writes next to the index.
"""

from __future__ import annotations

from course import content, render
from course.references import label


def summary_context() -> dict:
    data = content.get()
    if data.summary is None:
        raise ValueError("course/content/summary.yml is missing")
    findings = [
        {"text": f.text, "cites": [label(data.references[r]) for r in f.references]}
        for f in data.summary.findings
    ]
    return {"title": data.summary.title, "findings": findings}


class SummaryDisplay(render.HtmlDisplay):
    kind = "course-summary"

    def html(self) -> str:
        return render.fragment("course_summary.html.j2", **summary_context())

    def sources(self) -> list[str]:
        data = content.get()
        return sorted({r for f in data.summary.findings for r in f.references})

    def __repr__(self) -> str:
        ctx = summary_context()
        return ctx["title"] + "\n" + "\n".join(f"- {f['text']}" for f in ctx["findings"])


def course_summary() -> SummaryDisplay:
    """Show the course's main findings (the same text as the printable summary page)."""
    return SummaryDisplay()
