"""Write the parts of the site that are not lesson pages: index, assets, downloads."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pygments.formatters import HtmlFormatter

from course import paths
from course.builder.files import copy, read_json, replace, write_json
from course.loader.content import Content

STATIC_DIR = paths.TEMPLATES_DIR / "static"
REVEAL_FILES = paths.REVEAL_FILES


@functools.lru_cache(maxsize=1)
def page_environment() -> Environment:
    loader = FileSystemLoader(
        [str(paths.TEMPLATES_DIR / d) for d in ("pages", "partials", "fragments")]
    )
    return Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def course_context(data: Content, root: str = "") -> dict:
    return {"course": data.syllabus, "root": root, "disclaimer": data.syllabus.disclaimer}


def _page(
    data: Content, out: Path, name: str, page_title: str, page_description: str, **extra
) -> None:
    """Render ``pages/<name>.html.j2`` with the course chrome to ``<out>/<name>.html``."""
    html = (
        page_environment()
        .get_template(f"{name}.html.j2")
        .render(
            **course_context(data),
            current=None,
            page_title=page_title,
            page_description=page_description,
            **extra,
        )
    )
    replace(out / f"{name}.html", html)


def write_index(data: Content, out: Path) -> None:
    lessons = [
        {
            "lesson": lesson,
            "questions": len(data.quizzes[lesson.id].questions) if lesson.id in data.quizzes else 0,
        }
        for lesson in data.syllabus.lessons
    ]
    _page(
        data,
        out,
        "index",
        f"{data.syllabus.title}: {data.syllabus.subtitle}",
        data.syllabus.description,
        lessons=lessons,
        total_minutes=sum(lesson.minutes for lesson in data.syllabus.lessons),
        course_zip=_course_zip(out),
        **_summary(data),
    )


def _course_zip(out: Path) -> dict | None:
    """The course download's link and size, once it is written (course.builder.bundle)."""
    from course.builder.bundle import ZIP_NAME

    path = out / "downloads" / ZIP_NAME
    if not path.exists():
        return None
    return {"href": f"downloads/{ZIP_NAME}", "size": f"{path.stat().st_size / 1e6:.1f} MB"}


def _summary(data: Content) -> dict:
    if data.summary is None:
        return {}
    from course.views.summary import summary_context

    context = summary_context(data)
    return {
        "back_pain_now": context["back_pain_now"],
        "short_answer": context["short_answer"],
        "signs": context["signs"],
    }


def _concepts_page(data: Content, out: Path, where: dict[str, str], lessons: dict) -> None:
    """The Key Concepts the course practises, by group, each with the articles' claims."""
    from course.output.references import label
    from course.views.concepts import examples

    groups: dict[str, list] = {}
    for concept in data.concepts.values():
        claims = examples(concept.id, data)
        taught = {where[c.id] for c in claims if c.id in where}
        groups.setdefault(concept.group, []).append(
            {
                "concept": concept,
                "examples": [
                    {
                        "quote": c.quote,
                        "source": ", ".join(f"article {a}" for a in c.articles),
                        "verdict": c.verdict.label,
                    }
                    for c in claims
                ],
                "lessons": [lesson for lid, lesson in lessons.items() if lid in taught],
            }
        )
    refs = {r for concept in data.concepts.values() for r in concept.references}
    cites = sorted(label(data.references[r]) for r in refs)
    _page(
        data,
        out,
        "concepts",
        f"Skills for judging health claims · {data.syllabus.title}",
        "The Informed Health Choices Key Concepts the course practises, with examples.",
        groups=[{"title": title, "concepts": items} for title, items in groups.items()],
        cites=cites,
    )


# The pages write_summary and write_reference_pages make: course-wide, not per lesson.
COURSE_PAGES = (
    "summary.html",
    "glossary.html",
    "claims.html",
    "references.html",
    "search.html",
    "articles.html",
    "how-we-checked.html",
    "concepts.html",
)


def write_summary(data: Content, out: Path) -> None:
    """The printable one-page summary, from the same data as the review lesson."""
    if data.summary is None:
        return
    from course.views.summary import summary_context

    _page(
        data,
        out,
        "summary",
        f"One-page summary · {data.syllabus.title}",
        data.summary.title,
        **summary_context(data),
    )


