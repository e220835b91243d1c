"""Shared fixtures: a real build of the course (once per session), a local server, a browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course import paths
from course.builder.pipeline import build
from course.builder.state import Options
from course.loader import store
from course.loader.problems import ContentError

CHROMIUM = paths.CHROMIUM
CHROMIUM_FLAGS = list(paths.CHROMIUM_FLAGS)


def pytest_collection_modifyitems(items):
    """A test that needs the built course (a real build, nine kernels) is slow, and one that
    drives Chromium is a browser test, whether it asks for the fixture directly or through
    another: `make test-fast` skips both."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if {"built_site", "build_root", "workspace"} & fixtures:
            item.add_marker(pytest.mark.slow)
        if "browser" in fixtures:  # drives Chromium, whether or not its file says so
            item.add_marker(pytest.mark.browser)


def open_folded_quizzes(page) -> int:
    """Open, as a reader would (a click on its title), each practice set a page offers
    folded; returns how many were opened."""
    folds = page.locator("details.course-fold:has([data-question-id])")
    for n in range(folds.count()):
        folds.nth(n).locator("summary").first.click()
        assert folds.nth(n).get_attribute("open") is not None
    return folds.count()


def answer_correctly(page, question_id: str):
    """Tick the right option of a question on the open page and check it; returns it."""
    q = page.locator(f'[data-question-id="{question_id}"]')
    q.locator("input[data-correct]").check()
    q.get_by_role("button", name="Check answer").click()
    return q


def wait_for_jupyter(server, base: str, token: str, log: Path) -> None:
    """Until the Jupyter server at ``base`` answers; fails with its log if it stopped."""
    import time
    import urllib.request

    for _ in range(600):  # JupyterLab takes a few seconds to start
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                return
        except OSError:
            assert server.poll() is None, Path(log).read_text()
            time.sleep(0.1)
    raise AssertionError(f"no Jupyter server at {base} after a minute")


def stop(server, timeout: float = 20) -> None:
    """Terminate a server process, killing it if it does not stop in ``timeout`` s."""
    import subprocess

    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()


# -- helpers for tests that break a copy of the content on purpose --------------------


def problems_for(root) -> list[str]:
    """The loader's messages for a content folder that must be rejected."""
    with pytest.raises(ContentError) as info:
        store.load(root)
    return [str(p) for p in info.value.problems]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.fixture(autouse=True)
def _scratch_progress(tmp_path, monkeypatch):
    """Never touch a real learner's progress file from a test."""
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(tmp_path / "progress.json"))


@pytest.fixture(scope="session")
def build_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("build")


@pytest.fixture(scope="session")
def built_site(build_root) -> Path:
    """The whole course built from the committed notebooks, as `make course` would."""
    options = Options(out=build_root / "site", cache_dir=build_root / "cache", jobs=2)
    report = build(options, log=lambda _msg: None)
    assert sorted(report.executed) == sorted(lesson_ids())
    return options.out


def lesson_ids() -> list[str]:
    from course.loader import store

    return [lesson.id for lesson in store.get().syllabus.lessons]


@pytest.fixture()
def content_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of course/content, made the active content for this test."""
    from course.loader import store

    target = tmp_path / "content"
    shutil.copytree(paths.CONTENT_DIR, target)
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(target))
    store.reload()
    yield target
    store.reload()


def make_notebook(cells: list[tuple[str, str]], tags: dict[int, list[str]] | None = None):
    """nbformat notebook from (kind, source) pairs, kind "md" or "code"."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for index, (kind, source) in enumerate(cells):
        cell = new_markdown_cell(source) if kind == "md" else new_code_cell(source)
        cell.id = f"t{index}"
        if tags and index in tags:
            cell.metadata["tags"] = tags[index]
        nb.cells.append(cell)
    return nb


@pytest.fixture(scope="session")
def site_url(built_site):
    """Serve the built site on 127.0.0.1 for browser tests."""
    from course.cli import serve_in_background

    server = serve_in_background(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh browser context (empty localStorage) whose requests outside 127.0.0.1 are
    aborted and recorded: tests assert the list stays empty."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.external_requests = []
    page.errors = []

    def route(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            page.external_requests.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    yield page
    context.close()
