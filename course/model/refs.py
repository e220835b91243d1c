"""A reference in references.yml: a study, guideline, report or one of the five articles."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    model_validator,
)

from course.model.base import PERSON_NAME, PLACEHOLDER_WORDING, Id, Strict, Text

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
        if len(people) == 2 and all(PERSON_NAME.fullmatch(a) for a in people):
            who = f"{people[0].split()[0]} and {people[1].split()[0]}"
        elif self.authors and ("," in self.authors or "et al" in self.authors):
            who = f"{who.split()[0]} et al."
        elif self.authors and PERSON_NAME.fullmatch(who):
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
