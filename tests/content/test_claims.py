"""The claims registry and its renderings: verbatim quotes, resolvable evidence, cards."""

import pytest

from course import claim, claims_summary, paths
from course.loader import store
from course.model.verdicts import Verdict


def seeds() -> dict[str, str]:
    folder = paths.seeds_dir()
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}


@pytest.mark.skipif(
    not paths.seeds_dir().is_dir(),
    reason="the source articles (../shared/seeds) are not beside this checkout",
)
def test_every_quote_is_verbatim_in_its_article():
    texts = seeds()
    assert sorted(texts) == ["000", "001", "002", "003", "004"]
    missing = [c.id for c in store.get().claims.values() if c.quote not in texts[c.articles[0]]]
    assert missing == []


def test_registry_covers_all_articles_and_resolves_every_reference():
    data = store.get()
    claims = list(data.claims.values())
    assert {a for c in claims for a in c.articles} == {"000", "001", "002", "003", "004"}
    for c in claims:
        assert c.quote_words <= 25, c.id
        for ref in c.references:
            assert ref in data.references, (c.id, ref)
    assert all(data.references[f"article-{a}"].kind == "seed" for a in ("000", "004"))


def test_claim_card_shows_quote_article_verdict_evidence_and_citation():
    card = claim("epi-accidents-structural")
    html = card._repr_mimebundle_()["application/vnd.course.static-html"]
    assert "“Accidents often lead to structural damage needing immediate attention.”" in html
    # the page names the article by its number (lesson 00 and the Articles page give its
    # title); Jupyter, where a card is read alone, by its title
    assert '<p class="claim-who">Article 003</p>' in html
    jupyter = card._repr_mimebundle_()["text/html"]
    assert "“Acupuncture for back pain: finding relief” (article 003)" in jupyter
    assert 'class="verdict-badge verdict-partly-supported"' in html
    assert "◐</span> Partly supported" in html  # words and symbol, not colour alone
    assert "Hull neurosurgery guidance" in html
    assert "<style>" in card._repr_mimebundle_()["text/html"]  # styled in Jupyter
    with pytest.raises(KeyError, match="no claim 'nope'"):
        claim("nope")


def test_claim_text_is_escaped(monkeypatch):
    data = store.get()
    original = data.claims["epi-millions-worldwide"]
    hacked = original.model_copy(update={"evidence": "<script>alert(1)</script>"})
    monkeypatch.setitem(data.claims, "epi-millions-worldwide", hacked)
    html = claim("epi-millions-worldwide").html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_summary_counts_each_verdict():
    data = store.get()
    chosen = [c for c in data.claims.values() if c.topic == "epidemiology"]
    summary = claims_summary(topics=["epidemiology"])
    counts = {verdict: count for verdict, count, _ in summary.rows}
    assert sum(counts.values()) == len(chosen)
    assert counts[Verdict.supported] == sum(c.verdict is Verdict.supported for c in chosen)
    assert "<caption>Claims at a glance" in summary.html()
