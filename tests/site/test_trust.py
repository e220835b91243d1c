"""The marks of a trustworthy health resource on the built site (issue 27): a licence, who
made it and how it was checked, a funding statement, review dates, a route for errors."""

from bs4 import BeautifulSoup

from course.loader import store


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_footer_carries_the_licence_and_the_error_route(built_site):
    about = store.get().syllabus.about
    pages = sorted(built_site.glob("*.html"))
    assert len(pages) > 15
    for page in pages:
        footer = _soup(page).select_one("footer .course-trust")
        assert footer is not None, page.name
        links = {a.get_text(): a["href"] for a in footer.find_all("a")}
        assert links[about.content_licence.name] == about.content_licence.url, page.name
        assert links["Report an error"].endswith("how-we-checked.html#report-an-error")
        assert "quoted words excepted" in footer.get_text()


def test_each_lesson_page_and_deck_shows_its_review_dates(built_site):
    for lesson in store.get().syllabus.lessons:
        expected = (
            f"Last reviewed {lesson.reviewed.day} {lesson.reviewed:%B %Y} · "
            f"Next review due {lesson.next_review:%B %Y}"
        )
        page = _soup(built_site / f"{lesson.id}.html").select_one(".lesson-header .lesson-reviewed")
        assert page is not None and page.get_text() == expected, lesson.id
        deck = _soup(built_site / "slides" / f"{lesson.id}.html")
        assert deck.select_one(".title-slide .lesson-reviewed").get_text() == expected
        assert deck.select_one(".sources-slide .course-trust") is not None


def test_how_we_checked_says_who_made_it_funding_reuse_and_how_to_report(built_site):
    about = store.get().syllabus.about
    page = _soup(built_site / "how-we-checked.html")
    for anchor in ("who-made-this", "funding", "reviews", "reuse", "report-an-error"):
        assert page.find(id=anchor) is not None, anchor
    text = " ".join(page.get_text(" ").split())
    assert " ".join(about.funding.split()) in text
    assert " ".join(about.content_exceptions.split()) in text
    assert len(page.select(".review-dates li")) == len(store.get().syllabus.lessons)


def test_a_configured_error_address_is_where_report_an_error_leads():
    """With about.report_error set (a tracker or a mailto:), every footer links to it."""
    from course.output import render

    syllabus = store.get().syllabus
    about = syllabus.about.model_copy(update={"report_error": "mailto:errors@example.org"})
    course = syllabus.model_copy(update={"about": about})
    html = render.fragment("trust_footer.html.j2", course=course, root="../")
    link = BeautifulSoup(html, "html.parser").find("a", string="Report an error")
    assert link["href"] == "mailto:errors@example.org"
    unset = render.fragment("trust_footer.html.j2", course=syllabus, root="../")
    link = BeautifulSoup(unset, "html.parser").find("a", string="Report an error")
    assert link["href"] == "../how-we-checked.html#report-an-error"
