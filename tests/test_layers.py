"""The package's layers import downwards only, so a newcomer can change one without
reading the ones above it (an import inside a function counts too)."""

import ast

import pytest

from course import paths

# Each layer and what it must never import. A kernel loads model, loader, output, views
# and plotting; only the build loads builder.
FORBIDDEN = {
    "model": {"loader", "output", "views", "plotting", "builder", "cli"},
    "loader": {"output", "views", "plotting", "builder", "cli"},
    "output": {"views", "plotting", "builder", "cli"},
    "plotting": {"views", "builder", "cli"},
    "views": {"builder", "preview", "present", "cli"},
    "builder": {"preview", "present", "cli"},
    "preview": {"present", "cli"},
    "present": {"builder", "preview", "cli"},
}


def imports(path):
    """Every ``course.<layer>`` a module imports, with the line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "course" and len(parts) > 1:
                yield parts[1], node.lineno


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    wrong = [
        f"{path.relative_to(paths.REPO_DIR)}:{line} imports course.{target}"
        for path in sorted((paths.PACKAGE_DIR / layer).rglob("*.py"))
        for target, line in imports(path)
        if target in FORBIDDEN[layer]
    ]
    assert wrong == []


def test_the_rule_sees_a_function_level_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from course.views.display import figure\n")
    assert list(imports(module)) == [("views", 2), ("views", 2)]
