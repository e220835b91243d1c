"""The course's main findings, from ``course/content/summary.yml``.

One source for the review lesson (Jupyter, site, slides) and the printable
one-page summary page the build writes next to the index.
"""

from __future__ import annotations

import itertools

from course.loader import store
from course.loader.content import Content
from course.output import render
from course.output.references import label
from course.views.red_flags import RedFlagsDisplay, references, signs_context


def _items(data, findings) -> list[dict]:
    return [
        {
            "text": f.text,
            "point": f.point,
            "group": f.group,
            "cites": [label(data.references[r]) for r in f.references],
        }
        for f in findings
    ]


def _room_page(template: str, key: str, items: list[dict], **context) -> list[dict] | None:
    """The items' points for the room, on as few slides as they fit, each slide's items
    whole in its notes; None when an item has no point (the deck then pages the items)."""
    if not items or any(not item["point"] for item in items):
        return None
    shown = [{**item, "text": item["point"], "full": item["text"]} for item in items]

    def notes(chunk: list[dict]) -> str:
        return "\n".join(f"- {item['full']} ({'; '.join(item['cites'])})" for item in chunk)

    if all(item.get("group") for item in items):  # a titled slide per group
        pages, offset = [], 0
        for group, members in itertools.groupby(shown, key=lambda item: item["group"]):
            chunk = list(members)
            titled = {**context, "title": group, key: chunk}
            html = render.fragment(template, **titled, part=None, offset=offset)
            pages.append({"html": html, "notes": notes(chunk)})
            offset += len(chunk)
        return pages

    return render.deck_pages(
        template, key, shown, _point_chars, notes=notes, always=True, **context
    )


def _slides(template: str, key: str, items: list[dict], **context) -> list[dict] | None:
    """A component's deck pages: its points for the room where every item has one, else
    its items whole over as many slides as they take."""
    room = _room_page(template, key, items, **context)
    return room or render.deck_pages(template, key, items, _item_chars, **context)


def _point_chars(item: dict) -> float:
    """Characters a point takes on a slide: its sources are set at 0.7 of its size."""
    return len(item["text"]) + 0.35 * len("; ".join(item["cites"])) + 20


def _item_chars(item: dict) -> int:
    """Characters a finding takes on a slide, its citation included (rendered smaller)."""
    return len(item["text"]) + len("; ".join(item["cites"])) // 2 + 40


def summary_context(data: Content) -> dict:
    """What the summary page, the index's box and the review lesson render."""
    if data.summary is None:
        raise ValueError("course/content/summary.yml is missing")
    return {
        "title": data.summary.title,
        "findings": _items(data, data.summary.findings),
        "back_pain_now": _items(data, data.summary.back_pain_now),
        "short_answer": _items(data, data.summary.short_answer),
        # the box lists every warning sign before any advice (from red_flags.yml)
        **signs_context("back-pain", "list", data),
    }


class SummaryDisplay(render.HtmlDisplay):
    kind = "course-summary"

    def __init__(self, data: Content | None = None) -> None:
        self.data = data or store.get()

    def html(self) -> str:
        return render.fragment("course_summary.html.j2", **summary_context(self.data))

    def slides(self) -> list[dict] | None:
        ctx = summary_context(self.data)
        return _slides("course_summary.html.j2", "findings", ctx.pop("findings"), **ctx)

    def sources(self) -> list[str]:
        summary = self.data.summary
        return sorted({r for f in summary.findings for r in f.references}) if summary else []

    def __repr__(self) -> str:
        ctx = summary_context(self.data)
        return ctx["title"] + "\n" + "\n".join(f"- {f['text']}" for f in ctx["findings"])


def course_summary() -> SummaryDisplay:
    """Show the course's main findings (the same text as the printable summary page)."""
    return SummaryDisplay()


class BackPainNowDisplay(render.HtmlDisplay):
    kind = "back-pain-now"

    def __init__(self, signs: bool = True, data: Content | None = None) -> None:
        self.show_signs = signs
        self.data = data or store.get()

    def _context(self) -> dict:
        ctx = summary_context(self.data)
        if not self.show_signs:
            ctx.pop("signs")
        return ctx

    def html(self) -> str:
        return render.fragment("back_pain_now.html.j2", **self._context())

    def slides(self) -> list[dict] | None:
        # one slide of each piece of advice's point, the whole advice in the notes; without
        # points, every piece whole and in order over as many slides as it takes (the
        # warning signs have slides of their own: course.views.red_flags)
        ctx = summary_context(self.data)
        ctx.pop("signs")
        return _slides("back_pain_now.html.j2", "back_pain_now", ctx.pop("back_pain_now"), **ctx)

    def sources(self) -> list[str]:
        summary = self.data.summary
        refs = [r for f in summary.back_pain_now for r in f.references] if summary else []
        if self.show_signs:
            refs += references("back-pain", self.data)
        return sorted(set(refs))

    def __repr__(self) -> str:
        ctx = self._context()
        lines = ["If you have back pain now"]
        if self.show_signs:
            lines.append(repr(RedFlagsDisplay("back-pain", "list", data=self.data)))
        return "\n".join(lines + [f"- {f['text']}" for f in ctx["back_pain_now"]])


def back_pain_now(signs: bool = True) -> BackPainNowDisplay:
    """The "if you have back pain now" box: the same text as on the index and the summary.

    ``signs=False`` leaves out the warning signs, for a page that shows them just above it
    (lesson 00)."""
    return BackPainNowDisplay(signs)
