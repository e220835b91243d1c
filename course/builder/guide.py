"""The instructor guide: timed plans built from the decks, their notes and the answer key.

Everything on the page comes from a source kept elsewhere: the plans from
``course/content/teaching.yml``, the discussion prompts from the instructor notes in each
lesson notebook, the answers from the quiz banks, and each section's slide from the deck
the build has just written (so a link opens the deck on the right slide).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup
from markupsafe import Markup
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from course import paths
from course.builder.files import read_json, write_json
from course.loader.content import Content
from course.loader.lesson_index import section_headings
from course.loader.notebook_json import cells
from course.output.references import label
from course.syntax import CITATION

_NOTES_LEAD = re.compile(r"^\*\*Instructor notes\.\*\*\s*")
# feedback written for the learner who chose the option ("Right. ..."): the guide keeps
# the point, not the praise
_PRAISE = re.compile(r"^(Right|Correct|Yes)[.!,]\s*")


def deck_sections(deck_html: str) -> dict[str, int]:
    """Each section heading of a deck and the horizontal slide (``#/h``) it opens on."""
    slides = BeautifulSoup(deck_html, "html.parser").select_one(".reveal .slides")
    found: dict[str, int] = {}
    for h, top in enumerate(slides.find_all("section", recursive=False) if slides else []):
        for heading in top.find_all("h2"):
            found.setdefault(heading.get_text().replace("¶", "").strip(), h)
    return found


def deck_index(decks: dict[str, Path], memo: Path | None = None) -> dict[str, dict[str, int]]:
    """``deck_sections`` of each deck, parsed only when its bytes are new: a prose edit
    re-exports one deck, and parsing all nine again would cost more than the edit. The
    memo (a JSON file in the build's cache, by deck digest) holds the current decks only."""
    known = read_json(memo)
    found, kept = {}, {}
    for lesson, path in decks.items():
        html = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(html.encode()).hexdigest()
        sections = known.get(digest)
        if not isinstance(sections, dict):
            sections = deck_sections(html)
        found[lesson] = kept[digest] = sections
    if memo is not None and kept != known:
        write_json(memo, kept)
    return found


def _markdown(data: Content, text: str) -> Markup:
    text = CITATION.sub(lambda m: f"({label(data.references[m.group(1)])})", text)
    return Markup(markdown2html_mistune(text))


def section_notes(data: Content, notebook: Path) -> dict[str, list[Markup]]:
    """The instructor notes written under each "## " section of a lesson, in order."""
    notes: dict[str, list[Markup]] = {}
    current = None
    for cell in cells(notebook):
        if cell["cell_type"] != "markdown":
            continue
        for heading in section_headings(cell["source"]):
            current = heading
        if current and cell["metadata"].get("slideshow", {}).get("slide_type") == "notes":
            text = _NOTES_LEAD.sub("", cell["source"].strip())
            notes.setdefault(current, []).append(_markdown(data, text))
    return notes


def answer_key(data: Content) -> list[dict]:
    """Every quiz question once, under the lesson it first appears in, with its answer and
    the teaching point (the explanation, or else what the right options' feedback says)."""
    seen: set[str] = set()
    lessons = []
    for lesson in data.syllabus.lessons:
        banks = [data.quizzes[lesson.id]] if lesson.id in data.quizzes else []
        banks += [b for b in data.quizzes.values() if b.lesson == lesson.id]  # claim tests
        entries = []
        questions = [q for bank in banks for q in bank.questions]
        for number, question in enumerate(questions, start=1):
            if question.id in seen:
                continue
            seen.add(question.id)
            right = [option for _, option in question.shown if option.correct]
            point = question.explanation or " ".join(_PRAISE.sub("", o.feedback) for o in right)
            entries.append(
                {
                    "id": question.id,
                    "number": number,
                    "prompt": question.prompt,
                    "kind": question.kind,
                    "answers": [o.text for o in right],
                    "point": point,
                    # why each wrong option is wrong: the misconception its feedback names
                    "distractors": [
                        {"text": o.text, "why": o.feedback}
                        for _, o in question.shown
                        if not o.correct
                    ],
                }
            )
        if entries:
            lessons.append({"lesson": lesson, "questions": entries})
    return lessons


def plans(
    data: Content, site: Path, notebooks: Path = paths.NOTEBOOKS_DIR, memo: Path | None = None
) -> list[dict]:
    """The plans with each part's slides (title, deck link) and its discussion prompts
    (``memo``: where to keep the decks' section index between builds)."""
    if data.teaching is None:
        return []
    needed = {part.lesson for plan in data.teaching.plans for part in plan.parts}
    if any(not (site / "slides" / f"{lesson}.html").exists() for lesson in needed):
        return []  # a build of some lessons only: the guide needs every deck it plans from
    # each deck and notebook read once, however many parts of the plans use it
    decks = deck_index({lesson: site / "slides" / f"{lesson}.html" for lesson in needed}, memo)
    lesson_notes = {lesson: section_notes(data, notebooks / f"{lesson}.ipynb") for lesson in needed}
    result = []
    for plan in data.teaching.plans:
        parts = []
        for part in plan.parts:
            slides, notes = decks[part.lesson], lesson_notes[part.lesson]
            missing = [s for s in part.sections if s not in slides]
            if missing:
                raise ValueError(
                    f"course/content/teaching.yml: plan {plan.id}: no slide titled "
                    f"{missing[0]!r} in slides/{part.lesson}.html"
                )
            parts.append(
                {
                    "part": part,
                    "lesson": data.syllabus.lesson(part.lesson),
                    "slides": [
                        {
                            "title": s,
                            "href": f"slides/{part.lesson}.html#/{slides[s]}",
                            "number": slides[s],
                            "notes": notes.get(s, []),
                        }
                        for s in part.sections
                    ],
                }
            )
        result.append({"plan": plan, "parts": parts})
    return result
