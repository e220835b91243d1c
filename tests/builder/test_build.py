"""Build behaviour: cache reuse without a kernel, failures that name the cell, atomic publish."""

import json
import shutil

import pytest

from course import cli, paths
from course.builder.pipeline import BuildFailed, build
from course.builder.state import Options
from course.errors import UsageProblem
from tests.conftest import lesson_ids


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def workspace(built_site, build_root, tmp_path):
    """Notebooks, cache and last good site copied from the session build."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS_DIR, notebooks)
    shutil.copytree(build_root / "cache", tmp_path / "cache")
    shutil.copytree(built_site, tmp_path / "site")
    return Options(
        out=tmp_path / "site", cache_dir=tmp_path / "cache", notebooks_dir=notebooks, jobs=1
    )


def test_noop_rebuild_starts_no_kernel_and_is_identical(workspace, monkeypatch):
    before = snapshot(workspace.out)

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started for an unchanged lesson")

    monkeypatch.setattr("course.builder.execute.execute", no_kernel)
    report = build(workspace, log=lambda _m: None)
    assert report.executed == [] and sorted(report.cached) == sorted(lesson_ids())
    assert snapshot(workspace.out) == before


def test_an_unchanged_course_is_answered_before_any_heavy_import(workspace):
    """`python -m course build` on an up-to-date site decides from bytes and the stamp,
    without importing nbconvert, pydantic, matplotlib or Jinja (what makes it instant)."""
    import subprocess
    import sys

    build(workspace, log=lambda _m: None)  # writes the stamp beside this site
    args = [
        "build",
        *("--out", str(workspace.out), "--cache-dir", str(workspace.cache_dir)),
        *("--notebooks", str(workspace.notebooks_dir)),
    ]
    code = (
        "import sys; from course import cli; status = cli.main(sys.argv[1:]); "
        "heavy = [m for m in ('nbconvert', 'pydantic', 'matplotlib', 'jinja2', 'nbformat') "
        "if m in sys.modules]; print('HEAVY', heavy); sys.exit(status)"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Site is up to date" in result.stdout and "HEAVY []" in result.stdout, result.stdout


def test_markdown_edit_reexports_without_a_kernel(workspace, monkeypatch):
    path = workspace.notebooks_dir / "01-back-pain.ipynb"
    nb = json.loads(path.read_text())
    cited = "A freshly edited sentence, citing a new source [@brinkhaus2006]."
    nb["cells"][1]["source"] = ["## Back pain is very common\n", "\n", cited]
    path.write_text(json.dumps(nb))
    download = workspace.out / "notebooks" / "01-back-pain.ipynb"
    assert "Brinkhaus" not in download.read_text()
    bundles = ("pagefind", "pagefind-lessons-0")  # the site's pages; lessons 00 to 09
    fragments = {b: sorted((workspace.out / b / "fragment").iterdir()) for b in bundles}
    monkeypatch.setattr(
        "course.builder.execute.execute", lambda *a, **k: (_ for _ in ()).throw(AssertionError)
    )
    build(workspace, log=lambda _m: None)
    page = (workspace.out / "01-back-pain.html").read_text()
    assert "A freshly edited sentence" in page and 'id="ref-brinkhaus2006"' in page
    # the downloaded lesson's Sources list has the new citation too, without a re-run
    html = ["".join(o.get("data", {}).get("text/html", "")) for o in _outputs(download)]
    listed = [h for h in html if '<section class="course-sources-list"' in h]
    assert len(listed) == 1 and "Brinkhaus" in listed[0]
    # only the edited lesson's bundle of the search index is rebuilt, and rebuilt afresh
    # (one fragment a page, the edited one new); the site's own bundle is left as it was
    now = {b: sorted((workspace.out / b / "fragment").iterdir()) for b in bundles}
    assert now["pagefind"] == fragments["pagefind"]
    lessons = now["pagefind-lessons-0"]
    assert len(lessons) == len(fragments["pagefind-lessons-0"]) == 9
    assert lessons != fragments["pagefind-lessons-0"]


def _outputs(path):
    return [o for c in json.loads(path.read_text())["cells"] for o in c.get("outputs", [])]


def test_failing_cell_names_notebook_and_cell_and_keeps_last_site(workspace):
    before = snapshot(workspace.out)
    path = workspace.notebooks_dir / "01-back-pain.ipynb"
    nb = json.loads(path.read_text())
    index = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and i > 2)
    nb["cells"][index]["source"] = "1 / 0"
    path.write_text(json.dumps(nb))
    with pytest.raises(BuildFailed) as info:
        build(workspace, log=lambda _m: None)
    assert f"01-back-pain.ipynb: cell {index + 1}: ZeroDivisionError: division by zero" in str(
        info.value
    )
    assert snapshot(workspace.out) == before
    assert not list(workspace.out.parent.glob(".site.tmp-*"))


def test_cli_reports_failures_without_a_traceback(workspace, capsys):
    (workspace.notebooks_dir / "00-start-here.ipynb").write_text("{broken")
    code = cli.main_build(workspace)
    err = capsys.readouterr().err
    assert code == 1
    assert "00-start-here.ipynb:1: not valid JSON" in err
    assert "Traceback" not in err


def test_an_unknown_lesson_is_a_usage_error_not_a_bug(workspace, capsys):
    workspace.only = ["zz"]
    code = cli.main_build(workspace)
    err = capsys.readouterr().err
    assert code == 1 and "Nothing was built: --only: no lesson 'zz' (known: 00-start-here" in err
    assert "bug" not in err


def test_second_build_is_refused_while_one_holds_the_lock(workspace):
    from filelock import FileLock

    lock = FileLock(str(workspace.out.parent / f".{workspace.out.name}.lock"))
    with lock, pytest.raises(BuildFailed, match="another build is writing"):
        build(workspace, log=lambda _m: None)


def test_only_rebuilds_one_lesson_and_keeps_the_rest(workspace):
    workspace.only = ["00-start-here"]
    build(workspace, log=lambda _m: None)
    assert (workspace.out / "01-back-pain.html").exists()
    with pytest.raises(UsageProblem, match="no lesson 'zz'"):
        workspace.only = ["zz"]
        build(workspace, log=lambda _m: None)


def test_a_lesson_reexecutes_when_a_file_its_code_read_changes(workspace, content_copy):
    """No map says which helper reads which file: each kernel records what it read."""
    path = workspace.notebooks_dir / "01-back-pain.ipynb"
    nb = json.loads(path.read_text())
    helper = (  # a new helper reading a data file no lesson read before
        "from course import paths\n\n"
        "care = (paths.content_dir() / 'care.yml').read_text(encoding='utf-8')\n"
        "print(len(care.splitlines()), 'lines of care data')"
    )
    cell = {"cell_type": "code", "id": "new-helper", "metadata": {}, "outputs": []}
    nb["cells"].append({**cell, "execution_count": None, "source": helper})
    path.write_text(json.dumps(nb))
    assert build(workspace, log=lambda _m: None).executed == ["01-back-pain"]

    care = content_copy / "care.yml"
    lines = len(care.read_text().splitlines())
    care.write_text(care.read_text() + "# one more line\n")
    report = build(workspace, log=lambda _m: None)
    # lesson 01 (the new helper) and lesson 07 (its care table) read care.yml; no one else
    assert sorted(report.executed) == ["01-back-pain", "07-choosing-care"]
    download = (workspace.out / "notebooks" / "01-back-pain.ipynb").read_text()
    assert f"{lines + 1} lines of care data" in download

    glossary = content_copy / "glossary.yml"  # read by the site export, by no kernel
    glossary.write_text(glossary.read_text() + "# edited\n")
    assert build(workspace, log=lambda _m: None).executed == []


def test_the_claims_page_reads_the_lessons_being_built(workspace):
    """`--notebooks` points the whole build at other lessons: the claims page's "taught
    in" comes from those notebooks, not from the repository's."""
    from bs4 import BeautifulSoup

    path = workspace.notebooks_dir / "01-back-pain.ipynb"
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if 'claim("epi-millions-worldwide")' in "".join(c["source"]))
    nb["cells"].remove(cell)
    path.write_text(json.dumps(nb))
    build(workspace, log=lambda _m: None)
    page = BeautifulSoup((workspace.out / "claims.html").read_text(), "html.parser")
    row = next(li for li in page.select("[data-claim-row]") if "epi-millions" in str(li))
    assert "01-back-pain.html" not in str(row.select_one(".claim-taught"))


