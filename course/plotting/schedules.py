"""How often and how many: courses of treatment drawn week by week, and a course you plan
yourself compared with the trials. Schedules come from ``course/content/schedules.yml``."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from course.loader import store
from course.output.figure import FigureDisplay
from course.output.references import label
from course.plotting.style import OKABE_ITO, use_style

WEEKS_SHOWN = 13
KIND_COLOUR = {
    "trial": OKABE_ITO["blue"],
    "guideline": OKABE_ITO["green"],
    "coverage": OKABE_ITO["purple"],
    "article": OKABE_ITO["orange"],
}


def _schedules():
    data = store.get()
    if data.schedules is None:
        raise ValueError("course/content/schedules.yml is missing")
    return data, data.schedules.schedules


def plot_schedule(schedule: str) -> FigureDisplay:
    data, schedules = _schedules()
    s = next(x for x in schedules if x.id == schedule)
    per_week = [b.per_week for b in s.blocks for _ in range(b.weeks)]
    per_week = (per_week + [0] * WEEKS_SHOWN)[:WEEKS_SHOWN]
    with use_style():
        fig = Figure(figsize=(7.6, 3.6))
        ax = fig.add_subplot()
        ax.bar(
            range(1, WEEKS_SHOWN + 1),
            per_week,
            color=KIND_COLOUR[s.kind],
            hatch="//" if s.averaged else "",
            edgecolor="black",
            linewidth=0.5,
        )
        ax.set_xticks(range(1, WEEKS_SHOWN + 1))
        ax.set_xlabel("Week")
        ax.set_ylabel("Sessions per week")
        ax.set_ylim(0, 2.6)
        title = f"{s.name}: about {s.sessions:.0f} sessions over {s.weeks} weeks"
        ax.set_title(textwrap.fill(title, 60))
        fig.tight_layout()
    shape = "spread evenly because only the total was reported" if s.averaged else "as reported"
    alt = (
        f"Bar chart of sessions per week for {s.name}: {s.total}; about {s.sessions:.0f} "
        f"sessions over {s.weeks} weeks ({shape})."
    )
    caption = f"{s.total}. Hatched bars: {shape}. Source: {label(data.references[s.reference])}."
    if not s.averaged:
        caption = f"{s.total}. Source: {label(data.references[s.reference])}."
    return FigureDisplay(
        fig, alt=alt, caption=caption, sources=[s.reference], name=f"schedule-{schedule}"
    )


def plot_plan(per_week: int, weeks: int) -> FigureDisplay:
    """A course you plan, next to the courses the trials actually tested."""
    _data, schedules = _schedules()
    mine = per_week * weeks
    rows = [(s.name, s.sessions, s.kind) for s in schedules if s.kind in ("trial", "article")]
    rows.append((f"Your plan: {per_week} a week for {weeks} weeks", mine, "plan"))
    with use_style():
        fig = Figure(figsize=(7.6, 3.9))
        ax = fig.add_subplot()
        names = [r[0] for r in rows]
        values = [r[1] for r in rows]
        colours = [OKABE_ITO["vermillion"] if r[2] == "plan" else KIND_COLOUR[r[2]] for r in rows]
        bars = ax.barh(
            names,
            values,
            color=colours,
            edgecolor="black",
            linewidth=0.5,
            hatch=["xx" if r[2] == "plan" else "" for r in rows],
        )
        ax.bar_label(bars, labels=[f"{v:.0f}" for v in values], padding=3)
        ax.invert_yaxis()
        ax.set_xlabel("Total sessions")
        ax.set_xlim(0, max(values) * 1.2)
        # two lines: the long course names push the chart right, and one line ran off it
        ax.set_title("Your plan compared with the\ncourses tested in trials")
        fig.tight_layout()
    trial_totals = [r[1] for r in rows if r[2] == "trial"]
    low, high = min(trial_totals), max(trial_totals)
    if mine < low:
        verdict = f"fewer sessions than any of the back-pain trials shown ({low:.0f} to {high:.0f})"
    elif mine > high:
        verdict = f"more sessions than any of the back-pain trials shown ({low:.0f} to {high:.0f})"
    else:
        verdict = f"within the range of the back-pain trials shown ({low:.0f} to {high:.0f})"
    alt = (
        f"Bar chart of total sessions. Your plan, {per_week} a week for {weeks} weeks, gives "
        f"{mine} sessions: {verdict}. "
        + "; ".join(f"{n}: {v:.0f}" for n, v, k in rows if k != "plan")
        + "."
    )
    caption = f"Your plan: {mine} sessions, {verdict}. Trial totals from the schedules above."
    return FigureDisplay(
        fig, alt=alt, caption=caption, name=f"plan-{per_week}-a-week-{weeks}-weeks"
    )
