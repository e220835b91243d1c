"""The figure bank: every lesson figure under a readable name as PNG and SVG, its page for
instructors, and `course figures`. Unit tests on outputs made by the real course figures;
the built-site tests compare the bank with what the lesson pages show."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from course import explore
from course.builder import figure_bank
from course.loader import store
from course.output.markers import FIGURE_SVG
from course.plotting import plot_icon_array, plot_trial
from tests.outputs import notebook, shown

SVG = "{http://www.w3.org/2000/svg}"


def _lessons(outputs: dict[int, list]) -> dict:
    """{lesson id: an executed notebook with these outputs}, lessons given by number."""
    ids = [lesson.id for lesson in store.get().syllabus.lessons]
    return {ids[number]: notebook(*shown_outputs) for number, shown_outputs in outputs.items()}


def test_figures_are_named_by_lesson_and_figure_and_listed_once():
    trial = shown(plot_trial("gerac2007", "all"))
    x = explore(
        plot_trial,
        id="big-trials",
        title="The three big trials",
        trial=[("GERAC 2007", "gerac2007"), ("Cherkin 2009", "cherkin2009")],
    )
    data = store.get()
    # lesson 02 shows the GERAC figure twice (listed once) and an explorable of two states,
    # one of which is the same GERAC chart: a state is a figure of its own in the bank
    found = figure_bank.collect(data, _lessons({2: [trial, trial, shown(x, widget=True)]}))
    names = [f.name for f in found]
    assert names == [
        "02-trial-gerac2007-all",
        "02-trial-cherkin2009-all",
    ], "the same bytes under the same name are one figure"
    first, second = found
    assert first.group is None and first.title.startswith("GERAC")
    assert second.group == "The three big trials" and second.showing == "Trial: Cherkin 2009"
    assert first.png.startswith(b"\x89PNG") and first.alt == plot_trial("gerac2007").alt
    assert first.sources == ("haake2007",)  # the trial's paper, as the caption cites it


def test_two_different_figures_never_share_a_name():
    a = shown(plot_icon_array("baumler-any"))
    b = shown(plot_icon_array("baumler-serious"))
    b["data"]["application/vnd.course.interactive+json"]["name"] = "risk-baumler-any"
    found = figure_bank.collect(store.get(), _lessons({5: [a, b]}))
    assert [f.name for f in found] == ["05-risk-baumler-any", "05-risk-baumler-any-2"]


def test_the_svg_keeps_its_labels_as_text_a_lecturer_can_edit():
    found = figure_bank.collect(store.get(), _lessons({4: [shown(plot_trial("cherkin2009"))]}))
    root = ET.fromstring(found[0].svg)
    texts = [" ".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any("Cherkin 2009" in t for t in texts), texts[:5]
    # and it is the same bytes on every build: no date, no random ids
    again = figure_bank.collect(store.get(), _lessons({4: [shown(plot_trial("cherkin2009"))]}))
    assert again[0].svg == found[0].svg


def test_a_figure_output_without_its_svg_is_an_error_naming_the_lesson():
    output = shown(plot_trial("gerac2007"))
    del output["data"][FIGURE_SVG]
    with pytest.raises(ValueError, match=r"lesson 03-how-might-it-work: .*no SVG"):
        figure_bank.collect(store.get(), _lessons({3: [output]}))


def test_writing_removes_stale_files_of_the_lessons_read_only(tmp_path):
    data = store.get()
    (tmp_path / "figures").mkdir()
    stale = tmp_path / "figures" / "04-an-old-figure.png"
    other = tmp_path / "figures" / "06-schedule-cherkin.png"  # lesson 06 was not read
    page_file = tmp_path / "figures" / "0123456789abcdef.png"  # a page's content-hash file
    for path in (stale, other, page_file):
        path.write_bytes(b"x")
    lessons = _lessons({4: [shown(plot_trial("gerac2007"))]})
    figure_bank.write(data, figure_bank.collect(data, lessons), tmp_path, set(lessons))
    assert not stale.exists() and other.exists() and page_file.exists()
    assert (tmp_path / "figures" / "04-trial-gerac2007-all.svg").exists()
    html = (tmp_path / "figures.html").read_text(encoding="utf-8")
    assert "The 1 figure in the course" in html
    assert 'href="figures/04-trial-gerac2007-all.svg" download' in html


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "img" or (tag == "span" and "data-src" in values):
            self.found.append({k: v or "" for k, v in values.items()})


def _images(path: Path) -> list[dict[str, str]]:
    parser = _Images()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def test_every_figure_a_lesson_page_shows_is_in_the_bank_with_its_alt_text(built_site):
    bank = {p.read_bytes(): p for p in (built_site / "figures").glob("[0-9][0-9]-*.png")}
    listed = {image["src"]: image["alt"] for image in _images(built_site / "figures.html")}
    shown_count = 0
    for lesson in store.get().syllabus.lessons:
        for image in _images(built_site / f"{lesson.id}.html"):
            src = image.get("src") or image.get("data-src", "")
            if not src.startswith("figures/") and "/figures/" not in src:
                continue
            picture = (built_site / src.removeprefix("../")).read_bytes()
            assert picture in bank, f"{lesson.id}: {src} is not in the figure bank"
            named = bank[picture]
            assert named.name.startswith(lesson.number + "-") or named.name[:2] < lesson.number
            alt = image.get("alt") or image.get("data-alt", "")
            assert alt and listed[f"figures/{named.name}"] == alt  # the page shows it, same alt
            ET.parse(named.with_suffix(".svg"))  # the SVG beside it is well formed
            shown_count += 1
    assert shown_count >= 40 and len(bank) >= shown_count - 10


def test_course_figures_copies_the_bank_with_a_csv_of_alt_texts(built_site, tmp_path):
    out = tmp_path / "figures"
    run = subprocess.run(
        [sys.executable, "-m", "course", "figures", "--site", str(built_site), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert pngs == sorted(p.name for p in (built_site / "figures").glob("[0-9][0-9]-*.png"))
    assert f"Wrote {len(pngs)} figures" in run.stdout
    with (out / "figures.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["file"] + ".png" for r in rows] == [p for p in _bank_order(built_site)]
    assert all(r["alt text"] and r["title"] for r in rows)
    trial = next(r for r in rows if r["file"] == "04-trial-gerac2007-all")
    assert trial["sources"] == "GERAC 2007", trial["sources"]  # its own source only


def _bank_order(site: Path) -> list[str]:
    import json

    entries = json.loads((site / "figures" / "figures.json").read_text(encoding="utf-8"))
    return [Path(e["png"]).name for e in entries]


def test_course_figures_without_a_build_says_what_to_run(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "course", "figures", "--site", str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert re.search(r"No figure bank in .*nothing: run `make course` first", run.stderr)
