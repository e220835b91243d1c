"""Risk made visible: an icon array of 10,000 patients for one adverse-event rate.
Rates come from ``course/content/safety.yml`` with their denominators."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from course.loader import store
from course.output.figure import FigureDisplay
from course.output.references import label
from course.plotting.style import OKABE_ITO, use_style

SIDE = 100  # 100 x 100 = 10,000 people


def _rate(rate_id: str):
    data = store.get()
    if data.safety is None:
        raise ValueError("course/content/safety.yml is missing")
    rate = next((r for r in data.safety.rates if r.id == rate_id), None)
    if rate is None:
        raise KeyError(f"no safety rate {rate_id!r}")
    if rate.denominator != "patients" or rate.per != 10000:
        raise ValueError(f"{rate_id}: the icon array shows rates per 10,000 patients")
    return data, rate


def plot_icon_array(rate: str) -> FigureDisplay:
    data, found = _rate(rate)
    count = round(found.value)
    grid = np.zeros(SIDE * SIDE)
    grid[:count] = 1
    # each person is a 6-pixel square with a 1-pixel gap, so single icons stay visible
    cells = np.kron(grid.reshape(SIDE, SIDE), np.pad(np.ones((6, 6)), ((0, 1), (0, 1))))
    gaps = np.kron(np.ones((SIDE, SIDE)), np.pad(np.ones((6, 6)), ((0, 1), (0, 1))))
    picture = np.where(gaps == 0, 2, cells)
    with use_style():
        fig = Figure(figsize=(7.4, 7.9))
        ax = fig.add_subplot()
        cmap = ListedColormap(["#c9d1d7", OKABE_ITO["vermillion"], "#ffffff"])
        ax.imshow(picture, cmap=cmap, vmin=0, vmax=2, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        if count == 0:
            one_in = round(found.per / found.value, -3)
            headline = f"Fewer than 1 in 10,000 patients (about 1 in {one_in:,.0f})"
        else:
            headline = f"{count:,} in 10,000 patients"
        ax.set_title(f"{headline}\n{found.event}", fontsize=11)
        ax.set_xlabel(f"{found.survey}; {found.window}", fontsize=9)
        fig.tight_layout()
    alt = (
        f"Icon array of 10,000 patients as a 100 by 100 grid; {count:,} squares are coloured for "
        f"{found.event} ({found.value:g} per 10,000 patients, {found.window}, {found.survey})."
    )
    note = f"{found.note} " if found.note else ""
    caption = f"{note}Source: {label(data.references[found.reference])}."
    return FigureDisplay(
        fig, alt=alt, caption=caption, sources=[found.reference], name=f"risk-{rate}"
    )
