"""The built site and decks: structure, no network sources, no widget leftovers, alt text."""

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import lesson_ids


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.external, self.images, self.scripts, self.ids = [], [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        for attr in ("src", "href"):
            value = a.get(attr) or ""
            if tag in ("script", "link", "img", "iframe", "source") and re.match(
                r"(https?:)?//", value
            ):
                self.external.append(f"<{tag} {attr}={value}>")
        if tag == "img":
            self.images.append(a)
        if tag == "script":
            self.scripts.append(a)


def parse(path):
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def all_pages(site):
    pages = [site / "index.html"]
    pages += [site / f"{lesson}.html" for lesson in lesson_ids()]
    pages += [site / "slides" / f"{lesson}.html" for lesson in lesson_ids()]
    return pages


def test_layout_of_the_deployable_folder(built_site):
    for page in all_pages(built_site):
        assert page.exists(), page
    for lesson in lesson_ids():
        assert (built_site / "notebooks" / f"{lesson}.ipynb").exists()
    for asset in ("course.css", "course.js", "slides.js", "reveal/reveal.js", "reveal/notes.js"):
        assert (built_site / "assets" / asset).exists(), asset
    assert not list(built_site.rglob("*.map")), "no source maps or untrimmed reveal.js"


@pytest.mark.parametrize("name", ["index", "lesson", "slides"])
def test_no_network_sources_and_alt_text_everywhere(built_site, name):
    pages = {
        "index": [built_site / "index.html"],
        "lesson": [built_site / f"{lesson}.html" for lesson in lesson_ids()],
        "slides": [built_site / "slides" / f"{lesson}.html" for lesson in lesson_ids()],
    }[name]
    for path in pages:
        page = parse(path)
        assert page.external == [], (path.name, page.external)
        for img in page.images:
            assert (img.get("alt") or "").strip(), (path.name, img)
            assert not img["src"].startswith("data:"), "figures are files, not inline blobs"
            assert (path.parent / img["src"]).resolve().exists(), img["src"]
        assert all("src" in s for s in page.scripts), "no inline scripts (CSP forbids them)"
        html = path.read_text(encoding="utf-8")
        assert "Educational, not medical advice" in html
        assert "widget-view+json" not in html and "widget-state+json" not in html
        assert "require.js" not in html and "mathjax" not in html.lower()


def test_pages_and_decks_need_nothing_from_nbconvert_s_accessibility_pass(built_site):
    """The exporters skip HTMLExporter's BeautifulSoup pass (course.builder.export): it
    gives alt text to images without it (none, the test above) and tabindex to the cells
    of a .jp-Notebook element, which the course templates do not write."""
    for path in all_pages(built_site)[1:]:
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'class="([^"]*\s)?jp-Notebook[\s"]', html), path.name


def test_lesson_page_has_chrome_quiz_sources_and_figure(built_site):
    html = (built_site / "01-back-pain.html").read_text(encoding="utf-8")
    assert 'href="slides/01-back-pain.html"' in html
    assert 'href="notebooks/01-back-pain.ipynb"' in html
    assert 'rel="prev"' in html and 'aria-current="page"' in html
    assert html.count("data-question-id=") == 6
    assert re.search(r'<summary><h2 id="sources-heading">Sources \(\d+\)</h2></summary>', html)
    assert 'id="ref-hartvigsen2018"' in html
    assert '(<a class="cite" href="#ref-hartvigsen2018">Hartvigsen et al. 2018</a>)' in html
    assert "Bar chart, US adults who self-reported" in html
    assert "Instructor notes" not in html, "speaker notes belong to the deck only"
    assert "[@" not in html


def test_deck_has_title_notes_quiz_and_sources(built_site):
    html = (built_site / "slides" / "01-back-pain.html").read_text(encoding="utf-8")
    assert 'class="title-slide"' in html
    assert html.count('<aside class="notes">') >= 5
    assert html.count("data-question-id=") == 6
    assert 'class="sources-slide"' in html
    assert 'src="../assets/reveal/reveal.js"' in html
    assert '<cite class="cite">' in html


