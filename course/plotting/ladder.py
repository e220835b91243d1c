"""The evidence ladder: how far up the chain from lab bench to back-pain trial each claimed
mechanism has been shown. Levels and verdicts come from ``claims.yml``."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from course import claims as claims_mod
from course.display import FigureDisplay
from course.models import EVIDENCE_LEVELS, Verdict
from course.plotting.style import OKABE_ITO, use_style

# Marker shape and colour per verdict: shape carries the meaning for colour-blind readers.
VERDICT_MARKS = {
    Verdict.supported: ("o", OKABE_ITO["green"]),
    Verdict.partly: ("D", OKABE_ITO["orange"]),
    Verdict.overstated: ("^", OKABE_ITO["purple"]),
    Verdict.not_supported: ("X", OKABE_ITO["vermillion"]),
    Verdict.unverified: ("s", "#777777"),
    Verdict.advice: ("P", OKABE_ITO["blue"]),
}


def evidence_ladder(ids: list[str] | None = None, topics: list[str] | None = None) -> FigureDisplay:
    chosen = [c for c in claims_mod.select(ids, topics or ["mechanism"]) if c.evidence_level]
    if not chosen:
        raise ValueError("no selected claim has an evidence_level")
    chosen.sort(key=lambda c: (EVIDENCE_LEVELS.index(c.evidence_level), c.name))
    with use_style():
        fig = Figure(figsize=(8.4, 0.42 * len(chosen) + 1.9))
        ax = fig.add_subplot()
        for y, c in enumerate(chosen):
            level = EVIDENCE_LEVELS.index(c.evidence_level)
            marker, colour = VERDICT_MARKS[c.verdict]
            ax.plot(
                [0, level], [y, y], color="#b8c2ca", linewidth=3, solid_capstyle="round", zorder=1
            )
            ax.scatter(
                [level],
                [y],
                marker=marker,
                s=90,
                color=colour,
                edgecolor="black",
                linewidth=0.6,
                zorder=2,
            )
            ax.annotate(
                f"{c.verdict.symbol} {c.verdict.label}",
                (level, y),
                xytext=(9, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
        ax.set_yticks(range(len(chosen)), [c.name for c in chosen])
        ax.set_xticks(
            range(len(EVIDENCE_LEVELS)),
            [textwrap.fill(level, 14) for level in EVIDENCE_LEVELS],
            fontsize=9,
        )
        ax.set_xlim(-0.3, len(EVIDENCE_LEVELS) + 0.6)
        ax.set_ylim(-0.7, len(chosen) - 0.3)
        ax.invert_yaxis()
        ax.grid(axis="x", color="#e3e7ea")
        ax.set_xlabel("Strongest evidence found for the mechanism")
        ax.set_title("Claimed mechanisms on the evidence ladder")
        fig.tight_layout()
    rows = "; ".join(f"{c.name}: {c.evidence_level} ({c.verdict.value})" for c in chosen)
    alt = (
        "Ladder chart placing each claimed mechanism at the strongest level of evidence found, "
        f"from no evidence to back-pain patients. {rows}."
    )
    caption = (
        "Each line climbs as far as the evidence reaches; the marker shape and label give the "
        "verdict on the article's claim. Source: course claims registry (see Sources)."
    )
    return FigureDisplay(fig, alt=alt, caption=caption, sources=[c.id for c in chosen])
