"""What a deck looks like to the room, counted from the built HTML: slides, how many
continue the one before ("(continued)", "(2 of 3)"), title-only slides, slides without
speaker notes. ``python -m course decks`` prints it for every deck of a built site and
fails when a deck misses the targets a lecturer can project as it is (issue 26).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from course.builder import tags
from course.loader.content import Content

# The targets of a deck written for the room.
MAX_SLIDES = 30  # a lesson deck, vertical slides counted
MAX_CONTINUED_SHARE = 0.05  # "(continued)" and "(n of m)" slides, of all slides
CONTINUED = re.compile(r"\((?:continued|\d+ of \d+)\)")
# What makes a slide more than its title: any of these, or text outside the headings.
CONTENT = ("img", "svg", "table", "figure", "iframe", "input", "video", "canvas")
# A styled section divider (tags.DIVIDER: nbconvert writes the cell's slideshow data as
# data-divider on its section) may show a title alone when the title asks a question.
DIVIDER = f"data-{tags.DIVIDER}"


@dataclass(frozen=True)
class DeckStats:
    deck: str
    slides: int
    continued: int
    title_only: int
    without_notes: int

    @property
    def continued_share(self) -> float:
        return self.continued / self.slides if self.slides else 0.0

    def misses(self, max_slides: int | None = MAX_SLIDES) -> list[str]:
        """The targets this deck misses, in words (none: it can be projected as it is)."""
        missed = []
        if max_slides is not None and self.slides > max_slides:
            missed.append(f"{self.slides} slides (at most {max_slides})")
        if self.continued_share > MAX_CONTINUED_SHARE:
            missed.append(
                f"{self.continued_share:.0%} continued slides (at most {MAX_CONTINUED_SHARE:.0%})"
            )
        if self.title_only:
            missed.append(f"{self.title_only} title-only slide(s)")
        if self.without_notes:
            missed.append(f"{self.without_notes} slide(s) without speaker notes")
        return missed


def _slides(soup: BeautifulSoup) -> list[Tag]:
    """The slides the room sees: reveal's sections, a vertical stack's children counted
    one by one (a component's own <section> element inside a slide is not a slide)."""
    slides: list[Tag] = []
    for top in soup.select(".reveal .slides > section"):
        stack = top.find_all("section", recursive=False)
        slides += stack if stack else [top]
    return slides


def _continued(slide: Tag) -> bool:
    """A "(continued)" heading, or a component's page numbered "(2 of 3)" anywhere on it
    (a table's caption, a box's title: part.html.j2)."""
    heading = slide.find(["h1", "h2", "h3", "h4"])
    return bool(
        (heading and CONTINUED.search(heading.get_text())) or slide.select_one(".deck-part")
    )


def _title_only(slide: Tag) -> bool:
    if slide.has_attr(DIVIDER) and any(
        h.get_text().strip().endswith("?") for h in slide.find_all(["h1", "h2", "h3"])
    ):
        return False
    if slide.find(CONTENT):
        return False
    body = [
        text
        for text in slide.find_all(string=True)
        if not text.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "script", "style"])
        and not text.find_parent("aside", class_="notes")
    ]
    return not "".join(body).replace("¶", "").strip()


def deck_stats(path: Path) -> DeckStats:
    """Count one built deck (``slides/<deck>.html``). A quiz becomes one slide per
    question when the deck opens (assets/slides.js: the first stays on the quiz's slide,
    each further one gets a slide with the quiz slide's notes): those slides count too."""
    soup = BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")
    slides = _slides(soup)
    questions = sum(
        max(0, len(quiz.select(".course-question")) - 1)
        for s in slides
        for quiz in s.select(".course-quiz")
    )
    return DeckStats(
        deck=Path(path).stem,
        slides=len(slides) + questions,
        continued=sum(1 for s in slides if _continued(s)),
        title_only=sum(1 for s in slides if _title_only(s)),
        without_notes=sum(
            1 for s in slides if not s.find("aside", class_="notes", recursive=False)
        ),
    )


def site_report(site: Path) -> list[DeckStats]:
    """Every deck of a built site, in file order."""
    return [deck_stats(p) for p in sorted((Path(site) / "slides").glob("*.html"))]


def written_for_room(notebooks: Path) -> set[str]:
    """The lessons whose notebooks carry a slide layer written for the room (notebook
    metadata ``"course": {"deck": "room"}``): their decks must meet the targets; the others
    are still cut from the lesson's prose and are only reported."""
    import json

    room = set()
    for path in sorted(Path(notebooks).glob("*.ipynb")):
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        if tags.written_for_room(metadata):
            room.add(path.stem)
    return room


def class_limits(data: Content) -> dict[str, int]:
    """A class deck's slide limit, from its plan: about a slide every three minutes, and a
    few for the title, the warning signs and the sources (30 for 90 minutes, 16 for 45)."""
    plans = data.teaching.plans if data.teaching else []
    return {plan.id: plan.minutes // 3 + 3 for plan in plans}


def format_report(
    stats: list[DeckStats], room: set[str] | None = None, limits: dict[str, int] | None = None
) -> str:
    """One line per deck; with ``room``, whether each deck written for the room meets the
    targets (and what it misses); ``limits``: slide limits other than MAX_SLIDES."""
    limits = limits or {}
    head = f"{'deck':<24} {'slides':>6} {'continued':>9} {'title only':>10} {'no notes':>8}"
    lines = [head + ("  targets" if room is not None else "")]
    for s in stats:
        line = (
            f"{s.deck:<24} {s.slides:>6} {s.continued_share:>9.0%} {s.title_only:>10} "
            f"{s.without_notes:>8}"
        )
        if room is not None:
            missed = s.misses(limits.get(s.deck, MAX_SLIDES))
            verdict = "met" if not missed else "; ".join(missed)
            line += f"  {verdict if s.deck in room else 'not yet written for the room'}"
        lines.append(line)
    total = sum(s.slides for s in stats)
    continued = sum(s.continued for s in stats)
    lines.append(
        f"{'all decks':<24} {total:>6} {continued / total if total else 0:>9.0%} "
        f"{sum(s.title_only for s in stats):>10} {sum(s.without_notes for s in stats):>8}"
    )
    return "\n".join(lines)
