"""Warning signs, rendered from ``course/content/red_flags.yml`` and nowhere else.

One component for every place that lists them (lessons 00, 07 and 08, the "If you have
back pain now" box on the index and summary pages, their decks): each form below is a
view of the same tiers, so no copy can say a sign differently.
"""

from __future__ import annotations

from course.loader import store
from course.loader.content import Content
from course.output import render
from course.output.references import label

# What each form shows. "full": every tier, each sign with what it may point to (lesson
# 00 teaches them). "list": every tier, the signs alone (a reminder). "short": the
# emergency and same-day tiers whole, then a pointer to lesson 00 for the rest.
FORMS = ("full", "list", "short")
SHORT_LEVELS = ("emergency", "same-day")
POINTER = (
    "Lesson 00 lists the other warning signs: some need an urgent GP appointment or NHS 111, "
    "others a GP appointment."
)
# Where the pointer leads: the full lists in lesson 00 (the fragment gives them this id),
# from a site page, a deck (one folder down) and a notebook beside lesson 00's.
FULL_LIST = "warning-signs"
POINTER_HREF = {
    "page": f"00-start-here.html#{FULL_LIST}",
    "deck": f"../00-start-here.html#{FULL_LIST}",
    "jupyter": "00-start-here.ipynb",
}


def signs_context(
    list_id: str = "back-pain", form: str = "full", data: Content | None = None
) -> dict:
    """The tiers of one list as the fragment needs them (plain data, no markup)."""
    if form not in FORMS:
        raise ValueError(f"red_flags form must be one of {', '.join(FORMS)}, not {form!r}")
    data = data or store.get()
    try:
        signs = data.red_flags[list_id]
    except KeyError:
        known = ", ".join(sorted(data.red_flags)) or "none"
        raise KeyError(
            f"no warning-sign list {list_id!r} in course/content/red_flags.yml (known: {known})"
        ) from None
    tiers = [t for t in signs.tiers if form != "short" or t.level.value in SHORT_LEVELS]
    return {
        "signs": {
            "id": signs.id,
            "title": signs.title,
            "intro": signs.intro,
            "unsure": signs.unsure,
            "form": form,
            "pointer": POINTER if len(tiers) < len(signs.tiers) else None,
            "tiers": [
                {
                    "id": t.id,
                    "level": t.level.value,
                    "label": t.label,
                    "heading": t.heading,
                    "note": t.note,
                    "items": [
                        {"id": s.id, "text": s.text, "why": s.why if form == "full" else None}
                        for s in t.items
                    ],
                    "cites": [label(data.references[r]) for r in t.sources()],
                }
                for t in tiers
            ],
        }
    }


def references(list_id: str, data: Content | None = None) -> list[str]:
    """Every reference a list rests on, in order of first use (for the lesson's sources)."""
    return (data or store.get()).red_flags[list_id].sources()


def _tier_chars(tier: dict) -> float:
    """Characters a tier takes on a slide: its heading, each sign a line of its own."""
    lines = [tier["heading"], tier["note"] or "", *(i["text"] for i in tier["items"])]
    return sum(max(len(text), 40) for text in lines if text) + 60


def _notes(tiers: list[dict]) -> str:
    """The presenter's notes for a deck page: why each sign matters and the sources (the
    room sees the action and the signs; the notes carry what would crowd the slide)."""
    lines = []
    for tier in tiers:
        lines.append(f"{tier['label']}: {tier['heading']}")
        lines += [
            f"- {i['text']}: {i['why']}" if i["why"] else f"- {i['text']}" for i in tier["items"]
        ]
        lines.append(f"Sources: {'; '.join(tier['cites'])}.")
    return "\n".join(lines)


class RedFlagsDisplay(render.HtmlDisplay):
    kind = "red-flags"

    def __init__(
        self, list_id: str, form: str, heading: str = "h3", data: Content | None = None
    ) -> None:
        self.list_id, self.form, self.heading = list_id, form, heading
        self.data = data or store.get()
        self._signs(form)  # an unknown list or form fails in the cell, not later

    def _signs(self, form: str) -> dict:
        return signs_context(self.list_id, form, self.data)

    def _context(self, where: str = "page") -> dict:
        return {
            **self._signs(self.form),
            "heading_tag": self.heading,
            "pointer_href": POINTER_HREF[where],
            "anchor": FULL_LIST if self.form == "full" else None,
        }

    def html(self) -> str:
        return render.fragment("red_flags.html.j2", **self._context())

    def jupyter_html(self) -> str:
        return render.fragment("red_flags.html.j2", **self._context("jupyter"))

    def slides(self) -> list[dict] | None:
        # One slide per tier where they do not fit together: a room reads the action and
        # its signs at once, and the emergency tier is never split.
        ctx = self._context("deck")
        signs = ctx.pop("signs")
        tiers = signs.pop("tiers")
        full = {**signs, "why_in_notes": True}
        # the notes say why each sign matters whichever form the room sees
        explained = {t["id"]: t for t in self._signs("full")["signs"]["tiers"]}
        # the closing lines count on the slide red_flags.html.j2 puts them on: a short list's
        # "if unsure" on its first, its pointer to lesson 00 on its last
        pointer = max(len(signs["pointer"]), 40) if signs["pointer"] else 0
        unsure = max(len(signs["unsure"] or ""), 40) if signs["unsure"] and pointer else 0

        def weight(tier: dict) -> float:
            extra = (unsure if tier is tiers[0] else 0) + (pointer if tier is tiers[-1] else 0)
            return _tier_chars(tier) + extra

        pages = render.deck_pages(
            "red_flags.html.j2",
            "tiers",
            tiers,
            weight,
            notes=lambda chunk: _notes([explained[t["id"]] for t in chunk]),
            always=True,
            signs=full,
            **ctx,
        )
        return pages

    def sources(self) -> list[str]:
        return references(self.list_id, self.data)

    def __repr__(self) -> str:
        signs = self._signs(self.form)["signs"]
        out = [signs["title"]]
        for tier in signs["tiers"]:
            out.append(f"{tier['label'].upper()}: {tier['heading']}")
            out += [
                f"  - {i['text']}" + (f" ({i['why']})" if i["why"] else "") for i in tier["items"]
            ]
            if tier["note"]:
                out.append(f"  {tier['note']}")
        for line in (signs["unsure"], signs["pointer"]):
            if line:
                out.append(line)
        return "\n".join(out)


def red_flags(list_id: str = "back-pain", form: str = "full") -> RedFlagsDisplay:
    """Show a list of warning signs from course/content/red_flags.yml, most urgent first.

    ``form``: "full" (each sign with what it may point to), "list" (the signs alone) or
    "short" (the emergency and same-day tiers, then a pointer to lesson 00)."""
    return RedFlagsDisplay(list_id, form)
