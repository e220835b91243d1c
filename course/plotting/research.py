"""Figures for lesson 04: the big trials arm by arm, pooled effects in points of pain,
a simulation of regression to the mean, and the guideline timeline. Trial numbers come
from ``course/content/trials.yml``; the simulation is labelled as such."""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from course.loader import store
from course.output.figure import FigureDisplay
from course.output.references import label
from course.plotting.style import OKABE_ITO, use_style

ARM_STYLE = {  # colour and hatch: the arm type is readable without colour
    "acupuncture": (OKABE_ITO["blue"], ""),
    "sham": (OKABE_ITO["orange"], "//"),
    "usual-care": ("#9aa5ae", ".."),
}
COMPARISONS = {
    "all": ("acupuncture", "sham", "usual-care"),
    "sham": ("acupuncture", "sham"),
    "usual-care": ("acupuncture", "usual-care"),
}


def _research():
    data = store.get()
    if data.research is None:
        raise ValueError("course/content/trials.yml is missing")
    return data, data.research


def _wrap(text: str, width: int = 22) -> str:
    return textwrap.fill(text, width, break_long_words=False)


def plot_trial(trial: str, comparison: str = "all") -> FigureDisplay:
    """One trial's arms side by side; ``comparison`` picks which arms are shown."""
    data, research = _research()
    t = next(x for x in research.trials if x.id == trial)
    arms = [a for a in t.outcome.arms if a.kind in COMPARISONS[comparison]]
    with use_style():
        fig = Figure(figsize=(7.6, 4.2))
        ax = fig.add_subplot()
        xs = range(len(arms))
        for x, arm in zip(xs, arms, strict=True):
            colour, hatch = ARM_STYLE[arm.kind]
            bar = ax.bar(x, arm.value, color=colour, hatch=hatch, edgecolor="black", linewidth=0.6)
            ax.bar_label(bar, labels=[f"{arm.value:g}"], padding=3)
        ax.set_xticks(list(xs), [_wrap(a.label) for a in arms])
        top = max(a.value for a in t.outcome.arms)
        ax.set_ylim(0, top * 1.25)
        ax.set_ylabel(t.outcome.axis)
        ax.set_title(_wrap(f"{t.name}: {t.outcome.label.lower()}", 70))
        fig.tight_layout()
    listing = "; ".join(f"{a.label}: {a.value:g} {t.outcome.unit}" for a in arms)
    alt = f"Bar chart of {t.name}, {t.outcome.measure}. {listing}."
    shown = {a.kind for a in arms}
    notes = [
        f"{c.label}: {c.value:g} {t.outcome.unit}"
        + (f" (95% CI {c.ci[0]:g} to {c.ci[1]:g})" if c.ci else "")
        + (f", {c.note}" if c.note else "")
        for c in t.outcome.comparisons
        if all(word in shown for word in _comparison_kinds(c.label))
    ]
    caption = f"{t.outcome.measure.capitalize()}. {t.schedule}; {t.participants}."
    if notes:
        caption += " " + "; ".join(notes) + "."
    caption += f" Source: {label(data.references[t.reference])}."
    return FigureDisplay(
        fig, alt=alt, caption=caption, sources=[t.reference], name=f"trial-{trial}-{comparison}"
    )


def _comparison_kinds(text: str) -> set[str]:
    """Which arm kinds a comparison label mentions (so captions match the arms shown)."""
    lowered = text.lower()
    kinds = {"acupuncture"}
    if "sham" in lowered or "minimal" in lowered:
        kinds.add("sham")
    if "waiting" in lowered or "conventional" in lowered or "usual" in lowered:
        kinds.add("usual-care")
    if lowered.startswith("sham"):
        kinds.discard("acupuncture")
    return kinds


