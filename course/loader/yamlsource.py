"""Read YAML while remembering the line of every node.

Content errors must name the line, and pydantic only knows key paths; this module
keeps a map from key path to line so the two can be joined.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from course.errors import ContentProblem

Loc = tuple[str | int, ...]
# libyaml's C parser when available (it ships in PyYAML's wheels): same results, ~10x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlSyntaxError(ContentProblem):
    """A file that is not valid YAML; carries the line so it can be reported."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message


def load(path: Path) -> tuple[Any, dict[Loc, int]]:
    """Return ``(data, lines)`` where ``lines[key_path]`` is the 1-based line of that node."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        context = err.context
        if context and err.context_mark and err.context_mark is not mark:
            context += f" started on line {err.context_mark.line + 1}"
        problem = ", ".join(p for p in (context, err.problem) if p)
        raise YamlSyntaxError(Path(path), line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as err:
        raise YamlSyntaxError(Path(path), None, f"invalid YAML: {err}") from None
    lines: dict[Loc, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*loc, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*loc, key), lines)
            # the key's own line is the better pointer for a missing/extra key
            lines[(*loc, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines)


def line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of ``loc`` or of its nearest ancestor that exists in the file."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None
