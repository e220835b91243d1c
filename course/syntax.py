"""The notation authors write, in one place: ``[@id]`` citations in markdown and YAML, and
the course calls a lesson's code cells make (``claim("id")``, ``quiz("id")``,
``red_flags("id")``).

Standard library only: the wheel's build hook (setup.py) scans the notebooks with these
patterns before any dependency is installed.
"""

from __future__ import annotations

import re

# A citation as written: "[@cherkin-2009]". Anything else in "[@...]" is an authoring error
# the checks name (it would print as literal text).
CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")
CITATION_LIKE = re.compile(r"\[@[^\]]*\]")
# Calls that show course content; where a call sits in the executed notebook, its output
# carries a marker naming the same id (course.output.markers), which is what the
# exporters read.
CLAIM_CALL = re.compile(r"""\bclaim\(\s*["']([a-z0-9-]+)["']""")
QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([a-z0-9-]+)["']""")
SIGNS_CALL = re.compile(r"""\bred_flags\(\s*(?:["']([a-z0-9-]+)["'])?""")


def cited_ids(markdown: str) -> list[str]:
    """Reference ids cited as ``[@id]`` in markdown, in order of first use."""
    return list(dict.fromkeys(CITATION.findall(markdown)))
