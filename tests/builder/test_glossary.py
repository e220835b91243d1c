"""Glossary terms are linked on the rendered HTML of a lesson page: the first use of each
term on the page, never inside links, code, headings, quotes or citations."""

from __future__ import annotations

import pytest

from course.builder import glossary
from course.loader import store


@pytest.fixture()
def link():
    return glossary.Linker(store.get().glossary.values(), root="")


def test_the_first_use_of_a_term_or_its_abbreviation_is_linked(link):
    first = link("<p>Pooled, the effect was 0.23 SD (95% CI 0.13 to 0.33).</p>")
    second = link("<p>A second 0.55 SD and a SDK word stay plain.</p>")
    assert 'href="glossary.html#term-standard-deviation"' in first
    assert 'href="glossary.html#term-confidence-interval"' in first and ">95% CI<" in first
    assert second == "<p>A second 0.55 SD and a SDK word stay plain.</p>"  # first use only


def test_a_definition_shown_on_hover_is_not_linked_again(link):
    html = link("<p>It releases endorphins and, later, dynorphins.</p>")
    tip = html[html.index('class="gloss-tip"') : html.index("</span>", html.index("gloss-tip"))]
    assert "<a " not in tip  # the endorphins definition mentions dynorphins: left plain there
    assert html.count('class="gloss"') == 2  # both terms linked in the running text


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="x.html">naloxone</a> blocks it.</p>',
        "<p>Type <code>naloxone</code> here.</p>",
        '<h2 id="n">Naloxone</h2>',
        "<blockquote><p>naloxone reverses it</p></blockquote>",
        "<p>The article says “naloxone reverses it” and more.</p>",
        '<p>A trial <cite><a href="#ref-x">(Han 2004)</a></cite> used naloxone.</p>',
    ],
    ids=["link", "code", "heading", "blockquote", "quote", "after-citation"],
)
def test_links_code_headings_and_quotes_stay_as_written(link, html):
    out = link(html)
    if "used naloxone" in html:  # the citation is kept as is; the prose after it is linked
        assert out.count('class="gloss"') == 1 and '<cite><a href="#ref-x">(Han 2004)</a>' in out
    else:
        assert out == html


def test_quoted_words_stay_but_the_same_term_outside_the_quote_is_linked(link):
    out = link("<p>“naloxone” is a word the article uses; naloxone blocks opioids.</p>")
    assert out.startswith('<p>“naloxone” is a word the article uses; <span class="gloss">')
    assert 'href="glossary.html#term-naloxone"' in out and "naloxone</a>" in out


def test_the_definition_is_kept_out_of_the_search_index(link):
    from bs4 import BeautifulSoup

    out = link("<p>Naloxone blocks opioids.</p>")
    tip = BeautifulSoup(out, "html.parser").select_one(".gloss-tip")
    assert tip is not None and tip.has_attr("data-pagefind-ignore")
    assert tip.get_text().strip() == store.get().glossary["naloxone"].definition
