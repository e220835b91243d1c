"""The built site as SCORM 1.2 packages, for instructors who teach in an LMS.

Two packages, because LMSs differ in what they do with a package's items:

- **one SCO per lesson** (the multi-SCO package): each lesson is an item of the course's
  organisation, in syllabus order, with its own status and quiz score in the LMS's grade
  book (Moodle, Canvas, Blackboard and Brightspace list a multi-SCO package's items and
  track each). Each item is launched with ``?lms=scorm12``, so a lesson that finds no API
  there says it is not recorded.
- **one SCO for the course** (the single-SCO package), for an LMS that launches only the
  first SCO (the Open edX SCORM block): ``player.html``, made only for this package, holds
  the session and opens the lessons in its frame, with the course's own lesson menu.

Every other file of the site (lessons, assets, figures, course pages, search) is one shared
asset resource the SCOs depend on. A package is made from ``_build/site`` as it is, with the
manifest and the SCORM 1.2 schemas (installed from npm, never committed) at its root;
nothing is copied into the repository, and the same site gives the same zip bytes.
"""

from __future__ import annotations

from pathlib import Path

from course import paths
from course.builder.files import write_zip
from course.errors import BuildProblem
from course.loader.content import Content
from course.output import render

PACKAGE_NAME = "acupuncture-course-scorm12.zip"
SINGLE_NAME = "acupuncture-course-scorm12-single.zip"
PLAYER = "player.html"
# What the multi-SCO package's items add to their launch address (an item's parameters in
# SCORM 1.2): the lesson's sign that an LMS launched it (15-lms.js).
LAUNCH_PARAMETERS = "?lms=scorm12"
MANIFEST = "imsmanifest.xml"
# The SCORM 1.2 (CAM 1.2) schemas the manifest names in xsi:schemaLocation.
SCHEMAS = ("imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd")
# Out of 100: a lesson's quiz passed at this score (8 of 10 questions). Below it the lesson
# is "failed", which in SCORM 1.2 means "try again": the learner can re-answer.
MASTERY_SCORE = 80


class PackageFailed(BuildProblem):
    """What stops the package, ready to print."""


def manifest(data: Content, site: Path, single: bool = False) -> str:
    """imsmanifest.xml for ``site``: one SCO per lesson, or one for the course (the player),
    and every other file a shared asset."""
    lessons = data.syllabus.lessons
    missing = [lesson.id for lesson in lessons if not (site / f"{lesson.id}.html").exists()]
    if missing:
        raise PackageFailed(
            f"{paths.relative(site)} has no page for lesson {missing[0]}: run `make course` "
            "(a whole build, not --only or --shard) before `make scorm`"
        )
    if single:
        scos = [{"id": "course", "title": data.syllabus.title, "href": PLAYER, "parameters": ""}]
    else:
        scos = [
            {
                "id": lesson.id,
                "title": f"{lesson.number} {lesson.title}",
                "href": f"{lesson.id}.html",
                "parameters": LAUNCH_PARAMETERS,
            }
            for lesson in lessons
        ]
    own = {sco["href"] for sco in scos}
    shared = [name for name in site_files(site) if name not in own]
    return render.document(
        f"{MANIFEST}.j2",
        identifier="acupuncture-course-single" if single else "acupuncture-course",
        title=data.syllabus.title,
        scos=scos,
        mastery=MASTERY_SCORE,
        shared=shared,
    )


def player(data: Content) -> str:
    """player.html: the course's header and lesson menu around the frame the lessons open
    in; the lessons with a quiz are the ones the course's status waits for."""
    from course.builder.pages import course_context

    quiz_lessons = [
        lesson.id
        for lesson in data.syllabus.lessons
        if lesson.id in data.quizzes and data.quizzes[lesson.id].questions
    ]
    return render.document(
        f"{PLAYER}.j2",
        **course_context(data),
        current=None,
        page_title=data.syllabus.title,
        page_description=data.syllabus.description,
        quiz_lessons=quiz_lessons,
    )


def site_files(site: Path) -> list[str]:
    """Every file of the site, by its path in the package, in a stable order."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def write_package(data: Content, site: Path, target: Path, single: bool = False) -> Path:
    """The zip: the manifest and the schemas at the root, then the site's files (and, for
    the single-SCO package, its player)."""
    schemas = paths.scorm_schemas_dir()
    try:
        paths.require_installed(schemas, SCHEMAS, "SCORM 1.2 schemas", "COURSE_SCORM_SCHEMAS_DIR")
    except FileNotFoundError as err:
        raise PackageFailed(str(err)) from None
    entries: dict[str, bytes] = {MANIFEST: manifest(data, site, single).encode("utf-8")}
    entries |= {name: (schemas / name).read_bytes() for name in SCHEMAS}
    if single:
        entries[PLAYER] = player(data).encode("utf-8")
    entries |= {name: (site / name).read_bytes() for name in site_files(site)}
    return write_zip(target, entries)
