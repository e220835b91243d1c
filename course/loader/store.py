"""Load every content file into typed objects and check them against each other.

All problems are collected before reporting (as nmaci does for notebooks), so an
author fixes a bank in one pass; each names the file, the item id and the line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from course import atomic, paths
from course.errors import ContentProblem
from course.loader import reads, yamlsource
from course.model import quiz_order
from course.model.base import RuleError
from course.model.claims import Claim, Concept, GlossaryTerm
from course.model.content import (
    CareData,
    CourseSummary,
    Dataset,
    MethodNotes,
    ResearchData,
    SafetyData,
    ScheduleData,
    Syllabus,
    TeachingData,
)
from course.model.quiz import QuizBank
from course.model.red_flags import SignList, SignMatcher
from course.model.refs import Reference

M = TypeVar("M", bound=BaseModel)
# Where an item sits in a YAML file: keys and list positions, from the top.
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Part:
    """One content file: the ``Content`` attribute it loads into and the model it holds."""

    name: str
    file: str
    model: type[BaseModel]
    # For a list of id-carrying items: the key it sits under. Their ids are what later
    # files may name (models.RefId, SourceId), so such parts load before their readers.
    items: str | None = None
    optional: bool = False  # a file that lessons may or may not need yet


# Every content file but the quiz banks, in loading order: a file comes after the files
# whose ids it names. The loader reads them by these names, and a kernel that touches a
# part records its file (course.loader.reads) for the build's cache.
PARTS = (
    Part("references", "references.yml", Reference, items="references"),
    Part("concepts", "concepts.yml", Concept, items="concepts"),
    Part("claims", "claims.yml", Claim, items="claims"),
    Part("red_flags", "red_flags.yml", SignList, items="lists"),
    Part("syllabus", "syllabus.yml", Syllabus),
    Part("glossary", "glossary.yml", GlossaryTerm, items="terms"),
    Part("datasets", "datasets.yml", Dataset, items="datasets"),
    Part("research", "trials.yml", ResearchData, optional=True),
    Part("safety", "safety.yml", SafetyData, optional=True),
    Part("schedules", "schedules.yml", ScheduleData, optional=True),
    Part("care", "care.yml", CareData, optional=True),
    Part("summary", "summary.yml", CourseSummary, optional=True),
    Part("method", "method.yml", MethodNotes, optional=True),
    Part("teaching", "teaching.yml", TeachingData, optional=True),
)
FILES = {part.name: part.file for part in PARTS}


class QuizBanks(Mapping[str, QuizBank]):
    """Quiz banks by lesson id. Reading a bank records its file and the files of the banks
    it includes questions from (course.loader.reads); listing them records every bank.
    (A Mapping: ``get``, ``in``, ``keys``, ``values`` and ``items`` all come through the
    three methods below, so no way of reading a bank can skip the record.)"""

    def __init__(self, banks: dict[str, QuizBank], files: dict[str, tuple[str, ...]]) -> None:
        self._banks = dict(banks)
        self.files = files

    def __getitem__(self, bank_id: str) -> QuizBank:
        reads.record(*self.files.get(bank_id, (f"quizzes/{bank_id}.yml",)))
        return self._banks[bank_id]

    def __iter__(self) -> Iterator[str]:
        reads.record(*(name for names in self.files.values() for name in names))
        return iter(self._banks)

    def __len__(self) -> int:
        return len(self._banks)


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
        return f"{where}:{item} {self.message}"


class ContentError(ContentProblem):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Content:
    """Everything the course knows, validated."""

    syllabus: Syllabus
    references: dict[str, Reference]
    concepts: dict[str, Concept]
    claims: dict[str, Claim]
    glossary: dict[str, GlossaryTerm]
    quizzes: Mapping[str, QuizBank]
    datasets: dict[str, Dataset]
    red_flags: dict[str, SignList] = field(default_factory=dict)
    research: ResearchData | None = None
    safety: SafetyData | None = None
    schedules: ScheduleData | None = None
    care: CareData | None = None
    summary: CourseSummary | None = None
    method: MethodNotes | None = None
    teaching: TeachingData | None = None
    lines: dict[str, dict[Loc, int]] = field(default_factory=dict, repr=False)

    def __getattribute__(self, name: str) -> Any:
        if name in FILES:
            reads.record(FILES[name])
        return object.__getattribute__(self, name)

    def __deepcopy__(self, memo: dict[int, Any]) -> Content:
        """The content is read-only once loaded (frozen models), so a deep copy is the
        content itself: nbconvert deep-copies the resources of every export, and copying
        ten times this course's content cost half a second an export."""
        return self

    def quiz(self, bank_id: str) -> QuizBank:
        try:
            return self.quizzes[bank_id]
        except KeyError:
            known = ", ".join(sorted(self.quizzes)) or "none"
            raise KeyError(f"no quiz bank {bank_id!r} (known: {known})") from None