def test_a_prose_edit_validates_nothing_again_and_checks_only_its_lesson(workspace, monkeypatch):
    """The content is validated once per change (kept in the build cache), and only the
    edited notebook is checked again; a damaged cache entry is rebuilt, never trusted."""
    from course.builder import checks
    from course.loader import store

    build(workspace, log=lambda _m: None)
    kept = list(workspace.cache_dir.glob("content-*.pickle"))
    assert len(kept) == 1
    path = workspace.notebooks_dir / "01-back-pain.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][1]["source"] = ["## Back pain is very common\n", "\n", "An edited sentence."]
    path.write_text(json.dumps(nb))

    def no_validation(*_a, **_k):
        raise AssertionError("unchanged content validated again")

    checked = []
    real_check = checks.check_notebooks
    monkeypatch.setattr(store, "load", no_validation)
    monkeypatch.setattr(
        checks,
        "check_notebooks",
        lambda data, folder, lessons=None: (
            checked.append(lessons) or real_check(data, folder, lessons)
        ),
    )
    store.reload()
    build(workspace, log=lambda _m: None)
    assert checked == [{"01-back-pain"}]
    assert "An edited sentence." in (workspace.out / "01-back-pain.html").read_text()

    monkeypatch.undo()
    kept[0].write_bytes(b"damaged")
    nb["cells"][1]["source"] = ["## Back pain is very common\n", "\n", "Edited again."]
    path.write_text(json.dumps(nb))
    store.reload()
    build(workspace, log=lambda _m: None)
    assert "Edited again." in (workspace.out / "01-back-pain.html").read_text()
    assert kept[0].read_bytes() != b"damaged"