def write_instructor_guide(
    data: Content, out: Path, notebooks_dir: Path, cache_dir: Path | None = None
) -> None:
    """The instructor guide: written after the decks, whose slides its links open."""
    from course.builder import guide, scorm

    memo = cache_dir / "deck-sections.json" if cache_dir else None
    plans = guide.plans(data, out, notebooks_dir, memo)
    if not plans:
        return
    key = guide.answer_key(data)
    _page(
        data,
        out,
        "instructor",
        f"Instructor guide · {data.syllabus.title}",
        "Timed plans for a 90- and a 45-minute class from the slide decks, with discussion "
        "prompts and the answer key to every quiz question.",
        plans=plans,
        key=key,
        questions={q["id"]: q for group in key for q in group["questions"]},
        mastery=scorm.MASTERY_SCORE,
    )


def write_reference_pages(data: Content, out: Path, where: dict[str, str] | None = None) -> None:
    """Glossary, all claims (filterable), references and search: one source each (``where``:
    the lesson teaching each claim, loader.queries.teaching_lessons of the lessons built)."""
    from markupsafe import Markup

    from course.loader.queries import teaching_lessons
    from course.model.verdicts import VERDICT_MEANINGS, Verdict
    from course.output.citations import bibliography, expand
    from course.output.references import label
    from course.views.claims import ClaimCard

    terms = [
        {
            "id": t.id,
            "term": t.term,
            "definition": t.definition,
            "cites": [label(data.references[r]) for r in t.references],
        }
        for t in sorted(data.glossary.values(), key=lambda t: t.term.lower())
    ]
    suffix = f" · {data.syllabus.title}"
    _page(
        data,
        out,
        "glossary",
        "Glossary" + suffix,
        "Course terms defined in plain words.",
        terms=terms,
    )

    where = teaching_lessons(data) if where is None else where
    lessons = {lesson.id: lesson for lesson in data.syllabus.lessons}
    claims = [
        {
            "claim": c,
            "card": Markup(ClaimCard(c.id, data).html()),
            "lesson": lessons.get(where.get(c.id, "")),
        }
        for c in data.claims.values()
    ]
    _page(
        data,
        out,
        "claims",
        "All claims" + suffix,
        "Every claim from the five articles with its verdict, filterable.",
        claims=claims,
        articles=[
            {"number": r.id.removeprefix("article-"), "name": r.article_name}
            for r in data.references.values()
            if r.kind == "seed"
        ],
        topics=sorted({c.topic for c in data.claims.values()}),
        verdicts=list(Verdict),
        concepts=list(data.concepts.values()),
        concept_titles={k.id: k.title for k in data.concepts.values()},
    )
    _concepts_page(data, out, where, lessons)
    refs = expand(list(data.references), data)
    _page(
        data,
        out,
        "references",
        "References",
        "The course bibliography.",
        sources=bibliography(refs),
    )
    _page(
        data,
        out,
        "search",
        "Search" + suffix,
        "Search the lessons, glossary and claims.",
        merged=list(lesson_bundles(data)),
    )

    from collections import Counter

    articles = []
    for ref in (r for r in data.references.values() if r.kind == "seed"):
        number = ref.id.removeprefix("article-")
        own = [c for c in data.claims.values() if number in c.articles]
        counts = Counter(c.verdict for c in own)
        articles.append(
            {
                "ref": ref,
                "number": number,
                "claims": len(own),
                "verdicts": [f"{n} {v.value}" for v, n in counts.most_common()],
            }
        )
    _page(
        data,
        out,
        "articles",
        "About the five articles" + suffix,
        "The five web articles the course examines: titles, authors, dates and publishers.",
        articles=articles,
    )
    _page(
        data,
        out,
        "how-we-checked",
        "How we checked the claims" + suffix,
        "How the course read its sources, what each verdict means, and the limits of that reading.",
        verdicts=list(Verdict),
        meanings=VERDICT_MEANINGS,
        caveats=[
            {"text": c.text, "cites": [label(data.references[r]) for r in c.references]}
            for c in (data.method.caveats if data.method else [])
        ],
    )


# The search index is split into Pagefind bundles, merged in the browser (mergeIndex):
# the site's own pages in pagefind/, the lessons ten to a bundle by number. A prose edit
# then re-indexes its own bundle, not the whole site (a full run over 90 lessons takes
# over a second; a bundle of ten, a tenth of that).
SITE_BUNDLE = "pagefind"
LESSONS_PER_BUNDLE = 10


def lesson_bundles(data: Content) -> dict[str, list[str]]:
    """The lesson pages of each lesson bundle, by folder name, in syllabus order."""
    bundles: dict[str, list[str]] = {}
    for lesson in data.syllabus.lessons:
        name = f"pagefind-lessons-{int(lesson.number) // LESSONS_PER_BUNDLE}"
        bundles.setdefault(name, []).append(f"{lesson.id}.html")
    return bundles


