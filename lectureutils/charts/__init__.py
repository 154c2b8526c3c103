"""One chart layout for every figure of the lecture: the toy demos' figures and the real-model charts.

Pure Python and numpy (it runs in the browser under Pyodide with the toy demos). The rules every
figure follows, whichever drew it:

- a figure is HTML (:class:`Figure`): its title above, then one or more SVG panels that sit side by
  side where there is room and stack on a phone, then its legend and notes as HTML text, which wraps;
- a panel is drawn at its natural size, one SVG unit per CSS pixel, and never scaled up: text is
  13 px (tick labels 12 px) at every width; a panel wider than a phone also has a narrow variant
  (:meth:`Figure.panel`), the stylesheet shows the one that fits;
- axes (:class:`Axes`) reserve their margins for tick labels and titles from the measured text, put
  ticks on round values (:func:`nice_ticks`), and clip their marks to the plot area;
- colours are Okabe and Ito's (safe for the common colour-vision deficiencies), and classes also
  differ by marker shape.
"""

from . import text
from .axes import Axes, nice_ticks, padded
from .bars import bar_panel, grouped_bar_panel
from .figure import Figure, LegendItem
from .plane import EXTENT, plane_panel, thumbnail
from .svg import (
    BLUE,
    CLASS_COLOURS,
    FOUR_CLASS_COLOURS,
    FOUR_CLASS_SHAPES,
    GREEN,
    GREY,
    GRID,
    INK,
    MUTED,
    ORANGE,
    PALETTE,
    PURPLE,
    SHAPES,
    SKY,
    VERMILLION,
    Canvas,
    binary_colours,
    grid,
    marker,
    png_data_uri,
)
from .text import NNBSP, esc, fmt, percent, text_width

__all__ = [
    "Axes", "BLUE", "EXTENT", "plane_panel", "thumbnail", "CLASS_COLOURS", "Canvas", "FOUR_CLASS_COLOURS", "FOUR_CLASS_SHAPES", "Figure", "GREEN",
    "GREY", "GRID", "INK", "LegendItem", "MUTED", "NNBSP", "ORANGE", "PALETTE", "PURPLE", "SHAPES", "SKY",
    "VERMILLION", "bar_panel", "binary_colours", "esc", "fmt", "grid", "grouped_bar_panel",
    "marker", "nice_ticks", "padded", "percent", "png_data_uri", "text", "text_width",
]
