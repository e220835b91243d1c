"""Malformed input: each case fails with a message naming file, item and line where known,
and the last good site stays byte-for-byte as it was."""

import json
import shutil

import pytest

from course import paths
from course.builder.pipeline import BuildFailed, build
from course.builder.state import Options
from course.loader import store
from course.loader.problems import ContentError
from tests.conftest import edit, line_of


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def workspace(built_site, build_root, tmp_path, content_copy):
    """A copy of the last good build (site, cache, state) and of the notebooks and content."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS_DIR, notebooks)
    shutil.copytree(build_root / "cache", tmp_path / "cache")
    shutil.copytree(built_site, tmp_path / "site")
    state = build_root / ".site.state.json"
    if state.exists():
        shutil.copy(state, tmp_path / ".site.state.json")
    return Options(
        out=tmp_path / "site",
        cache_dir=tmp_path / "cache",
        notebooks_dir=notebooks,
        jobs=1,
        timeout=20,
    )


def notebook_cell(options, lesson, index_of, source):
    path = options.notebooks_dir / f"{lesson}.ipynb"
    nb = json.loads(path.read_text())
    index = index_of(nb)
    nb["cells"][index]["source"] = source
    path.write_text(json.dumps(nb))
    return index + 1


def first_code_after_header(nb):
    return next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and i > 1)


CONTENT_CASES = {
    "review-due-before-reviewed": (
        "syllabus.yml",
        "    next_review: 2027-12-06\n",  # the first lesson's
        "    next_review: 2020-01-01\n",
        ["syllabus.yml:", "[00-start-here]", "next_review (2020-01-01) must come after reviewed"],
    ),
    "invalid-yaml": (
        "quizzes/01-back-pain.yml",
        "  - id: bp-sciatica\n",
        "  - id: [bp-sciatica\n",
        ["01-back-pain.yml:", "invalid YAML"],
    ),
    "wrong-type": (
        "syllabus.yml",
        "    minutes: 25\n",
        "    minutes: twenty-five\n",
        ["syllabus.yml:", "[01-back-pain] minutes: Input should be a valid integer"],
    ),
    "no-correct-option": (
        "quizzes/06-how-often.yml",
        "over about 5 to 12 weeks.\n        correct: true\n",
        "over about 5 to 12 weeks.\n",
        ["06-how-often.yml:", "[freq-q-trials] no option is marked correct"],
    ),
    "all-correct-multiple": (
        "quizzes/05-risks-and-safety.yml",
        "      - text: Having had acupuncture before without problems\n",
        "      - text: Having had acupuncture before without problems\n        correct: true\n",
        ["05-risks-and-safety.yml:", "[risk-q-tell] every option is correct"],
    ),
    "duplicate-id-across-banks": (
        "quizzes/07-choosing-care.yml",
        "  - id: care-q-licence\n",
        "  - id: freq-q-trials\n",
        ["07-choosing-care.yml:", "[freq-q-trials] duplicate question id (also in 06-how-often)"],
    ),
    "unknown-reference": (
        "claims.yml",
        "    references: [harris2022]\n",
        "    references: [harris2099]\n",
        ["claims.yml:", "[epi-harris-three-in-ten] unknown reference or claim id 'harris2099'"],
    ),
    "unknown-claim-in-quiz": (
        "quizzes/03-how-might-it-work.yml",
        "    sources: [mech-electromagnetic]\n",
        "    sources: [mech-electromagic]\n",
        [
            "03-how-might-it-work.yml:",
            "[mech-q-judge-electromagnetic] unknown reference or claim id",
        ],
    ),
    "unknown-glossary-reference": (
        "glossary.yml",
        "    references: [bmj-bp-ces]\n",
        "    references: [bmj-bp-xyz]\n",
        ["glossary.yml:", "[cauda-equina-syndrome] unknown reference or claim id 'bmj-bp-xyz'"],
    ),
    "quote-not-in-article": (
        "claims.yml",
        "Accidents often lead to structural damage",
        "Accidents always lead to structural damage",
        ["claims.yml:", "[epi-accidents-structural] quote not found verbatim in article 003"],
    ),
}


@pytest.mark.parametrize("case", sorted(CONTENT_CASES))
def test_bad_content_is_reported_and_site_kept(workspace, content_copy, case):
    file, old, new, expected = CONTENT_CASES[case]
    if case == "quote-not-in-article" and not paths.seeds_dir().is_dir():
        pytest.skip("the source articles are not beside this checkout")
    before = snapshot(workspace.out)
    edit(content_copy / file, old, new)
    store.reload()
    with pytest.raises(ContentError) as info:
        build(workspace, log=lambda _m: None)
    messages = [str(p) for p in info.value.problems]
    for piece in expected:
        assert any(piece in m for m in messages), (piece, messages)
    line_numbered = [m for m in messages if expected[0] in m]
    assert all(m.split(expected[0])[1].split(":")[0].isdigit() for m in line_numbered), messages
    assert snapshot(workspace.out) == before


@pytest.mark.parametrize(
    ("case", "source", "expected"),
    [
        ("unknown-bank", 'quiz("no-such-bank")', "unknown quiz bank 'no-such-bank'"),
        (
            "missing-image",
            "![A figure](figures/missing.png)",
            "missing image file 'figures/missing.png'",
        ),
        (
            "grouped-citation",
            "As two guidelines say [@chou2007; @acp2017].",
            "malformed citation [@chou2007; @acp2017]: cite one id per bracket",
        ),
    ],
)
def test_bad_notebook_references_are_reported(workspace, case, source, expected):
    before = snapshot(workspace.out)
    kind = "code" if case == "unknown-bank" else "markdown"
    number = notebook_cell(
        workspace,
        "02-what-is-acupuncture",
        lambda nb: next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == kind and i > 1),
        source,
    )
    with pytest.raises(ContentError) as info:
        build(workspace, log=lambda _m: None)
    assert any(
        f"02-what-is-acupuncture.ipynb: [cell {number}] {expected}" in str(p)
        for p in info.value.problems
    ), info.value.problems
    assert snapshot(workspace.out) == before


def test_notebook_that_is_not_json(workspace):
    before = snapshot(workspace.out)
    (workspace.notebooks_dir / "06-how-often.ipynb").write_text('{"cells": [\n  {"cell_type": }')
    with pytest.raises(ContentError) as info:
        build(workspace, log=lambda _m: None)
    assert any("06-how-often.ipynb:2: not valid JSON" in str(p) for p in info.value.problems)
    assert snapshot(workspace.out) == before


def test_cell_that_raises_and_cell_that_hangs(workspace):
    before = snapshot(workspace.out)
    raising = notebook_cell(
        workspace, "00-start-here", first_code_after_header, "raise RuntimeError('boom')"
    )
    hanging = notebook_cell(
        workspace, "01-back-pain", first_code_after_header, "import time\ntime.sleep(60)"
    )
    workspace.timeout = 3
    with pytest.raises(BuildFailed) as info:
        build(workspace, log=lambda _m: None)
    message = str(info.value)
    assert f"00-start-here.ipynb: cell {raising}: RuntimeError: boom" in message
    assert f"01-back-pain.ipynb: cell {hanging}: timed out after 3 s" in message
    assert snapshot(workspace.out) == before


def test_markup_in_quiz_text_is_escaped_not_run(workspace, content_copy):
    edit(
        content_copy / "quizzes/06-how-often.yml",
        "    prompt: How many sessions did the big back-pain trials give?",
        "    prompt: How many <script>window.hacked = 1</script>"
        '<img src=x onerror="window.hacked=2"> sessions?',
    )
    store.reload()
    build(workspace, log=lambda _m: None)
    html = (workspace.out / "06-how-often.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.hacked = 1&lt;/script&gt;" in html
    assert "<script>window.hacked" not in html and "<img src=x" not in html


def test_an_in_notes_cell_needs_its_slides_only_version_next_to_it(workspace):
    before = snapshot(workspace.out)
    path = workspace.notebooks_dir / "04-the-research.ipynb"
    nb = json.loads(path.read_text())
    index = next(
        i for i, c in enumerate(nb["cells"]) if "in-notes" in c["metadata"].get("tags", [])
    )
    del nb["cells"][index + 1]  # its slides-only summary, removed
    path.write_text(json.dumps(nb))
    with pytest.raises(ContentError) as info:
        build(workspace, log=lambda _m: None)
    assert any(
        f"04-the-research.ipynb: [cell {index + 1}] a cell tagged 'in-notes'" in str(p)
        and "'slides-only' cell right after it" in str(p)
        for p in info.value.problems
    ), info.value.problems
    assert snapshot(workspace.out) == before


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_renamed_heading_a_plan_names_gets_one_message_from_check_and_build(workspace, use_cache):
    """A plan's sections are its lessons' headings: renaming one gives the same file-and-line
    message from a cached build, a --no-cache build and `course check` (it once surfaced as
    a tool bug from a cached build, whose content cache holds no notebook)."""
    from course.builder import checks

    path = workspace.notebooks_dir / "04-the-research.ipynb"
    edit(path, "## Guidelines disagree, and why", "## Guidelines differ")
    workspace.use_cache = use_cache
    with pytest.raises(ContentError) as info:
        build(workspace, log=lambda _m: None)
    messages = [str(p) for p in info.value.problems]
    teaching = paths.content_dir() / "teaching.yml"
    plans = teaching.read_text(encoding="utf-8").count("- Guidelines disagree, and why")
    assert len(messages) == plans >= 1, messages  # one message for each plan naming it
    for message in messages:
        assert "teaching.yml:" in message and "[class-" in message
        assert "no section 'Guidelines disagree, and why' in 04-the-research" in message
        assert "Guidelines differ" in message  # the sections it does have
    found, _ = checks.check_notebooks(store.get(), workspace.notebooks_dir)
    assert [str(p) for p in found] == messages


def test_check_takes_a_content_folder_and_names_its_files(content_copy, monkeypatch):
    import subprocess
    import sys

    monkeypatch.delenv("COURSE_CONTENT_DIR")  # the option, not the environment, chooses
    path = content_copy / "claims.yml"
    edit(path, "    concepts: [competing-interests, single-studies]", "    concepts: [nope-x]")
    result = subprocess.run(
        [sys.executable, "-m", "course", "check", "--content", str(content_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    line = line_of(path, "concepts: [nope-x]")
    assert f"{path}:{line}: [epi-harris-three-in-ten] unknown concept id 'nope-x'" in result.stderr


def test_every_error_the_tools_raise_on_purpose_is_a_course_error():
    """The command line calls anything else a bug; these it reports in words."""
    from course.builder.download import DownloadFailed
    from course.builder.execute import ExecutionFailed
    from course.builder.pipeline import BuildFailed
    from course.builder.scorm import PackageFailed
    from course.errors import BuildProblem, ContentProblem, CourseError
    from course.loader.yamlsource import YamlSyntaxError

    for error in (BuildFailed, ExecutionFailed, DownloadFailed, PackageFailed):
        assert issubclass(error, BuildProblem) and issubclass(error, CourseError)
    for error in (ContentError, YamlSyntaxError):
        assert issubclass(error, ContentProblem) and issubclass(error, CourseError)
