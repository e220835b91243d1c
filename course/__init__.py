"""Acupuncture for back pain: the course engine.

Notebooks import only the names below; everything else is internal to the build.
Importing this package has no side effects (no rcParams, no seeds, no I/O), and the
names load on first use, so ``python -m course build`` starts quickly.
"""

from importlib import import_module

_EXPORTS = {
    "care_table": "course.views.tables",
    "claim": "course.views.claims",
    "claim_test_results": "course.views.claim_tests",
    "claims_summary": "course.views.claims",
    "back_pain_now": "course.views.summary",
    "course_summary": "course.views.summary",
    "explore": "course.views.explorable",
    "figure": "course.views.display",
    "findings_table": "course.views.tables",
    "guidelines_table": "course.views.tables",
    "header": "course.views.display",
    "progress_summary": "course.views.progress",
    "quiz": "course.views.quiz",
    "red_flags": "course.views.red_flags",
    "sources": "course.views.display",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'course' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
