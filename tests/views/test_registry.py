"""The contract between views and the build: typed markers, one view per kind, and
preprocessors that ask the view instead of knowing it."""

import ast
import importlib
import pkgutil

import pytest

import course.views
from course import paths
from course.output import markers
from course.output.view import View
from course.views.registry import VIEWS, view_for


def all_view_classes():
    for module in pkgutil.iter_modules(course.views.__path__):
        importlib.import_module(f"course.views.{module.name}")
    importlib.import_module("course.output.figure")
    found, todo = set(), [View]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.add(sub)
            todo.append(sub)
    return {cls for cls in found if cls.__module__.startswith("course.")}


def test_every_view_is_registered_under_a_kind_of_its_own():
    concrete = {cls for cls in all_view_classes() if cls.__name__ != "HtmlDisplay"}
    assert set(VIEWS.values()) == concrete
    assert all(VIEWS[cls.kind] is cls for cls in concrete)  # no two share a kind


def test_an_unknown_kind_is_named():
    with pytest.raises(ValueError, match=r"'poll'.*course/views/registry\.py"):
        view_for(markers.Marker(kind="poll"))


def test_a_marker_round_trips_through_json_as_its_type():
    from course import claim

    card = claim("eff-298-patients")
    stored = {"data": card._repr_mimebundle_()}
    marker = markers.read(stored)
    assert isinstance(marker, markers.ClaimMarker)
    assert marker.claim_shown() == "eff-298-patients" and marker.sources == ("eff-298-patients",)
    assert markers.read({"data": {"text/plain": "3"}}) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"render": "text/html"}, r"marker without a kind"),
        ({"kind": "figure", "render": "image/png"}, r"'figure' output marker: .*'alt'"),
        ({"kind": "claim", "claim": "x", "colour": "red"}, r"'claim' output marker: .*'colour'"),
    ],
)
def test_a_marker_that_does_not_fit_its_type_is_rejected_by_name(raw, message):
    with pytest.raises(ValueError, match=message):
        markers.from_json(raw)


def test_no_preprocessor_knows_a_view_by_its_kind():
    """Preprocessors ask the view (view_for) or the typed marker; none compares a kind."""
    folder = paths.PACKAGE_DIR / "builder" / "preprocessors"
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        kinds = [
            node.lineno
            for node in ast.walk(tree)
            if (isinstance(node, ast.Constant) and node.value == "kind")
            or (isinstance(node, ast.Attribute) and node.attr == "kind")
        ]
        assert kinds == [], f"{path.name} lines {kinds}"
