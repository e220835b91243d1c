"""Explorable figures: a few choices that switch a plot, in every rendering.

``explore(plot_trial, trial=[...], comparison=[...])`` draws every combination of
choices once, when the notebook runs. Jupyter shows ipywidgets toggles that swap the
pre-drawn images; the site and slides get the same images as files and plain radio
buttons that a small script switches, so the interaction needs no kernel and no
network. Keep the number of states small: each is a picture someone may download.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from course.output import render
from course.output.figure import FigureDisplay
from course.output.markers import MARKER, ExplorableMarker, Marker
from course.output.view import Export, View

MAX_STATES = 24


@dataclass(frozen=True)
class Control:
    name: str
    label: str
    options: tuple[tuple[str, object], ...]  # (label shown, value passed to the plot)


def _options(values: Sequence) -> tuple[tuple[str, object], ...]:
    pairs = []
    for value in values:
        if isinstance(value, tuple) and len(value) == 2:
            pairs.append((str(value[0]), value[1]))
        else:
            pairs.append((str(value), value))
    if len(pairs) < 2:
        raise ValueError("an explorable control needs at least two options")
    return tuple(pairs)


class Explorable(View):
    """Pre-rendered states of ``plot`` over the product of the control options."""

    kind = "explorable"

    def __init__(
        self,
        plot: Callable[..., FigureDisplay],
        *,
        id: str | None = None,
        title: str | None = None,
        labels: dict[str, str] | None = None,
        **choices: Sequence,
    ) -> None:
        if not choices:
            raise ValueError("explore() needs at least one control, e.g. trial=[...]")
        labels = labels or {}
        self.controls = [
            Control(name, labels.get(name, name.replace("_", " ").capitalize()), _options(v))
            for name, v in choices.items()
        ]
        count = 1
        for control in self.controls:
            count *= len(control.options)
        if count > MAX_STATES:
            raise ValueError(f"{count} states is too many for an explorable (max {MAX_STATES})")
        self.id = id or re.sub(r"[^a-z0-9]+", "-", plot.__name__.lower()).strip("-")
        self.title = title or plot.__name__.replace("_", " ").capitalize()
        self.states: dict[tuple[int, ...], FigureDisplay] = {}
        for combo in itertools.product(*(range(len(c.options)) for c in self.controls)):
            values = {c.name: c.options[i][1] for c, i in zip(self.controls, combo, strict=True)}
            shown = plot(**values)
            if not isinstance(shown, FigureDisplay):
                raise TypeError(f"{plot.__name__} must return course.figure(...) output")
            self.states[combo] = shown
        self._widget = None

    @staticmethod
    def key(combo: tuple[int, ...]) -> str:
        return "-".join(str(i) for i in combo)

    def describe(self, combo: tuple[int, ...]) -> str:
        return ", ".join(
            f"{c.label}: {c.options[i][0]}" for c, i in zip(self.controls, combo, strict=True)
        )

    @property
    def widget(self):
        if self._widget is None:
            self._widget = self._build_widget()
        return self._widget

    def _build_widget(self):
        import ipywidgets as w

        toggles = [
            w.ToggleButtons(
                options=[(label, i) for i, (label, _v) in enumerate(c.options)],
                value=0,
                description=c.label,
                style={"description_width": "initial", "button_width": "auto"},
            )
            for c in self.controls
        ]
        first = self.states[tuple(0 for _ in self.controls)]
        image = w.Image(value=first.png, format="png", layout=w.Layout(max_width="100%"))
        caption = w.HTML()

        def show(_change=None):
            combo = tuple(t.value for t in toggles)
            state = self.states[combo]
            image.value = state.png
            caption.value = render.fragment(
                "explorable_caption.html.j2", state=state, showing=self.describe(combo)
            )

        for toggle in toggles:
            toggle.observe(show, names="value")
        show()
        title = w.HTML(
            render.jupyter_styles() + render.fragment("explorable_title.html.j2", title=self.title)
        )
        box = w.VBox([title, *toggles, image, caption])
        box.toggles, box.image, box.caption = toggles, image, caption
        return box

    def marker(self) -> ExplorableMarker:
        """Everything the export needs to render the static version."""
        return ExplorableMarker(
            id=self.id,
            title=self.title,
            controls=tuple(
                {"name": c.name, "label": c.label, "options": [o[0] for o in c.options]}
                for c in self.controls
            ),
            states=tuple(
                {
                    "key": self.key(combo),
                    "showing": self.describe(combo),
                    "png": base64.b64encode(state.png).decode("ascii"),
                    "svg": state.svg,
                    "name": state.name,
                    "sources": list(state.sources),
                    "alt": state.alt,
                    "caption": state.caption,
                    "width": state.width,
                    "height": state.height,
                    "phone": (
                        {**state.phone, "png": base64.b64encode(state.phone_png).decode("ascii")}
                        if state.phone and state.phone_png
                        else None
                    ),
                }
                for combo, state in self.states.items()
            ),
            sources=tuple(sorted({s for state in self.states.values() for s in state.sources})),
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_() or {})
        first = self.states[tuple(0 for _ in self.controls)]
        html, _meta = first._repr_mimebundle_()
        bundle["text/html"] = html["text/html"]
        bundle["text/plain"] = f"[Explorable figure] {self.title}: {len(self.states)} states"
        bundle[MARKER] = self.marker().to_json()
        return bundle

    @classmethod
    def static_output(cls, output: dict[str, Any], marker: Marker, export: Export) -> None:
        """Each state's PNG becomes a file and the controls plain radio buttons that
        course.js switches (the widget view cannot run without a kernel); the marker
        keeps all but the states."""
        if not isinstance(marker, ExplorableMarker):
            raise TypeError(f"an explorable output with a {marker.kind!r} marker")
        states = tuple(
            {k: v for k, v in state.items() if k not in ("png", "svg", "phone")}
            | {"src": export.add_png(base64.b64decode(state["png"]))}
            | _phone_file(state.get("phone"), export)
            for state in marker.states
        )
        html = render.fragment(
            "explorable.html.j2", x=replace(marker, states=states), root=export.root
        )
        output["data"] = {
            "text/html": html,
            "text/plain": output["data"].get("text/plain", ""),
            MARKER: replace(marker, states=()).to_json(),
        }


def _phone_file(phone: dict | None, export: Export) -> dict:
    """A state's phone layout as a file of the export, with what the page says of it."""
    if not phone:
        return {"phone": None}
    return {
        "phone": {k: v for k, v in phone.items() if k != "png"}
        | {"src": export.add_png(base64.b64decode(phone["png"]))}
    }


def explore(plot: Callable[..., FigureDisplay], **kwargs) -> Explorable:
    """Show ``plot`` with a control per keyword (a list of options) in every rendering."""
    return Explorable(plot, **kwargs)
