"""How a snippet hands a figure to the page that includes it.

At build time the engine sets ``LECTUREUTILS_FIGURE_DIR`` and shows every SVG written there under
the snippet's output. A reader who runs the snippet by hand gets the SVG file in the current
folder instead, to open in a browser.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

FIGURE_DIR_VARIABLE = "LECTUREUTILS_FIGURE_DIR"


def save(svg: str, name: str = "figure") -> Path:
    """Write one SVG figure and return its path.

    The SVG must carry a ``<title>`` (its accessible name): the page shows it as an image.
    """
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ValueError(f"figure name {name!r}: use letters, digits, '-' or '_' only")
    if "<svg" not in svg or "<title" not in svg:
        raise ValueError("a figure must be an <svg> element with a <title> naming what it shows")
    folder = Path(os.environ.get(FIGURE_DIR_VARIABLE, "."))
    path = folder / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path
