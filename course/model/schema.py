"""Typed course content, and quiz grading as pure Python.

Everything a renderer shows (a question, a verdict, a citation) is one of these
objects, so the widget view, the static HTML and the checks read the same data.
Nothing here imports IPython or ipywidgets: grading is testable on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=2)]


# -- cross-references -----------------------------------------------------------
# An id that names an item in another content file is declared here, by its type, once.
# The loader validates each file with a context holding the ids loaded before it
# ({"ids": {"references": ..., "claims": ...}, "seeds": ...}); a model built without that
# context (a test, a kernel) is not cross-checked. Each rule raises a RuleError, whose
# sentence the loader prints as it is, with the file, item and line.


class RuleError(ValueError):
    """A content rule broken: its sentence is the whole message."""


def rule_error(message: str, **values: str) -> RuleError:
    return RuleError(message.format(**values))


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context if isinstance(info.context, dict) else {}


def _known(*tables: str) -> Callable[[str, ValidationInfo], str]:
    def check(value: str, info: ValidationInfo) -> str:
        ids = _context(info).get("ids")
        if ids is None or any(value in ids.get(table, ()) for table in tables):
            return value
        what = "concept" if tables == ("concepts",) else "reference or claim"
        raise rule_error("unknown {what} id '{id}'", what=what, id=value)

    check.names = tables  # type: ignore[attr-defined] # what the id may name (for tests)
    return check


def _a_study(value: str, info: ValidationInfo) -> str:
    if value in _context(info).get("seeds", ()):
        raise rule_error("a data row must name the study or document its numbers come from")
    return value


# A reference in references.yml; a reference or a claim (what a quiz question rests on);
# the study or document a row of numbers comes from (never one of the articles).
RefId = Annotated[Id, AfterValidator(_known("references"))]
# An Informed Health Choices Key Concept in concepts.yml (what a claim or question practises).
ConceptId = Annotated[Id, AfterValidator(_known("concepts"))]
SourceId = Annotated[Id, AfterValidator(_known("references", "claims"))]
StudyRefId = Annotated[RefId, AfterValidator(_a_study)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
ArticleId = Literal["000", "001", "002", "003", "004"]


_PERSON = re.compile(r"[A-Z][\w'-]+ [A-Z]{1,3}")  # "Han JS"

# Wording that marks a detail as unchecked. A reference a learner sees must be either
# verified or left out, so these are content errors, not notes.
PLACEHOLDER_WORDING = re.compile(
    r"paraphrased|not (?:been )?confirmed|unconfirmed|not retrieved"
    r"|could not be (?:confirmed|found)|excerpt read|seen only|not seen|not checked|unverified"
    r"|\bTODO\b|\bTBD\b|\bFIXME\b",
    re.IGNORECASE,
)


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a field name must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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

    @property
    def number(self) -> str:
        return self.id[:2]

    @property
    def notebook(self) -> str:
        return f"{self.id}.ipynb"

    @property
    def nav_title(self) -> str:
        return self.short_title or self.title


class Syllabus(Strict):
    title: Text
    subtitle: Text
    description: Text
    disclaimer: Text
    lessons: list[Lesson] = Field(min_length=1)

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(lesson_id)


# -- references, claims, glossary --------------------------------------------


class Reference(Strict):
    id: Id
    kind: Literal["article", "journal", "guideline", "report", "web", "seed"]
    label: Text | None = None  # in-text label when author-year would be unwieldy
    short_title: Text | None = None  # a seed article's readable name, used wherever it is named
    authors: Text | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: Text
    journal: Text | None = None
    publisher: Text | None = None
    volume: Text | None = None
    pages: Text | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^\d{5,9}$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    file: Text | None = None
    # Publication or last-update date of a guideline or web page ("30 November 2016,
    # updated 11 December 2020"): such documents change, so readers need to know which one.
    date: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _verifiable(self) -> Reference:
        """A reader must be able to find the source, and nothing unchecked may be shown."""
        if self.kind == "seed":
            if not self.short_title:
                raise ValueError("an article needs a short_title: learners know it by its name")
            return self
        if not (self.doi or self.pmid or self.url):
            raise ValueError("needs a doi, pmid or canonical url so readers can find it")
        if self.kind in ("guideline", "web", "report") and not (self.doi or self.pmid):
            if not (self.authors or self.publisher):
                raise ValueError(f"a {self.kind} needs its issuing body (authors or publisher)")
            if not (self.year or self.date):
                raise ValueError(f"a {self.kind} needs its year or date")
        for name in ("title", "authors", "journal", "volume", "pages", "publisher", "note"):
            value = getattr(self, name)
            found = PLACEHOLDER_WORDING.search(value or "")
            if found:
                raise ValueError(
                    f"{name} says {found.group(0)!r}: verify the detail or leave it out"
                )
        return self

    @property
    def short(self) -> str:
        """Author-year label used in running text, e.g. "Hartvigsen et al. 2018"."""
        if self.label:
            return self.label
        if self.kind == "seed":
            return f"Article {self.id.removeprefix('article-')}"
        who = (self.authors or self.publisher or self.title).split(",")[0]
        people = [a.strip() for a in (self.authors or "").split(",")]
        if len(people) == 2 and all(_PERSON.fullmatch(a) for a in people):
            who = f"{people[0].split()[0]} and {people[1].split()[0]}"
        elif self.authors and ("," in self.authors or "et al" in self.authors):
            who = f"{who.split()[0]} et al."
        elif self.authors and _PERSON.fullmatch(who):
            who = who.split()[0]  # "Han JS" -> "Han"
        return f"{who} {self.year}" if self.year else who

    @property
    def article_name(self) -> str:
        """How lessons and cards name a seed article: its title first, its number second."""
        return f"“{self.short_title}” (article {self.id.removeprefix('article-')})"

    @property
    def link(self) -> str | None:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


class Verdict(StrEnum):
    supported = "supported"
    partly = "partly supported"
    overstated = "overstated"
    not_supported = "not supported"
    unverified = "could not be verified"
    # Not a verdict on evidence: sound advice ("talk to your doctor") that research does not
    # test as such. Labelled apart so that "could not be verified" never reads as doubt of it.
    advice = "advice"

    @property
    def symbol(self) -> str:
        """Shown with the words and the colour, so a verdict never relies on colour alone."""
        return VERDICT_SYMBOLS[self]

    @property
    def slug(self) -> str:
        return self.value.replace(" ", "-")

    @property
    def label(self) -> str:
        if self is Verdict.advice:
            return "Advice, not a research claim"
        return self.value.capitalize()


# What each verdict means, in the words lesson 00 teaches (one place for the site pages).
VERDICT_MEANINGS = {
    "supported": "The evidence says essentially what the article says.",
    "partly supported": "Part of it is true; the card says which part is missing or distorted.",
    "overstated": (
        "A real finding exists, but the article exaggerates how strong, broad or certain it is."
    ),
    "not supported": (
        "The evidence contradicts the claim, or nothing backs a claim that is unlikely "
        "on physical grounds."
    ),
    "could not be verified": (
        "We could not find or read the source the claim rests on, or any study that tests it."
    ),
    "advice": (
        "Reasonable advice rather than a claim research can test; the card says what it rests on."
    ),
}

VERDICT_SYMBOLS = {
    Verdict.supported: "✔",
    Verdict.partly: "◐",
    Verdict.overstated: "▲",
    Verdict.not_supported: "✘",
    Verdict.unverified: "?",
    Verdict.advice: "ℹ",
}


EvidenceLevel = Literal[
    "no evidence found",
    "laboratory or animal",
    "healthy volunteers",
    "patients with other conditions",
    "back-pain patients",
]
EVIDENCE_LEVELS: tuple[str, ...] = get_args(EvidenceLevel)


class Concept(Strict):
    """An Informed Health Choices Key Concept: the skill a claim or question practises."""

    id: Id
    title: Text  # the concept's own short title on the IHC index
    group: Text  # its subgroup in the 2022 framework, "1.4 Trust based on ..."
    explanation: Text  # ours, in the course's words
    references: list[RefId] = Field(min_length=1)

    @property
    def code(self) -> str:
        return self.group.split()[0]


class Claim(Strict):
    """One claim from the articles. ``articles[0]`` is the article ``quote`` comes from;
    any others make the same claim in their own words."""

    id: Id
    title: Text | None = None  # short name for figures, e.g. "Endorphins"
    articles: list[ArticleId] = Field(min_length=1)
    quote: Annotated[str, StringConstraints(min_length=3)]
    topic: Literal[
        "history",
        "concepts",
        "mechanism",
        "research",
        "benefit",
        "risk",
        "frequency",
        "practitioner",
        "epidemiology",
        "other",
    ]
    verdict: Verdict
    # One plain sentence a reader can stop at; the evidence below gives the detail.
    in_short: Text | None = None
    evidence: Text
    # Every verdict rests on something a reader can look up; the article alone is not enough.
    references: list[RefId] = Field(min_length=1)
    # For mechanism claims: the highest rung of evidence found (drives the ladder figure).
    evidence_level: EvidenceLevel | None = None
    # The IHC Key Concepts a reader applies to judge this claim, the main one first.
    concepts: list[ConceptId] = Field(min_length=1, max_length=2)

    @field_validator("quote")
    @classmethod
    def _short_quote(cls, quote: str) -> str:
        words = len(quote.split())
        if words > 25:
            raise rule_error("quote has {words} words; quote at most 25", words=str(words))
        return quote

    @field_validator("references")
    @classmethod
    def _rests_on_evidence(cls, refs: list[str], info: ValidationInfo) -> list[str]:
        seeds = _context(info).get("seeds", ())
        if refs and all(ref in seeds for ref in refs):
            raise rule_error("the evidence cites only the articles; cite what the verdict rests on")
        return refs

    @property
    def name(self) -> str:
        """Short name: ``title`` or the id without its topic prefix ("mech-nitric-oxide")."""
        if self.title:
            return self.title
        words = self.id.split("-", 1)[-1].replace("-", " ")
        return words[:1].upper() + words[1:]

    @property
    def quote_words(self) -> int:
        return len(self.quote.split())


class GlossaryTerm(Strict):
    id: Id
    term: Text
    # Other ways lessons write the term ("SD", "95% CI"): the first use of any is linked.
    aliases: list[Text] = Field(default_factory=list)
    definition: Text
    references: list[RefId] = Field(default_factory=list)


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


class ResearchData(Strict):
    trials: list[Trial]
    pooled: list[PooledEffect]
    pain_spread: list[PainSpread]
    clinically_important_smd: float
    clinically_important_source: RefId
    guidelines: list[Guideline]


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
        return reference if info.data.get("kind") == "article" else _a_study(reference, info)

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


class TeachingPlan(Strict):
    id: Id
    title: Text
    minutes: int = Field(gt=0, le=240)
    summary: Text
    parts: list[PlanPart] = Field(min_length=1)

    @model_validator(mode="after")
    def _timed(self) -> TeachingPlan:
        total = sum(part.minutes for part in self.parts)
        if total != self.minutes:
            raise ValueError(f"the parts add up to {total} minutes, not the plan's {self.minutes}")
        return self


class TeachingData(Strict):
    """Timed plans for teaching a class from the decks (the instructor guide)."""

    plans: list[TeachingPlan] = Field(min_length=1)


# -- quizzes ------------------------------------------------------------------


class Option(Strict):
    text: Text
    correct: bool = False
    feedback: Text


class Question(Strict):
    id: Id
    kind: Literal["single", "multiple", "true-false"]
    prompt: Text
    options: list[Option] = Field(min_length=2)
    explanation: Text | None = None
    sources: list[SourceId] = Field(default_factory=list)
    # the IHC Key Concepts a "judge this claim" question practises
    concepts: list[ConceptId] = Field(default_factory=list)
    # The order options are shown in, as indices into ``options``. Authors write the correct
    # answer wherever is natural; the loader sets this (see ``quiz_order``) so that a learner
    # cannot pass by always picking the first option. Grading and saved answers keep using
    # authoring indices, so a stored answer means the same option whatever the display order.
    display_order: tuple[int, ...] = ()

    @field_validator("options")
    @classmethod
    def _answerable(cls, options: list[Option], info: ValidationInfo) -> list[Option]:
        """A question a learner can get right, one way only for single and true-false."""
        kind, correct = info.data.get("kind"), sum(option.correct for option in options)
        problems = []
        if correct == 0:
            problems.append("no option is marked correct")
        elif kind in ("single", "true-false") and correct > 1:
            problems.append(f"kind {kind!r} needs exactly one correct option")
        elif kind == "multiple" and correct == len(options):
            problems.append("every option is correct; nothing to choose")
        if kind == "true-false" and len(options) != 2:
            problems.append("a true-false question has exactly two options")
        if problems:
            raise rule_error("; ".join(problems))
        return options

    @property
    def shown(self) -> list[tuple[int, Option]]:
        """(authoring index, option) pairs in display order."""
        order = self.display_order or tuple(range(len(self.options)))
        return [(i, self.options[i]) for i in order]

    @property
    def correct_indices(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)

    def takes(self, selected: object) -> bool:
        """Whether a saved selection fits this question: its own options, at least one, and
        only one unless it is a multiple-choice question. (The site's script keeps the same
        rule for answers saved in the browser.)"""
        if not isinstance(selected, list | tuple | set | frozenset) or not selected:
            return False
        fine = all(type(i) is int and 0 <= i < len(self.options) for i in selected)
        return fine and (self.kind == "multiple" or len(set(selected)) == 1)

    def grade(self, selected: set[int] | frozenset[int] | list[int]) -> Grade:
        """Grade one attempt; ``selected`` holds option indices.

        Only the chosen options' feedback is returned: revealing the feedback of
        unchosen correct options would turn a retry into copying the answer.
        """
        chosen = frozenset(selected)
        unknown = [i for i in chosen if not 0 <= i < len(self.options)]
        if unknown:
            raise ValueError(f"question {self.id!r} has no option {unknown[0]}")
        if not chosen:
            return Grade(self.id, chosen, answered=False, correct=False, feedback=(), missed=0)
        if self.kind != "multiple" and len(chosen) > 1:
            raise ValueError(f"question {self.id!r} takes one answer, got {len(chosen)}")
        feedback = tuple(
            (i, self.options[i].correct, self.options[i].feedback) for i in sorted(chosen)
        )
        missed = len(self.correct_indices - chosen)
        return Grade(
            self.id,
            chosen,
            answered=True,
            correct=chosen == self.correct_indices,
            feedback=feedback,
            missed=missed,
        )


# One wording for every rendering: the static script reads these from the page.
HEADLINES = {
    "empty": "Choose an answer first.",
    "correct": "Correct.",
    "partial": "Partly right: {missed} more right options to find.",
    "partial-one": "Partly right: one more right option to find.",
    "wrong": "Not quite: read the feedback and try again.",
}


@dataclass(frozen=True)
class Grade:
    """The outcome of one attempt at one question."""

    question_id: str
    selected: frozenset[int]
    answered: bool
    correct: bool
    feedback: tuple[tuple[int, bool, str], ...]
    missed: int

    @property
    def headline(self) -> str:
        if not self.answered:
            return HEADLINES["empty"]
        if self.correct:
            return HEADLINES["correct"]
        if self.missed and all(ok for _, ok, _ in self.feedback):
            if self.missed == 1:
                return HEADLINES["partial-one"]
            return HEADLINES["partial"].format(missed=self.missed)
        return HEADLINES["wrong"]


class QuizBank(Strict):
    title: Text = "Check your understanding"
    questions: list[Question] = Field(default_factory=list)
    # A bank that is not a lesson's own quiz names the lesson that shows it: the claim
    # tests (test: pre or post), which no score counts (scored: false) in an LMS.
    lesson: Annotated[str, StringConstraints(pattern=r"^\d\d-[a-z0-9-]+$")] | None = None
    test: Literal["pre", "post"] | None = None
    scored: bool = True
    # ids of questions from other lessons' banks, shown after this bank's own (review quizzes)
    include: list[Id] = Field(default_factory=list)

    def select(self, ids: list[str] | None) -> list[Question]:
        if not ids:
            return list(self.questions)
        by_id = {q.id: q for q in self.questions}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise KeyError(f"no question {missing[0]!r} in this bank")
        return [by_id[i] for i in ids]