def test_index_lists_lessons_with_objectives_and_minutes(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for lesson in lesson_ids():
        assert f'href="{lesson}.html"' in html
        assert f'href="slides/{lesson}.html"' in html
    assert "About 25 minutes" in html and "Learning objectives" in html


def test_claim_cards_render_on_page_and_deck_without_inline_styles(built_site):
    for path in (
        built_site / "03-how-might-it-work.html",
        built_site / "slides" / "03-how-might-it-work.html",
    ):
        html = path.read_text(encoding="utf-8")
        assert 'data-claim-id="mech-endorphins"' in html
        assert "◐</span> Partly supported" in html
        assert "<style" not in html, "site and decks use assets/course.css (CSP: no inline styles)"
        assert "Claims in this lesson: verdicts (17 claims)" in html
    page = (built_site / "03-how-might-it-work.html").read_text(encoding="utf-8")
    assert 'id="ref-chapman1983"' in page  # a claim's evidence reaches the Sources list
    assert 'id="ref-article-004"' in page


def test_explorables_are_static_radio_groups_with_file_images(built_site):
    html = (built_site / "04-the-research.html").read_text(encoding="utf-8")
    for xid, states in (("big-trials", 9), ("pooled-effects", 4), ("regression-to-mean", 8)):
        assert f'data-explorable-id="{xid}"' in html
        block = html.split(f'data-explorable-id="{xid}"')[1].split("</div>\n</div>")[0]
        assert "<fieldset>" in block and "<legend>" in block
        assert re.search(r'<label class="explorable-option"><input [^>]*type="radio"', block)
        assert block.count("data-key=") == states
        assert "data:image" not in block
    deck = (built_site / "slides" / "04-the-research.html").read_text(encoding="utf-8")
    assert 'data-explorable-id="big-trials"' in deck
    assert 'data-src="../figures/' in deck
    page = parse(built_site / "04-the-research.html")
    assert page.external == []


def test_summary_page_and_review_lesson(built_site):
    summary = (built_site / "summary.html").read_text(encoding="utf-8")
    assert summary.count("<li>") >= 8 and "One-page summary" in summary
    assert "data-print" in summary
    review = (built_site / "08-review.html").read_text(encoding="utf-8")
    assert 'href="summary.html"' in review
    assert review.count('data-quiz="08-review"') == 2
    assert 'id="quiz-08-review-judge-three-sessions-title"' in review
    assert "data-progress-summary" in review
    assert review.count("data-progress-bank=") == 9


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for attr in ("href", "src", "data-src", "action"):
            if a.get(attr):
                self.refs.append(a[attr])


def deck_sections(deck):
    from bs4 import BeautifulSoup

    slides = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser").select_one(".slides")
    return slides.find_all("section", recursive=False)


def test_every_internal_link_and_anchor_resolves(built_site):
    pages = [p for p in built_site.rglob("*.html") if "pagefind" not in p.parts]
    parsed = {}
    for path in pages:
        parser = Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path.resolve()] = parser
    broken = []
    for path, parser in parsed.items():
        for ref in parser.refs:
            if re.match(r"^(https?:|mailto:|data:|javascript:)", ref):
                continue
            target, _, fragment = ref.partition("#")
            target = target.split("?")[0]
            file = (path.parent / target).resolve() if target else path
            if fragment.startswith("/") and file.exists():  # a reveal route: #/h to a slide
                slides = len(deck_sections(file))
                missing_anchor = not (fragment[1:].isdigit() and int(fragment[1:]) < slides)
            else:
                missing_anchor = (
                    fragment and file.suffix == ".html" and fragment not in parsed[file].ids
                )
            if not file.exists() or missing_anchor:
                broken.append((path.name, ref))
    assert broken == []
    assert len(pages) >= 9 * 2 + 6


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.lang, self.in_title, self.title = {}, None, False, ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta":
            self.meta[a.get("name") or a.get("http-equiv") or a.get("charset")] = a.get("content")
        self.in_title = tag == "title"

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def test_every_page_has_title_description_language_and_csp(built_site):
    for path in [p for p in built_site.rglob("*.html") if "pagefind" not in p.parts]:
        head = Head()
        head.feed(path.read_text(encoding="utf-8"))
        assert head.lang == "en", path.name
        assert len(head.title.strip()) >= 10, path.name
        assert len(head.meta.get("description") or "") >= 20, path.name
        csp = head.meta.get("Content-Security-Policy") or ""
        assert "default-src 'self'" in csp and "object-src 'none'" in csp, path.name
        assert "http" not in csp, path.name


