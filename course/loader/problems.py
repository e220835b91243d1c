"""Content errors as an author reads them: file, line and item, every one collected
before any is reported (as nmaci does for notebooks), so a bank is fixed in one pass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from course import paths
from course.errors import ContentProblem
from course.loader import yamlsource
from course.loader.content import Loc, Part
from course.model.base import RuleError

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One content error, printable as ``file:line: [item] message``."""

    file: str
    line: int | None
    item: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        item = f" [{self.item}]" if self.item else ""
        return f"{where}:{item} {self.message}" if where else f"{item} {self.message}".strip()

    def to_json(self) -> dict[str, Any]:
        """As a program reads it (the build's --report, the preview's overlay)."""
        return {
            "file": self.file or None,
            "line": self.line,
            "item": self.item,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Problem:
        return cls(data.get("file") or "", data.get("line"), data.get("item"), data["message"])


class ContentError(ContentProblem):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def problems_of(err: Exception) -> list[Problem]:
    """A content error's problems, or any other error as one problem in its own words: what
    a build reports as JSON and the preview lists over the page."""
    if isinstance(err, ContentError):
        return list(err.problems)
    return [Problem("", None, None, str(err))]


class Collector:
    """Reads files and turns YAML/pydantic failures into Problems."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.lines: dict[str, dict[Loc, int]] = {}
        self.raw: dict[str, tuple[Path, Any]] = {}  # each file as read, for check_copies
        # What the files loaded so far let later ones name (see course.model.base.RefId): the ids of
        # each part's items, including items that failed validation (already reported, so
        # a reference to one is not reported a second time as "unknown").
        self.context: dict[str, Any] = {"ids": {}, "seeds": set()}

    def name(self, path: Path) -> str:
        return paths.relative(path)

    def add(self, path: Path, loc: Loc, item: str | None, message: str) -> None:
        line = yamlsource.line_of(self.lines.get(self.name(path), {}), loc)
        self.problems.append(Problem(self.name(path), line, item, message))

    def read(self, path: Path) -> Any:
        if not path.exists():
            self.problems.append(Problem(self.name(path), None, None, "file is missing"))
            return None
        try:
            data, lines = yamlsource.load(path)
        except yamlsource.YamlSyntaxError as err:
            self.problems.append(Problem(self.name(path), err.line, None, err.message))
            return None
        self.lines[self.name(path)] = lines
        self.raw[self.name(path)] = (path, data)
        return data

    def model(self, model: type[M], data: Any, path: Path, loc: Loc = ()) -> M | None:
        try:
            return model.model_validate(data, context=self.context)
        except ValidationError as err:
            for error in err.errors():
                full = (*loc, *error["loc"])
                item, depth = item_id(data, error["loc"])
                self.add(path, full, item, message_for(dict(error), error["loc"][depth:]))
            return None

    def part(self, part: Part) -> Any:
        """Load one content file; a list of items becomes a dict by id, whose ids (and
        seeds, for references) later files may name."""
        path = self.root / part.file
        if part.optional and not path.exists():
            return None
        if part.items is None:
            data = self.read(path)
            return self.model(part.model, data, path) if data is not None else None
        items, named = self.items(part.model, path, part.items)
        self.context["ids"][part.name] = named
        if part.name == "references":
            self.context["seeds"] = {
                i for i, r in items.items() if getattr(r, "kind", "") == "seed"
            }
        return items

    def items(self, model: type[M], path: Path, key: str) -> tuple[dict[str, M], set[str] | None]:
        """Load a list of id-carrying items under ``key``: the valid ones by id, and every
        id written (valid or not); None for the ids when the file could not be read, so
        that what names them is not reported too (its own problem is the one to fix)."""
        data = self.read(path)
        if data is None:
            return {}, None
        items = data.get(key) if isinstance(data, dict) else data
        if not isinstance(items, list):
            self.add(path, (key,), None, f"expected a list under {key!r}")
            return {}, set()
        result: dict[str, M] = {}
        named: set[str] = set()
        for index, raw in enumerate(items):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                named.add(raw["id"])
            obj = self.model(model, raw, path, (key, index))
            if obj is None:
                continue
            item_id: str = getattr(obj, "id")  # noqa: B009 (every list item model has an id)
            if item_id in result:
                self.add(path, (key, index, "id"), item_id, f"duplicate id {item_id!r}")
            result[item_id] = obj
        return result, named


def item_id(data: Any, loc: Loc) -> tuple[str | None, int]:
    """The id of the innermost item on ``loc`` that has one, and how deep it sits.

    Messages then show the field path relative to that item ("options.1.feedback"). An
    item with no id of its own is named by its list and place ("caveats 2").
    """
    found, depth = None, 0
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found, depth = node["id"], index
        elif found is None and isinstance(part, int) and index and isinstance(loc[index - 1], str):
            found, depth = f"{loc[index - 1]} {part + 1}", index + 1
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return found, depth
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        found, depth = node["id"], len(loc)
    return found, depth


def message_for(error: Mapping[str, Any], loc: Loc) -> str:
    field_name = ".".join(str(p) for p in loc) or "item"
    kind = error["type"]
    if isinstance(error.get("ctx", {}).get("error"), RuleError):
        return str(error["ctx"]["error"])  # a content rule: its sentence says it all
    if kind == "missing":
        return f"missing field {field_name!r}"
    if kind == "extra_forbidden":
        return f"unknown key {field_name!r}"
    if kind == "too_short":
        return f"{field_name}: needs at least {error['ctx']['min_length']} item(s)"
    if kind == "value_error" and not loc:
        return str(error["ctx"]["error"])  # a whole-item rule: its own sentence says it all
    return f"{field_name}: {error['msg']}"
