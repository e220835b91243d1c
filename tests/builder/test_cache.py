"""Cache keys and entries: what must re-execute a lesson and what must not."""

import json
import shutil

import nbformat
import pytest

from course import paths
from course.builder import cache
from tests.conftest import make_notebook

CELLS = [("md", "# Title\n\nSome prose."), ("code", 'quiz("01-back-pain")'), ("code", "x = 1")]


def key(nb):
    return cache.notebook_key(nb, package="pkg")


def test_markdown_edit_keeps_key_code_edit_changes_it():
    nb = make_notebook(CELLS)
    base = key(nb)
    nb.cells[0].source += "\n\nMore prose, a typo fixed."
    assert key(nb) == base
    nb.cells[2].source = "x = 2"
    assert key(nb) != base


def test_tags_kernel_and_package_are_in_the_key():
    nb = make_notebook(CELLS)
    base = key(nb)
    nb.cells[1].metadata["tags"] = ["remove-input"]
    assert key(nb) != base
    nb = make_notebook(CELLS)
    assert cache.notebook_key(nb, package="other") != base
    nb.metadata["kernelspec"]["name"] = "julia"
    assert key(nb) != base


def test_a_run_is_reused_only_while_the_files_it_read_are_unchanged(tmp_path, content_copy):
    executions = cache.ExecutionCache(tmp_path / "cache")
    nb = make_notebook(CELLS)
    digests = cache.content_digests(content_copy)
    read = ["quizzes/01-back-pain.yml", "references.yml"]
    executions.put("01-back-pain", "k1", executed_copy(nb), {f: digests[f] for f in read})
    assert executions.get("01-back-pain", "k1", nb, digests) is not None
    other = content_copy / "quizzes" / "00-start-here.yml"  # not read by this run
    other.write_text(other.read_text() + "\n# edited\n")
    assert executions.get("01-back-pain", "k1", nb, cache.content_digests(content_copy)) is not None
    own = content_copy / "quizzes" / "01-back-pain.yml"
    own.write_text(own.read_text() + "\n# edited\n")
    assert executions.get("01-back-pain", "k1", nb, cache.content_digests(content_copy)) is None
    own.unlink()  # a file it read is gone: a miss too
    assert executions.get("01-back-pain", "k1", nb, cache.content_digests(content_copy)) is None


def test_package_fingerprint_follows_code_and_templates_only(tmp_path, monkeypatch):
    package = tmp_path / "course"
    shutil.copytree(paths.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache.paths, "PACKAGE_DIR", package)
    base = cache.package_fingerprint()
    (package / "notes.txt").write_text("not code")  # nothing a kernel runs or renders
    assert cache.package_fingerprint() == base
    fragment = package / "templates" / "fragments" / "claim_card.html.j2"
    fragment.write_text(fragment.read_text() + "\n")
    assert cache.package_fingerprint() != base
    base = cache.package_fingerprint()
    module = package / "views" / "claims.py"
    module.write_text(module.read_text() + "\n# edited\n")
    assert cache.package_fingerprint() != base


def executed_copy(nb):
    done = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in done.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", text="ran\n")]
            cell.execution_count = 1
    return done


def test_hit_merges_outputs_into_current_markdown(tmp_path):
    executions = cache.ExecutionCache(tmp_path)
    nb = make_notebook(CELLS)
    executions.put("01-back-pain", "k1", executed_copy(nb), {})
    nb.cells[0].source = "# Title\n\nRewritten prose."
    hit = executions.get("01-back-pain", "k1", nb, {})
    assert hit.cells[0].source == "# Title\n\nRewritten prose."
    assert hit.cells[2].outputs[0]["text"] == "ran\n"
    assert executions.get("01-back-pain", "k2", nb, {}) is None  # wrong key: a miss


def test_corrupt_or_partial_entries_are_misses(tmp_path):
    executions = cache.ExecutionCache(tmp_path)
    nb = make_notebook(CELLS)
    executions.put("01-back-pain", "k1", executed_copy(nb), {})
    path = tmp_path / "01-back-pain.ipynb"
    path.write_text(path.read_text()[:200])  # truncated, as by a crash mid-write
    assert executions.get("01-back-pain", "k1", nb, {}) is None
    path.write_text("")
    assert executions.get("01-back-pain", "k1", nb, {}) is None
    executions.put("01-back-pain", "k1", executed_copy(make_notebook(CELLS[:2])), {})
    assert executions.get("01-back-pain", "k1", nb, {}) is None  # cells do not line up


@pytest.fixture()
def recording(tmp_path, monkeypatch, content_copy):
    """course.loader.reads switched on in this process, as the build does in a kernel."""
    from course.loader import reads

    target = tmp_path / "reads.txt"
    monkeypatch.setenv(reads.ENV, str(target))
    monkeypatch.setattr(reads, "_seen", set())
    reads.install(content_copy)  # an audit hook stays for the process; it records only
    return lambda: reads.read(target)  # while the variable is set


def test_the_kernel_records_the_data_files_its_figures_and_quizzes_use(recording):
    from course import quiz
    from course.loader import store
    from course.plotting import dataset_bars, plot_trial

    store.get()
    assert recording() == []  # loading validates every file; that is not a dependency
    plot_trial("gerac2007")
    assert "trials.yml" in recording() and "datasets.yml" not in recording()
    dataset_bars("harris-2022-conditions")
    assert "datasets.yml" in recording()
    quiz("08-review")  # a review bank depends on the banks it borrows questions from
    assert {"quizzes/08-review.yml", "quizzes/05-risks-and-safety.yml"} <= set(recording())
    assert "glossary.yml" not in recording()  # used by the site export, not by kernels


def test_a_file_opened_directly_under_the_content_folder_is_recorded(recording, content_copy):
    """A new helper that reads a data file of its own needs no map to be tracked."""
    from course import paths

    (paths.content_dir() / "care.yml").read_text(encoding="utf-8")
    assert recording()[-1:] == ["care.yml"]
    (content_copy.parent / "elsewhere.txt").write_text("x")
    (content_copy.parent / "elsewhere.txt").read_text()
    assert recording()[-1:] == ["care.yml"]
