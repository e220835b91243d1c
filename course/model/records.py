"""The course's structure and data files: syllabus, research numbers, safety rates,
schedules, care options, the summary, the method notes and the teaching plans."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from course.model.base import ArticleId, Id, RefId, Strict, StudyRefId, Text, a_study

# -- syllabus -----------------------------------------------------------------


class Lesson(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^\d\d-[a-z0-9-]+$")]
    title: Text
    short_title: Text | None = None
    minutes: int = Field(gt=0, le=240)
    summary: Text
    # The lesson's bottom line for a reader in a hurry (at most three sentences), shown
    # above everything else in all three renderings.
    in_short: Text | None = None
    objectives: list[Text] = Field(min_length=1)
    # When the lesson's facts were last checked against their sources, and when they are
    # next due a check (shown on the page and the deck; `course check` warns once passed).
    reviewed: dt.date
    next_review: dt.date

    @model_validator(mode="after")
    def _review_after_reviewed(self) -> Lesson:
        if self.next_review <= self.reviewed:
            raise ValueError(
                f"next_review ({self.next_review}) must come after reviewed ({self.reviewed})"
            )
        return self

    def review_overdue(self, today: dt.date) -> bool:
        return today > self.next_review

    @property
    def number(self) -> str:
        return self.id[:2]

    @property
    def notebook(self) -> str:
        return f"{self.id}.ipynb"

    @property
    def nav_title(self) -> str:
        return self.short_title or self.title


class Licence(Strict):
    name: Text
    url: Text


class About(Strict):
    """Who made the course, under what terms, and how to tell them of a mistake: what a
    health reader and a lecturer look for before trusting or reusing a resource."""

    authors: Text
    checking: Text
    funding: Text
    content_licence: Licence
    content_exceptions: Text  # what the licence does not cover (the articles' quoted words)
    code_licence: Licence
    # Where a reader reports an error: an address (https:// or mailto:) the site links to;
    # without one the site explains how to report and `course check` warns.
    report_error: Text | None = None


class Syllabus(Strict):
    title: Text
    subtitle: Text
    description: Text
    disclaimer: Text
    about: About
    lessons: list[Lesson] = Field(min_length=1)

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(lesson_id)


class DataRow(Strict):
    label: Text
    value: float


class Dataset(Strict):
    """Numbers a figure plots, with the reference they come from (never typed into code)."""

    id: Id
    title: Text
    unit: Text
    reference: StudyRefId
    note: Text | None = None
    rows: list[DataRow] = Field(min_length=1)


# -- research data (lesson 04 onwards) ------------------------------------------


class Arm(Strict):
    kind: Literal["acupuncture", "sham", "usual-care"]
    label: Text
    value: float


class Comparison(Strict):
    label: Text
    value: float
    ci: tuple[float, float] | None = None
    note: Text | None = None


class Outcome(Strict):
    label: Text
    axis: Text  # short y-axis label
    measure: Text  # what the number means, including direction
    unit: Text
    arms: list[Arm] = Field(min_length=2)
    comparisons: list[Comparison] = Field(default_factory=list)


class Trial(Strict):
    """One randomised trial as the lesson plots it; every number cites ``reference``."""

    id: Id
    name: Text
    reference: StudyRefId
    setting: Text
    participants: Text
    schedule: Text
    outcome: Outcome


class PooledEffect(Strict):
    """A pooled effect size (standardised mean difference) from a meta-analysis."""

    id: Id
    label: Text
    comparison: Literal["sham", "no acupuncture", "usual care"]
    condition: Text
    smd: float
    ci: tuple[float, float] | None = None
    reference: StudyRefId


class PainSpread(Strict):
    """A between-patient SD of pain on a 0-100 scale, used to turn SDs into points."""

    id: Id
    label: Text
    sd: float = Field(gt=0)
    reference: StudyRefId


class Guideline(Strict):
    id: Id
    body: Text
    # YAML reads 2016-11-30 as a date and 2003 as an int: keep what the author wrote
    date: Annotated[str, BeforeValidator(str)]
    position: Literal[
        "recommends", "may be offered", "may be useful", "neutral", "against", "covers"
    ]
    summary: Text
    quote: Text | None = None
    grading: Text | None = None
    reference: StudyRefId


class FindingRow(Strict):
    """One comparison in the summary of findings, as its source states it: a difference in
    points out of 100 (``points``, a review's own), or a pooled SD (``pooled``, turned into
    points with the table's spread). What a source does not give stays None, and the table
    says so rather than fill it in."""

    comparison: Text
    points: float | None = None
    ci: tuple[float, float] | None = None
    pooled: Id | None = None
    people: int | None = None
    trials: int | None = None
    certainty: Text
    note: Text
    reference: StudyRefId

    @model_validator(mode="after")
    def _one_measure(self) -> FindingRow:
        if (self.points is None) == (self.pooled is None):
            raise ValueError("a finding gives either points (with ci) or pooled, not both")
        return self


class SummaryOfFindings(Strict):
    title: Text
    outcome: Text
    spread: Id  # the pain_spread row that turns a pooled SD into points
    rows: list[FindingRow] = Field(min_length=2)


class ResearchData(Strict):
    trials: list[Trial]
    pooled: list[PooledEffect]
    pain_spread: list[PainSpread]
    clinically_important_smd: float
    clinically_important_source: RefId
    guidelines: list[Guideline]
    summary_of_findings: SummaryOfFindings

    @model_validator(mode="after")
    def _findings_name_known_rows(self) -> ResearchData:
        known = {p.id for p in self.pooled}
        for row in self.summary_of_findings.rows:
            if row.pooled is not None and row.pooled not in known:
                raise ValueError(f"summary_of_findings: no pooled effect {row.pooled!r}")
        if self.summary_of_findings.spread not in {s.id for s in self.pain_spread}:
            spread = self.summary_of_findings.spread
            raise ValueError(f"summary_of_findings: no pain_spread {spread!r}")
        return self


class SafetyRate(Strict):
    """An adverse-event frequency with its denominator kept explicit."""

    id: Id
    survey: Text
    event: Text
    per: Literal[1000, 10000, 1000000]
    denominator: Literal["patients", "treatments"]
    window: Text  # over what period or exposure the events were counted
    value: float = Field(ge=0)
    ci: tuple[float, float] | None = None
    reference: StudyRefId
    note: Text | None = None


class SafetyData(Strict):
    rates: list[SafetyRate] = Field(min_length=1)


class ScheduleBlock(Strict):
    weeks: int = Field(gt=0, le=52)
    per_week: float = Field(ge=0, le=7)


class Schedule(Strict):
    """A course of treatment as sessions per week; ``averaged`` when only totals were reported."""

    id: Id
    name: Text
    kind: Literal["trial", "guideline", "coverage", "article"]
    total: Text  # as reported, e.g. "12 over 8 weeks"
    blocks: list[ScheduleBlock] = Field(min_length=1)
    averaged: bool = False
    reference: RefId  # an article's own schedule may cite the article

    @field_validator("reference")
    @classmethod
    def _from_a_study(cls, reference: str, info: ValidationInfo) -> str:
        return reference if info.data.get("kind") == "article" else a_study(reference, info)

    @property
    def sessions(self) -> float:
        return sum(b.weeks * b.per_week for b in self.blocks)

    @property
    def weeks(self) -> int:
        return sum(b.weeks for b in self.blocks)


class ScheduleData(Strict):
    schedules: list[Schedule] = Field(min_length=1)


class CareOption(Strict):
    """An alternative or complement the articles name, with what guidelines say of it."""

    id: Id
    name: Text
    articles: list[ArticleId] = Field(default_factory=list)  # empty: not in the articles
    acute: Text
    chronic: Text
    note: Text | None = None
    references: list[RefId] = Field(min_length=1)


class CareData(Strict):
    options: list[CareOption] = Field(min_length=1)


class Finding(Strict):
    text: Text
    references: list[RefId] = Field(min_length=1)
    # What a slide shows for the room, when the page's text is too long for it: one short
    # line (the whole text goes to the speaker notes). The page always shows ``text``.
    point: Annotated[str, StringConstraints(min_length=1, max_length=160)] | None = None
    # The slide a point goes on, by its title: consecutive findings of one group share a
    # slide, so the room sees "Is it safe?" rather than "(2 of 3)".
    group: Text | None = None


class MethodNotes(Strict):
    """What a learner should know about how the sources were read (the "How we checked" page)."""

    caveats: list[Finding] = Field(min_length=1)


class CourseSummary(Strict):
    """The main findings, shown in the review lesson and printed as summary.html."""

    title: Text
    findings: list[Finding] = Field(min_length=3)
    # What a reader with back pain needs before any of the research: the index, lesson 00
    # and the summary show these, so they live here once.
    back_pain_now: list[Finding] = Field(default_factory=list)
    short_answer: list[Finding] = Field(default_factory=list)


# -- teaching -----------------------------------------------------------------


class PlanPart(Strict):
    """One part of a class: a lesson's sections in deck order, shown for so many minutes."""

    lesson: Annotated[str, StringConstraints(pattern=r"^\d\d-[a-z0-9-]+$")]
    minutes: int = Field(gt=0, le=90)
    sections: list[Text] = Field(min_length=1)  # the lesson's "## " headings
    activity: Text  # what the instructor does with the room
    questions: list[Id] = Field(default_factory=list)  # quiz questions to put to the room
    discuss: Text | None = None  # a question for pairs to discuss (a slide of its own)


class TeachingPlan(Strict):
    """A class: its parts in order, an optional break after one part, and the minutes kept
    in hand (a class never runs to the minute: questions, a late start, a slow projector)."""

    id: Id
    title: Text
    minutes: int = Field(gt=0, le=240)
    summary: Text
    parts: list[PlanPart] = Field(min_length=1)
    break_after: Annotated[str, StringConstraints(pattern=r"^\d\d-[a-z0-9-]+$")] | None = None
    break_minutes: int = Field(default=0, ge=0, le=20)
    buffer: int = Field(ge=5, le=10)  # minutes in hand, not planned for any part

    @model_validator(mode="after")
    def _timed(self) -> TeachingPlan:
        total = sum(part.minutes for part in self.parts) + self.break_minutes + self.buffer
        if total != self.minutes:
            raise ValueError(
                f"the parts, the break and the buffer add up to {total} minutes, "
                f"not the plan's {self.minutes}"
            )
        if (self.break_after is None) != (self.break_minutes == 0):
            raise ValueError("a break needs both break_after (a part's lesson) and break_minutes")
        if self.break_after and self.break_after not in [p.lesson for p in self.parts[:-1]]:
            raise ValueError(f"break_after {self.break_after!r} is not a part before the last")
        return self

    def schedule(self) -> list[tuple[PlanPart, int, int]]:
        """Each part with the minute it starts and ends, from the start of the class (the
        break comes after its part; the buffer is left at the end)."""
        timed, clock = [], 0
        for part in self.parts:
            timed.append((part, clock, clock + part.minutes))
            clock += part.minutes
            if part.lesson == self.break_after:
                clock += self.break_minutes
        return timed


class TeachingData(Strict):
    """Timed plans for teaching a class from the decks (the instructor guide)."""

    plans: list[TeachingPlan] = Field(min_length=1)
