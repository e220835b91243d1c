"""The package declares what it imports, so a wheel installs everything a lesson needs."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from course import paths
from course.builder.download import distribution_name

# modules only the site build, the preview and the live room use (the wheel's `build`
# extra); everything else runs in a learner's Jupyter and must be in the plain dependencies
BUILD_ONLY = {"builder", "preview", "present", "child.py", "cli.py", "__main__.py"}


def _third_party(files) -> set[str]:
    found = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in ("course",)}


def test_every_imported_distribution_is_declared_in_pyproject():
    project = tomllib.loads((paths.REPO_DIR / "pyproject.toml").read_text())["project"]
    runtime = {distribution_name(r) for r in project["dependencies"]}
    build = runtime | {distribution_name(r) for r in project["optional-dependencies"]["build"]}
    owners = packages_distributions()
    package = Path(paths.REPO_DIR / "course")
    files = sorted(package.rglob("*.py"))
    learner = [f for f in files if f.relative_to(package).parts[0] not in BUILD_ONLY]
    for modules, declared, which in (
        (_third_party(learner), runtime, "dependencies"),
        (_third_party(files), build, "dependencies + build"),
    ):
        missing = {
            module: owners.get(module)
            for module in modules
            if not {d.lower().replace("_", "-") for d in owners.get(module, [module])} & declared
        }
        assert not missing, f"imported but not in pyproject {which}: {missing}"


def test_the_environment_is_the_lock_and_the_lock_covers_pyproject():
    """requirements.lock pins every distribution with hashes, covers every dependency
    pyproject declares (runtime, build, lab), and is what this environment has installed."""
    from importlib.metadata import PackageNotFoundError, version

    from course.builder.download import locked_pins

    text = paths.LOCK_FILE.read_text(encoding="utf-8")
    pins = locked_pins(paths.LOCK_FILE)
    hashed = r"^(\S+==\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)"
    entries = re.findall(hashed, text, re.M)
    assert len(entries) == len(pins) > 50  # every entry carries at least one hash
    assert not re.search(r"^(-e|--index-url|--extra-index-url|--find-links|-c )", text, re.M)
    project = tomllib.loads((paths.REPO_DIR / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    declared = [*project["dependencies"], *(d for extra in extras.values() for d in extra)]
    assert {distribution_name(d) for d in declared} <= set(pins)
    drift = {}
    for name, pin in pins.items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pin.split("==")[1]:
            drift[name] = (pin, installed)
    assert not drift, f"installed versions differ from requirements.lock: {drift}"


def test_requirements_txt_is_the_lock_under_its_usual_name():
    """`pip install -r requirements.txt` from a clone installs the locked set, hashes checked:
    the file only includes the lock (one source of pins), and `make course` installs it."""
    text = (paths.REPO_DIR / "requirements.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines == ["-r requirements.lock"]
    makefile = (paths.REPO_DIR / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.txt" in makefile
