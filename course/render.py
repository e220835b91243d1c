"""Render the HTML fragments that course objects display (quiz, figure, sources).

Fragments are Jinja templates with autoescaping on, so quiz or claim text can
never inject markup; Python only prepares data.
"""

from __future__ import annotations

import functools

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from course import paths


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(paths.TEMPLATES_DIR / "fragments")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


def fragment(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context).strip() + "\n"
