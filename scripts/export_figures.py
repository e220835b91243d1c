"""Write every course figure to figures/ as SVG and PNG, for reuse outside the course.

Thin wrapper: the figures are defined in course.plotting.GALLERY.
Usage: python scripts/export_figures.py [--out figures]
"""

import argparse
import sys
from pathlib import Path

from course.plotting import GALLERY


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "figures"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, make in GALLERY.items():
        shown = make()
        (out / f"{name}.png").write_bytes(shown.png)
        shown.figure.savefig(out / f"{name}.svg", format="svg", metadata={"Date": None})
        (out / f"{name}.txt").write_text(shown.alt + "\n", encoding="utf-8")
        print(f"figures/{name}.svg|.png  ({shown.alt[:60]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
