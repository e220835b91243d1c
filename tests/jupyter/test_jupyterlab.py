"""The Jupyter rendering in JupyterLab itself: a learner opens a downloaded lesson, runs
it, answers with the mouse and the keyboard, explores a figure, restarts the kernel and
reloads the page, and finds their answers again.

The server runs on loopback with its own port, token and temporary root, settings and
runtime folders; the browser is Debian's Chromium driven by Playwright.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import time

import pytest
from playwright.sync_api import expect

from course import cli, paths
from course.loader import store
from tests.conftest import stop, wait_for_jupyter

LESSON = "04-the-research"
SHOTS = paths.REPO_DIR / "_build" / "screenshots"
RUNNING = re.compile(r"\[\*\]")


@pytest.fixture()
def lab(built_site, tmp_path):
    """JupyterLab serving a folder that holds one downloaded lesson; yields its base URL."""
    root = tmp_path / "learner"
    root.mkdir()
    shutil.copyfile(built_site / "notebooks" / f"{LESSON}.ipynb", root / f"{LESSON}.ipynb")
    settings = tmp_path / "settings"
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    # Every cell stays in the page (JupyterLab otherwise detaches cells scrolled far away),
    # so the test can find a quiz or figure wherever it is; rendering is the same.
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    port, token = cli._free_port(), secrets.token_hex(16)
    log = tmp_path / "lab.log"
    base = f"http://127.0.0.1:{port}"
    command = cli.lab_command(root, port, token, browser=False)
    with log.open("w") as out, subprocess.Popen(command, stdout=out, stderr=out, env=env) as server:
        try:
            wait_for_jupyter(server, base, token, log)
            yield {"base": base, "token": token, "root": root, "log": log}
        finally:
            stop(server)


@pytest.fixture()
def lab_page(lab, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("dialog", lambda dialog: dialog.accept())
    page.set_default_timeout(60_000)
    yield page
    context.close()


def _open(page, lab):
    page.goto(f"{lab['base']}/lab/tree/{LESSON}.ipynb?token={lab['token']}")
    _ready(page)


def _ready(page):
    """The lesson is on screen and its kernel has started and is idle (status bar)."""
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$")).first.wait_for()


def _menu(page, menu: str, item: str):
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    entry = page.locator(".lm-Menu-item", has_text=re.compile(f"^{re.escape(item)}"))
    entry.first.wait_for()
    entry.first.click()


ALL_RUN = """() => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
  const idle = document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
  return prompts.length > 0 && idle !== null
    && prompts.every((p) => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
}"""
QUEUED = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
  .some((p) => /\\[\\*\\]/.test(p.textContent))"""


def _run_all(page, *, restart: bool = False) -> float:
    """Run every cell (after a kernel restart if asked); return the seconds it took, once
    every code cell has a fresh execution count and the kernel is idle again."""
    started = time.monotonic()
    if restart:
        _menu(page, "Kernel", "Restart Kernel and Run All Cells")
        page.locator(".jp-Dialog").get_by_role("button", name="Confirm Kernel Restart").click()
        page.locator(".jp-Dialog").wait_for(state="detached")
    else:
        _menu(page, "Run", "Run All Cells")
    # the cells are queued ([*]) before any runs: the old counts no longer count as done
    page.wait_for_function(QUEUED, timeout=60_000)
    page.wait_for_function(ALL_RUN, timeout=240_000)
    return time.monotonic() - started


def _no_errors(page):
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
    assert errors.count() == 0, errors.first.inner_text()[:500]
    assert page.get_by_text("Error displaying widget").count() == 0
    assert not page.errors, page.errors


def _question(page, number: int):
    quiz = page.locator(".course-quiz-widget").first
    return quiz.locator(".widget-vbox").filter(has=page.locator(".widget-radio-box")).nth(number)


