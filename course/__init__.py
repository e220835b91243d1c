"""Acupuncture for back pain: the course engine.

Notebooks import only the names below; everything else is internal to the build.
Importing this package has no side effects (no rcParams, no seeds, no I/O), and the
names load on first use, so ``python -m course build`` starts quickly.
"""

from importlib import import_module

_EXPORTS = {
    "care_table": "course.tables",
    "claim": "course.claims",
    "claims_summary": "course.claims",
    "back_pain_now": "course.summary_view",
    "course_summary": "course.summary_view",
    "explore": "course.explorable",
    "figure": "course.display",
    "guidelines_table": "course.tables",
    "header": "course.display",
    "progress_summary": "course.progress_view",
    "quiz": "course.quizzes.display",
    "sources": "course.display",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'course' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