def test_the_published_site_is_never_written_in_place(workspace, content_copy, tmp_path):
    """The new site starts as hard links to the published one: every file a build writes
    must be a new file, or the published site would change before the swap."""
    from course.builder.files import link_tree

    build(workspace, log=lambda _m: None)
    published = tmp_path / "published"
    link_tree(workspace.out, published)  # the same files (inodes) as the published site
    before = snapshot(published)
    glossary = content_copy / "glossary.yml"  # every page and deck is written again
    glossary.write_text(glossary.read_text().replace("definition: ", "definition: Edited. ", 1))
    path = workspace.notebooks_dir / "01-back-pain.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][1]["source"] = ["## Back pain is very common\n", "\n", "An edited sentence."]
    path.write_text(json.dumps(nb))
    build(workspace, log=lambda _m: None)
    assert snapshot(published) == before
    after = snapshot(workspace.out)
    changed = [name for name in before if after.get(name) != before[name]]
    assert len(changed) > 5 and any(str(n).endswith("01-back-pain.html") for n in changed)


def test_lessons_executed_in_shards_assemble_without_a_kernel(workspace, tmp_path, monkeypatch):
    """A course too big for one machine: N CI jobs each run `build --shard K/N` into their
    own cache, the caches are unpacked into one folder (as CI artifacts are), and one job
    assembles the whole site from them without starting a kernel."""
    ids = lesson_ids()
    merged = tmp_path / "cache"
    shares = []
    for k in (1, 2):
        job = Options(
            out=tmp_path / f"job{k}" / "site",
            cache_dir=tmp_path / f"job{k}" / "cache",
            notebooks_dir=workspace.notebooks_dir,
            shard=(k, 2),
            jobs=2,
        )
        report = build(job, log=lambda _m: None)
        shares.append(sorted(report.executed))
        shutil.copytree(job.cache_dir, merged, dirs_exist_ok=True)
    assert shares == [sorted(ids[0::2]), sorted(ids[1::2])]

    monkeypatch.setattr(
        "course.builder.execute.execute", lambda *a, **k: (_ for _ in ()).throw(AssertionError)
    )
    whole = Options(out=tmp_path / "site", cache_dir=merged, notebooks_dir=workspace.notebooks_dir)
    report = build(whole, log=lambda _m: None)
    assert report.executed == [] and sorted(report.cached) == sorted(ids)
    assert all((whole.out / f"{lesson}.html").exists() for lesson in ids)
    assert (whole.out / "instructor.html").exists()


