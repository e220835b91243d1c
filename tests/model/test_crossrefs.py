"""Ids that name an item of another content file are declared once, by their type
(course.model.base: RefId, SourceId, StudyRefId), and every file's are checked by the same rule."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel, ValidationError

from course.loader.content import PARTS
from course.model import base, claims, quiz, records, red_flags, refs
from tests.conftest import problems_for

ID_LINE = re.compile(
    r"^\s*(?:- )?(?:reference|references|sources|clinically_important_source): \[?"
)

# Every content file that names references or claims (the quiz banks stand for theirs).
NAMING_FILES = [
    *sorted({part.file for part in PARTS} - {"references.yml", "syllabus.yml", "teaching.yml"}),
    "quizzes/04-the-research.yml",
]


@pytest.mark.parametrize("name", NAMING_FILES)
def test_an_unknown_id_in_any_file_is_reported_with_its_line(content_copy, name):
    path = content_copy / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if ID_LINE.match(line))
    head = ID_LINE.match(lines[number]).group(0)
    rest = lines[number][len(head) :]
    first = re.match(r"[a-z0-9-]+", rest).group(0)
    lines[number] = head + "ghost-ref" + rest[len(first) :]
    path.write_text("".join(lines), encoding="utf-8")

    found = problems_for(content_copy)
    expected = f"{name}:{number + 1}: ["
    assert any(
        p.endswith("unknown reference or claim id 'ghost-ref'") and expected in p for p in found
    ), found


def _cross_checked(metadata, annotation) -> bool:
    """Whether a field (or its list's items) carries the cross-reference validator."""
    found = [*metadata]
    for arg in typing.get_args(annotation):
        found += [*getattr(arg, "__metadata__", ())]
    return any(hasattr(getattr(m, "func", None), "names") for m in found)


def _content_models() -> list[type[BaseModel]]:
    return [
        obj
        for module in (base, claims, quiz, records, red_flags, refs)
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, base.Strict) and obj is not base.Strict
    ]


def test_every_field_that_names_a_source_is_cross_checked():
    """A new model field holding reference ids gets the check by its type, or this fails."""
    fields = [
        (model.__name__, name, field)
        for model in _content_models()
        for name, field in model.model_fields.items()
        if re.search(r"(^|_)(reference|references|sources|source)$", name)
    ]
    assert len(fields) >= 12
    unchecked = [(m, n) for m, n, f in fields if not _cross_checked(f.metadata, f.annotation)]
    assert not unchecked


def test_the_rule_lives_in_the_type_not_the_loader():
    """The same model rejects an unknown id when validated with the loader's context,
    and accepts it with no context (a model built in a test or kernel is not cross-checked)."""
    context = {"ids": {"references": {"han2004"}, "claims": set()}, "seeds": {"article-000"}}
    finding = {"text": "A finding.", "references": ["han2004", "ghost-ref"]}
    with pytest.raises(ValidationError) as info:
        records.Finding.model_validate(finding, context=context)
    (error,) = info.value.errors()
    assert error["loc"] == ("references", 1)
    assert str(error["ctx"]["error"]) == "unknown reference or claim id 'ghost-ref'"
    assert records.Finding.model_validate(finding).references == ["han2004", "ghost-ref"]

    row = {"id": "x1", "title": "T", "unit": "u", "reference": "article-000", "rows": []}
    row["rows"] = [{"label": "a", "value": 1}]
    with pytest.raises(ValidationError, match="must name the study"):
        records.Dataset.model_validate(
            row, context=context | {"ids": {"references": {"article-000"}}}
        )
