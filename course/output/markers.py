"""The contract between what a kernel displays and what the exporters make of it.

Every course object's output carries a marker (mimetype ``MARKER``): which view made it,
which of its renderings the site and decks keep, and what a static export needs that
its HTML does not say (a figure's alt text, an explorable's states, a quiz's questions,
the claim a card shows). The marker types are written here once: views build them, the
build reads them back with ``read()``, and an output whose marker does not fit its type
is an error naming the field, not a ``KeyError`` deep in a preprocessor.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

# The course's own output mimetypes. MARKER rides along every course object's output.
MARKER = "application/vnd.course.interactive+json"
# The page's rendering of an HTML view: Jupyter's text/html adds inline styles.
STATIC_HTML = "application/vnd.course.static-html"
# A component taller than a slide carries its deck pages here: a list of
# {"html": ..., "notes": ...}; the deck export gives each page a slide of its own.
SLIDES = "application/vnd.course.slides+json"
# A figure's SVG, for the figure bank only (the page and the deck show the PNG).
FIGURE_SVG = "application/vnd.course.figure+svg"
# A figure laid out for a phone (course.output.phone), as base64 PNG; its metadata: width and
# height in px, its smallest label in points, its width in inches. The site serves it with
# <picture> on narrow screens.
PHONE_PNG = "application/vnd.course.phone+png"


@dataclass(frozen=True, kw_only=True)
class Marker:
    """What every course output says of itself. ``kind``: the view that made it (see
    course.views.registry); ``render``: the mimetype the site and the deck keep;
    ``sources``: the reference and claim ids it rests on (the lesson's Sources list)."""

    kind: str
    render: str = STATIC_HTML
    sources: tuple[str, ...] = ()

    # needs a whole slide in a deck (a figure is never squeezed under a paragraph)
    fills_slide: ClassVar[bool] = False

    def claim_shown(self) -> str | None:
        """The claim this output is the card of (a deck gives each card its slide)."""
        return None

    def to_json(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclass(frozen=True, kw_only=True)
class FigureMarker(Marker):
    kind: str = "figure"
    render: str = "image/png"
    alt: str
    caption: str | None = None
    name: str = "figure"  # its file name in the figure bank, before the lesson's number
    title: str = ""  # the chart's own title

    fills_slide: ClassVar[bool] = True


@dataclass(frozen=True, kw_only=True)
class ExplorableMarker(Marker):
    """``states``: every combination of the controls, each with its PNG (base64), SVG, alt
    text and caption; the site export turns them into files and drops them from the marker."""

    kind: str = "explorable"
    render: str = "explorable"
    id: str
    title: str
    controls: tuple[dict[str, Any], ...]
    states: tuple[dict[str, Any], ...] = ()

    fills_slide: ClassVar[bool] = True


@dataclass(frozen=True, kw_only=True)
class QuizMarker(Marker):
    kind: str = "quiz"
    render: str = "text/html"
    bank: str
    title: str
    questions: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ClaimMarker(Marker):
    kind: str = "claim"
    claim: str

    def claim_shown(self) -> str | None:
        return self.claim


TYPES: dict[str, type[Marker]] = {
    str(t.__dataclass_fields__["kind"].default): t
    for t in (FigureMarker, ExplorableMarker, QuizMarker, ClaimMarker)
}


def _plain(value: Any) -> Any:
    """JSON's form of a field: tuples as lists (an output is stored as JSON)."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def from_json(raw: dict[str, Any]) -> Marker:
    """The typed marker of a stored output; a ValueError names what does not fit."""
    kind = raw.get("kind")
    if not isinstance(kind, str):
        raise ValueError(f"course output marker without a kind: {sorted(raw)}")
    cls = TYPES.get(kind, Marker)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(raw) - names)
    if unknown:
        raise ValueError(f"{kind!r} output marker: unknown field {unknown[0]!r}")
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    try:
        return cls(**values)
    except TypeError as err:  # a required field is missing
        raise ValueError(f"{kind!r} output marker: {err}") from None


def read(output: dict[str, Any]) -> Marker | None:
    """The marker of one notebook output, or None for an output no course object made."""
    raw = output.get("data", {}).get(MARKER)
    return from_json(raw) if raw else None
