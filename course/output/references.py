"""Turn reference and claim ids into the labels and bibliography entries lessons show."""

from __future__ import annotations

from course.model.claims import Claim
from course.model.refs import Reference


def label(item: Reference | Claim) -> str:
    """Short in-text label: "Hartvigsen et al. 2018", or "Article 002" for a seed claim."""
    if isinstance(item, Claim):
        return "Article " + ", ".join(item.articles)
    return item.short


def citation(ref: Reference) -> str:
    """One-line plain-text citation, Vancouver-like, without the link."""
    if ref.kind == "seed":
        who = f"{ref.authors}. " if ref.authors else ""
        title = ref.title if ref.title.endswith(("?", "!", ".")) else ref.title + "."
        where = f" {ref.url}" if ref.url else ""
        return f"{label(ref)}: {who}{title} {ref.publisher or ''}.{where}"
    parts: list[str] = []
    if ref.authors:
        parts.append(ref.authors.rstrip(".") + ".")
    parts.append(ref.title.rstrip(".") + ".")
    venue = ref.journal or ref.publisher
    if venue:
        detail = venue
        if ref.year:
            detail += f" {ref.year}"
        if ref.volume:
            detail += f";{ref.volume}"
        if ref.pages:
            detail += f":{ref.pages}"
        parts.append(detail + ".")
    elif ref.year:
        parts.append(f"{ref.year}.")
    if ref.date:
        date = ref.date.rstrip(".")
        parts.append(date[:1].upper() + date[1:] + ".")
    if ref.doi:
        parts.append(f"doi:{ref.doi}.")
    if ref.pmid:
        parts.append(f"PMID {ref.pmid}.")
    return " ".join(parts)