def test_search_index_is_built_in_bundles_and_trimmed(built_site):
    """The site's pages in pagefind/, the lessons in bundles of ten merged by the search
    page; no Pagefind UI files (the course has its own search page)."""
    assert (built_site / "pagefind" / "pagefind.js").exists()
    bundles = sorted(p.name for p in built_site.glob("pagefind*") if p.is_dir())
    assert bundles == ["pagefind", "pagefind-lessons-0"]
    for bundle in bundles:
        assert (built_site / bundle / "pagefind-entry.json").exists()
        assert not list((built_site / bundle).glob("pagefind-*ui*"))
    search = (built_site / "search.html").read_text(encoding="utf-8")
    assert 'data-search-merge="pagefind-lessons-0"' in search


def test_every_lesson_teaches_with_a_figure_and_lesson_00_opens_with_first_steps(built_site):
    for lesson in lesson_ids():
        page = parse(built_site / f"{lesson}.html")
        assert page.images, f"{lesson} has no figure"
    html = (built_site / "00-start-here.html").read_text(encoding="utf-8")
    assert "A staircase of five steps, weakest evidence at the bottom" in html  # its alt text
    flags, signs, box, research = (
        html.index("When back pain is an emergency"),
        html.index('data-red-flags="back-pain"'),
        html.index("If you have back pain now"),
        html.index("How evidence verdicts are shown"),
    )
    # what to do comes before the research: the warning signs first, then looking after
    # your back (its box leaves the signs out: they are just above)
    assert flags < signs < box < research
    assert html.count('data-red-flags="back-pain"') == 1
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert "If you have back pain now" in index and "The short answer on acupuncture" in index


def test_a_deck_ends_on_one_sources_slide_with_every_entry_in_its_notes(built_site):
    """The room is pointed to the lesson page's list; the presenter has every source the
    deck cites in the speaker notes, in the page's order. A deck written for the room
    shows part of the page, so it cites a part of the page's sources, never one the page
    does not list."""
    for lesson in lesson_ids():
        page = (built_site / f"{lesson}.html").read_text(encoding="utf-8")
        deck = (built_site / "slides" / f"{lesson}.html").read_text(encoding="utf-8")
        on_page = re.findall(r'<li id="ref-([^"]+)"', page)
        (slide,) = re.findall(r'<section[^>]*class="sources-slide".*?</section>', deck, re.S)
        notes = slide[slide.index('<aside class="notes">') :]
        in_notes = re.findall(r'<li id="ref-([^"]+)"', notes)
        assert in_notes and len(set(in_notes)) == len(in_notes), lesson
        assert [ref for ref in on_page if ref in in_notes] == in_notes, lesson  # same order
        shown = slide[: slide.index('<aside class="notes">')]
        assert f"cites {len(in_notes)} source" in shown and 'href="../references.html"' in shown
        assert "<li" not in shown, lesson


def _paged(*cells):
    from nbformat.v4 import new_markdown_cell, new_notebook

    from course.builder.preprocessors import SlidePagingPreprocessor
    from course.loader import store

    nb = new_notebook(cells=[])
    for source, kind in cells:
        cell = new_markdown_cell(source)
        cell.metadata["slideshow"] = {"slide_type": kind}
        nb.cells.append(cell)
    resources = {"course": {"data": store.get()}}
    out, _ = SlidePagingPreprocessor(lines=8, per_line=40).preprocess(nb, resources)
    return out.cells


