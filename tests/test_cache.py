"""Cache keys and entries: what must re-execute a lesson and what must not."""

import json

import nbformat

from course.build import cache
from tests.conftest import make_notebook

CELLS = [("md", "# Title\n\nSome prose."), ("code", 'quiz("01-back-pain")'), ("code", "x = 1")]


def key(nb, content_dir):
    return cache.notebook_key(nb, package="pkg", content_dir=content_dir)


def test_markdown_edit_keeps_key_code_edit_changes_it(content_copy):
    nb = make_notebook(CELLS)
    base = key(nb, content_copy)
    nb.cells[0].source += "\n\nMore prose, a typo fixed."
    assert key(nb, content_copy) == base
    nb.cells[2].source = "x = 2"
    assert key(nb, content_copy) != base


def test_tags_kernel_and_package_are_in_the_key(content_copy):
    nb = make_notebook(CELLS)
    base = key(nb, content_copy)
    nb.cells[1].metadata["tags"] = ["remove-input"]
    assert key(nb, content_copy) != base
    nb = make_notebook(CELLS)
    assert cache.notebook_key(nb, package="other", content_dir=content_copy) != base
    nb.metadata["kernelspec"]["name"] = "julia"
    assert key(nb, content_copy) != base


def test_only_the_banks_a_notebook_uses_invalidate_it(content_copy):
    nb = make_notebook(CELLS)
    base = key(nb, content_copy)
    other = content_copy / "quizzes" / "00-start-here.yml"
    other.write_text(other.read_text() + "\n# edited\n")
    assert key(nb, content_copy) == base
    own = content_copy / "quizzes" / "01-back-pain.yml"
    own.write_text(own.read_text() + "\n# edited\n")
    assert key(nb, content_copy) != base
    base = key(nb, content_copy)
    (content_copy / "references.yml").write_text(
        (content_copy / "references.yml").read_text() + "\n# edited\n"
    )
    assert key(nb, content_copy) != base


def test_package_fingerprint_is_stable():
    assert cache.package_fingerprint() == cache.package_fingerprint()


def executed_copy(nb):
    done = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in done.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", text="ran\n")]
            cell.execution_count = 1
    return done


def test_hit_merges_outputs_into_current_markdown(tmp_path):
    store = cache.ExecutionCache(tmp_path)
    nb = make_notebook(CELLS)
    store.put("01-back-pain", "k1", executed_copy(nb))
    nb.cells[0].source = "# Title\n\nRewritten prose."
    hit = store.get("01-back-pain", "k1", nb)
    assert hit.cells[0].source == "# Title\n\nRewritten prose."
    assert hit.cells[2].outputs[0]["text"] == "ran\n"
    assert store.get("01-back-pain", "k2", nb) is None  # wrong key: a miss


def test_corrupt_or_partial_entries_are_misses(tmp_path):
    store = cache.ExecutionCache(tmp_path)
    nb = make_notebook(CELLS)
    store.put("01-back-pain", "k1", executed_copy(nb))
    path = tmp_path / "01-back-pain.ipynb"
    path.write_text(path.read_text()[:200])  # truncated, as by a crash mid-write
    assert store.get("01-back-pain", "k1", nb) is None
    path.write_text("")
    assert store.get("01-back-pain", "k1", nb) is None
    store.put("01-back-pain", "k1", executed_copy(make_notebook(CELLS[:2])))
    assert store.get("01-back-pain", "k1", nb) is None  # cells do not line up


def test_data_files_invalidate_only_the_lessons_that_draw_them(content_copy):
    trials_lesson = make_notebook(
        [("code", 'plot_trial("gerac2007")'), ("code", 'quiz("04-the-research")')]
    )
    other_lesson = make_notebook([("code", 'dataset_bars("harris-2022-conditions")')])
    before = (key(trials_lesson, content_copy), key(other_lesson, content_copy))
    trials = content_copy / "trials.yml"
    trials.write_text(trials.read_text().replace("value: 47.6", "value: 47.7"))
    after = (key(trials_lesson, content_copy), key(other_lesson, content_copy))
    assert after[0] != before[0] and after[1] == before[1]
    glossary = content_copy / "glossary.yml"  # used by the site export, not by kernels
    glossary.write_text(glossary.read_text() + "\n# edited\n")
    assert (key(trials_lesson, content_copy), key(other_lesson, content_copy)) == after


def test_review_bank_depends_on_the_banks_it_includes(content_copy):
    review = make_notebook([("code", 'quiz("08-review")')])
    base = key(review, content_copy)
    bank = content_copy / "quizzes" / "05-risks-and-safety.yml"
    bank.write_text(bank.read_text().replace("About 1 in 10 (9.31%)", "About one in ten (9.31%)"))
    assert key(review, content_copy) != base
