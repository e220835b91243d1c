"""Every fact a learner sees can be traced to a source they can look up.

The rules live in the content loader (so `course check` enforces them with file, item and
line); these tests show each rule rejects a bad entry and that the real content keeps it.
"""

import re

import pytest

from course.loader import store
from tests.conftest import edit, line_of, problems_for

# -- the real content keeps the rules ------------------------------------------


def test_every_reference_links_securely_and_every_journal_article_is_complete():
    """What the model leaves to the content (a DOI, PMID or address, no placeholder
    wording, a study behind every data row are the model's own rules, tested below by
    breaking a copy): links are https, a journal article has authors, journal and year."""
    for ref in store.load().references.values():
        if ref.kind == "seed":
            assert ref.file, ref.id
            continue
        assert ref.link and ref.link.startswith("https://"), ref.id
        if ref.kind == "journal":
            assert ref.authors and ref.journal and (ref.year or ref.volume), ref.id


def test_no_process_wording_reaches_learners():
    """Build and checking notes belong in the README, not in what a learner reads."""
    data = store.load()
    texts = [c.evidence for c in data.claims.values()]
    texts += [r.note or "" for r in data.references.values()]
    texts += [f.text for f in data.summary.findings + data.summary.back_pain_now]
    texts += [lesson.in_short or "" for lesson in data.syllabus.lessons]
    process = re.compile(
        r"paraphrased|not retrieved|excerpt read|for this (?:course|review)\b"
        r"|\bTODO\b|random seed",
        re.IGNORECASE,
    )
    for text in texts:
        assert not process.search(text), text


# -- each rule rejects a bad entry, naming file, item and line -----------------


def entry(path, ref_id):
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {ref_id}\n")
    end = text.find("\n  - id:", start + 1)
    return text, text[start : end if end > 0 else len(text)]


def test_reference_without_doi_pmid_or_url_is_rejected(content_copy):
    path = content_copy / "references.yml"
    text, old = entry(path, "hartvigsen2018")
    bare = "\n".join(
        line
        for line in old.splitlines()
        if not line.startswith(("    doi:", "    pmid:", "    url:"))
    )
    path.write_text(text.replace(old, bare), encoding="utf-8")
    found = problems_for(content_copy)
    line = line_of(path, "- id: hartvigsen2018")
    message = (
        f"references.yml:{line}: [hartvigsen2018] "
        "needs a doi, pmid or canonical url so readers can find it"
    )
    assert any(p.endswith(message) for p in found), found


@pytest.mark.parametrize(
    "wording", ["Title paraphrased.", "Volume not confirmed.", "not retrieved"]
)
def test_placeholder_wording_in_a_reference_is_rejected(content_copy, wording):
    path = content_copy / "references.yml"
    title = "title: What low back pain is and why we need to pay attention"
    edit(path, title, f"{title} ({wording})")
    found = problems_for(content_copy)
    assert any(
        "[hartvigsen2018] title says" in p and "verify the detail or leave it out" in p
        for p in found
    ), found


def test_web_page_needs_issuing_body_and_date(content_copy):
    path = content_copy / "references.yml"
    text, old = entry(path, "nccih-lbp")
    undated = "\n".join(
        line for line in old.splitlines() if not line.startswith(("    date:", "    year:"))
    )
    path.write_text(text.replace(old, undated), encoding="utf-8")
    assert any("[nccih-lbp] a web needs its year or date" in p for p in problems_for(content_copy))
    nobody = "\n".join(
        line
        for line in undated.splitlines()
        if not line.startswith(("    authors:", "    publisher:"))
    )
    path.write_text(text.replace(old, nobody), encoding="utf-8")
    found = problems_for(content_copy)
    assert any("[nccih-lbp] a web needs its issuing body" in p for p in found), found


def test_claim_without_references_or_with_only_the_article_is_rejected(content_copy):
    path = content_copy / "claims.yml"
    edit(
        path,
        "    references: [nhs-back-pain, hull-red-flags, hartvigsen2018]\n",
        "    references: []\n",
    )
    found = problems_for(content_copy)
    assert any(
        "[epi-accidents-structural] references: needs at least 1 item(s)" in p for p in found
    ), found
    edit(path, "    references: []\n", "    references: [article-003]\n")
    found = problems_for(content_copy)
    assert any(
        "[epi-accidents-structural] the evidence cites only the articles" in p for p in found
    ), found


def test_data_row_must_name_a_study(content_copy):
    path = content_copy / "safety.yml"
    edit(path, "    reference: witt2009\n", "    reference: article-000\n")
    found = problems_for(content_copy)
    line = line_of(path, "reference: article-000")
    message = (
        f"safety.yml:{line}: [witt-treated] "
        "a data row must name the study or document its numbers come from"
    )
    assert any(p.endswith(message) for p in found), found
    edit(path, "    reference: article-000\n", "")
    found = problems_for(content_copy)
    assert any("[witt-treated] missing field 'reference'" in p for p in found), found


def test_bibliography_entry_shows_issuing_body_date_and_link():
    from course.output.references import citation

    refs = store.load().references
    web = citation(refs["nhs-back-pain"])
    assert web.startswith("NHS. Back pain.") and "Undated page." in web
    assert refs["nhs-back-pain"].link == "https://www.nhs.uk/conditions/back-pain/"
    journal = citation(refs["han2004"])
    assert "Neurosci Lett 2004;361(1-3):258-261." in journal and "PMID 15135942." in journal
