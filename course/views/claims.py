"""Claim cards and claims-at-a-glance: what an article says, next to what the evidence says.

``claim("mech-endorphins")`` in a notebook shows the quote with its article, a verdict
badge (words, symbol and colour), the evidence in our words and its citations; the
site and slides show the same fragment.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from course.loader import queries, store
from course.loader.content import Content
from course.model.claims import Claim
from course.model.verdicts import Verdict
from course.output import render
from course.output.markers import ClaimMarker
from course.output.references import label


class ClaimCard(render.HtmlDisplay):
    kind = "claim"

    def __init__(self, claim_id: str, data: Content | None = None) -> None:
        data = data or store.get()
        try:
            self.claim: Claim = data.claims[claim_id]
        except KeyError:
            raise KeyError(f"no claim {claim_id!r} in course/content/claims.yml") from None
        self.citations = [label(data.references[r]) for r in self.claim.references]
        self.names = [data.references[f"article-{a}"].article_name for a in self.claim.articles]

    def html(self) -> str:
        return self._card(fold=True)

    def jupyter_html(self) -> str:
        """In Jupyter the card reads whole: a learner running the lesson sees the evidence."""
        return self._card(fold=False)

    def _card(self, fold: bool) -> str:
        return render.fragment(
            "claim_card.html.j2",
            claim=self.claim,
            citations=self.citations,
            names=self.names,
            fold=fold,
        )

    def sources(self) -> list[str]:
        return [self.claim.id]

    def marker(self) -> ClaimMarker:
        return ClaimMarker(claim=self.claim.id, sources=tuple(self.sources()))

    def __repr__(self) -> str:
        c = self.claim
        return f'{self.names[0]}: "{c.quote}"\nVerdict: {c.verdict.label}. {c.evidence}'


def claim(claim_id: str) -> ClaimCard:
    """Show one claim from the articles with its verdict and evidence."""
    return ClaimCard(claim_id)


class ClaimsSummary(render.HtmlDisplay):
    kind = "claims-summary"

    def __init__(self, claims: list[Claim], caption: str) -> None:
        if not claims:
            raise ValueError("claims_summary() selected no claims")
        self.claims = claims
        self.caption = caption
        counts = Counter(c.verdict for c in claims)
        self.rows = [
            (verdict, counts[verdict], [c for c in claims if c.verdict is verdict])
            for verdict in Verdict
        ]

    def html(self) -> str:
        """A recap on the lesson page, folded under its caption."""
        return render.folded(self.jupyter_html(), f"{self.caption} ({len(self.claims)} claims)")

    def jupyter_html(self) -> str:
        return render.fragment(
            "claims_summary.html.j2", rows=self.rows, caption=self.caption, total=len(self.claims)
        )

    def slides(self) -> list[dict] | None:
        """One slide naming the claims under each verdict (their quotes, with articles, in
        the notes); only a summary too long for that is paged with its quotes."""
        names = sum(len(c.name) + 2 for _, _, claims in self.rows for c in claims)
        if names + 60 * len(self.rows) <= render.SLIDE_BUDGET:
            html = render.fragment(
                "claims_summary.html.j2",
                rows=self.rows,
                caption=self.caption,
                total=len(self.claims),
                names=True,
            )
            notes = "\n".join(
                f"- {verdict.label}: "
                + "; ".join(f'{c.name}, "{c.quote}" (article {c.articles[0]})' for c in claims)
                for verdict, count, claims in self.rows
                if count
            )
            return [{"html": html, "notes": notes}]
        return render.deck_pages(
            "claims_summary.html.j2",
            "rows",
            self.rows,
            lambda row: 60 + sum(min(len(c.quote), 70) + 16 for c in row[2]),
            caption=self.caption,
            total=len(self.claims),
        )

    def sources(self) -> list[str]:
        return [c.id for c in self.claims]

    def __repr__(self) -> str:
        return "\n".join(f"{v.label}: {n}" for v, n, _ in self.rows)


def claims_in_lesson(lesson_id: str, notebooks: Path | None = None) -> list[str]:
    """Claim ids a lesson shows as cards, in order."""
    return queries.claims_in_lesson(store.get(), lesson_id, notebooks)


def claims_summary(
    ids: list[str] | None = None,
    topics: list[str] | None = None,
    lesson: str | None = None,
    caption: str = "Claims at a glance",
) -> ClaimsSummary:
    """How many of the selected claims got each verdict, with the claims listed.

    ``lesson="03-how-might-it-work"`` summarises exactly the cards that lesson shows.
    """
    data = store.get()
    if lesson:
        ids = queries.claims_in_lesson(data, lesson)
    return ClaimsSummary(queries.select_claims(data, ids, topics), caption)
