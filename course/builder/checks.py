"""Static checks of the lesson notebooks, run before anything executes.

They catch what would otherwise fail minutes into a build: a notebook that is not
valid JSON, a lesson missing from the syllabus, an unknown quiz bank, citation,
tag or slide type. Problems name the notebook and the cell.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from course import paths
from course.builder import tags
from course.loader.content import Content
from course.loader.problems import Problem
from course.model.red_flags import SignMatcher
from course.syntax import CITATION, CITATION_LIKE, QUIZ_CALL

# What a lesson's first cell does when the course package is missing: two lines saying
# what to install, in place of a traceback, and Run All stops there, so every later cell
# keeps the readable output it was downloaded with. IPython shows _render_traceback_().
IMPORT_GUARD = """except ModuleNotFoundError as missing:  # say what to install, not a traceback
    missing._render_traceback_ = lambda: [
        "This lesson needs the course package, which this Python environment does not have.",
        "Get acupuncture-course.zip from the course site, run `pip install -r requirements.txt`"
        " in its folder and restart the kernel (in the course repository: `make lab`).",
    ]
    raise
"""


def guarded(imports: str) -> str:
    """The first cell's imports wrapped in the guard (used to write and to check lessons)."""
    body = "".join(f"    {line}\n" for line in imports.strip().splitlines())
    return f"try:\n{body}{IMPORT_GUARD}"


def _guard_problem(source: str) -> str | None:
    head, sep, _rest = source.partition(IMPORT_GUARD)
    imports = [line[4:] for line in head.splitlines()[1:]]
    if not sep or not head.startswith("try:\n") or guarded("\n".join(imports)) != head + sep:
        return (
            "the first code cell must import the course inside the standard guard, so a "
            "learner without the package sees what to install: try: <imports> followed by "
            "course.builder.checks.IMPORT_GUARD"
        )
    if not any(line.startswith(("from course", "import course")) for line in imports):
        return "the first code cell's guard must import from the course package"
    return None


# Markdown images and <img> tags that point at files beside the notebook (not URLs).
LOCAL_IMAGE = re.compile(
    r"""!\[[^\]]*\]\((?!https?:|data:)([^)\s]+)\)|<img[^>]+src=["'](?!https?:|data:)([^"']+)"""
)


