"""Every deck as a PowerPoint file a lecturer can edit (issue 26, `make pptx`)."""

from pptx import Presentation
from pptx.oxml.ns import qn

from course import cli
from course.builder import deck_report, powerpoint


def test_each_deck_becomes_an_editable_pptx_with_its_slides_and_notes(built_site, tmp_path):
    out = tmp_path / "pptx"
    assert cli.main(["pptx", "--site", str(built_site), "--out", str(out)]) == 0
    decks = sorted((built_site / "slides").glob("*.html"))
    assert sorted(p.stem for p in out.glob("*.pptx")) == [d.stem for d in decks]
    assert {"class-90", "class-45"} <= {d.stem for d in decks}
    for deck in decks:
        shown = Presentation(str(out / f"{deck.stem}.pptx"))
        stats = deck_report.deck_stats(deck)
        assert len(shown.slides) == stats.slides, deck.stem  # a quiz question a slide
        titled = [s for s in shown.slides if s.shapes.title.text.strip()]
        assert len(titled) == len(shown.slides), deck.stem
        if stats.without_notes == 0:
            assert all(s.notes_slide.notes_text_frame.text.strip() for s in shown.slides)


def test_lists_are_bullets_figures_pictures_with_alt_text_and_cards_text(built_site, tmp_path):
    path = powerpoint.write_deck(
        powerpoint.deck_slides(built_site / "slides" / "02-what-is-acupuncture.html"),
        tmp_path / "02.pptx",
    )
    slides = list(Presentation(str(path)).slides)
    texts = ["\n".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in slides]
    pictures = [s for sl in slides for s in sl.shapes if s.shape_type == 13]
    assert pictures and all(p._element.nvPicPr.cNvPr.get("descr") for p in pictures)
    assert any("Verdict:" in t and "“" in t for t in texts)  # a claim card, as text
    # bullets a lecturer can edit: the paragraph's own bullet, not a typed "•"
    bulleted = [
        p
        for sl in slides
        for shape in sl.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("a:buChar")) is not None
    ]
    assert len(bulleted) >= 3 and not any(p.text.startswith("•") for p in bulleted)
    assert all(int(p._p.pPr.get("indent")) < 0 for p in bulleted)  # a hanging indent
    assert any("Question" in t or "?" in t for t in texts[-8:])  # the quiz questions


def test_libreoffice_opens_a_class_deck_with_every_slide_and_its_title(built_site, tmp_path):
    """Not only python-pptx: an office suite reads the file (Debian's LibreOffice Impress,
    installed by .ci/run), a page a slide, each with its title."""
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice is missing: install Debian's libreoffice-impress (see .ci/run)")
    deck = built_site / "slides" / "class-45.html"
    slides = powerpoint.deck_slides(deck)
    path = powerpoint.write_deck(slides, tmp_path / "class-45.pptx")
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: no clash with a desktop
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / "class-45.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    shown = Presentation(str(path))
    assert pages == len(shown.slides) == deck_report.deck_stats(deck).slides
    for number, slide in enumerate(shown.slides, 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        title = " ".join(slide.shapes.title.text.split()[:3])
        assert title in " ".join(text.split()), (number, title)
