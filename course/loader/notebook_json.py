"""Read a notebook's cells as plain JSON.

Used where only sources are needed (claims shown, citations, cache keys): it avoids
importing nbformat, whose schema validation imports are slow, in kernels and no-op builds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _text(source: str | list[str] | None) -> str:
    return "".join(source) if isinstance(source, list) else (source or "")


def cells(path: Path) -> list[dict[str, Any]]:
    """Each cell as {"cell_type", "source" (str), "metadata", "outputs"}."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        {
            "cell_type": c.get("cell_type"),
            "source": _text(c.get("source")),
            "metadata": c.get("metadata", {}),
            "outputs": c.get("outputs", []),
        }
        for c in raw.get("cells", [])
    ]
