"""Let reveal's speaker view run under the decks' strict Content-Security-Policy.

The notes plugin opens ``about:blank`` and writes its speaker view into it; that window
inherits the deck's policy, which allows no inline script or style, so it stalled on
"Loading speaker view…". Rather than loosen the policy, the deck allows exactly the
speaker view's inline script, style sheet and style attributes by their SHA-256 hashes,
read from the installed reveal.js (whose ``notes.js`` embeds this same file), so an
upgrade of reveal.js updates the hashes with it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

from course import paths


def _hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


@functools.lru_cache(maxsize=1)
def speaker_view_sources() -> dict[str, str]:
    """CSP source lists to add for decks: ``{"script": ..., "style": ...}``."""
    page = paths.reveal_dir() / "plugin" / "notes" / "speaker-view.html"
    html = page.read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    attributes = sorted(set(re.findall(r'style="([^"]*)"', html)))
    style = " ".join(_hash(s) for s in styles)
    if attributes:
        style += " 'unsafe-hashes' " + " ".join(_hash(a) for a in attributes)
    return {"script": " ".join(_hash(s) for s in scripts), "style": style}
