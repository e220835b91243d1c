"""Figures for the lessons: each function reads numbers from content data and returns a
displayable figure with alt text and a caption that cites the source."""

from course.plotting.charts import dataset_bars, verdict_bars
from course.plotting.ladder import evidence_ladder, evidence_rungs
from course.plotting.research import plot_guidelines, plot_pooled, plot_recovery, plot_trial
from course.plotting.safety import plot_icon_array
from course.plotting.schedules import plot_plan, plot_schedule

__all__ = [
    "GALLERY",
    "dataset_bars",
    "evidence_ladder",
    "evidence_rungs",
    "plot_guidelines",
    "plot_icon_array",
    "plot_plan",
    "plot_pooled",
    "plot_recovery",
    "plot_schedule",
    "plot_trial",
    "verdict_bars",
]

# Every reusable course figure, by file name (scripts/export_figures.py writes SVG + PNG).
GALLERY = {
    "harris-2022-conditions": lambda: dataset_bars(
        "harris-2022-conditions", highlight="Chronic low back pain"
    ),
    "verdicts-all-claims": lambda: verdict_bars(title="Verdicts on every claim in the articles"),
    "mechanism-evidence-ladder": evidence_ladder,
    "evidence-ladder-in-brief": evidence_rungs,
    "trials-all-arms-gerac": lambda: plot_trial("gerac2007", "all"),
    "pooled-effects-points": lambda: plot_pooled("cochrane-usual-care", "points"),
    "guideline-timeline": plot_guidelines,
    "adverse-events-icon-array": lambda: plot_icon_array("baumler-any"),
    "schedule-cherkin": lambda: plot_schedule("cherkin"),
}
