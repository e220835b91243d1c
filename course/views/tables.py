"""Tables drawn from research data (so the numbers live only in course/content)."""

from __future__ import annotations

from typing import Any

from course.loader import store
from course.output import render
from course.output.references import label


class GuidelinesTable(render.HtmlDisplay):
    kind = "guidelines-table"

    def __init__(self) -> None:
        data = store.get()
        if data.research is None:
            raise ValueError("course/content/trials.yml is missing")
        self.rows = sorted(data.research.guidelines, key=lambda g: g.date)
        self.labels = {g.id: label(data.references[g.reference]) for g in self.rows}

    def html(self) -> str:
        summary = f"All {len(self.rows)} positions, oldest first: who said what, and how graded"
        return render.folded(self.jupyter_html(), summary)

    def jupyter_html(self) -> str:
        return render.fragment("guidelines_table.html.j2", rows=self.rows, labels=self.labels)

    def slides(self) -> list[dict] | None:
        """The room sees who said what and when; what each one says is read from the notes."""

        def notes(rows) -> str:
            return " ".join(
                f"{g.body} ({g.date}): {g.summary}"
                + (f" “{g.quote}”" if g.quote else "")
                + f" ({self.labels[g.id]})."
                for g in rows
            )

        return render.deck_pages(
            "guidelines_table.html.j2",
            "rows",
            self.rows,
            lambda g: 110 + len(g.grading or ""),
            notes=notes,
            always=True,
            labels=self.labels,
            compact=True,
        )

    def sources(self) -> list[str]:
        return [g.reference for g in self.rows]

    def __repr__(self) -> str:
        return "\n".join(f"{g.date}  {g.body}: {g.position}" for g in self.rows)


def guidelines_table() -> GuidelinesTable:
    """Guideline and payer positions on acupuncture for low back pain, side by side."""
    return GuidelinesTable()


class FindingsTable(render.HtmlDisplay):
    """Lesson 04's summary of findings: each comparison's effect in points out of 100, with
    its people, trials and certainty as the source states them (a blank stays a blank)."""

    kind = "findings-table"

    def __init__(self) -> None:
        data = store.get()
        if data.research is None:
            raise ValueError("course/content/trials.yml is missing")
        self.table = data.research.summary_of_findings
        pooled = {p.id: p for p in data.research.pooled}
        spread = next(s for s in data.research.pain_spread if s.id == self.table.spread)
        self.rows: list[dict[str, Any]] = []
        for row in self.table.rows:
            ci: tuple[float, ...] | None
            if row.pooled is not None:
                effect = pooled[row.pooled]
                points = effect.smd * spread.sd
                ci = tuple(x * spread.sd for x in effect.ci) if effect.ci else None
                how: str | None = f"{effect.smd} SD × {spread.sd} points"
            else:
                assert row.points is not None  # the model holds one of the two
                points, ci, how = row.points, row.ci, None
            self.rows.append(
                {
                    "row": row,
                    "points": round(points),
                    "ci": tuple(round(x) for x in ci) if ci else None,
                    "how": how,
                    "source": label(data.references[row.reference]),
                }
            )
        self.spread_source = label(data.references[spread.reference])

    def html(self) -> str:
        return render.fragment(
            "findings_table.html.j2",
            table=self.table,
            rows=self.rows,
            spread_source=self.spread_source,
        )

    def sources(self) -> list[str]:
        return [r.reference for r in self.table.rows]

    def __repr__(self) -> str:
        return "\n".join(
            f"{r['row'].comparison}: {r['points']} points less pain, certainty {r['row'].certainty}"
            for r in self.rows
        )


def findings_table() -> FindingsTable:
    """How much less pain acupuncture gave, compared with usual care, sham and nothing."""
    return FindingsTable()


class CareTable(render.HtmlDisplay):
    kind = "care-table"

    def __init__(self) -> None:
        data = store.get()
        if data.care is None:
            raise ValueError("course/content/care.yml is missing")
        self.rows = data.care.options
        self.labels = {
            o.id: "; ".join(label(data.references[r]) for r in o.references) for o in self.rows
        }

    def html(self) -> str:
        summary = f"All {len(self.rows)} options, with what two guideline sources say"
        return render.folded(self.jupyter_html(), summary)

    def jupyter_html(self) -> str:
        return render.fragment("care_table.html.j2", rows=self.rows, labels=self.labels)

    def slides(self) -> list[dict] | None:
        # a row is as tall as its longest cell; the table is set smaller than body text
        return render.deck_pages(
            "care_table.html.j2",
            "rows",
            self.rows,
            lambda o: 90 + max(len(o.acute), len(o.chronic) + len(o.note or "")),
            labels=self.labels,
        )

    def sources(self) -> list[str]:
        return sorted({r for o in self.rows for r in o.references})

    def __repr__(self) -> str:
        return "\n".join(f"{o.name}: acute: {o.acute} | chronic: {o.chronic}" for o in self.rows)


def care_table() -> CareTable:
    """The alternatives and complements the articles name, with what guidelines say."""
    return CareTable()
