"""The site's course-wide pages: the index, the one-page summary, glossary, claims, Key
Concepts, references, search, articles, how we checked, and the instructor guide. Each is
a template in templates/pages rendered from the content the build hands over."""

from __future__ import annotations

from pathlib import Path

from course.builder.files import replace
from course.builder.search import lesson_bundles
from course.loader.content import Content
from course.output import render


def course_context(data: Content, root: str = "") -> dict:
    return {"course": data.syllabus, "root": root, "disclaimer": data.syllabus.disclaimer}


def write_page(
    data: Content, out: Path, name: str, page_title: str, page_description: str, **extra
) -> None:
    """Render ``pages/<name>.html.j2`` with the course chrome to ``<out>/<name>.html``."""
    html = (
        render.environment()
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
    write_page(
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
    """The course download's link and size, once it is written (course.builder.download)."""
    from course.builder.download import ZIP_NAME

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
    write_page(
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
    "handout.html",
    "glossary.html",
    "claims.html",
    "references.html",
    "search.html",
    "articles.html",
    "how-we-checked.html",
    "concepts.html",
)


def write_summary(data: Content, out: Path) -> None:
    """The printable one-page summary, from the same data as the review lesson, and the
    one-page patient handout beside it."""
    if data.summary is None:
        return
    from course.views.summary import summary_context

    context = summary_context(data)
    write_page(
        data,
        out,
        "summary",
        f"One-page summary · {data.syllabus.title}",
        data.summary.title,
        **context,
    )
    # the patient's page: what to do now and the short answer, nothing else
    write_page(
        data,
        out,
        "handout",
        f"What to do about back pain now · {data.syllabus.title}",
        "A one-page handout: the warning signs, looking after your back, and the short answer "
        "on acupuncture.",
        signs=context["signs"],
        back_pain_now=context["back_pain_now"],
        short_answer=context["short_answer"],
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
    write_page(
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
    write_page(
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
    write_page(
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
    write_page(
        data,
        out,
        "references",
        "References",
        "The course bibliography.",
        sources=bibliography(refs),
    )
    write_page(
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
    write_page(
        data,
        out,
        "articles",
        "About the five articles" + suffix,
        "The five web articles the course examines: titles, authors, dates and publishers.",
        articles=articles,
    )
    write_page(
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