def test_long_section_continues_on_new_slides_with_nothing_lost():
    para = "A sentence that is long enough to take a full line here. " * 2
    flags = "- problems passing urine;\n- numbness in the saddle area;\n- weakness in both legs."
    lead = "Get emergency care if you have any of these:"
    source = f"## Red flags\n\n{para}\n\n{para}\n\n{lead}\n\n{flags}"
    cells = _paged((source, "slide"), ("**Instructor notes.** Teach this slowly.", "notes"))
    kinds = [c.metadata["slideshow"]["slide_type"] for c in cells]
    assert kinds[0] == "slide" and kinds[1] == "notes" and "subslide" in kinds[2:]
    # notes stay on the first slide of the section; every continuation says so in its title
    assert all(c.source.startswith("### Red flags (continued)") for c in cells[2:])
    text = "\n\n".join(c.source for c in cells if "notes" not in c.source.lower())
    for block in (para.strip(), lead, flags):
        assert block in text  # nothing dropped or reworded
    # the lead-in stays on the slide with the list it introduces
    assert any("any of these:" in c.source and "- problems passing" in c.source for c in cells)


def test_cut_table_repeats_its_header_and_short_sections_are_untouched():
    rows = "\n".join(f"| sign {n} with a fairly long description | cause {n} |" for n in range(12))
    cells = _paged((f"## Table\n\n| Sign | Cause |\n| --- | --- |\n{rows}", "slide"))
    assert len(cells) > 1
    assert all("| Sign | Cause |\n| --- | --- |" in c.source for c in cells)
    assert sum(c.source.count("| sign ") for c in cells) == 12
    short = _paged(("## Short\n\nOne line.", "slide"))
    assert [c.source for c in short] == ["## Short\n\nOne line."]


def _prose(*cells):
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from course import claim
    from course.builder.preprocessors import SlideProsePreprocessor
    from tests.builder.test_preprocessors import shown

    nb = new_notebook(cells=[])
    for source, kind, tags in cells:
        cell = new_code_cell(source) if source.startswith("claim(") else new_markdown_cell(source)
        if source.startswith("claim("):
            cell.outputs = [shown(claim(source.split('"')[1]))]
        cell.metadata["slideshow"] = {"slide_type": kind}
        cell.metadata["tags"] = list(tags)
        nb.cells.append(cell)
    before = [c.source for c in nb.cells]
    out, _ = SlideProsePreprocessor().preprocess(nb, {})
    assert [c.source for c in nb.cells] == before  # the site's notebook is not touched
    return out.cells


def test_a_slide_keeps_its_point_and_the_notes_get_the_rest_of_the_prose():
    point = "Most back pain gets better within weeks."
    detail = "A longer explanation of why, which the presenter can read out."
    more = "Yet more detail about the trials."
    bold = "**Do not drive** if you feel drowsy after a session."
    items = "Ask your doctor about:\n\n- exercise;\n- heat."
    source = f"## Bottom line\n\n{point}\n\n{detail}\n\n{items}\n\n{bold}\n\n{more}"
    cells = _prose(
        (source, "slide", []), ("## Next", "slide", []), (f"{point}\n\n{detail}", "-", [])
    )
    slide, notes = cells[0], cells[1]
    # the first paragraph, the list with its lead-in, and the bold key sentence stay
    assert slide.source == f"## Bottom line\n\n{point}\n\n{items}\n\n{bold}"
    assert notes.metadata["slideshow"]["slide_type"] == "notes"
    assert notes.source == f"**On the lesson page.** {detail}\n\n{more}"  # word for word
    # a new slide starts the count again: its first paragraph stays
    assert cells[3].source == point and detail in cells[4].source