def plot_pooled(spread: str, units: str = "points") -> FigureDisplay:
    """Pooled effect sizes, in SD units or converted to points on a 0–100 pain scale."""
    data, research = _research()
    sd = next(s for s in research.pain_spread if s.id == spread)
    factor = sd.sd if units == "points" else 1.0
    rows = research.pooled
    with use_style():
        fig = Figure(figsize=(7.6, 3.8))
        ax = fig.add_subplot()
        ys = range(len(rows))
        for y, row in zip(ys, rows, strict=True):
            colour, hatch = ARM_STYLE["sham" if row.comparison == "sham" else "usual-care"]
            value = row.smd * factor
            ax.barh(y, value, color=colour, hatch=hatch, edgecolor="black", linewidth=0.6)
            if row.ci:
                ax.errorbar(
                    value,
                    y,
                    xerr=[[value - row.ci[0] * factor], [row.ci[1] * factor - value]],
                    color="black",
                    capsize=4,
                    linewidth=1,
                )
            end = row.ci[1] * factor if row.ci else value
            ax.annotate(
                f"{value:.1f}" if units == "points" else f"{value:g}",
                (end, y),
                xytext=(6, 0),
                va="center",
                textcoords="offset points",
                fontsize=9,
            )
        threshold = research.clinically_important_smd * factor
        ax.axvline(threshold, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.5)
        ax.annotate(
            "smallest difference\nthat matters\n(NICE, 0.5 SD)",
            (threshold, -0.45),
            xytext=(5, 0),
            textcoords="offset points",
            fontsize=8.5,
            va="top",
            color=OKABE_ITO["vermillion"],
        )
        ax.set_yticks(
            list(ys),
            [_wrap(f"{r.label} ({label(data.references[r.reference])})", 34) for r in rows],
        )
        ax.invert_yaxis()
        unit_text = "points on a 0–100 pain scale" if units == "points" else "standard deviations"
        ax.set_xlabel(f"Benefit of acupuncture, {unit_text}")
        ax.set_xlim(0, max(threshold, max(r.smd for r in rows) * factor) * 1.45)
        ax.set_title("Pooled effects on chronic pain")
        fig.tight_layout()
    values = "; ".join(
        f"{r.label}: {r.smd * factor:.1f}" if units == "points" else f"{r.label}: {r.smd:g} SD"
        for r in rows
    )
    alt = (
        f"Horizontal bar chart of pooled effects in {unit_text}"
        + (f", converting with a spread of {sd.sd:g} points" if units == "points" else "")
        + f". {values}. Dashed line at the 0.5 SD threshold"
        + (f" ({threshold:.1f} points)." if units == "points" else ".")
    )
    caption = (
        f"Converted with the {sd.label} ({sd.sd:g} points; {label(data.references[sd.reference])})."
        if units == "points"
        else "Standardised mean differences with 95% confidence intervals."
    )
    refs = sorted(
        {r.reference for r in rows} | {sd.reference, research.clinically_important_source}
    )
    return FigureDisplay(
        fig, alt=alt, caption=caption, sources=refs, name=f"pooled-{spread}-{units}"
    )


def simulate_recovery(threshold: int, recovery: str, seed: int = 20240, n: int = 4000):
    """Simulated patients (no treatment at all): usual pain level plus day-to-day noise.

    People enrol when today's pain is at least ``threshold``; ``recovery`` adds a gentle
    natural improvement by follow-up. Returns enrolment and follow-up scores of enrolees.
    """
    rng = np.random.default_rng(seed)
    usual = rng.normal(45, 12, n)
    today = np.clip(usual + rng.normal(0, 14, n), 0, 100)
    drift = {"none": 0.0, "some": -6.0}[recovery]
    later = np.clip(usual + drift + rng.normal(0, 14, n), 0, 100)
    enrolled = today >= threshold
    return today[enrolled], later[enrolled]


