"""The loaded course: one typed object per content file, as the loader hands it over.

Which attribute comes from which file is declared once (PARTS), so a kernel's reads can
be recorded for the execution cache (course.loader.reads)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from course.loader import reads
from course.model.claims import Claim, Concept, GlossaryTerm
from course.model.quiz import Question, QuizBank
from course.model.records import (
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
from course.model.red_flags import SignList
from course.model.refs import Reference

# Where an item sits in a YAML file: keys and list positions, from the top.
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Part:
    """One content file: the ``Content`` attribute it loads into and the model it holds."""

    name: str
    file: str
    model: type[BaseModel]
    # For a list of id-carrying items: the key it sits under. Their ids are what later
    # files may name (course.model.base: RefId, SourceId), so such parts load before their readers.
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

    @property
    def questions(self) -> dict[str, Question]:
        """Every question by id, whichever bank asks it (the review bank asks other
        lessons' questions again)."""
        return {q.id: q for bank in self.quizzes.values() for q in bank.questions}

    def quiz(self, bank_id: str) -> QuizBank:
        try:
            return self.quizzes[bank_id]
        except KeyError:
            known = ", ".join(sorted(self.quizzes)) or "none"
            raise KeyError(f"no quiz bank {bank_id!r} (known: {known})") from None