def test_a_shard_is_written_k_of_n():
    from course.cli import parser

    assert parser().parse_args(["build", "--shard", "2/4"]).shard == (2, 4)
    for bad in ("0/4", "5/4", "2", "a/b"):
        with pytest.raises(SystemExit):
            parser().parse_args(["build", "--shard", bad])


def test_course_pages_are_written_again_only_when_their_inputs_change(workspace, content_copy):
    """A prose edit keeps the course-wide pages of the last site (the same files); an edit
    to the content they show writes them again."""
    from course.builder import pages

    build(workspace, log=lambda _m: None)
    inode = {name: (workspace.out / name).stat().st_ino for name in pages.COURSE_PAGES}
    path = workspace.notebooks_dir / "01-back-pain.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][1]["source"] = ["## Back pain is very common\n", "\n", "An edited sentence."]
    path.write_text(json.dumps(nb))
    build(workspace, log=lambda _m: None)
    assert {name: (workspace.out / name).stat().st_ino for name in pages.COURSE_PAGES} == inode

    glossary = content_copy / "glossary.yml"
    glossary.write_text(glossary.read_text().replace("definition: ", "definition: Edited. ", 1))
    build(workspace, log=lambda _m: None)
    assert "Edited. " in (workspace.out / "glossary.html").read_text()


def test_course_pages_lists_every_page_the_course_wide_writers_make(tmp_path):
    from course.builder import pages
    from course.loader import store

    data = store.get()
    pages.write_summary(data, tmp_path)
    pages.write_reference_pages(data, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.html")) == sorted(pages.COURSE_PAGES)


def test_pages_are_written_from_the_content_the_build_hands_them(workspace, tmp_path, monkeypatch):
    """Every page writer and preprocessor takes the content it uses: the kernel-side
    ``store.get()`` is never consulted while a site is written (a fresh folder, so every
    page, deck and course-wide page is written again)."""
    from course.loader import store

    def no_global(*args, **kwargs):
        raise AssertionError("store.get() was called while pages were written")

    build(workspace, log=lambda _m: None)  # loads (and caches) the content first
    ids = sorted(lesson_ids())
    monkeypatch.setattr(store, "get", no_global)
    fresh = Options(
        out=tmp_path / "fresh",
        cache_dir=workspace.cache_dir,
        notebooks_dir=workspace.notebooks_dir,
    )
    report = build(fresh, log=lambda _m: None)
    assert sorted(report.exported) == ids and report.executed == []
    assert (fresh.out / "index.html").exists() and (fresh.out / "claims.html").exists()


def _append_to_heading(path, heading: str, text: str) -> None:
    """Add ``text`` to the slide that opens with ``heading`` (a lesson's "## " section)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "".join(c["source"]).startswith(heading))
    cell["source"] = "".join(cell["source"]) + f"\n\n{text}"
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_class_decks_are_rendered_again_only_when_a_slide_they_take_changed(workspace):
    lines: list[str] = []
    build(workspace, log=lambda _m: None)  # the copied site has no state of its own yet
    decks = workspace.out / "slides"
    before = {plan: (decks / f"{plan}.html").read_bytes() for plan in ("class-90", "class-45")}
    # lesson 02 is in neither plan: a prose edit there leaves both decks as they were
    _append_to_heading(workspace.notebooks_dir / "02-what-is-acupuncture.ipynb", "## ", "Aside.")
    build(workspace, log=lines.append)
    assert "  class-90                     class deck unchanged" in lines
    assert "  class-45                     class deck unchanged" in lines
    assert {p: (decks / f"{p}.html").read_bytes() for p in before} == before
    # the 90-minute class takes this section of lesson 01; the 45-minute one does not
    lines.clear()
    section = '## Most back pain is "non-specific"'
    _append_to_heading(workspace.notebooks_dir / "01-back-pain.ipynb", section, "Room check.")
    build(workspace, log=lines.append)
    assert "  class-90                     class deck" in lines
    assert "  class-45                     class deck unchanged" in lines
    assert "Room check." in (decks / "class-90.html").read_text(encoding="utf-8")
    assert (decks / "class-45.html").read_bytes() == before["class-45"]
