"""Numbers in the page's language, escaping, and how wide a text will be once drawn."""

from __future__ import annotations

import html

from .. import textformat

NNBSP = textformat.NNBSP
FONT_PX = 13  # every label of a chart
TICK_PX = 12  # tick labels: the smallest text of any chart

# Advance widths of a typical sans-serif (DejaVu Sans, Roboto, Segoe UI) in ems, by character kind;
# generous, so the margins reserved from them hold the real text.
_NARROW = set("iljtfrI.,:;!|'()[]{}\u202f\u00a0 ")
_WIDE = set("mwMW@%—")


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def text_width(text: str, size: float = FONT_PX, mono: bool = False, bold: bool = False) -> float:
    """An upper estimate of the width in px of ``text`` drawn at ``size`` px."""
    if mono:
        return 0.62 * size * len(text)
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.34
        elif char in _WIDE:
            ems += 0.92
        elif char.isupper():
            ems += 0.76
        else:
            ems += 0.64
    return ems * size * (1.07 if bold else 1.0)


def fmt(value: float, lang: str, digits: int = 2) -> str:
    """A number in the page's language (``lectureutils.textformat``, the one formatting module)."""
    return textformat.number(value, lang, digits)


def percent(value: float, lang: str, digits: int = 0) -> str:
    """A fraction as a percentage; whole percents unless ``digits`` says otherwise."""
    return textformat.percent(value, lang, digits)