def build_search_index(data: Content, out: Path, cache_dir: Path | None = None) -> None:
    """Index the site's pages with Pagefind (slides are left out: they repeat the lessons),
    re-indexing only the bundles whose pages changed since the last build (their digests
    are kept in the build cache). A bundle is always written afresh: Pagefind adds its files
    beside any it finds, and the new site starts as a copy of the last one."""
    import hashlib
    import subprocess
    import sys

    lessons = lesson_bundles(data)
    taken = {page for pages in lessons.values() for page in pages}
    bundles = {SITE_BUNDLE: sorted(p.name for p in out.glob("*.html") if p.name not in taken)}
    bundles |= lessons
    memo = cache_dir / "search-bundles.json" if cache_dir else None
    known = read_json(memo)
    digests, runs = {}, []
    for bundle, pages in bundles.items():
        h = hashlib.sha256()
        for page in pages:
            file = out / page
            h.update(page.encode() + b"\0" + (file.read_bytes() if file.exists() else b""))
        digests[bundle] = h.hexdigest()
        entry = out / bundle / "pagefind-entry.json"
        if known.get(bundle) == digests[bundle] and entry.exists():
            continue
        shutil.rmtree(out / bundle, ignore_errors=True)
        command = [sys.executable, "-m", "pagefind", "--site", str(out), "--silent"]
        command += ["--glob", "{" + ",".join(pages) + "}", "--output-subdir", bundle]
        command += ["--force-language", "en"]
        runs.append(
            (bundle, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
        )
    for bundle, run in runs:  # the bundles index at once, on every core
        output = run.communicate()[0].decode(errors="replace").strip()
        if run.returncode != 0:
            raise RuntimeError(f"pagefind failed on {bundle}: {output}")
        # the course has its own search page; Pagefind's ready-made UIs would only add weight
        for unused in [
            *(out / bundle).glob("pagefind-*ui*"),
            out / bundle / "pagefind-highlight.js",
        ]:
            unused.unlink(missing_ok=True)
    for old in out.glob("pagefind-lessons-*"):
        if old.name not in bundles:
            shutil.rmtree(old)
    if memo is not None:
        write_json(memo, digests)


SCRIPT_HEADER = """\
/* Course interactions for the static site and slides, with no network and no kernel:
 * quizzes graded in the browser, explorable figures, progress (kept in localStorage),
 * the claims filter and the search page. Everything reads the page, which was rendered
 * from the same course data as the Jupyter widgets.
 * Built from course/templates/static/js/ (one file per feature, joined in their order).
 */
(() => {
"use strict";

"""


def course_script() -> str:
    """The site's one script: the feature sources joined, in their numbered order, inside
    one function scope. A classic script, not ES modules: modules do not load from
    file://, and the site must work opened from files."""
    sources = sorted((STATIC_DIR / "js").glob("*.js"))
    return SCRIPT_HEADER + "\n".join(p.read_text(encoding="utf-8") for p in sources) + "})();\n"


def write_assets(out: Path) -> None:
    """Copy the course's own CSS/JS, generate the code-highlighting CSS, copy reveal.js."""
    assets = out / "assets"
    (assets / "reveal").mkdir(parents=True, exist_ok=True)
    replace(assets / "course.js", course_script())
    for name in ("slides.js", "slides.css"):
        copy(STATIC_DIR / name, assets / name)
    # One stylesheet per page: components (shared with Jupyter), layout, code highlighting.
    pygments_css = HtmlFormatter(style="default").get_style_defs(".highlight")
    replace(
        assets / "course.css",
        "\n".join(
            [
                (STATIC_DIR / "components.css").read_text(encoding="utf-8"),
                (STATIC_DIR / "layout.css").read_text(encoding="utf-8"),
                "/* code highlighting (Pygments 'default') */",
                pygments_css,
            ]
        ),
    )
    reveal = paths.reveal_dir()
    paths.require_installed(reveal, REVEAL_FILES, "reveal.js", "COURSE_REVEAL_DIR")
    for src, dest in REVEAL_FILES.items():
        copy(reveal / src, assets / dest)


def write_notebooks(data: Content, out: Path, notebooks_dir: Path) -> None:
    """Offer each lesson's notebook for download: the executed one with readable outputs,
    written when the lesson is exported; until then (a lesson left out of a partial build)
    its source, so no link is dead."""
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    for lesson in data.syllabus.lessons:
        target = out / "notebooks" / lesson.notebook
        if not target.exists():
            copy(notebooks_dir / lesson.notebook, target)
