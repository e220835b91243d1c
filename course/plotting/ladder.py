"""The evidence ladder: how far up the chain from lab bench to back-pain trial each claimed
mechanism has been shown. Levels and verdicts come from ``claims.yml``."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from course.loader import queries, store
from course.model.verdicts import EVIDENCE_LEVELS, Verdict
from course.output.figure import FigureDisplay
from course.output.phone import NARROW_INCHES
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
    chosen = [
        c
        for c in queries.select_claims(store.get(), ids, topics or ["mechanism"])
        if c.evidence_level
    ]
    if not chosen:
        raise ValueError("no selected claim has an evidence_level")
    chosen.sort(key=lambda c: (EVIDENCE_LEVELS.index(c.evidence_level), c.name))
    fig = _mechanism_figure(chosen)
    rows = "; ".join(f"{c.name}: {c.evidence_level} ({c.verdict.value})" for c in chosen)
    alt = (
        "Ladder chart placing each claimed mechanism at the strongest level of evidence found, "
        f"from no evidence to back-pain patients. {rows}."
    )
    caption = (
        "Each line climbs as far as the evidence reaches; the marker shape and label give the "
        "verdict on the article's claim. Source: the studies cited on each mechanism's claim card "
        "(see Sources)."
    )
    return FigureDisplay(
        fig,
        alt=alt,
        caption=caption,
        sources=[c.id for c in chosen],
        name="mechanism-ladder",
        phone_fig=_mechanism_figure(chosen, phone=True),
    )


def _mechanism_figure(chosen: list, phone: bool = False) -> Figure:
    """Each mechanism's line climbs to the strongest evidence found. On a phone each name
    sits above its line, so the line has the figure's whole width."""
    with use_style():
        step = 0.62 if phone else 0.42
        fig = Figure(
            figsize=(NARROW_INCHES, step * len(chosen) + 2.6)
            if phone
            else (8.4, step * len(chosen) + 1.9)
        )
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
                xytext=(-9, 0) if phone and level >= 2 else (9, 0),
                ha="right" if phone and level >= 2 else "left",
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
            if phone:
                ax.text(-0.3, y - 0.42, c.name, fontsize=10, va="center", ha="left", weight="bold")
        if phone:
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.set_xticks(
                range(len(EVIDENCE_LEVELS)), list(EVIDENCE_LEVELS), fontsize=10, rotation=90
            )
        else:
            ax.set_yticks(range(len(chosen)), [c.name for c in chosen])
            ax.set_xticks(
                range(len(EVIDENCE_LEVELS)),
                [textwrap.fill(level, 14) for level in EVIDENCE_LEVELS],
                fontsize=9,
            )
        ax.set_xlim(-0.3, len(EVIDENCE_LEVELS) - 0.6 if phone else len(EVIDENCE_LEVELS) + 0.6)
        ax.set_ylim(-0.9 if phone else -0.7, len(chosen) - 0.3)
        ax.invert_yaxis()
        ax.grid(axis="x", color="#e3e7ea")
        ax.set_xlabel("Strongest evidence found for the mechanism")
        if phone:
            fig.suptitle(
                "Claimed mechanisms on the\nevidence ladder",
                x=0.02,
                ha="left",
                fontsize=12,
                fontweight="bold",
            )
        else:
            ax.set_title("Claimed mechanisms on the evidence ladder")
        fig.tight_layout()
    return fig


# Lesson 00's five rungs, weakest first, for the question "does acupuncture help back pain?".
RUNGS = (
    ("Explanations and theories", "a plausible mechanism, nothing measured in patients"),
    ("Lab, animal and healthy-volunteer studies", "needling changes something in the body"),
    (
        "Stories and studies with no comparison group",
        "people improve, but back pain often does anyway",
    ),
    ("Randomised trials in people with back pain", "against usual care, or against sham needling"),
    ("Systematic reviews and guidelines", "many trials pooled and their quality weighed"),
)


def _rungs_figure(phone: bool = False) -> Figure:
    """The staircase, wide for a page and a deck, or narrow for a phone (a gentler stair,
    its words wrapped inside the steps)."""
    rise, name_chars, meaning_chars = (0.15, 22, 30) if phone else (0.55, 80, 80)
    with use_style():
        fig = Figure(figsize=(NARROW_INCHES, 6.4) if phone else (8.4, 4.6))
        ax = fig.add_subplot()
        for step, (name, meaning) in enumerate(RUNGS):
            x = step * rise
            ax.add_patch(_rung(x, step, OKABE_ITO["sky"] if step < 3 else OKABE_ITO["blue"]))
            ax.text(
                x + 0.45,
                step + 0.62 if phone else step + 0.58,
                textwrap.fill(f"{step + 1}. {name}", name_chars),
                fontsize=12,
                weight="bold",
                color="white" if step >= 3 else "black",
                va="center",
            )
            ax.text(
                x + 0.45,
                step + 0.24 if phone else step + 0.25,
                textwrap.fill(meaning, meaning_chars),
                fontsize=10.5,
                color="white" if step >= 3 else "black",
                va="center",
            )
        ax.annotate(
            "",
            xy=(0.2, 4.9),
            xytext=(0.2, 0.1),
            arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.5},
        )
        ax.text(0.05, 2.5, "stronger evidence", rotation=90, va="center", ha="center", fontsize=11)
        ax.set_xlim(-0.1, 0.3 + 4 * rise + 4.9 + 0.1 if phone else 2.2 + 5.6)
        ax.set_ylim(0, 5)
        ax.axis("off")
        fig.tight_layout()
    return fig


def evidence_rungs() -> FigureDisplay:
    """The ladder of evidence in brief: what each kind of study can and cannot show."""
    alt = (
        "A staircase of five steps, weakest evidence at the bottom: "
        + "; ".join(f"{i + 1}, {name}: {meaning}" for i, (name, meaning) in enumerate(RUNGS))
        + "."
    )
    caption = (
        'The ladder of evidence for the question "does acupuncture help back pain?". Many '
        "article claims use low rungs to make promises that need the high ones."
    )
    return FigureDisplay(
        _rungs_figure(),
        alt=alt,
        caption=caption,
        phone_fig=_rungs_figure(phone=True),
        name="evidence-ladder",
        title="The ladder of evidence: what each kind of study can show",
    )


def _rung(x: float, step: int, colour: str):
    from matplotlib.patches import FancyBboxPatch

    return FancyBboxPatch(
        (x + 0.3, step + 0.08),
        4.9,
        0.84,
        boxstyle="round,pad=0.02",
        facecolor=colour,
        edgecolor="none",
    )
