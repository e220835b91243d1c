"""The articles' claims, the Key Concepts they practise, and the glossary."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from course.model.base import ArticleId, ConceptId, Id, RefId, Strict, Text, context_of, rule_error
from course.model.verdicts import EvidenceLevel, Verdict


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
        seeds = context_of(info).get("seeds", ())
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


# A definition that names course data takes it from the data: "{verdicts}" in a glossary
# definition reads as the verdict scale, every verdict in order (a hand-typed list once
# named five where the course uses six).
VERDICTS_TOKEN = "{verdicts}"


def verdict_list() -> str:
    """ "supported, partly supported, …, or advice, not a research claim"."""
    names = [v.label[:1].lower() + v.label[1:] for v in Verdict]
    return ", ".join(names[:-1]) + ", or " + names[-1]


class GlossaryTerm(Strict):
    id: Id
    term: Text
    # Other ways lessons write the term ("SD", "95% CI"): the first use of any is linked.
    aliases: list[Text] = Field(default_factory=list)
    definition: Text
    references: list[RefId] = Field(default_factory=list)

    @field_validator("definition")
    @classmethod
    def _from_data(cls, definition: str) -> str:
        return definition.replace(VERDICTS_TOKEN, verdict_list())
