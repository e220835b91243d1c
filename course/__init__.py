"""Acupuncture for back pain: the course engine.

Notebooks import only the names below; everything else is internal to the build.
Importing this package has no side effects (no rcParams, no seeds, no I/O).
"""

from course.claims import claim, claims_summary
from course.display import figure, header, sources
from course.explore import explore
from course.progress_view import progress_summary
from course.quiz.display import quiz
from course.summary_view import course_summary
from course.tables import care_table, guidelines_table

__all__ = [
    "care_table",
    "claim",
    "claims_summary",
    "course_summary",
    "explore",
    "figure",
    "guidelines_table",
    "header",
    "progress_summary",
    "quiz",
    "sources",
]
