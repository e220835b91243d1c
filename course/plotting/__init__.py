"""Figures for the lessons: each function reads numbers from content data and returns a
displayable figure with alt text and a caption that cites the source."""

from course.plotting.charts import dataset_bars, verdict_bars
from course.plotting.ladder import evidence_ladder, evidence_rungs
from course.plotting.research import plot_guidelines, plot_pooled, plot_recovery, plot_trial
from course.plotting.safety import plot_icon_array
from course.plotting.schedules import plot_plan, plot_schedule

__all__ = [
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
