"""Figures for the lessons: each function reads numbers from content data and returns a
displayable figure with alt text and a caption that cites the source."""

from course.plotting.charts import dataset_bars

__all__ = ["dataset_bars"]
