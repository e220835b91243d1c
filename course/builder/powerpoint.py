"""Every deck as a PowerPoint file a lecturer can edit (``make pptx``).

A lecturer adapts slides before teaching, in PowerPoint, LibreOffice Impress or Google
Slides, none of which opens reveal.js. Each built deck (lesson decks and class decks) is
read slide by slide, as the room sees it, and written with python-pptx: the slide's
heading as its title, lists as real bullets, tables as tables, figures as pictures with
their alt text, claim cards and quiz questions as editable text, the speaker notes in the
notes pane. A quiz gives one slide per question, as on the deck (assets/slides.js).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from course.builder import deck_report

# The course's colours (course/templates/static/components.css): text, accent, muted.
INK = RGBColor(0x1D, 0x23, 0x27)
ACCENT = RGBColor(0x00, 0x61, 0xA3)
MUTED = RGBColor(0x4A, 0x54, 0x5C)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.6)
TITLE_ONLY = 5  # the default template's "Title Only" layout


@dataclass
class Block:
    """A piece of a slide: bullets (with levels), a paragraph, a table or a picture."""

    kind: str  # "bullets" | "text" | "table" | "image"
    items: list[tuple[int, str]] = field(default_factory=list)  # (level, text) for bullets
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    image: Path | None = None
    alt: str = ""


@dataclass
class SlideContent:
    title: str
    blocks: list[Block]
    notes: str


def _text(node: Tag | NavigableString) -> str:
    """The words of an element as one line (inline tags add no space: "people." stays)."""
    return re.sub(r"\s+", " ", node.get_text("")).replace("¶", "").strip()


def _blocks(node: Tag, folder: Path) -> list[Block]:
    """The slide's content in reading order (headings are the title; notes are apart)."""
    blocks: list[Block] = []
    for child in node.children:
        if not isinstance(child, Tag) or child.name in ("h1", "h2", "h3", "aside", "script"):
            if (
                isinstance(child, Tag)
                and child.name == "aside"
                and "notes" not in (child.get("class") or [])
            ):
                blocks += _blocks(child, folder)  # a box (the back-pain advice), not notes
            continue
        classes: list[str] = list(child.get("class") or [])
        if "course-claim" in classes:
            quote = child.select_one(".claim-quote")
            who = child.select_one(".claim-who")
            verdict = child.select_one(".claim-verdict .verdict-badge")
            short = child.select_one(".claim-in-short")
            items = [(0, _text(part)) for part in (quote, who) if part]
            if verdict:
                items.append((0, f"Verdict: {_text(verdict)}"))
            if short:
                items.append((0, _text(short)))
            blocks.append(Block("bullets", items=items))
        elif child.name in ("ul", "ol"):
            items = []
            for li in child.find_all("li", recursive=False):
                nested = li.find(["ul", "ol"])
                if nested:
                    nested.extract()
                items.append((0, _text(li)))
                if nested:
                    items += [(1, _text(n)) for n in nested.find_all("li")]
            blocks.append(Block("bullets", items=items))
        elif child.name == "table":
            rows = [[_text(c) for c in tr.find_all(["th", "td"])] for tr in child.find_all("tr")]
            caption = child.find("caption")
            if caption:
                blocks.append(Block("text", text=_text(caption)))
            blocks.append(Block("table", rows=[r for r in rows if r]))
        elif child.name == "img":
            src, alt = str(child.get("src") or ""), str(child.get("alt") or "")
            if src and not src.startswith("data:"):
                blocks.append(Block("image", image=(folder / src).resolve(), alt=alt))
        elif child.name in ("p", "blockquote", "figcaption", "cite"):
            text = _text(child)
            if text:
                blocks.append(Block("text", text=text))
        elif child.name == "input":
            continue
        else:
            blocks += _blocks(child, folder)
    return blocks


def _question_slides(question: Tag, title: str, notes: str) -> SlideContent:
    prompt = question.select_one(".course-question-prompt, legend, .course-prompt")
    options = [_text(label) for label in question.select("label")]
    blocks = [Block("text", text=_text(prompt))] if prompt else []
    blocks.append(Block("bullets", items=[(0, option) for option in options if option]))
    return SlideContent(title=title, blocks=blocks, notes=notes)