def test_a_lesson_in_jupyterlab_runs_grades_explores_and_remembers(lab, lab_page):
    page = lab_page
    bank = store.get().quiz(LESSON)
    first, second = bank.questions[0], bank.questions[1]
    assert first.kind == second.kind == "single"
    right, teaching = next((o.text, o.feedback) for _i, o in first.shown if o.correct)
    wrong_index, wrong = next((i, o.text) for i, o in second.shown if not o.correct)

    _open(page, lab)
    # Before it runs, the downloaded lesson already reads (untrusted: no script, no style):
    # the quiz lists its questions with each answer folded away until asked for.
    static = page.locator(".course-quiz-readable").first
    static.wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    static.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "jupyterlab-download-before-running.png"))
    answer = static.locator("details").first
    hint = " ".join(teaching.split()[:6])
    assert not answer.get_by_text(hint).is_visible()
    answer.locator("summary").click()
    assert answer.get_by_text(hint).is_visible()
    assert not page.errors, page.errors
    seconds = _run_all(page)
    _no_errors(page)
    quiz = page.locator(".course-quiz-widget").first
    quiz.scroll_into_view_if_needed()
    expect(quiz.locator(".course-quiz-score")).to_have_text(re.compile(r"^Score: 0 of"))

    # The mouse: click the right option's label, then Check answer.
    one = _question(page, 0)
    one.locator("label", has_text=right).click()
    one.get_by_role("button", name="Check answer").click()
    feedback = one.locator(".course-feedback-body.is-correct")
    feedback.wait_for()
    assert " ".join(teaching.split()[:6]) in feedback.inner_text()  # it teaches, not just ✔
    one.screenshot(path=str(SHOTS / "jupyterlab-quiz-after-check.png"))

    # The keyboard: focus an option, Space selects it, Tab reaches Check, Enter presses it.
    two = _question(page, 1)
    option = two.locator("label", has_text=wrong).locator("input")
    option.focus()
    page.keyboard.press("Space")
    assert option.is_checked()
    check = two.get_by_role("button", name="Check answer")
    for _ in range(10):
        if check.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert check.evaluate("b => b === document.activeElement"), "Tab never reached Check"
    page.keyboard.press("Enter")
    two.locator(".course-feedback-body.is-wrong").wait_for()
    assert " ".join(second.options[wrong_index].feedback.split()[:6]) in two.inner_text()
    # the score is a widget of its own, updated by a later message from the kernel
    expect(quiz.locator(".course-quiz-score")).to_have_text(re.compile(r"1 of .*\(2 answered\)"))

    # An explorable: another toggle swaps the figure and its caption.
    box = page.locator(".widget-vbox:has(> .widget-toggle-buttons)").first
    box.scroll_into_view_if_needed()
    toggles = box.locator("> .widget-toggle-buttons").first
    image, caption = box.locator("> img.widget-image"), box.locator("> .widget-html").last
    before = (image.get_attribute("src"), caption.inner_text())
    toggles.locator("button:not(.mod-active)").first.click()
    # the kernel sends the new image and the new caption as two updates: wait for both
    page.wait_for_function(
        "([img, src, cap, text]) => img.getAttribute('src') !== src && cap.innerText !== text",
        arg=[image.element_handle(), before[0], caption.element_handle(), before[1]],
    )  # (times out, and fails, if either never changes)

    # A kernel restart: run again and both answers are back, with their feedback.
    seconds += _run_all(page, restart=True)
    _no_errors(page)
    _answers_restored(page, right, wrong)

    # A page reload: the answers come back from the progress file once it runs again.
    page.reload()
    _ready(page)
    seconds += _run_all(page)
    _no_errors(page)
    _answers_restored(page, right, wrong)
    print(f"JupyterLab: three Run All of {LESSON} took {seconds:.1f} s")


def _answers_restored(page, right: str, wrong: str):
    one, two = _question(page, 0), _question(page, 1)
    one.scroll_into_view_if_needed()
    assert one.locator("label", has_text=right).locator("input").is_checked()
    assert two.locator("label", has_text=wrong).locator("input").is_checked()
    one.locator(".course-feedback-body.is-correct").wait_for()
    two.locator(".course-feedback-body.is-wrong").wait_for()
    score = page.locator(".course-quiz-widget .course-quiz-score").first
    expect(score).to_have_text(re.compile(r"1 of .*\(2 answered\)"))
