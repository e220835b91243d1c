"""A figure's phone layout: the same chart drawn 3.6 inches wide, so that on a 360 px screen
its labels are read at 11 CSS px or more (drawn 7.6 inches wide and shrunk to the screen,
they were about 5 px). The site serves it with <picture> under 40rem; the figure bank, the
decks and Jupyter keep the wide one.

The layout is derived, not drawn twice: the chart's title moves above the whole figure and
wraps, long tick and axis labels wrap, a legend moves below the chart, and the figure is
laid out again. A chart whose text then runs off the figure or overlaps is left without a
phone variant, and the phone test names it; a chart no derivation can fit (a staircase of
text boxes) is drawn for the phone by its plotting function (FigureDisplay's phone_fig).
"""

from __future__ import annotations

import itertools
import textwrap

NARROW_INCHES = 3.6
MIN_LABEL_PX = 11  # the smallest axis label a phone reader gets, in CSS px
# the smallest label drawn: 10 pt at 3.6 inches is 11.3 CSS px on a figure 294 px wide,
# the narrowest a lesson shows one at 360 px (an explorable's, inside its box)
MIN_LABEL_PT = 10


def _wrap(text: str, chars: int) -> str:
    lines = text.split("\n")
    if all(len(line) <= chars for line in lines):
        return text
    return "\n".join(textwrap.wrap(" ".join(text.split()), chars, break_long_words=False))


def _wrap_ticks(axis, chars: int) -> None:
    """Wrap long category labels (numbers are short and stay as the axis formats them)."""
    labels = [t.get_text() for t in axis.get_ticklabels()]
    wrapped = [_wrap(text, chars) for text in labels]
    if wrapped != labels:
        axis.set_ticks(axis.get_ticklocs(), wrapped)


def narrow(fig) -> bool:
    """Lay ``fig`` out for a phone, in place; whether everything fits."""
    height = fig.get_size_inches()[1]
    title = None
    rows = 0  # lines of category labels stacked down the chart
    for ax in fig.get_axes():
        for heading in (ax.title, ax._left_title, ax._right_title):
            if heading.get_text() and title is None:
                title = heading
        slots = max(1, len([t for t in ax.get_xticklabels() if t.get_text().strip()]))
        _wrap_ticks(ax.xaxis, max(8, int(200 / slots / 6.2)))
        _wrap_ticks(ax.yaxis, 22)
        names = [t for t in ax.get_yticklabels() if t.get_text().strip()]
        lines = max((t.get_text().count("\n") + 1 for t in names), default=0)
        rows = max(rows, lines * len(names))
        for label in (ax.xaxis.label, ax.yaxis.label):
            label.set_text(_wrap(label.get_text(), 34))
        for text in [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label, ax.yaxis.label]:
            text.set_fontsize(max(text.get_fontsize(), MIN_LABEL_PT))
        for note in ax.texts:
            note.set_text(_wrap(note.get_text(), 28))
        legend = ax.get_legend()
        if legend is not None:
            legend.set_bbox_to_anchor((0, -0.25, 1, 0.1), transform=ax.transAxes)
            legend.set_loc("upper left")
    # a phone screen is short too: a little under the wide figure's height, more if the
    # category labels need it
    fig.set_size_inches(NARROW_INCHES, max(height * 0.7, NARROW_INCHES * 0.75, 0.2 * rows + 1.6))
    for note in fig.texts:  # a figure-level heading or note
        chars = int(NARROW_INCHES * 72 / (note.get_fontsize() * 0.62))
        note.set_text(_wrap(note.get_text(), chars))
    if title is not None:
        size, weight, text = title.get_fontsize(), title.get_fontweight(), title.get_text()
        title.set_text("")
        chars = int(NARROW_INCHES * 72 / (size * 0.68))  # bold runs wide
        fig.suptitle(_wrap(text, chars), x=0.02, ha="left", fontsize=size, fontweight=weight)
    fig.tight_layout()
    clash = bool(overlapping_labels(fig))
    for ax in fig.get_axes():
        if clash and _vertical_bars(ax):
            _lay_bars_down(ax)
        elif clash:  # category names along a scale: turn them upright
            names = [" ".join(t.get_text().split()) for t in ax.get_xticklabels()]
            ax.set_xticks(ax.get_xticks(), names, rotation=90)
    _fit_axis_labels(fig, laid_out=not clash)  # unmoved since the check, unless mended
    settled = False
    for _ in range(4):  # labels stacked too close: give the chart more height
        fig.tight_layout()
        settled = not overlapping_labels(fig, "y")
        if settled:
            break
        width, height = fig.get_size_inches()
        fig.set_size_inches(width, height * 1.2)
    _pull_notes_inside(fig)  # moves notes only, not the tick labels checked
    return fits(fig, laid_out=settled)


