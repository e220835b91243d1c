"""The built site as a SCORM 1.2 package, for instructors who teach in an LMS.

One SCO per lesson: each lesson is an item of the course's organisation, in syllabus order,
with its own status and quiz score in the LMS's grade book (Moodle, Canvas, Blackboard and
Brightspace all list a multi-SCO package's items and track each). Every other file of the
site (assets, figures, course pages, search) is one shared asset resource the SCOs depend
on. The package is made from ``_build/site`` as it is, with the manifest and the SCORM 1.2
schemas (installed from npm, never committed) at its root; nothing is copied into the
repository, and the same site gives the same zip bytes.
"""

from __future__ import annotations

from pathlib import Path

from course import paths
from course.builder.files import write_zip
from course.errors import BuildProblem
from course.loader.content import Content
from course.output import render

PACKAGE_NAME = "acupuncture-course-scorm12.zip"
MANIFEST = "imsmanifest.xml"
# The SCORM 1.2 (CAM 1.2) schemas the manifest names in xsi:schemaLocation.
SCHEMAS = ("imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd")
# Out of 100: a lesson's quiz passed at this score (8 of 10 questions). Below it the lesson
# is "failed", which in SCORM 1.2 means "try again": the learner can re-answer.
MASTERY_SCORE = 80


class PackageFailed(BuildProblem):
    """What stops the package, ready to print."""


def manifest(data: Content, site: Path) -> str:
    """imsmanifest.xml for ``site``: one SCO per lesson, every other file a shared asset."""
    lessons = data.syllabus.lessons
    missing = [lesson.id for lesson in lessons if not (site / f"{lesson.id}.html").exists()]
    if missing:
        raise PackageFailed(
            f"{paths.relative(site)} has no page for lesson {missing[0]}: run `make course` "
            "(a whole build, not --only or --shard) before `make scorm`"
        )
    own = {f"{lesson.id}.html" for lesson in lessons}
    shared = [name for name in site_files(site) if name not in own]
    return render.document(
        f"{MANIFEST}.j2",
        identifier="acupuncture-course",
        title=data.syllabus.title,
        lessons=lessons,
        mastery=MASTERY_SCORE,
        shared=shared,
    )


def site_files(site: Path) -> list[str]:
    """Every file of the site, by its path in the package, in a stable order."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def write_package(data: Content, site: Path, target: Path) -> Path:
    """The zip: the manifest and the schemas at the root, then the site's files."""
    schemas = paths.scorm_schemas_dir()
    try:
        paths.require_installed(schemas, SCHEMAS, "SCORM 1.2 schemas", "COURSE_SCORM_SCHEMAS_DIR")
    except FileNotFoundError as err:
        raise PackageFailed(str(err)) from None
    entries: dict[str, bytes] = {MANIFEST: manifest(data, site).encode("utf-8")}
    entries |= {name: (schemas / name).read_bytes() for name in SCHEMAS}
    entries |= {name: (site / name).read_bytes() for name in site_files(site)}
    return write_zip(target, entries)
