"""A figure's phone layout (course.output.phone): labels a phone reader can read."""

from matplotlib.figure import Figure

from course.output import phone
from course.output.figure import FigureDisplay


def _columns(names):
    fig = Figure(figsize=(7.6, 4.2))
    ax = fig.add_subplot()
    ax.bar(range(len(names)), [28.7, 23.6, 6.9, 12.0][: len(names)])
    ax.set_xticks(range(len(names)), names, fontsize=10)
    ax.set_ylabel("Reduction in pain (mm, 0–100 scale)", fontsize=8)
    ax.set_title("A trial with long arm names: pain at week 8", loc="left")
    fig.tight_layout()
    return fig


def test_colliding_column_names_become_bars_laid_down_with_readable_labels():
    names = ["Acupuncture", "Minimal acupuncture (shallow, off-point)", "Waiting list"]
    fig = _columns(names)
    assert phone.narrow(fig)
    width, _height = fig.get_size_inches()
    assert width == phone.NARROW_INCHES
    ax = fig.get_axes()[0]
    ticks = {"".join(t.get_text().split()): t.get_position()[1] for t in ax.get_yticklabels()}
    order = sorted(ticks, key=ticks.get, reverse=True)
    assert order == ["".join(n.split()) for n in names]  # laid down, the first on top
    assert not phone.overlapping_labels(fig)
    assert phone.smallest_label_pt(fig) >= phone.MIN_LABEL_PT  # the 8 pt axis label grew


def test_a_figure_display_carries_its_phone_layout_with_its_label_size():
    shown = FigureDisplay(_columns(["A", "B", "C"]), alt="Three columns.")
    assert shown.phone and shown.phone_png and shown.phone_png.startswith(b"\x89PNG")
    assert shown.phone["inches"] == phone.NARROW_INCHES
    px_at_294 = shown.phone["label_pt"] * 294 / (shown.phone["inches"] * 72)
    assert px_at_294 >= phone.MIN_LABEL_PX


def test_overlapping_labels_are_named():
    fig = Figure(figsize=(1.5, 1.5))
    ax = fig.add_subplot()
    ax.set_xticks([0, 1], ["a much longer first label", "a much longer second label"])
    clash = "'a much longer first label' and 'a much longer second label'"
    assert phone.overlapping_labels(fig) == [clash]
    ax.set_xticks([0, 1], ["a", "b"])
    assert phone.overlapping_labels(fig) == []
