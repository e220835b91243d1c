"""Chart functions. Numbers come from ``course/content/datasets.yml`` with their citation;
none is typed here."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from course.loader import store
from course.output.figure import FigureDisplay
from course.output.references import label
from course.plotting.style import OKABE_ITO, use_style


def _fmt(value: float) -> str:
    return f"{value:g}"


def dataset_bars(dataset_id: str, highlight: str | None = None) -> FigureDisplay:
    """Horizontal bars for a one-number-per-row dataset, with the highlighted row in blue."""
    data = store.get()
    ds = data.datasets[dataset_id]
    ref = data.references[ds.reference]
    rows = list(ds.rows)
    with use_style():
        fig = Figure(figsize=(7.2, 0.55 * len(rows) + 1.3))
        ax = fig.add_subplot()
        labels = [r.label for r in rows][::-1]
        values = [r.value for r in rows][::-1]
        colours = [
            OKABE_ITO["blue"] if (highlight and r == highlight) else "#8a9aa6" for r in labels
        ]
        bars = ax.barh(labels, values, color=colours)
        ax.bar_label(bars, labels=[_fmt(v) for v in values], padding=3)
        ax.set_xlabel(ds.unit)
        ax.set_title(textwrap.fill(ds.title, 60))
        ax.set_xlim(0, max(values) * 1.15)
        fig.tight_layout()
    listing = "; ".join(f"{r.label}: {_fmt(r.value)}" for r in rows)
    alt = f"Bar chart, {ds.title}, in {ds.unit}. {listing}."
    caption = f"Source: {label(ref)}. {ds.note}" if ds.note else f"Source: {label(ref)}."
    return FigureDisplay(fig, alt=alt, caption=caption, sources=[ds.reference], name=dataset_id)


def _verdicts_name(lesson: str | None, ids, topics) -> str | None:
    """ "verdicts-choosing-care" for a lesson's claims, "verdicts-all-claims" for all of them;
    any other choice is named by its chart title."""
    if lesson:
        return "verdicts-" + lesson.split("-", 1)[-1]
    return None if ids or topics else "verdicts-all-claims"


def verdict_bars(
    ids: list[str] | None = None,
    topics: list[str] | None = None,
    lesson: str | None = None,
    title: str | None = None,
) -> FigureDisplay:
    """Claims at a glance: how many of the selected claims received each verdict.

    ``lesson=`` counts exactly the claim cards that lesson shows.
    """
    from course.loader import queries

    if lesson:
        ids = queries.claims_in_lesson(store.get(), lesson)
    from course.model.verdicts import Verdict
    from course.plotting.ladder import VERDICT_MARKS

    chosen = queries.select_claims(store.get(), ids, topics)
    counts = [sum(c.verdict is v for c in chosen) for v in Verdict]
    names = [f"{v.symbol} {v.label}" for v in Verdict]
    with use_style():
        fig = Figure(figsize=(7.2, 2.9))
        ax = fig.add_subplot()
        bars = ax.barh(
            names[::-1],
            counts[::-1],
            color=[VERDICT_MARKS[v][1] for v in list(Verdict)[::-1]],
            edgecolor="black",
            linewidth=0.5,
        )
        ax.bar_label(bars, padding=3)
        ax.set_xlabel("number of claims")
        ax.set_xlim(0, max(counts) * 1.2 + 0.5)
        ax.set_title(title or f"Verdicts on {len(chosen)} claims")
        fig.tight_layout()
    listing = "; ".join(f"{v.label}: {n}" for v, n in zip(Verdict, counts, strict=True))
    alt = f"Bar chart of verdicts on {len(chosen)} claims from the articles. {listing}."
    return FigureDisplay(
        fig,
        alt=alt,
        caption=(
            "Source: this course's verdicts on the articles' claims. Each verdict rests on the "
            "studies cited on its claim card (see All claims)."
        ),
        sources=[c.id for c in chosen],
        name=_verdicts_name(lesson, ids, topics),
    )
