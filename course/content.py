"""Load every content file into typed objects and check them against each other.

All problems are collected before reporting (as nmaci does for notebooks), so an
author fixes a bank in one pass; each names the file, the item id and the line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from course import paths, quiz_order, reads, yamlsource
from course.models import (
    CareData,
    Claim,
    CourseSummary,
    Dataset,
    GlossaryTerm,
    MethodNotes,
    QuizBank,
    Reference,
    ResearchData,
    SafetyData,
    ScheduleData,
    Syllabus,
    TeachingData,
)

M = TypeVar("M", bound=BaseModel)

# The file each part of the content is loaded from. The loader reads them by these names,
# and a kernel that touches a part records its file (course.reads) for the build's cache.
FILES = {
    "syllabus": "syllabus.yml",
    "references": "references.yml",
    "claims": "claims.yml",
    "glossary": "glossary.yml",
    "datasets": "datasets.yml",
    "research": "trials.yml",
    "safety": "safety.yml",
    "schedules": "schedules.yml",
    "care": "care.yml",
    "summary": "summary.yml",
    "method": "method.yml",
    "teaching": "teaching.yml",
}


class QuizBanks(dict):
    """Quiz banks by lesson id. Reading a bank records its file and the files of the banks
    it includes questions from (course.reads); listing them records every bank."""

    def __init__(self, banks: dict, files: dict[str, tuple[str, ...]]) -> None:
        super().__init__(banks)
        self.files = files

    def _touch(self, bank_id) -> None:
        reads.record(*self.files.get(bank_id, (f"quizzes/{bank_id}.yml",)))

    def _touch_all(self) -> None:
        reads.record(*(name for names in self.files.values() for name in names))

    def __getitem__(self, bank_id):
        self._touch(bank_id)
        return super().__getitem__(bank_id)

    def get(self, bank_id, default=None):
        self._touch(bank_id)
        return super().get(bank_id, default)

    def __contains__(self, bank_id) -> bool:
        self._touch(bank_id)
        return super().__contains__(bank_id)

    def __iter__(self):
        self._touch_all()
        return super().__iter__()

    def keys(self):
        self._touch_all()
        return super().keys()

    def values(self):
        self._touch_all()
        return super().values()

    def items(self):
        self._touch_all()
        return super().items()


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


class ContentError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Content:
    """Everything the course knows, validated."""

    syllabus: Syllabus
    references: dict[str, Reference]
    claims: dict[str, Claim]
    glossary: dict[str, GlossaryTerm]
    quizzes: dict[str, QuizBank]
    datasets: dict[str, Dataset]
    research: ResearchData | None = None
    safety: SafetyData | None = None
    schedules: ScheduleData | None = None
    care: CareData | None = None
    summary: CourseSummary | None = None
    method: MethodNotes | None = None
    teaching: TeachingData | None = None
    lines: dict[str, dict[tuple, int]] = field(default_factory=dict, repr=False)

    def __getattribute__(self, name: str):
        if name in FILES:
            reads.record(FILES[name])
        return object.__getattribute__(self, name)

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
        self.lines: dict[str, dict[tuple, int]] = {}
        # Ids of items that failed validation: already reported, so references to them are
        # not reported a second time as "unknown".
        self.rejected: set[str] = set()

    def name(self, path: Path) -> str:
        return paths.relative(path)

    def add(self, path: Path, loc: tuple, item: str | None, message: str) -> None:
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
        return data

    def model(self, model: type[M], data: Any, path: Path, loc: tuple = ()) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as err:
            for error in err.errors():
                full = (*loc, *error["loc"])
                item, depth = _item_id(data, error["loc"])
                self.add(path, full, item, _message(dict(error), error["loc"][depth:]))
            return None

    def items(self, model: type[M], path: Path, key: str | None) -> dict[str, M]:
        """Load a list of id-carrying items (under ``key`` or at top level)."""
        data = self.read(path)
        if data is None:
            return {}
        items = data.get(key) if key and isinstance(data, dict) else data
        loc: tuple = (key,) if key else ()
        if not isinstance(items, list):
            self.add(path, loc, None, f"expected a list{f' under {key!r}' if key else ''}")
            return {}
        result: dict[str, M] = {}
        for index, raw in enumerate(items):
            obj = self.model(model, raw, path, (*loc, index))
            if obj is None:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    self.rejected.add(raw["id"])
                continue
            item_id: str = getattr(obj, "id")  # noqa: B009 (every list item model has an id)
            if item_id in result:
                self.add(path, (*loc, index, "id"), item_id, f"duplicate id {item_id!r}")
            result[item_id] = obj
        return result


def _item_id(data: Any, loc: tuple) -> tuple[str | None, int]:
    """The id of the innermost item on ``loc`` that has one, and how deep it sits.

    Messages then show the field path relative to that item ("options.1.feedback").
    """
    found, depth = None, 0
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found, depth = node["id"], index
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return found, depth
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        found, depth = node["id"], len(loc)
    return found, depth


def _message(error: dict, loc: tuple) -> str:
    field_name = ".".join(str(p) for p in loc) or "item"
    kind = error["type"]
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

    syllabus_path = root / FILES["syllabus"]
    syllabus_data = c.read(syllabus_path)
    syllabus = c.model(Syllabus, syllabus_data, syllabus_path) if syllabus_data else None
    references = c.items(Reference, root / FILES["references"], "references")
    claims = c.items(Claim, root / FILES["claims"], "claims")
    glossary = c.items(GlossaryTerm, root / FILES["glossary"], "terms")
    datasets = c.items(Dataset, root / FILES["datasets"], "datasets")
    research = _optional(c, root / FILES["research"], ResearchData)
    safety = _optional(c, root / FILES["safety"], SafetyData)
    schedules = _optional(c, root / FILES["schedules"], ScheduleData)
    care = _optional(c, root / FILES["care"], CareData)
    summary = _optional(c, root / FILES["summary"], CourseSummary)
    method = _optional(c, root / FILES["method"], MethodNotes)
    teaching = _optional(c, root / FILES["teaching"], TeachingData)
    for path, key, items in (
        (root / FILES["summary"], "findings", summary.findings if summary else []),
        (root / FILES["summary"], "back_pain_now", summary.back_pain_now if summary else []),
        (root / FILES["summary"], "short_answer", summary.short_answer if summary else []),
        (root / FILES["method"], "caveats", method.caveats if method else []),
    ):
        for index, finding in enumerate(items):
            _check_refs(
                c,
                path,
                (key, index),
                f"{key} {index + 1}",
                finding.references,
                references,
                "references",
            )
    research_path = root / FILES["research"]
    rows: tuple[tuple[Path, str, list[Any]], ...] = (
        (root / FILES["safety"], "rates", safety.rates if safety else []),
        (root / FILES["schedules"], "schedules", schedules.schedules if schedules else []),
        (research_path, "trials", research.trials if research else []),
        (research_path, "pooled", research.pooled if research else []),
        (research_path, "pain_spread", research.pain_spread if research else []),
        (research_path, "guidelines", research.guidelines if research else []),
        (root / FILES["datasets"], "datasets", list(datasets.values())),
    )
    for path, key, table in rows:
        for index, row in enumerate(table):
            _check_refs(c, path, (key, index), row.id, [row.reference], references, "reference")
            if _is_seed(references, row.reference) and getattr(row, "kind", None) != "article":
                c.add(
                    path,
                    (key, index, "reference"),
                    row.id,
                    "a data row must name the study or document its numbers come from",
                )
    for index, option in enumerate(care.options if care else []):
        _check_refs(
            c,
            root / FILES["care"],
            ("options", index),
            option.id,
            option.references,
            references,
            "references",
        )
    if research:
        _check_refs(
            c,
            research_path,
            ("clinically_important_source",),
            None,
            [research.clinically_important_source],
            references,
            "clinically_important_source",
        )

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
            _check_question(c, path, loc, question, references, claims)

    # Option order: banks that stand alone first, then those that include others' questions,
    # so a review bank balances its own questions around the ones it borrows.
    for bank_id, bank in sorted(quizzes.items(), key=lambda item: bool(item[1].include)):
        borrowed = [
            q
            for qid in bank.include
            if (home := question_home.get(qid)) and home != bank_id
            for q in quizzes[home].questions
            if q.id == qid
        ]
        ordered = quiz_order.assign(bank.questions, shown_with=borrowed)
        quizzes[bank_id] = bank.model_copy(update={"questions": ordered})

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
        for bank_id in quizzes:
            if bank_id not in ids:
                c.add(root / "quizzes" / f"{bank_id}.yml", (), bank_id, "no lesson with this id")

    for index, claim in enumerate(claims.values()):
        _check_refs(
            c,
            root / FILES["claims"],
            ("claims", index),
            claim.id,
            claim.references,
            references,
            "references",
        )
        if claim.references and all(_is_seed(references, r) for r in claim.references):
            c.add(
                root / FILES["claims"],
                ("claims", index, "references"),
                claim.id,
                "the evidence cites only the articles; cite what the verdict rests on",
            )
        if claim.quote_words > 25:
            c.add(
                root / FILES["claims"],
                ("claims", index, "quote"),
                claim.id,
                f"quote has {claim.quote_words} words; quote at most 25",
            )
    _check_quotes(c, root / FILES["claims"], claims)
    for index, term in enumerate(glossary.values()):
        _check_refs(
            c,
            root / FILES["glossary"],
            ("terms", index),
            term.id,
            term.references,
            references,
            "references",
        )

    if teaching and syllabus:
        _check_plans(c, root / FILES["teaching"], teaching, syllabus, quizzes)

    if c.problems or syllabus is None:
        raise ContentError(c.problems)
    return Content(
        syllabus=syllabus,
        references=references,
        claims=claims,
        glossary=glossary,
        quizzes=QuizBanks(quizzes, bank_files),
        datasets=datasets,
        research=research,
        safety=safety,
        schedules=schedules,
        care=care,
        summary=summary,
        method=method,
        teaching=teaching,
        lines=c.lines,
    )


def lesson_sections(lesson_id: str) -> list[str]:
    """The "## " headings of a lesson notebook, in order: the sections a plan can name."""
    from course.notebook_json import cells

    path = paths.NOTEBOOKS_DIR / f"{lesson_id}.ipynb"
    return [
        line[3:].strip()
        for cell in (cells(path) if path.exists() else [])
        if cell["cell_type"] == "markdown"
        for line in cell["source"].splitlines()
        if line.startswith("## ")
    ]


def _check_plans(c: _Collector, path: Path, teaching, syllabus, quizzes) -> None:
    """A plan names real lessons, their real sections in deck order, and real questions."""
    lessons = {lesson.id for lesson in syllabus.lessons}
    planned = {part.lesson for plan in teaching.plans for part in plan.parts} & lessons
    sections = {lesson_id: lesson_sections(lesson_id) for lesson_id in planned}  # read once
    for p, plan in enumerate(teaching.plans):
        for n, part in enumerate(plan.parts):
            loc, item = ("plans", p, "parts", n), f"{plan.id} part {n + 1}"
            if part.lesson not in lessons:
                c.add(path, (*loc, "lesson"), item, f"no lesson {part.lesson!r}")
                continue
            known = sections[part.lesson]
            if known:
                at = [known.index(s) if s in known else -1 for s in part.sections]
                for s, (section, index) in enumerate(zip(part.sections, at, strict=True)):
                    if index < 0:
                        c.add(
                            path,
                            (*loc, "sections", s),
                            item,
                            f"no section {section!r} in {part.lesson}"
                            f" (its sections: {'; '.join(known)})",
                        )
                if all(i >= 0 for i in at) and at != sorted(at):
                    c.add(path, (*loc, "sections"), item, "sections must be in deck order")
            bank = {q.id for q in quizzes.get(part.lesson, QuizBank()).questions}
            for q, question in enumerate(part.questions):
                if question not in bank:
                    c.add(
                        path,
                        (*loc, "questions", q),
                        item,
                        f"no question {question!r} in the {part.lesson} quiz",
                    )


def _check_quotes(c: _Collector, path: Path, claims: dict) -> None:
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


def _is_seed(references: dict, ref_id: str) -> bool:
    ref = references.get(ref_id)
    return ref is not None and ref.kind == "seed"


def _optional(c: _Collector, path: Path, model: type[M]) -> M | None:
    """A content file that lessons may or may not need yet."""
    if not path.exists():
        return None
    data = c.read(path)
    return c.model(model, data, path) if data is not None else None


def _check_question(c: _Collector, path: Path, loc: tuple, q, references, claims) -> None:
    correct = len(q.correct_indices)
    if correct == 0:
        c.add(path, (*loc, "options"), q.id, "no option is marked correct")
    elif q.kind in ("single", "true-false") and correct > 1:
        c.add(path, (*loc, "options"), q.id, f"kind {q.kind!r} needs exactly one correct option")
    elif q.kind == "multiple" and correct == len(q.options):
        c.add(path, (*loc, "options"), q.id, "every option is correct; nothing to choose")
    if q.kind == "true-false" and len(q.options) != 2:
        c.add(path, (*loc, "options"), q.id, "a true-false question has exactly two options")
    known = {**references, **claims}
    _check_refs(c, path, loc, q.id, q.sources, known, "sources")


def _check_refs(c, path, loc, item, ids: Iterable[str], known, key: str) -> None:
    for index, ref in enumerate(ids):
        if ref not in known and ref not in c.rejected:
            c.add(path, (*loc, key, index), item, f"unknown reference or claim id {ref!r}")


@functools.lru_cache(maxsize=1)
def _cached(root: str) -> Content:
    return load(Path(root))


def reload() -> None:
    """Forget the loaded content: the next get() reads the files again (a build starts
    from what is on disk; tests switch to edited copies)."""
    _cached.cache_clear()


def get() -> Content:
    """The package's own content, loaded once per process (kernels call this often)."""
    root = paths.content_dir()
    reads.install(root)
    return _cached(str(root))
