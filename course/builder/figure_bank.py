"""The figure bank: every figure the lessons show, under a readable name, as PNG and SVG,
with a page for instructors (alt text, caption, sources, downloads).

Collected from the executed lessons, the outputs the pages show, so no figure is drawn a
second time or listed by hand: a figure a lesson adds is in the bank at the next build, and
one it drops leaves. The names are stable across builds (``04-trial-gerac2007-all.png``), so
a lecturer's slide that links one keeps working; the pages keep their content-hash names.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from course.builder.files import replace
from course.output import markers
from course.output.markers import FIGURE_SVG, ExplorableMarker, FigureMarker

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from course.loader.content import Content
    from course.model.records import Lesson

FOLDER = "figures"
PAGE = "figures.html"
# A bank file's name: the lesson's two-digit number, then the figure's slug. The pages'
# figure files are content hashes (16 hex digits), which never match.
BANK_FILE = re.compile(r"^\d\d-[a-z0-9-]+\.(png|svg)$")


@dataclass(frozen=True)
class BankFigure:
    """One figure as the bank lists it. ``group``: the explorable it is a state of."""

    lesson: Lesson
    name: str
    title: str
    alt: str
    caption: str | None
    sources: tuple[str, ...]
    png: bytes
    svg: str
    width: int
    height: int
    group: str | None = None
    showing: str | None = None

    @property
    def png_file(self) -> str:
        return f"{FOLDER}/{self.name}.png"

    @property
    def svg_file(self) -> str:
        return f"{FOLDER}/{self.name}.svg"


def _figures_of(output, lesson: Lesson) -> list[BankFigure]:
    marker = markers.read(output)
    data = output.get("data", {})
    if isinstance(marker, FigureMarker):
        width = output.get("metadata", {}).get("image/png", {}).get("width", 0)
        height = output.get("metadata", {}).get("image/png", {}).get("height", 0)
        return [
            BankFigure(
                lesson=lesson,
                name=f"{lesson.number}-{marker.name}",
                title=marker.title or marker.alt,
                alt=marker.alt,
                caption=marker.caption,
                sources=marker.sources,
                png=base64.b64decode(data["image/png"]),
                svg=_required_svg(data.get(FIGURE_SVG), lesson),
                width=width,
                height=height,
            )
        ]
    if isinstance(marker, ExplorableMarker):
        return [
            BankFigure(
                lesson=lesson,
                name=f"{lesson.number}-{state['name']}",
                title=f"{marker.title}: {state['showing']}",
                alt=state["alt"],
                caption=state.get("caption"),
                sources=tuple(state.get("sources", marker.sources)),
                png=base64.b64decode(state["png"]),
                svg=_required_svg(state.get("svg"), lesson),
                width=state["width"],
                height=state["height"],
                group=marker.title,
                showing=state["showing"],
            )
            for state in marker.states
        ]
    return []


def _required_svg(svg, lesson: Lesson) -> str:
    if not isinstance(svg, str) or not svg.lstrip().startswith(("<?xml", "<svg")):
        raise ValueError(
            f"lesson {lesson.id}: a figure output has no SVG (executed by an older course "
            "package?): rebuild with --no-cache"
        )
    return svg


def collect(data: Content, executed: dict[str, NotebookNode | None]) -> list[BankFigure]:
    """The figures of the executed lessons, in course order; a figure a lesson shows twice
    is listed once, and two different figures never share a name."""
    found: list[BankFigure] = []
    names: dict[str, bytes] = {}
    for lesson in data.syllabus.lessons:
        nb = executed.get(lesson.id)
        if nb is None:
            continue
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                for figure in _figures_of(output, lesson):
                    if names.get(figure.name) == figure.png:
                        continue
                    name, n = figure.name, 2
                    while name in names:
                        name, n = f"{figure.name}-{n}", n + 1
                    names[name] = figure.png
                    found.append(figure if name == figure.name else _renamed(figure, name))
    return found


def _renamed(figure: BankFigure, name: str) -> BankFigure:
    from dataclasses import replace as with_field

    return with_field(figure, name=name)


def _write_if_changed(path: Path, data: bytes) -> None:
    """An incremental build rewrites the bank only where a figure changed (the site being
    assembled links the last one's files)."""
    if not (path.exists() and path.read_bytes() == data):
        replace(path, data)


def write(data: Content, figures: list[BankFigure], out: Path, read: set[str]) -> None:
    """The bank's files in ``out/figures`` and its page. ``read``: the lessons whose executed
    notebooks were collected; only their stale files go (a partial build that could not read
    a lesson leaves that lesson's figures as they were)."""
    from course.builder.pages import write_page
    from course.output.references import label

    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for figure in figures:
        _write_if_changed(out / figure.png_file, figure.png)
        _write_if_changed(out / figure.svg_file, figure.svg.encode("utf-8"))
    keep = {Path(f).name for figure in figures for f in (figure.png_file, figure.svg_file)}
    numbers = {lesson.number for lesson in data.syllabus.lessons if lesson.id in read}
    for path in folder.iterdir():
        if BANK_FILE.match(path.name) and path.name[:2] in numbers and path.name not in keep:
            path.unlink()
    _write_if_changed(folder / "figures.json", _index(figures, data, label).encode("utf-8"))
    lessons = []
    for lesson in data.syllabus.lessons:
        blocks: list[dict] = []
        for figure in (f for f in figures if f.lesson.id == lesson.id):
            if not (figure.group and blocks and blocks[-1]["group"] == figure.group):
                blocks.append({"group": figure.group, "figures": []})
            blocks[-1]["figures"].append(_entry(figure, data, label))
        if blocks:
            lessons.append(
                {
                    "lesson": lesson,
                    "blocks": blocks,
                    "count": sum(len(b["figures"]) for b in blocks),
                }
            )
    write_page(
        data,
        out,
        "figures",
        f"Figures · {data.syllabus.title}",
        "Every figure in the course as PNG and SVG, with its alt text, caption and sources, "
        "for instructors' own slides.",
        lessons=lessons,
        count=len(figures),
    )


def _index(figures: list[BankFigure], data: Content, label) -> str:
    """The bank as data (``make figures`` writes its CSV from it)."""
    import json

    return json.dumps(
        [
            {
                "png": f.png_file,
                "svg": f.svg_file,
                "lesson": f.lesson.id,
                "title": f.title,
                "alt": f.alt,
                "caption": f.caption,
                "sources": [label(data.references[s]) for s in f.sources if s in data.references],
            }
            for f in figures
        ],
        indent=1,
        ensure_ascii=False,
    )


def _entry(figure: BankFigure, data: Content, label) -> dict:
    """A figure as the page shows it: its sources as references or, for a figure that
    counts verdicts, the claims page."""
    refs = [data.references[s] for s in figure.sources if s in data.references]
    claims = [s for s in figure.sources if s in data.claims]
    return {
        "figure": figure,
        "references": [{"id": r.id, "label": label(r), "title": r.title} for r in refs],
        "claims": len(claims),
    }


def export_bank(site: Path, target: Path) -> list[Path]:
    """Copy the built site's bank to ``target`` (``make figures``), with an index of the
    alt text and captions; returns the files written."""
    import csv
    import io
    import json

    index = site / FOLDER / "figures.json"
    if not index.exists():
        raise FileNotFoundError(index)
    entries = json.loads(index.read_text(encoding="utf-8"))
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in entries:
        for key in ("png", "svg"):
            source = site / entry[key]
            path = target / Path(entry[key]).name
            replace(path, source.read_bytes())
            written.append(path)
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerow(["file", "lesson", "title", "alt text", "caption", "sources"])
    for entry in entries:
        writer.writerow(
            [
                Path(entry["png"]).stem,
                entry["lesson"],
                entry["title"],
                entry["alt"],
                entry["caption"] or "",
                "; ".join(entry["sources"]),
            ]
        )
    replace(target / "figures.csv", rows.getvalue())
    written.append(target / "figures.csv")
    return written
