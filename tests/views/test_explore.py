"""Explorable figures: every state pre-rendered, the same choices in Jupyter and on the page."""

import pytest

from course import explore
from course.loader import store
from course.output.figure import FigureDisplay
from course.output.markers import MARKER
from course.plotting import plot_recovery, plot_trial


def test_states_cover_every_combination_with_alt_text():
    x = explore(plot_trial, trial=["brinkhaus2006", "gerac2007"], comparison=["all", "sham"])
    assert len(x.states) == 4
    payload = x.marker()
    assert [s["key"] for s in payload.states] == ["0-0", "0-1", "1-0", "1-1"]
    assert all(s["alt"] and s["png"] for s in payload.states)
    assert "Sham acupuncture: 44.2 %" in payload.states[3]["alt"]
    assert "Waiting list" not in payload.states[1]["alt"]  # "sham" view hides usual care
    assert payload.sources == ("brinkhaus2006", "haake2007")


def test_widget_swaps_the_prerendered_image():
    x = explore(plot_recovery, threshold=[0, 70], recovery=["none", "some"])
    box = x.widget
    first = box.image.value
    box.toggles[0].value = 1  # as a learner clicking "70"
    assert box.image.value == x.states[(1, 0)].png != first
    assert "Threshold: 70" in box.caption.value
    bundle = x._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle[MARKER]["kind"] == "explorable"


def test_simulation_is_deterministic_and_shows_regression_to_the_mean():
    a = explore(plot_recovery, threshold=[0, 70], recovery=["none", "some"])
    b = explore(plot_recovery, threshold=[0, 70], recovery=["none", "some"])
    assert a.states[(1, 0)].png == b.states[(1, 0)].png
    from course.plotting.research import simulate_recovery

    everyone_before, everyone_after = simulate_recovery(0, "none")
    assert abs(everyone_before.mean() - everyone_after.mean()) < 1.5
    high_before, high_after = simulate_recovery(70, "none")
    assert high_before.mean() - high_after.mean() > 15  # "improvement" with no treatment


def test_bad_explorables_are_refused():
    with pytest.raises(ValueError, match="at least two options"):
        explore(plot_recovery, threshold=[0], recovery=["none", "some"])
    with pytest.raises(ValueError, match="too many"):
        explore(plot_recovery, threshold=list(range(0, 100, 10)), recovery=["none", "some", "x"])
    with pytest.raises(TypeError, match="must return"):
        explore(lambda k: None, k=[1, 2])
    with pytest.raises(ValueError, match="at least one control"):
        explore(plot_recovery)


def test_every_research_row_cites_a_known_reference():
    data = store.get()
    research = data.research
    rows = [*research.trials, *research.pooled, *research.pain_spread, *research.guidelines]
    assert rows
    for row in rows:
        assert row.reference in data.references, row.id
    for trial in research.trials:
        kinds = {arm.kind for arm in trial.outcome.arms}
        assert kinds == {"acupuncture", "sham", "usual-care"}, trial.id
    assert isinstance(plot_trial("cherkin2009"), FigureDisplay)


def test_a_figure_whose_text_runs_off_its_edge_is_refused_by_name():
    """No title or label is cut off in any figure: every lesson figure is checked as it is
    drawn (the "Plan a course" title once ran off the right edge)."""
    from matplotlib.figure import Figure

    from course.plotting import plot_plan

    fig = Figure(figsize=(3, 2), dpi=110)
    ax = fig.add_subplot()
    ax.barh(["A course name long enough to push the chart right", "B"], [3, 4])
    ax.set_title("A title far too long to fit beside such long names on this chart")
    with pytest.raises(ValueError, match="runs off the figure: 'A title far too long"):
        FigureDisplay(fig, alt="bars")
    fig2 = Figure(figsize=(3, 2), dpi=110)
    fig2.add_subplot().bar(["a", "b"], [1, 2])
    fig2.tight_layout()
    assert FigureDisplay(fig2, alt="two bars").png.startswith(b"\x89PNG")
    for per_week, weeks in [(1, 2), (2, 12)]:  # both ends of the explorable
        assert plot_plan(per_week, weeks).title.startswith("Your plan compared with")