def test_red_flag_cells_and_claim_slides_follow_the_rule_as_tagged():
    para = "Call 999 for back pain after a serious accident."
    second = "Doctors take extra care when back pain starts under 20 or over 50."
    cells = _prose((f"## Red flags\n\n{para}\n\n{second}", "slide", ["all-on-slide"]))
    assert [c.source for c in cells] == [f"## Red flags\n\n{para}\n\n{second}"]
    # a claim card is the slide's point: prose after it goes to the notes
    cells = _prose(
        ("## After the session", "slide", []),
        ('claim("eff-298-patients")', "-", []),
        (para, "-", []),
    )
    assert [c.metadata["slideshow"]["slide_type"] for c in cells] == ["slide", "-", "notes"]
    assert cells[2].source == f"**On the lesson page.** {para}"


def test_a_component_taller_than_a_slide_gets_numbered_deck_pages_with_every_item():
    from html import unescape

    from course.loader import store
    from course.views import summary as summary_view
    from course.views import tables

    data = store.get()
    summary = summary_view.course_summary().slides()
    assert summary and len(summary) > 1
    joined = unescape("".join(p["html"] for p in summary))
    notes = " ".join(p["notes"] for p in summary)
    for item in data.summary.findings:  # every finding's point on a slide, its text in notes
        assert item.point in joined and item.text in notes
    # a slide per group of findings, titled by its group, not "(2 of 3)"
    groups = list(dict.fromkeys(f.group for f in data.summary.findings))
    assert [
        unescape(p["html"]).split("<strong>")[1].split("</strong>")[0] for p in summary
    ] == groups
    assert "deck-part" not in joined
    assert 'start="' in summary[1]["html"]  # numbered findings continue across slides
    # the guideline table on slides: who, when, position; what each says is in the notes
    guide = tables.guidelines_table().slides()
    assert (
        "What it says" not in guide[0]["html"]
        and "What it says" in tables.guidelines_table().html()
    )
    assert all(g.summary in " ".join(p["notes"] for p in guide) for g in data.research.guidelines)


def test_advice_written_for_the_room_is_one_slide_with_the_whole_advice_in_its_notes():
    """Each piece of advice has a point (summary.yml): the room reads the five points on
    one slide, the presenter has every piece whole, with its sources, in the notes."""
    from course.loader import store
    from course.views import summary as summary_view

    data = store.get()
    (page,) = summary_view.back_pain_now().slides()
    for item in data.summary.back_pain_now:
        assert item.point and item.point.replace("'", "&#39;") in page["html"]
        assert item.text not in page["html"] and item.text in page["notes"]
    assert "deck-part" not in page["html"]


def test_every_deck_page_of_a_component_is_in_the_deck_once(built_site):
    from html import unescape

    from course.loader import store

    data = store.get()
    deck = unescape((built_site / "slides" / "00-start-here.html").read_text())
    for item in data.summary.back_pain_now:  # every piece of advice, once, in the notes
        assert deck.count(item.text) == 1, item.text[:60]
        assert deck.count(f"<li>{item.point} <cite") == 1, item.point
    review = unescape((built_site / "slides" / "08-review.html").read_text())
    for finding in data.summary.findings:
        assert review.count(finding.text) == 1, finding.text[:60]


def test_an_in_notes_cell_gives_the_slide_its_short_version_and_the_notes_its_text():
    page = "**Most likely source:** a long paragraph of detail.\n\nA second paragraph."
    short = "- **Likely source:** the short point."
    cells = _prose(
        (f"### The claim\n\n{page}", "slide", ["in-notes"]), (short, "-", ["slides-only"])
    )
    assert [c.source for c in cells] == [
        "### The claim",
        f"**On the lesson page.** {page}",
        short,
    ]
    assert cells[1].metadata["slideshow"]["slide_type"] == "notes"


