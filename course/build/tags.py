"""The cell-tag vocabulary notebooks use to talk to the build (one list, shared by all)."""

REMOVE_CELL = "remove-cell"  # shown in Jupyter only
REMOVE_INPUT = "remove-input"  # plumbing calls like quiz(...): output kept, code hidden
REMOVE_OUTPUT = "remove-output"
SLIDES_ONLY = "slides-only"
SITE_ONLY = "site-only"
RAISES = "raises-exception"  # nbclient: the cell is expected to fail

KNOWN = frozenset({REMOVE_CELL, REMOVE_INPUT, REMOVE_OUTPUT, SLIDES_ONLY, SITE_ONLY, RAISES})

SLIDE_TYPES = frozenset({"slide", "subslide", "fragment", "skip", "notes", "-"})
