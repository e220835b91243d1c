"""Lesson 04's summary of findings: numbers from the data, blanks left blank (issue 27)."""

import pytest
from bs4 import BeautifulSoup

from course.loader import store
from course.loader.problems import ContentError
from course.views.tables import findings_table
from tests.conftest import edit


def _rows(html):
    table = BeautifulSoup(html, "html.parser").select_one("table.course-findings")
    return {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    }


def test_each_comparison_in_points_out_of_100_with_people_trials_and_certainty():
    rows = _rows(findings_table().html())
    assert list(rows) == ["Usual care", "Sham acupuncture", "No acupuncture"]
    usual, sham, none = rows.values()
    assert usual[:3] == ["10 (3 to 17)", "1,054 (5)", "Low"]  # Cochrane 2020, as it reports
    # Vickers 2012's SDs turned into points with the usual-care spread (16.5): 0.23 and 0.55
    assert sham[0].startswith("4 (2 to 5)") and "0.23 SD × 16.5 points" in sham[0]
    assert none[0].startswith("9 (8 to 10)") and "0.55 SD × 16.5 points" in none[0]
    assert sham[1] == none[1] == "–"  # no count for back pain alone: left blank, not guessed
    assert sham[2] == "Not rated"
    assert "Cochrane 2020" in usual[3] and "Vickers" in sham[3]


def test_a_finding_with_both_points_and_a_pooled_effect_is_rejected(content_copy):
    edit(
        content_copy / "trials.yml",
        "      pooled: vickers2012-sham\n",
        "      pooled: vickers2012-sham\n      points: 4\n",
    )
    store.reload()
    with pytest.raises(ContentError) as info:
        store.load()
    message = "\n".join(str(p) for p in info.value.problems)
    assert "trials.yml:" in message and "either points (with ci) or pooled" in message


def test_a_finding_naming_an_unknown_pooled_effect_is_rejected(content_copy):
    edit(content_copy / "trials.yml", "      pooled: vickers2012-none\n", "      pooled: nope\n")
    store.reload()
    with pytest.raises(ContentError) as info:
        store.load()
    assert "no pooled effect 'nope'" in "\n".join(str(p) for p in info.value.problems)