def deck_slides(path: Path) -> list[SlideContent]:
    """What the room sees on each slide of a built deck (``slides/<deck>.html``)."""
    soup = BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")
    folder = Path(path).parent
    slides: list[SlideContent] = []
    for section in deck_report._slides(soup):
        notes_tag = section.find("aside", class_="notes", recursive=False)
        notes = notes_tag.get_text("\n").strip() if notes_tag else ""
        if notes_tag:
            notes_tag.extract()
        questions = []
        for quiz in section.select(".course-quiz"):
            head = quiz.select_one(".course-quiz-title")
            found = quiz.select(".course-question")
            for question in found:
                question.extract()
            questions += [(q, _text(head) if head else "Quiz") for q in found]
            quiz.extract()
        heading = section.find(["h1", "h2", "h3"])
        title = _text(heading) if heading else ""
        blocks = _blocks(section, folder)
        if questions:  # the first question stays on the quiz's slide, as on the deck
            first, quiz_title = questions[0]
            asked = _question_slides(first, title or quiz_title, notes)
            slides.append(SlideContent(title or quiz_title, blocks + asked.blocks, notes))
            slides += [_question_slides(q, t, notes) for q, t in questions[1:]]
            continue
        if not title:  # a card or a figure on a slide of its own: name it by its content
            first_text = next((b for b in blocks if b.kind in ("text", "bullets")), None)
            title = (first_text.text or first_text.items[0][1])[:80] if first_text else ""
        slides.append(SlideContent(title, blocks, notes))
    return slides


BULLET_INDENT = Inches(0.35)


def _bullet(paragraph, level: int) -> None:
    """A real bullet, as the paragraph's own property (a:buChar with a hanging indent), not
    a "•" typed into the text: Enter in PowerPoint or Impress continues the list, Tab
    indents it, and the outline view shows it as a list."""
    from pptx.oxml.ns import qn

    props = paragraph._p.get_or_add_pPr()
    props.set("marL", str(int(BULLET_INDENT * (level + 1))))
    props.set("indent", str(-int(BULLET_INDENT)))
    font = props.makeelement(qn("a:buFont"), {"typeface": "Arial"})
    char = props.makeelement(qn("a:buChar"), {"char": "•"})
    props.append(font)  # the schema's order: the bullet's font, then its character
    props.append(char)


def _add_text(frame, blocks: list[Block], size: int) -> None:
    """Paragraphs and bullets in a text box that shrinks its text to fit when it must (an
    edited slide keeps fitting in PowerPoint and Impress)."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    first = True
    for block in blocks:
        lines = block.items if block.kind == "bullets" else [(-1, block.text)]
        for level, line in lines:
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            paragraph.text = line
            paragraph.level = max(level, 0)
            if level >= 0:
                _bullet(paragraph, level)
            for run in paragraph.runs:
                run.font.size = Pt(size - 2 * max(level, 0))
                run.font.color.rgb = INK


def write_deck(slides: list[SlideContent], target: Path) -> Path:
    """One .pptx: a slide per SlideContent, in order, with its notes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    for content in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = (
            MARGIN,
            Inches(0.3),
            WIDTH - 2 * MARGIN,
            Inches(1.0),
        )
        title.text = content.title
        for paragraph in title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size, run.font.bold, run.font.color.rgb = Pt(30), True, ACCENT
        top = Inches(1.4)
        text = [b for b in content.blocks if b.kind in ("bullets", "text")]
        images = [b for b in content.blocks if b.kind == "image" and b.image and b.image.exists()]
        tables = [b for b in content.blocks if b.kind == "table" and b.rows]
        room = HEIGHT - top - Inches(0.4)
        if images:  # a figure takes the slide; its words go beside or under it
            image = images[0]
            picture = slide.shapes.add_picture(str(image.image), MARGIN, top, height=room)
            if picture.width > WIDTH - 2 * MARGIN:
                scale = (WIDTH - 2 * MARGIN) / picture.width
                picture.width, picture.height = (
                    Emu(int(picture.width * scale)),
                    Emu(int(picture.height * scale)),
                )
            picture._element.nvPicPr.cNvPr.set("descr", image.alt)  # alt text
            if text and picture.width < WIDTH - 2 * MARGIN - Inches(3):
                left = MARGIN + picture.width + Inches(0.3)
                box = slide.shapes.add_textbox(left, top, WIDTH - left - MARGIN, room)
                box.text_frame.word_wrap = True
                _add_text(box.text_frame, text, 16)
        elif tables:
            rows = tables[0].rows
            columns = max(len(r) for r in rows)
            shape = slide.shapes.add_table(
                len(rows), columns, MARGIN, top, WIDTH - 2 * MARGIN, room
            )
            for r, row in enumerate(rows):
                for c in range(columns):
                    cell = shape.table.cell(r, c)
                    cell.text = row[c] if c < len(row) else ""
                    for paragraph in cell.text_frame.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = Pt(14)
            if text:
                box = slide.shapes.add_textbox(
                    MARGIN, Inches(0.95), WIDTH - 2 * MARGIN, Inches(0.45)
                )
                _add_text(box.text_frame, text[:1], 14)
        elif text:
            box = slide.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, room)
            box.text_frame.word_wrap = True
            _add_text(box.text_frame, text, 24)
        slide.notes_slide.notes_text_frame.text = content.notes
    target.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(target))
    return target


def write_all(site: Path, out: Path) -> list[Path]:
    """A .pptx for every deck of a built site: ``out/<deck>.pptx``."""
    return [
        write_deck(deck_slides(path), out / f"{path.stem}.pptx")
        for path in sorted((site / "slides").glob("*.html"))
    ]