def test_downloaded_notebooks_read_completely_before_they_run(built_site):
    import nbformat

    from course import paths

    widget = "application/vnd.jupyter.widget-view+json"
    for lesson in lesson_ids():
        path = built_site / "notebooks" / f"{lesson}.ipynb"
        nb = nbformat.read(path, 4)
        nbformat.validate(nb)
        source = nbformat.read(paths.NOTEBOOKS_DIR / f"{lesson}.ipynb", 4)
        assert [c.source for c in nb.cells] == [c.source for c in source.cells]  # it runs
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        shown = [c for c in nb.cells if c.cell_type == "code" and c.outputs]
        assert len(shown) >= 5, lesson  # claims, quiz, figures: readable without a kernel
        assert "widgets" not in nb.metadata and "course_cache" not in nb.metadata
        for output in outputs:
            data = output.get("data", {})
            assert widget not in data, lesson  # no "Error displaying widget"
            assert not [k for k in data if k.startswith("application/vnd.course")], lesson
            assert "image/png" not in data, lesson  # figures come as HTML with alt text
            for img in re.findall(r"<img\b[^>]*>", data.get("text/html", "")):
                assert re.search(r'\balt="[^"]{10,}"', img), (lesson, img[:120])
        quiz = [
            o["data"]["text/html"]
            for o in outputs
            if "course-quiz-readable" in o.get("data", {}).get("text/html", "")
        ]
        assert quiz, lesson
        for html in quiz:  # reads with no script or style: nothing to click that does nothing
            assert "<details>" in html and "<summary>" in html, lesson
            assert not re.search(r"<(input|button|script|style)\b|\bhidden\b", html), lesson


def test_preprocessors_take_the_content_from_resources_only(monkeypatch):
    """What a page renders is what the build loaded and checked, handed over in resources."""
    from course import quiz, sources
    from course.builder import glossary
    from course.builder.preprocessors import CitationPreprocessor, ReadableOutputsPreprocessor
    from course.loader import store
    from tests.builder.test_preprocessors import notebook, shown
    from tests.conftest import make_notebook

    data = store.get()
    nb = make_notebook([("md", "Back pain is common, and a trial found this [@cherkin2009].")])
    download = notebook(shown(quiz("01-back-pain")), shown(sources("01-back-pain")))
    with pytest.raises(ValueError, match=r"resources\['course'\]\['data'\]"):
        CitationPreprocessor().preprocess(nb, {"course": {}})

    def no_loading():
        raise AssertionError("a preprocessor loaded the content itself")

    monkeypatch.setattr(store, "get", no_loading)
    resources = {"course": {"data": data, "root": ""}}
    out, resources = CitationPreprocessor().preprocess(nb, resources)
    linked = glossary.linker(resources)("<p>Naloxone blocks opioids.</p>")
    assert 'href="glossary.html#term-' in linked
    assert "cherkin2009" not in out.cells[0].source.replace("#ref-cherkin2009", "")
    assert [s["id"] for s in resources["course"]["sources"]] == ["cherkin2009"]
    # the download re-renders quizzes and Sources from the build's content too
    out, _ = ReadableOutputsPreprocessor().preprocess(download, {"course": {"data": data}})
    quiz_html, sources_html = (c.outputs[0]["data"]["text/html"] for c in out.cells[1:])
    assert "<details>" in quiz_html and "course-sources-list" in sources_html


def test_lessons_are_indexed_ten_to_a_bundle():
    """A course of 25 lessons: three lesson bundles (00-09, 10-19, 20-24), so an edit to
    one lesson re-indexes ten pages at most, however long the course grows."""
    from types import SimpleNamespace

    from course.builder import search
    from course.loader import store

    first = store.get().syllabus.lessons[0]
    lessons = [first.model_copy(update={"id": f"{n:02d}-lesson"}) for n in range(25)]
    bundles = search.lesson_bundles(SimpleNamespace(syllabus=SimpleNamespace(lessons=lessons)))
    assert list(bundles) == [f"pagefind-lessons-{n}" for n in range(3)]
    assert [len(pages) for pages in bundles.values()] == [10, 10, 5]
    assert bundles["pagefind-lessons-2"][0] == "20-lesson.html"


