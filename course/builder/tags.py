"""The cell-tag vocabulary notebooks use to talk to the build (one list, shared by all)."""

REMOVE_CELL = "remove-cell"  # shown in Jupyter only
REMOVE_INPUT = "remove-input"  # plumbing calls like quiz(...): output kept, code hidden
REMOVE_OUTPUT = "remove-output"
SLIDES_ONLY = "slides-only"
SITE_ONLY = "site-only"
# a deck keeps this cell's paragraphs on the slide, all of them (safety advice, red flags)
ALL_ON_SLIDE = "all-on-slide"
# a deck moves this cell's text (not its headings) into the speaker notes: the slide shows
# the short `slides-only` cell written beside it instead
IN_NOTES = "in-notes"
RAISES = "raises-exception"  # nbclient: the cell is expected to fail

KNOWN = frozenset(
    {
        REMOVE_CELL,
        REMOVE_INPUT,
        REMOVE_OUTPUT,
        SLIDES_ONLY,
        SITE_ONLY,
        ALL_ON_SLIDE,
        IN_NOTES,
        RAISES,
    }
)

# A slide that opens a section or pauses the class with a question or a one-line takeaway:
# the cell that starts it carries "slideshow": {"data": {"divider": "true"}} (nbconvert writes
# it as data-divider on the slide's section); the deck sets it large, lower on the slide.
DIVIDER = "divider"
SLIDE_TYPES = frozenset({"slide", "subslide", "fragment", "skip", "notes", "-"})


def written_for_room(metadata: dict) -> bool:
    """Whether a notebook's deck is written for the room (its metadata says
    ``"course": {"deck": "room"}``): the deck shows only what was written for it
    (preprocessors.slides) and is held to the room targets (deck_report)."""
    return bool(metadata.get("course", {}).get("deck") == "room")
