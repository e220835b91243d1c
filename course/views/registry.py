"""Every view, by the kind its outputs' markers name: how the build finds the renderings
of an output it did not make (course.output.view). Adding a view is one class, one
fragment and one line here."""

from __future__ import annotations

from course.output.figure import FigureDisplay
from course.output.markers import Marker
from course.output.view import View
from course.views.claim_tests import ClaimTestResults
from course.views.claims import ClaimCard, ClaimsSummary
from course.views.display import HeaderDisplay, SourcesDisplay
from course.views.explorable import Explorable
from course.views.progress import ProgressSummary
from course.views.quiz import QuizDisplay
from course.views.red_flags import RedFlagsDisplay
from course.views.summary import BackPainNowDisplay, SummaryDisplay
from course.views.tables import CareTable, FindingsTable, GuidelinesTable

VIEWS: dict[str, type[View]] = {
    view.kind: view
    for view in (
        BackPainNowDisplay,
        CareTable,
        ClaimCard,
        ClaimTestResults,
        ClaimsSummary,
        Explorable,
        FigureDisplay,
        FindingsTable,
        GuidelinesTable,
        HeaderDisplay,
        ProgressSummary,
        QuizDisplay,
        RedFlagsDisplay,
        SourcesDisplay,
        SummaryDisplay,
    )
}


def view_for(marker: Marker) -> type[View]:
    """The view class that made an output with this marker."""
    try:
        return VIEWS[marker.kind]
    except KeyError:
        raise ValueError(
            f"an output marked {marker.kind!r}: no view of that kind in course/views/registry.py"
        ) from None