def plot_recovery(threshold: int, recovery: str) -> FigureDisplay:
    """Before/after pain of simulated, untreated patients who enrol when pain is high."""
    before, after = simulate_recovery(threshold, recovery)
    with use_style():
        fig = Figure(figsize=(7.2, 3.8))
        ax = fig.add_subplot()
        means = [before.mean(), after.mean()]
        bars = ax.bar(
            [0, 1],
            means,
            color=[OKABE_ITO["vermillion"], OKABE_ITO["sky"]],
            edgecolor="black",
            linewidth=0.6,
            hatch=["", "//"],
        )
        ax.bar_label(bars, labels=[f"{m:.0f}" for m in means], padding=3)
        ax.set_xticks([0, 1], ["At enrolment", "Weeks later,\nno treatment"])
        ax.set_ylim(0, 100)
        ax.set_ylabel("Average pain (0–100), simulated")
        who = "everyone" if threshold == 0 else f"only people with pain ≥ {threshold} today"
        ax.set_title(_wrap(f"Simulation: {who} enrol; natural recovery: {recovery}", 60))
        fig.tight_layout()
    drop = means[0] - means[1]
    recovering = "no" if recovery == "none" else recovery
    alt = (
        f"Simulated bar chart. Enrolling {who}, with {recovering} natural recovery: average pain "
        f"was {means[0]:.0f} at enrolment and {means[1]:.0f} some weeks later with no treatment, "
        f"an apparent improvement of {drop:.0f} points among {len(before)} simulated people."
    )
    caption = (
        "Simulated data, not a study: each person has a usual pain level and day-to-day "
        "ups and downs; nobody is treated."
    )
    return FigureDisplay(fig, alt=alt, caption=caption, name=f"recovery-{threshold}-{recovery}")


POSITION_STYLE = {
    "recommends": (OKABE_ITO["green"], "o", "recommends"),
    "may be offered": (OKABE_ITO["sky"], "D", "may be offered"),
    "covers": (OKABE_ITO["blue"], "s", "pays for it (not a guideline)"),
    "neutral": ("#777777", "P", "no recommendation"),
    "may be useful": (OKABE_ITO["sky"], "v", "may be useful"),
    "against": (OKABE_ITO["vermillion"], "X", "do not offer"),
}


def plot_guidelines() -> FigureDisplay:
    """Positions on acupuncture for low back pain, one row per document in date order."""
    _data, research = _research()
    rows = sorted(research.guidelines, key=lambda g: g.date)
    order = ["against", "neutral", "may be useful", "may be offered", "recommends", "covers"]
    with use_style():
        fig = Figure(figsize=(8.4, 0.45 * len(rows) + 1.6))
        ax = fig.add_subplot()
        for y, g in enumerate(rows):
            colour, marker, _words = POSITION_STYLE[g.position]
            ax.scatter(
                [order.index(g.position)],
                [y],
                s=140,
                marker=marker,
                color=colour,
                edgecolor="black",
                zorder=2,
            )
        ax.set_yticks(range(len(rows)), [f"{g.date[:4]}  {g.body}" for g in rows])
        ax.set_xticks(range(len(order)), [_wrap(POSITION_STYLE[p][2], 12) for p in order])
        ax.set_xlim(-0.5, len(order) - 0.5)
        ax.axvline(len(order) - 1.5, color="#777777", linewidth=1, linestyle=":")
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.grid(axis="both", color="#e3e7ea")
        ax.set_title("What guidelines and payers said")
        fig.tight_layout()
    listing = "; ".join(f"{g.body}, {g.date}: {POSITION_STYLE[g.position][2]}" for g in rows)
    alt = f"Dot chart of positions on acupuncture for low back pain, by date. {listing}."
    caption = (
        "Marker shape and column both give the position; the last column is a payer's coverage "
        "decision, not clinical advice. Sources: see the table below."
    )
    return FigureDisplay(
        fig,
        alt=alt,
        caption=caption,
        sources=[g.reference for g in rows],
        name="guidelines-timeline",
    )