class _Collector:
    """Reads files and turns YAML/pydantic failures into Problems."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.lines: dict[str, dict[Loc, int]] = {}
        self.raw: dict[str, tuple[Path, Any]] = {}  # each file as read, for _check_copies
        # What the files loaded so far let later ones name (see models.RefId): the ids of
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
                item, depth = _item_id(data, error["loc"])
                self.add(path, full, item, _message(dict(error), error["loc"][depth:]))
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

    def items(self, model: type[M], path: Path, key: str) -> tuple[dict[str, M], set[str]]:
        """Load a list of id-carrying items under ``key``: the valid ones by id, and every
        id written (valid or not)."""
        data = self.read(path)
        if data is None:
            return {}, set()
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


def _item_id(data: Any, loc: Loc) -> tuple[str | None, int]:
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


def _message(error: Mapping[str, Any], loc: Loc) -> str:
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


def load(root: Path | None = None) -> Content:
    """Load and validate all content under ``root``; raise ContentError listing every problem."""
    with reads.paused():  # validation reads everything; outputs depend on what is used
        return _load(Path(root or paths.content_dir()))


def _load(root: Path) -> Content:
    c = _Collector(root)
    parts = {part.name: c.part(part) for part in PARTS}
    syllabus_path = root / FILES["syllabus"]
    syllabus: Syllabus | None = parts["syllabus"]
    claims: dict[str, Claim] = parts["claims"]

    quizzes: dict[str, QuizBank] = {}
    question_home: dict[str, str] = {}
    for path in sorted((root / "quizzes").glob("*.yml")):
        data = c.read(path)
        if data is None:
            continue
        bank = c.model(QuizBank, data, path)
        if bank is None:
            continue
        quizzes[path.stem] = bank
        seen: set[str] = set()
        for index, question in enumerate(bank.questions):
            loc = ("questions", index)
            if question.id in seen or question.id in question_home:
                other = question_home.get(question.id, path.stem)
                c.add(path, (*loc, "id"), question.id, f"duplicate question id (also in {other})")
            seen.add(question.id)
            question_home.setdefault(question.id, path.stem)

    # Option order, balanced over the whole course for each number of options: a guesser
    # works across lessons, so the right answer's positions must even out there too.
    everything = [q for bank_id in sorted(quizzes) for q in quizzes[bank_id].questions]
    bank_of = {q.id: bank_id for bank_id in quizzes for q in quizzes[bank_id].questions}
    ordered = {q.id: q for q in quiz_order.assign(everything, group=lambda q: bank_of[q.id])}
    for bank_id, bank in quizzes.items():
        mine = [ordered.get(q.id, q) for q in bank.questions]
        quizzes[bank_id] = bank.model_copy(update={"questions": mine})

    bank_files: dict[str, tuple[str, ...]] = {}
    for bank_id, bank in list(quizzes.items()):
        path = root / "quizzes" / f"{bank_id}.yml"
        homes = {question_home[q] for q in bank.include if question_home.get(q, bank_id) != bank_id}
        bank_files[bank_id] = tuple(f"quizzes/{b}.yml" for b in [bank_id, *sorted(homes)])
        if not bank.questions and not bank.include:
            c.add(path, (), bank_id, "a bank needs questions or an include list")
        included = []
        for index, question_id in enumerate(bank.include):
            home = question_home.get(question_id)
            if home is None or home == bank_id:
                c.add(
                    path,
                    ("include", index),
                    bank_id,
                    f"include: no question {question_id!r} in another bank",
                )
                continue
            included.append(next(q for q in quizzes[home].questions if q.id == question_id))
        if included:
            quizzes[bank_id] = bank.model_copy(update={"questions": [*bank.questions, *included]})

    if syllabus:
        ids = [lesson.id for lesson in syllabus.lessons]
        for index, lesson_id in enumerate(ids):
            if ids.index(lesson_id) != index:
                c.add(syllabus_path, ("lessons", index, "id"), lesson_id, "duplicate lesson id")
        for bank_id, bank in quizzes.items():
            if bank_id not in ids and bank.lesson not in ids:
                where = ("lesson",) if bank.lesson else ()
                message = f"no lesson {bank.lesson!r}" if bank.lesson else "no lesson with this id"
                c.add(root / "quizzes" / f"{bank_id}.yml", where, bank_id, message)

    _check_quotes(c, root / FILES["claims"], claims)
    _check_copies(c, parts["red_flags"])
    teaching = parts["teaching"]
    if teaching and syllabus:
        _check_plans(c, root / FILES["teaching"], teaching, syllabus, quizzes)

    if c.problems or syllabus is None:
        raise ContentError(c.problems)
    return Content(**parts, quizzes=QuizBanks(quizzes, bank_files), lines=c.lines)


# Files that may name warning signs freely: their source, and the bibliography's notes
# (which say what each source lists).
SIGN_SOURCES = (FILES["red_flags"], FILES["references"])


def _check_copies(c: _Collector, red_flags: dict[str, SignList]) -> None:
    """No content file but red_flags.yml lists warning signs (model.red_flags.SignMatcher):
    a hand-written copy is how a sign once went missing from one list of six."""
    if not red_flags:
        return
    matcher = SignMatcher(red_flags.values())
    for path, data in c.raw.values():
        if path.name in SIGN_SOURCES and path.parent == c.root:
            continue
        for loc, text in _strings(data):
            for copy in matcher.copies(text):
                c.add(path, loc, _item_id(data, loc)[0], copy.message())


def _strings(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*loc, index))


def _check_plans(
    c: _Collector,
    path: Path,
    teaching: TeachingData,
    syllabus: Syllabus,
    quizzes: dict[str, QuizBank],
) -> None:
    """A plan names real lessons and real questions. (Its sections are the lessons'
    headings, so they are checked where notebooks are read: builder.checks.check_plans.)"""
    lessons = {lesson.id for lesson in syllabus.lessons}
    for p, plan in enumerate(teaching.plans):
        for n, part in enumerate(plan.parts):
            loc, item = ("plans", p, "parts", n), f"{plan.id} part {n + 1}"
            if part.lesson not in lessons:
                c.add(path, (*loc, "lesson"), item, f"no lesson {part.lesson!r}")
                continue
            bank = {q.id for q in quizzes.get(part.lesson, QuizBank()).questions}
            for q, question in enumerate(part.questions):
                if question not in bank:
                    c.add(
                        path,
                        (*loc, "questions", q),
                        item,
                        f"no question {question!r} in the {part.lesson} quiz",
                    )


def _check_quotes(c: _Collector, path: Path, claims: dict[str, Claim]) -> None:
    """Every quote must appear verbatim in the article it names (when the articles are here)."""
    folder = paths.seeds_dir()
    if not folder.is_dir():
        return
    texts = {f.name[:3]: f.read_text(encoding="utf-8") for f in folder.glob("*.txt")}
    for index, claim in enumerate(claims.values()):
        article = claim.articles[0]
        if article in texts and claim.quote not in texts[article]:
            c.add(
                path,
                ("claims", index, "quote"),
                claim.id,
                f"quote not found verbatim in article {article}",
            )


@functools.lru_cache(maxsize=1)
def _cached(root: str) -> Content:
    return load(Path(root))


# Content a build loaded through load_cached(), by content folder: what get() returns.
_built: dict[str, Content] = {}


def reload() -> None:
    """Forget the loaded content: the next get() reads the files again (a build starts
    from what is on disk; tests switch to edited copies)."""
    _cached.cache_clear()
    _built.clear()


def get() -> Content:
    """The package's own content, loaded once per process (kernels call this often)."""
    root = paths.content_dir()
    reads.install(root)
    return _built.get(str(root)) or _cached(str(root))


def load_cached(key: str, folder: Path) -> Content:
    """The content for a build, validated once per change: kept in ``folder`` under a
    digest of ``key`` (the caller's digest of the content files, the package code and the
    environment) and of the articles the quotes are checked against. A course ten times
    this one takes half a second to validate; reading it back takes a few milliseconds.
    Whatever this returns is what get() returns in this process."""
    import hashlib
    import pickle

    root = paths.content_dir()
    h = hashlib.sha256(f"{key}\0{root.resolve()}".encode())
    seeds = paths.seeds_dir()
    for article in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        h.update(article.name.encode() + b"\0" + article.read_bytes())
    path = Path(folder) / f"content-{h.hexdigest()[:40]}.pickle"
    data = None
    try:
        data = pickle.loads(path.read_bytes())  # written below by this function only
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        data = None
    if not isinstance(data, Content):
        data = load(root)  # a content error is raised here, and nothing is kept
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("content-*.pickle"):
            old.unlink(missing_ok=True)
        atomic.write(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), mode=None)
    _cached.cache_clear()
    _built.clear()
    _built[str(root)] = data
    return data
