"""`make scorm`: the built site as the two SCORM 1.2 packages an LMS imports (one SCO per
lesson, and one SCO for the whole course)."""

from __future__ import annotations

import io
import shutil
import zipfile
from xml.etree import ElementTree

import pytest
import xmlschema

from course import paths
from course.builder import scorm
from course.loader import store

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


class Package:
    """A written package: its path, its entries' names and bytes."""

    def __init__(self, path):
        self.path = path
        with zipfile.ZipFile(path) as zf:
            self.entries = {name: zf.read(name) for name in zf.namelist()}

    def read(self, name: str) -> bytes:
        return self.entries[name]

    def namelist(self) -> list[str]:
        return list(self.entries)


@pytest.fixture(scope="module")
def package(built_site, tmp_path_factory):
    target = tmp_path_factory.mktemp("scorm") / scorm.PACKAGE_NAME
    return Package(scorm.write_package(store.get(), built_site, target))


@pytest.fixture(scope="module")
def single(built_site, tmp_path_factory):
    target = tmp_path_factory.mktemp("scorm") / scorm.SINGLE_NAME
    return Package(scorm.write_package(store.get(), built_site, target, single=True))


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    """The SCORM 1.2 schemas from npm, as the ADL test suite uses them. Two repairs to a
    copy, for parsers newer than the 2001 files: ims_xml.xsd binds the default namespace to
    the reserved XML namespace (expat refuses it), and the IMS metadata schema breaks the
    unique-particle rule, so the set is built leniently; the manifest is validated strictly."""
    folder = tmp_path_factory.mktemp("xsd")
    for name in scorm.SCHEMAS:
        shutil.copy(paths.scorm_schemas_dir() / name, folder / name)
    xml = folder / "ims_xml.xsd"
    xml.write_text(xml.read_text().replace('xmlns="http://www.w3.org/XML/1998/namespace"', ""))
    return xmlschema.XMLSchema(
        str(folder / "imscp_rootv1p1p2.xsd"),
        validation="lax",
        locations=[
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", str(folder / "adlcp_rootv1p2.xsd")),
            ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", str(folder / "imsmd_rootv1p2p1.xsd")),
        ],
    )


@pytest.mark.parametrize("which", ["package", "single"])
def test_the_manifest_is_valid_scorm_12_and_the_check_is_real(which, schema, request):
    package = request.getfixturevalue(which)
    manifest = package.read(scorm.MANIFEST)
    assert list(schema.iter_errors(io.BytesIO(manifest))) == []
    wrong = manifest.replace(b'adlcp:scormtype="sco"', b'adlcp:scormtype="lesson"', 1)
    assert list(schema.iter_errors(io.BytesIO(wrong)))
    wrong = manifest.replace(b'identifierref="sco-', b'identifierref="', 1).replace(
        b"<organizations", b"<resources/><organizations", 1
    )
    assert list(schema.iter_errors(io.BytesIO(wrong)))
    for name in scorm.SCHEMAS:
        assert package.read(name) == (paths.scorm_schemas_dir() / name).read_bytes()


def test_one_item_per_lesson_in_syllabus_order_with_every_file_listed(package, built_site):
    root = ElementTree.fromstring(package.read(scorm.MANIFEST))
    assert root.find(f"{CP}metadata/{CP}schemaversion").text == "1.2"
    organization = root.find(f"{CP}organizations/{CP}organization")
    syllabus = store.get().syllabus
    assert organization.find(f"{CP}title").text == syllabus.title
    items = organization.findall(f"{CP}item")
    assert [i.find(f"{CP}title").text for i in items] == [
        f"{lesson.number} {lesson.title}" for lesson in syllabus.lessons
    ]
    for item in items:
        assert 0 <= int(item.find(f"{ADLCP}masteryscore").text) <= 100
    resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids))
    names = set(package.namelist())
    listed = []
    for item, lesson in zip(items, syllabus.lessons, strict=True):
        # launched with the package's sign, so a lesson without an API says so
        assert item.get("parameters") == scorm.LAUNCH_PARAMETERS == "?lms=scorm12"
        sco = resources[item.get("identifierref")]
        assert sco.get(f"{ADLCP}scormtype") == "sco" and sco.get("href") == f"{lesson.id}.html"
        assert [d.get("identifierref") for d in sco.findall(f"{CP}dependency")] == ["site"]
    for resource in resources.values():
        listed += [f.get("href") for f in resource.findall(f"{CP}file")]
    assert set(listed) <= names and len(listed) == len(set(listed))
    site = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    assert set(listed) == site  # every file the pages use, once
    assert names == site | {scorm.MANIFEST, *scorm.SCHEMAS}


def test_the_single_sco_package_is_one_item_the_player_with_every_file_listed(single, built_site):
    """One SCO, the player: the first resource with an href (what an LMS that launches one
    SCO opens), its own file, every site file in the shared asset once."""
    root = ElementTree.fromstring(single.read(scorm.MANIFEST))
    syllabus = store.get().syllabus
    items = root.findall(f"{CP}organizations/{CP}organization/{CP}item")
    assert [i.find(f"{CP}title").text for i in items] == [syllabus.title]
    assert items[0].find(f"{ADLCP}masteryscore").text == str(scorm.MASTERY_SCORE)
    resources = root.findall(f"{CP}resources/{CP}resource")
    first = next(r for r in resources if r.get("href"))
    assert first.get("identifier") == items[0].get("identifierref")
    assert (first.get(f"{ADLCP}scormtype"), first.get("href")) == ("sco", scorm.PLAYER)
    assert [f.get("href") for f in first.findall(f"{CP}file")] == [scorm.PLAYER]
    assert [r.get(f"{ADLCP}scormtype") for r in resources[1:]] == ["asset"]
    site = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    listed = [f.get("href") for f in resources[1].findall(f"{CP}file")]
    assert sorted(listed) == sorted(site) and scorm.PLAYER not in site
    assert set(single.namelist()) == site | {scorm.MANIFEST, scorm.PLAYER, *scorm.SCHEMAS}
    player = single.read(scorm.PLAYER).decode()
    # the course's page around the frame: its lesson menu and the lessons with a quiz
    for lesson in syllabus.lessons:
        assert f'href="{lesson.id}.html"' in player
    assert 'data-quiz-lessons="' + " ".join(lesson.id for lesson in syllabus.lessons) in player
    assert "<iframe" in player and 'src="assets/course.js"' in player


def test_the_same_site_gives_the_same_package(package, built_site, tmp_path):
    again = scorm.write_package(store.get(), built_site, tmp_path / "again.zip")
    assert again.read_bytes() == package.path.read_bytes()


def test_a_site_missing_a_lesson_is_refused_with_what_to_do(built_site, tmp_path):
    partial = tmp_path / "site"
    shutil.copytree(built_site, partial)
    (partial / "04-the-research.html").unlink()
    with pytest.raises(
        scorm.PackageFailed, match=r"no page for lesson 04-the-research.*make course"
    ):
        scorm.write_package(store.get(), partial, tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()
