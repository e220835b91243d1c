"""Small nbconvert preprocessors, one concern each, in three families:

- ``static``: the site page and the deck show each view's no-kernel rendering
  (StaticFallback), figures become files (FigureFile), notes leave the page (RemoveNotes);
- ``citations``: ``[@id]`` becomes a labelled citation and the lesson's Sources list;
- ``slides``: a deck gets a claim per slide, its point on the slide and the prose in the
  notes, and continues a long section on the next slide;
- ``readable``: the downloaded notebook reads completely before it runs.

The templates' conf.json list them in order; download_exporter adds ``readable``. None
branches on a view's kind: each asks the view its output's marker names
(course.views.registry) for the rendering it needs.
"""

from course.builder.preprocessors.citations import CitationPreprocessor
from course.builder.preprocessors.readable import ReadableOutputsPreprocessor
from course.builder.preprocessors.slides import (
    ClaimSlidesPreprocessor,
    SlidePagingPreprocessor,
    SlideProsePreprocessor,
)
from course.builder.preprocessors.static import (
    FigureFilePreprocessor,
    RemoveNotesPreprocessor,
    StaticFallbackPreprocessor,
)

__all__ = [
    "CitationPreprocessor",
    "ClaimSlidesPreprocessor",
    "FigureFilePreprocessor",
    "ReadableOutputsPreprocessor",
    "RemoveNotesPreprocessor",
    "SlidePagingPreprocessor",
    "SlideProsePreprocessor",
    "StaticFallbackPreprocessor",
]