def read_notebook(path: Path, problems: list[Problem]):
    name = paths.relative(path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        problems.append(Problem(name, err.lineno, None, f"not valid JSON: {err.msg}"))
        return None
    except OSError as err:
        problems.append(Problem(name, None, None, f"cannot read: {err.strerror}"))
        return None
    del raw  # parsed only to report JSON errors with their line
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except (nbformat.ValidationError, AttributeError, TypeError) as err:
        message = getattr(err, "message", str(err)).splitlines()[0]
        problems.append(Problem(name, None, None, f"not a valid notebook: {message}"))
        return None
    return nb


def _line_in_file(path: Path, text: str) -> int | None:
    """The line of the notebook file (JSON) that holds ``text``, so an editor can jump there."""
    needle = json.dumps(text.strip(), ensure_ascii=False)[1:-1][:80]
    with path.open(encoding="utf-8") as lines:
        return next((n for n, line in enumerate(lines, 1) if needle in line), None)


def check_notebooks(
    data: Content, notebooks_dir: Path | None = None, lessons: set[str] | None = None
) -> tuple[list, list]:
    """Return (problems, warnings) for every lesson notebook (or those of ``lessons``)."""
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS_DIR)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    lesson_ids = [lesson.id for lesson in data.syllabus.lessons]
    for path in sorted(notebooks_dir.glob("*.ipynb")):
        if path.stem not in lesson_ids:
            problems.append(
                Problem(
                    paths.relative(path),
                    None,
                    None,
                    "notebook is not in course/content/syllabus.yml",
                )
            )
    known_refs = {**data.references, **data.claims}
    matcher = SignMatcher(data.red_flags.values()) if data.red_flags else None
    for lesson in data.syllabus.lessons:
        if lessons is not None and lesson.id not in lessons:
            continue
        path = notebooks_dir / lesson.notebook
        name = paths.relative(path)
        if not path.exists():
            problems.append(Problem(name, None, lesson.id, "lesson notebook is missing"))
            continue
        nb = read_notebook(path, problems)
        if nb is None:
            continue
        first_code = next((n for n, c in enumerate(nb.cells, 1) if c.cell_type == "code"), None)
        if first_code and (problem := _guard_problem(nb.cells[first_code - 1].source)):
            problems.append(Problem(name, None, f"cell {first_code}", problem))
        for number, cell in enumerate(nb.cells, start=1):
            where = f"cell {number}"
            for tag in cell.metadata.get("tags", []):
                if tag not in tags.KNOWN:
                    problems.append(Problem(name, None, where, f"unknown tag {tag!r}"))
            following = nb.cells[number] if number < len(nb.cells) else None
            if tags.IN_NOTES in cell.metadata.get("tags", []) and (
                following is None or tags.SLIDES_ONLY not in following.metadata.get("tags", [])
            ):
                problems.append(
                    Problem(
                        name,
                        None,
                        where,
                        "a cell tagged 'in-notes' goes to the speaker notes on a deck: write "
                        "the slide's short version in a 'slides-only' cell right after it",
                    )
                )
            slide_type = cell.metadata.get("slideshow", {}).get("slide_type", "-")
            if slide_type not in tags.SLIDE_TYPES:
                problems.append(Problem(name, None, where, f"unknown slide_type {slide_type!r}"))
            if cell.cell_type == "markdown" and matcher:
                for copy in matcher.copies(cell.source):
                    line = _line_in_file(path, cell.source.splitlines()[copy.line])
                    problems.append(Problem(name, line, where, copy.message()))
            if cell.cell_type == "markdown":
                for match in LOCAL_IMAGE.finditer(cell.source):
                    image = match.group(1) or match.group(2)
                    if not (path.parent / image).exists():
                        problems.append(Problem(name, None, where, f"missing image file {image!r}"))
                for ref in CITATION.findall(cell.source):
                    if ref not in known_refs:
                        problems.append(Problem(name, None, where, f"unknown citation [@{ref}]"))
                for text in CITATION_LIKE.findall(cell.source):
                    if not CITATION.fullmatch(text):
                        problems.append(
                            Problem(
                                name,
                                None,
                                where,
                                f"malformed citation {text}: cite one id per bracket, [@a] [@b]",
                            )
                        )
            if cell.cell_type == "code":
                for bank in QUIZ_CALL.findall(cell.source):
                    if bank not in data.quizzes:
                        problems.append(Problem(name, None, where, f"unknown quiz bank {bank!r}"))
                if cell.get("outputs") or cell.get("execution_count"):
                    warnings.append(
                        Problem(name, None, where, "has outputs; strip them before committing")
                    )
    problems += check_plans(data, notebooks_dir)
    return problems, warnings


def check_plans(data: Content, notebooks_dir: Path) -> list[Problem]:
    """A teaching plan's sections are its lessons' "## " headings, in deck order: checked
    here, where the notebooks are read, so a renamed heading is reported the same way by
    ``check``, a cached build and a ``--no-cache`` build (the content cache holds no
    notebook)."""
    from course.loader import lesson_index, yamlsource
    from course.loader.notebook_json import cells

    if data.teaching is None:
        return []
    name = paths.relative(paths.content_dir() / "teaching.yml")
    lines = data.lines.get(name, {})
    planned = {part.lesson for plan in data.teaching.plans for part in plan.parts}
    sections: dict[str, list[str]] = {}  # each planned lesson's headings, read once
    for lesson in data.syllabus.lessons:
        if lesson.id not in planned:
            continue
        try:
            sections[lesson.id] = lesson_index.scan(cells(notebooks_dir / lesson.notebook))[
                "sections"
            ]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # missing, or a notebook that does not read: reported on its own
    problems: list[Problem] = []
    for p, plan in enumerate(data.teaching.plans):
        for n, part in enumerate(plan.parts):
            known = sections.get(part.lesson)
            if known is None:
                continue
            loc, item = ("plans", p, "parts", n), f"{plan.id} part {n + 1}"
            at = [known.index(s) if s in known else -1 for s in part.sections]
            for s, (section, index) in enumerate(zip(part.sections, at, strict=True)):
                if index < 0:
                    problems.append(
                        Problem(
                            name,
                            yamlsource.line_of(lines, (*loc, "sections", s)),
                            item,
                            f"no section {section!r} in {part.lesson}"
                            f" (its sections: {'; '.join(known)})",
                        )
                    )
            if all(i >= 0 for i in at) and at != sorted(at):
                line = yamlsource.line_of(lines, (*loc, "sections"))
                problems.append(Problem(name, line, item, "sections must be in deck order"))
    return problems
