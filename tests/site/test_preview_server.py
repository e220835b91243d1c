"""The preview server and its change sorting, without a build: what it serves, what it
adds to pages, what it refuses, and which saves count."""

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from course import paths
from course.preview import changes, server


@pytest.fixture()
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    (root / "slides").mkdir(parents=True)
    (root / "index.html").write_text("<html><head><title>i</title></head><body>home</body></html>")
    (root / "04-x.html").write_text("<html><head></head><body>built page</body></html>")
    (root / "course.css").write_text("body{}")
    (tmp_path / "secret.txt").write_text("not for the browser")
    return root


def client(site, overlay=None, building=lambda: False) -> TestClient:
    return TestClient(server.app(site, server.Hub(), overlay or server.Overlay(), building))


def test_pages_get_the_preview_script_and_other_files_come_as_they_are(site):
    http = client(site)
    page = http.get("/")
    assert page.status_code == 200
    assert page.text.count("/__preview__/preview.js") == 1
    assert page.text.index("/__preview__/preview.js") < page.text.index("</head>")
    assert page.headers["cache-control"] == "no-store"
    css = http.get("/course.css")
    assert css.text == "body{}" and "__preview__" not in css.text
    assert http.get("/__preview__/preview.js").text.startswith("// The author preview")
    # the files on disk stay as the build wrote them
    assert "__preview__" not in (site / "index.html").read_text()


def test_a_page_rendered_ahead_of_the_build_is_served_in_place_of_the_built_one(site):
    overlay = server.Overlay()
    http = client(site, overlay)
    assert "built page" in http.get("/04-x.html").text
    overlay.put({"04-x.html": "<html><head></head><body>your edit</body></html>"})
    assert "your edit" in http.get("/04-x.html").text
    overlay.clear()
    assert "built page" in http.get("/04-x.html").text


@pytest.mark.parametrize(
    "path", ["/../secret.txt", "/%2e%2e/secret.txt", "/slides/../../secret.txt", "/nope.html"]
)
def test_nothing_outside_the_site_is_served(site, path):
    response = client(site).get(path)
    assert response.status_code == 404
    assert "not for the browser" not in response.text


def test_a_page_not_built_yet_waits_for_the_build_with_the_script_that_reloads_it(site):
    waiting = client(site, building=lambda: True).get("/05-y.html")
    assert waiting.status_code == 503
    assert "Building the course" in waiting.text and "preview.js" in waiting.text
    assert client(site).get("/05-y.html").status_code == 404  # no build under way


def test_a_waiting_tab_that_listens_after_its_page_was_written_is_told_to_reload(site):
    """On a busy machine the build can write the page between the tab getting "Building
    the course…" and the tab opening its event stream: the reload it missed comes first."""
    hub = server.Hub()
    http = TestClient(server.app(site, hub, server.Overlay(), building=lambda: True))
    assert http.get("/05-y.html").status_code == 503
    (site / "05-y.html").write_text("<html><head></head><body>built now</body></html>")
    with http.stream("GET", "/__preview__/events?page=/05-y.html") as events:
        lines = events.iter_lines()
        first = [next(lines) for _ in range(3)]
    assert "event: reload" in first, first
    # a tab that got the real page is not reloaded for nothing
    assert "built now" in http.get("/05-y.html").text
    with http.stream("GET", "/__preview__/events?page=/05-y.html") as events:
        assert hub.served["05-y.html"] != ""
        assert not any(key == "05-y.html" and q.qsize() for key, q in hub._tabs.values())


def test_an_open_tab_is_told_about_problems_it_missed():
    hub = server.Hub()
    hub.publish("problems", [{"file": "a.yml", "line": 3, "item": None, "message": "bad"}])
    assert hub.problems[0]["line"] == 3
    hub.publish("clear")
    assert hub.problems == []


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("notebooks/04-the-research.ipynb", True),
        ("course/content/claims.yml", True),
        ("course/templates/nbconvert/course_site/index.html.j2", True),
        ("course/content/.#claims.yml", False),  # Emacs lock file
        ("course/content/claims.yml~", False),
        ("course/content/.claims.yml.swp", False),
        ("notebooks/.ipynb_checkpoints/04-the-research-checkpoint.ipynb", False),
        ("course/__pycache__/cli.cpython-311.pyc", False),
    ],
)
def test_only_the_files_a_course_is_made_from_count_as_saves(name, counts):
    assert changes.watched(paths.REPO_DIR / name) is counts


def test_a_batch_says_which_lessons_and_whether_a_page_can_go_first():
    notebooks = paths.NOTEBOOKS_DIR
    lessons = {"04-the-research.ipynb": "04-the-research"}
    prose = changes.classify({notebooks / "04-the-research.ipynb"}, notebooks, lessons)
    assert prose.lessons == {"04-the-research"} and not prose.shared and prose.page_first
    content = changes.classify({paths.CONTENT_DIR / "claims.yml"}, notebooks, lessons)
    assert content.shared and content.page_first
    code = changes.classify({paths.PACKAGE_DIR / "views" / "claims.py"}, notebooks, lessons)
    assert code.code and not code.page_first  # this process has the old code loaded
    static = changes.classify({paths.TEMPLATES_DIR / "static" / "course.css"}, notebooks, lessons)
    assert static.code
