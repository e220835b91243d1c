"""Acupuncture for back pain: the course engine.

Notebooks import only the names below; everything else is internal to the build.
Importing this package has no side effects (no rcParams, no seeds, no I/O).
"""

from course.claims import claim, claims_summary
from course.display import figure, header, sources
from course.quiz.display import quiz

__all__ = ["claim", "claims_summary", "figure", "header", "quiz", "sources"]
