"""A synthetic course N times this one, for measuring how the build scales.

Each copy of the nine lessons gets new lesson ids (numbered on from the real ones), and
its own content entries: every claim, quiz question and non-article reference is copied
under a new id, and the copied notebooks, banks and claims name the copies. Figures,
datasets, the glossary and the teaching plans stay shared. The result is a content folder
and a notebooks folder that ``python -m course build`` builds with
``COURSE_CONTENT_DIR=<content> ... --notebooks <notebooks>``.

Usage: python scripts/synthetic_course.py --copies 10 DEST
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LESSONS_LIMIT = 100  # lesson ids start with two digits


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _ids(data) -> set[str]:
    """Every ``id`` value anywhere in parsed YAML."""
    if isinstance(data, dict):
        found = {data["id"]} if isinstance(data.get("id"), str) else set()
        return found.union(*(_ids(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_ids(v) for v in data))
    return set()


def _renamer(mapping: dict[str, str]):
    """Replace whole ids (not parts of longer ids) in text."""
    if not mapping:
        return lambda text: text
    alternatives = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")
    return lambda text: pattern.sub(lambda m: mapping[m.group(1)], text)


def make_course(copies: int, dest: Path, content: Path | None = None) -> tuple[Path, Path]:
    """Write ``dest/content`` and ``dest/notebooks`` for ``copies`` times the course
    (``copies=1`` is the course itself); returns the two folders."""
    source = content or REPO / "course" / "content"
    out_content, out_notebooks = dest / "content", dest / "notebooks"
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(source, out_content)
    shutil.copytree(REPO / "notebooks", out_notebooks)
    syllabus = _load(source / "syllabus.yml")
    lessons = syllabus["lessons"]
    if len(lessons) * copies > LESSONS_LIMIT:
        raise SystemExit(
            f"at most {LESSONS_LIMIT // len(lessons)} copies (lesson ids have two digits)"
        )
    claims = _load(source / "claims.yml")
    references = _load(source / "references.yml")
    banks = {lesson["id"]: _load(source / "quizzes" / f"{lesson['id']}.yml") for lesson in lessons}
    # references stay shared when they are articles or when their id also names a data row
    # (a trial is plotted by the id of its paper): figures read those rows by id
    shared = {r["id"] for r in references["references"] if r.get("kind") == "seed"}
    for path in source.glob("*.yml"):
        if path.name not in ("claims.yml", "references.yml", "syllabus.yml"):
            shared |= _ids(_load(path))

    new_lessons, new_claims, new_refs = [], [], []
    for k in range(1, copies):
        suffix = f"-c{k}"
        ids = {}
        for index, lesson in enumerate(lessons):
            number = len(lessons) * k + index
            ids[lesson["id"]] = f"{number:02d}-{lesson['id'][3:]}{suffix}"
        for claim in claims["claims"]:
            ids[claim["id"]] = claim["id"] + suffix
        for ref in references["references"]:
            if ref["id"] not in shared:
                ids[ref["id"]] = ref["id"] + suffix
        for bank in banks.values():
            for question in bank.get("questions", []):
                ids[question["id"]] = question["id"] + suffix
        rename = _renamer(ids)

        for lesson in lessons:
            entry = copy.deepcopy(lesson)
            entry["id"] = ids[lesson["id"]]
            entry["title"] = f"{lesson['title']} (copy {k})"
            new_lessons.append(entry)
            bank = yaml.safe_load(rename(yaml.safe_dump(banks[lesson["id"]], allow_unicode=True)))
            _dump(out_content / "quizzes" / f"{entry['id']}.yml", bank)
            text = (REPO / "notebooks" / f"{lesson['id']}.ipynb").read_text(encoding="utf-8")
            (out_notebooks / f"{entry['id']}.ipynb").write_text(rename(text), encoding="utf-8")
        for claim in claims["claims"]:
            entry = copy.deepcopy(claim)
            entry["id"] = ids[claim["id"]]
            entry["references"] = [ids.get(r, r) for r in claim["references"]]
            new_claims.append(entry)
        for ref in references["references"]:
            if ref["id"] not in shared:
                new_refs.append({**copy.deepcopy(ref), "id": ids[ref["id"]]})

    if copies > 1:
        _dump(out_content / "syllabus.yml", {**syllabus, "lessons": [*lessons, *new_lessons]})
        _dump(out_content / "claims.yml", {**claims, "claims": [*claims["claims"], *new_claims]})
        refs = {**references, "references": [*references["references"], *new_refs]}
        _dump(out_content / "references.yml", refs)
    return out_content, out_notebooks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args(argv)
    content, notebooks = make_course(args.copies, args.dest)
    print(f"COURSE_CONTENT_DIR={content} python -m course build --notebooks {notebooks}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
