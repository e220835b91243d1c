"""The skills page and the claims filter by skill, as a reader uses them (issue 24)."""

import pytest
from bs4 import BeautifulSoup

from course.loader import store
from course.views.concepts import examples

pytestmark = pytest.mark.browser


def test_the_skills_page_explains_each_concept_with_the_articles_claims(built_site):
    data = store.get()
    soup = BeautifulSoup((built_site / "concepts.html").read_text(encoding="utf-8"), "html.parser")
    for concept in data.concepts.values():
        article = soup.find(id=f"concept-{concept.id}")
        assert article is not None, concept.id
        assert article.h3.get_text(strip=True) == concept.title
        shown = [q.get_text() for q in article.select(".concept-examples q")]
        assert shown == [c.quote for c in examples(concept.id)][:3]
        link = article.find("a", href=f"claims.html?concept={concept.id}")
        assert link and f"All {len(examples(concept.id))} claim" in link.get_text()
    lesson = (built_site / "03-how-might-it-work.html").read_text(encoding="utf-8")
    assert 'href="concepts.html#concept-theories">Belief in theories</a>' in lesson


def test_the_claims_page_filters_by_skill_and_takes_it_from_the_address(browser, site_url):
    data = store.get()
    page = browser.new_page()
    page.goto(f"{site_url}/claims.html?concept=theories")
    want = len(examples("theories"))
    assert page.locator("select[name=concept]").input_value() == "theories"
    assert page.locator("[data-claim-row]:visible").count() == want
    assert (
        page.locator("[data-claims-count]").inner_text()
        == f"Showing {want} of {len(data.claims)} claims."
    )
    page.select_option("select[name=concept]", "expert-opinion")
    assert page.locator("[data-claim-row]:visible").count() == len(examples("expert-opinion"))
    page.select_option("select[name=concept]", "")
    assert page.locator("[data-claim-row]:visible").count() == len(data.claims)
    page.close()
