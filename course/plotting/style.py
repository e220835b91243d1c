"""Apply the course plot style explicitly, never on import."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import matplotlib.style

STYLE = Path(__file__).with_name("course.mplstyle")

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}


@contextmanager
def use_style():
    with matplotlib.style.context(str(STYLE)):
        yield
