"""One base for the errors the course tools raise on purpose.

A ``CourseError`` is something the author or the machine can fix, reported with what to do:
bad content (``ContentProblem``), a build that could not finish (``BuildProblem``), a
command that asked for something that is not there (``UsageProblem``). The
command line says "this looks like a bug" only for an exception outside this family.
"""

from __future__ import annotations


class CourseError(Exception):
    """An error the course tools expect, reported in words rather than a traceback."""


class ContentProblem(CourseError):
    """Content that does not validate: a file, an item and a line to fix."""


class BuildProblem(CourseError):
    """A build, package or download that could not be written, with the reason."""


class UsageProblem(CourseError):
    """A command asked for what the course does not have (an unknown lesson for --only)."""