def fits(fig, laid_out: bool = False) -> bool:
    """No text runs off the figure and no tick labels run into each other. ``laid_out``:
    the figure was drawn as it stands, after its last tight_layout(), so its tick labels
    are where another draw would put them (tight_layout leaves nothing that lays the
    figure out again at a draw): a layout pass saved."""
    from course.output.figure import cut_text

    return not cut_text(fig) and not overlapping_labels(fig, laid_out=laid_out)


def _laid_out(fig):
    """``fig``'s renderer, every text in its place (laid out without drawing pixels)."""
    from course.output.figure import canvas

    agg = canvas(fig)
    fig.draw_without_rendering()
    return agg.get_renderer()


def _fit_axis_labels(fig, laid_out: bool = False) -> None:
    """An axis label is centred on its chart, not the figure: wrap it to the chart's width.
    ``laid_out``: as in fits()."""
    if not laid_out:
        _laid_out(fig)
    for ax in fig.get_axes():
        label = ax.xaxis.label
        if not label.get_text():
            continue
        width_pt = ax.get_window_extent().width * 72 / fig.dpi
        chars = max(12, int(width_pt / (label.get_fontsize() * 0.6)))
        label.set_text(_wrap(label.get_text().replace("\n", " "), chars))


def _vertical_bars(ax) -> list:
    from matplotlib.patches import Rectangle

    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    return bars if bars and len(ax.get_xticklabels()) == len(bars) else []


def _lay_bars_down(ax) -> None:
    """A column chart whose category names collide on a phone becomes a bar chart: the
    same bars, colours, hatches and values, the names down the side where they have room."""
    bars = sorted(_vertical_bars(ax), key=lambda b: b.get_x())
    names = [" ".join(t.get_text().split()) for t in ax.get_xticklabels()]
    values = [b.get_height() for b in bars]
    looks = [(b.get_facecolor(), b.get_hatch(), b.get_edgecolor(), b.get_linewidth()) for b in bars]
    unit = ax.yaxis.label.get_text().replace("\n", " ")
    title = ax.get_title(loc="left") or ax.get_title()
    limit = ax.get_ylim()[1]
    ax.clear()
    ys = list(range(len(bars)))[::-1]
    for y, value, (face, hatch, edge, width) in zip(ys, values, looks, strict=True):
        bar = ax.barh(y, value, color=face, hatch=hatch, edgecolor=edge, linewidth=width)
        ax.bar_label(bar, labels=[f"{value:g}"], padding=3)
    wrapped = [_wrap(name, 18) for name in names]
    ax.set_yticks(ys, wrapped)
    lines = max(text.count("\n") + 1 for text in wrapped)
    fig = ax.figure
    fig.set_size_inches(NARROW_INCHES, max(fig.get_size_inches()[1], 0.2 * lines * len(ys) + 1.6))
    ax.set_xlim(0, limit)
    ax.set_xlabel(unit)
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)


def _pull_notes_inside(fig) -> None:
    """A note set to the right of its point that now runs off the narrow figure is set to
    the left of it instead (a threshold line's label, a bar's value)."""
    from matplotlib.text import Annotation

    from course.output.figure import canvas

    renderer = canvas(fig).get_renderer()
    for ax in fig.get_axes():
        for note in ax.texts:
            if note.get_window_extent(renderer).x1 <= fig.bbox.width:
                continue
            note.set_horizontalalignment("right")
            if isinstance(note, Annotation) and note.anncoords == "offset points":
                x, y = note.xyann
                note.xyann = (-abs(x), y)


def overlapping_labels(fig, axes: str = "xy", laid_out: bool = False) -> list[str]:
    """Tick labels that run into each other (cut_text sees only the figure's edges), on the
    x axes, the y axes or both. ``laid_out``: as in fits()."""
    from course.output.figure import canvas

    # tick labels take their places when laid out
    renderer = canvas(fig).get_renderer() if laid_out else _laid_out(fig)
    clashes = []
    for ax in fig.get_axes():
        chosen = {"x": ax.get_xticklabels(), "y": ax.get_yticklabels()}
        for ticks in (chosen[name] for name in axes):
            boxes = [
                (t.get_text(), t.get_window_extent(renderer))
                for t in ticks
                if t.get_visible() and t.get_text().strip()
            ]
            for (a, box_a), (b, box_b) in itertools.pairwise(boxes):
                if box_a.overlaps(box_b):
                    clashes.append(f"{a!r} and {b!r}")
    return clashes


def smallest_label_pt(fig) -> float:
    """The smallest font of the chart's tick and axis labels, in points."""
    sizes = []
    for ax in fig.get_axes():
        texts = [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label, ax.yaxis.label]
        sizes += [t.get_fontsize() for t in texts if t.get_visible() and t.get_text().strip()]
    return min(sizes, default=0.0)