def test_the_search_vocabulary_reads_only_what_pagefind_indexes(tmp_path):
    """Words from the indexed part of a page only, each text on its own (markup ends a
    word), as a parsed page's text reads: an unclosed element ends with its parent, and a
    stray end tag closes nothing."""
    from course.builder import search

    (tmp_path / "page.html").write_text(
        "<!DOCTYPE html><title>Header words</title><nav>Menu items</nav>"
        "<main data-pagefind-body><h1>Needling &amp; placebo</h1><p>Sham<b>needling</b> "
        "trials<br>showed<!-- comment -->nothing.</p><div data-pagefind-ignore>Skipped "
        "<p>inside</div><script>const hidden = 1;</script></span><p>Patients' views"
        "<svg><rect/><text>chart</text></svg><template>unused</template></main>"
        "<footer>Footer words</footer>",
        encoding="utf-8",
    )
    words = search.vocabulary(tmp_path, ["page.html", "missing.html"])
    assert words == {
        "chart": 1,
        "needling": 2,
        "nothing": 1,
        "patients": 1,
        "placebo": 1,
        "sham": 1,
        "showed": 1,
        "trials": 1,
        "views": 1,
    }


def _words(text: str) -> list[str]:
    from html import unescape

    return re.findall(r"[a-z0-9]+", unescape(re.sub(r"<[^>]+>", " ", text)).lower())


def test_a_room_deck_keeps_every_paragraph_only_its_page_shows_in_its_notes(built_site):
    """A lecturer running the class from the deck alone has the page's prose: what the page
    shows and the slides do not (site-only cells) is in the speaker notes, word for word."""
    import nbformat

    from course import paths
    from course.builder import tags
    from course.loader import store

    checked = 0
    for lesson in store.get().syllabus.lessons:
        nb = nbformat.read(paths.NOTEBOOKS_DIR / lesson.notebook, as_version=4)
        if not tags.written_for_room(nb.metadata):
            continue
        deck = (built_site / "slides" / f"{lesson.id}.html").read_text(encoding="utf-8")
        asides = re.findall(r'<aside class="notes">(.*?)</aside>', deck, re.S)
        notes = " ".join(" ".join(_words(aside)) for aside in asides)
        for cell in nb.cells:
            page_only = tags.SITE_ONLY in cell.metadata.get("tags", [])
            if not page_only or cell.cell_type != "markdown":
                continue
            text = re.sub(r"\]\([^)]*\)", "]", cell.source)  # a link: its text
            # a citation reads as its label in the notes: check the text between citations
            for piece in re.split(r"\[@[^\]]*\]", text):
                words = _words(piece)
                if words:
                    assert " ".join(words) in notes, f"{lesson.id}: {piece[:60]!r}"
                    checked += 1
    assert checked >= 15  # the site-only paragraphs the room decks have today (19)


def test_no_internal_file_name_reaches_a_learner(built_site):
    """Pages, decks, downloads and search data name each article by its title and
    publisher, never by the file the course keeps its copy in (issue 27)."""
    import zipfile

    internal = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
    looked = 0
    for path in built_site.rglob("*"):
        if path.suffix in (".html", ".ipynb", ".json", ".js", ".csv", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not internal.search(text), path.relative_to(built_site)
            looked += 1
    with zipfile.ZipFile(built_site / "downloads" / "acupuncture-course.zip") as bundle:
        for name in bundle.namelist():
            if name.endswith((".ipynb", ".md", ".txt", ".json")):
                text = bundle.read(name).decode("utf-8", errors="replace")
                assert not internal.search(text), name
    assert looked > 30
    articles = (built_site / "articles.html").read_text(encoding="utf-8")
    assert articles.count("<dt>Where to read it</dt>") == 5
    assert "sends you to the article itself" not in articles  # no promise of a link it lacks
    for page in ("08-review.html", "03-how-might-it-work.html", "figures.html"):
        assert "claims registry" not in (built_site / page).read_text(encoding="utf-8")
