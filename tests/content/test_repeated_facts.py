"""Facts the course states in several places by hand stay equal to their one source
(issue 23, point 9).

A warning sign typed in six places drifted until one list lost a sign; numbers can drift
the same way. Each fact below is found wherever a lesson, quiz, claim or summary states it
(by the words around it) and compared with the value in the data file the figures plot:
a copy that says anything else fails with the place it is written.
"""

import json
import re

import pytest

from course import paths
from course.loader import store, yamlsource


def texts() -> list[tuple[str, str]]:
    """Every learner-facing sentence source: lesson markdown and content strings (not the
    bibliography, whose notes describe sources in their own words)."""
    found = []
    for path in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells, 1):
            if cell["cell_type"] == "markdown":
                found.append((f"{path.name} cell {number}", "".join(cell["source"])))
    for path in sorted(paths.CONTENT_DIR.rglob("*.yml")):
        if path.name == "references.yml":
            continue
        data, _ = yamlsource.load(path)
        found += [(paths.relative(path), text) for text in _strings(data)]
    return found


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def rate(rate_id: str):
    return next(r for r in store.get().safety.rates if r.id == rate_id)


def pooled(pooled_id: str):
    return next(p for p in store.get().research.pooled if p.id == pooled_id)


def spread() -> float:
    return next(s.sd for s in store.get().research.pain_spread if s.id == "cochrane-usual-care")


def _percent(rate_id: str, digits: int) -> str:
    r = rate(rate_id)
    return f"{r.value * 100 / r.per:.{digits}f}"


# (what, pattern whose groups state the fact, the value(s) the data gives, fewest copies)
FACTS = [
    (
        "collapsed lungs in Witt 2009",
        r"(\d+) (?:collapsed lungs? |cases )?among ([\d,]+) patients",
        lambda: (
            str(round(rate("witt-pneumothorax").value * 229230 / 10000)),
            re.search(r"[\d,]{7}", rate("witt-pneumothorax").survey).group(0),
        ),
        4,
    ),
    (
        "serious events per million treatments (Bäumler 2021)",
        r"(\d+(?:\.\d+)?) per million",
        lambda: (f"{rate('baumler-per-treatment').value:g}",),
        2,
    ),
    (
        "patients with any adverse event (Bäumler 2021)",
        r"(\d+\.\d+)% of patients had at least one",
        lambda: (_percent("baumler-any", 2),),
        1,
    ),
    (
        "adverse effects that needed treatment (Witt 2009)",
        r"(\d+(?:\.\d+)?)%[^.%]{0,40}needed treatment",
        lambda: (_percent("witt-treated", 1),),
        1,
    ),
    (
        "negative reactions after one session (MacPherson and Thomas 2005)",
        r"(\d+(?:\.\d+)?)% reported a \"?negative",
        lambda: (_percent("macpherson-thomas-site", 1),),
        3,
    ),
    (
        "serious events per 10,000 patients (Bäumler 2021)",
        r"[Ss]erious[^.]{0,80}?about (\d+) per 10,000",
        lambda: (str(round(rate("baumler-serious").value)),),
        5,
    ),
    (
        "acupuncture vs sham, back and neck pain (Vickers 2012)",
        r"sham by (0\.\d+)|(0\.\d+) SD better than sham|sham, back and neck pain: (0\.\d+)"
        r"|(0\.\d+) SD \(about \d+ points out of 100\) more relief than sham",
        lambda: (f"{pooled('vickers2012-sham').smd:g}",),
        4,
    ),
]


@pytest.mark.parametrize(
    ("what", "pattern", "expected", "fewest"), FACTS, ids=[f[0] for f in FACTS]
)
def test_every_copy_of_a_repeated_fact_equals_its_source(what, pattern, expected, fewest):
    want = expected()
    copies, wrong = 0, []
    for where, text in texts():
        for match in re.finditer(pattern, text):
            stated = tuple(g for g in match.groups() if g is not None)
            copies += 1
            if stated != want[: len(stated)]:
                wrong.append(f"{where}: {match.group(0)!r} (the data says {want})")
    assert copies >= fewest, f"{what}: found {copies} copies; the pattern no longer finds them"
    assert not wrong, "\n".join(wrong)


def test_every_sd_stated_with_points_uses_the_course_spread_of_pain_scores():
    """ "0.23 SD (about 4 points out of 100)": every such pair converts at the one spread the
    pooled-effects figure uses (16.5 points, trials.yml), wherever it is written."""
    pair = re.compile(
        r"(?<![\d.])(0\.\d+) (?:standard deviations?|SD),? \(?(?:or )?about (\d+) points"
    )
    found, wrong = 0, []
    for where, text in texts():
        for match in pair.finditer(text):
            found += 1
            sd, points = float(match.group(1)), int(match.group(2))
            if round(sd * spread()) != points:
                wrong.append(
                    f"{where}: {match.group(0)!r} ({sd} x {spread()} = {sd * spread():.1f})"
                )
    assert found >= 5
    assert not wrong, "\n".join(wrong)


def test_a_drifted_copy_is_caught(monkeypatch):
    """The check finds a copy that disagrees (as a changed number in a quiz would)."""
    real = texts()
    monkeypatch.setitem(
        globals(), "texts", lambda: [*real, ("a quiz", "3 cases among 229,230 patients")]
    )
    with pytest.raises(AssertionError, match="a quiz: '3 cases among 229,230 patients'"):
        test_every_copy_of_a_repeated_fact_equals_its_source(*FACTS[0])


def test_every_one_in_n_copy_rounds_its_source_fairly():
    """A rate written as "1 in N" for a lay reader stays within a fifth of the rate it
    rounds: Bäumler's 9.31% of patients may be "about 1 in 10", never "1 in 5"."""
    percent = rate("baumler-any").value * 100 / rate("baumler-any").per
    pattern = r"1 (?:patient )?in (\d+)(?: has a side effect|\b[^.]{0,40}minor| \(9)"
    found, wrong = 0, []
    for where, text in texts():
        for match in re.finditer(pattern, text):
            found += 1
            stated = 100 / int(match.group(1))
            if abs(stated - percent) > percent / 5:
                wrong.append(f"{where}: {match.group(0)!r} is {stated:.1f}%, the source {percent}%")
    assert found >= 3
    assert not wrong, "\n".join(wrong)
