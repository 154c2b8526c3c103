"""Horizontal bar charts: one bar per label, or groups of bars, on an axis with a fixed maximum.

The axis maximum is given by the caller, never taken from the data alone: two charts compared in
the prose (two models' probabilities) then draw the same value at the same length.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .axes import Axes
from .svg import BLUE, INK, PALETTE, Canvas
from .text import FONT_PX, TICK_PX, text_width

ROW = 24
_GAP = 6


def _fit(text: str, limit: float, mono: bool) -> str:
    """``text`` shortened with an ellipsis to fit ``limit`` px (the full text is in the data table)."""
    if text_width(text, FONT_PX, mono) <= limit:
        return text
    while text and text_width(text + "…", FONT_PX, mono) > limit:
        text = text[:-1]
    return text + "…"


def bar_panel(uid: str, title: str, description: str, labels: Sequence[str], values: Sequence[float],
              value_labels: Sequence[str], axis_max: float, width: float, axis_format: Callable[[float], str],
              ticks: Sequence[float], colour: str = BLUE, mono_labels: bool = True) -> str:
    """One bar per label, labels on the left, each value written after its bar."""
    label_room = min(max((text_width(label, FONT_PX, mono_labels) for label in labels), default=20),
                     width * 0.4)
    value_room = max((text_width(v, FONT_PX) for v in value_labels), default=20) + _GAP
    height = ROW * len(labels) + TICK_PX + _GAP + 8
    canvas = Canvas(width, height, title, uid, description)
    x0 = 2 + label_room + _GAP
    axes = Axes(canvas, (x0, 0, width - x0 - value_room, height), (0, axis_max), (0, len(labels)),
                x_format=axis_format, x_ticks=ticks, y_numbers=False, background=None, frame=False)
    for index, (label, value, shown) in enumerate(zip(labels, values, value_labels)):
        top = axes.y + index * ROW
        length = max(1.0, axes.px(min(value, axis_max)) - axes.px(0))
        canvas.text(2 + label_room, top + ROW / 2, _fit(label, label_room, mono_labels), anchor="end",
                    mono=mono_labels, baseline="middle")
        canvas.add(f'<rect x="{axes.px(0):.1f}" y="{top + 3:.1f}" width="{length:.1f}" height="{ROW - 6}" '
                   f'fill="{colour}"/>')
        canvas.text(axes.px(0) + length + _GAP, top + ROW / 2, shown, colour=INK, baseline="middle")
    canvas.add(f'<line x1="{axes.px(0):.1f}" y1="{axes.y:.1f}" x2="{axes.px(0):.1f}" '
               f'y2="{axes.y + axes.height:.1f}" stroke="{INK}"/>')
    axes.finish()
    return canvas.render()


def grouped_bar_panel(uid: str, title: str, description: str, groups: Sequence[str], values, value_labels,
                      axis_max: float, width: float, axis_format: Callable[[float], str],
                      ticks: Sequence[float], colours: Sequence[str] = PALETTE) -> str:
    """``values[g][s]``: each group's name on its own line above its bars, one bar per series; the
    series are named in the figure's legend (HTML), by colour and order."""
    series = len(values[0]) if values else 0
    bar = 18
    group_height = FONT_PX + 8 + bar * series + 10
    value_room = max((text_width(v, FONT_PX) for row in value_labels for v in row), default=20) + _GAP
    height = group_height * len(groups) + TICK_PX + _GAP + 8
    canvas = Canvas(width, height, title, uid, description)
    axes = Axes(canvas, (4, 0, width - 4 - value_room, height), (0, axis_max), (0, 1),
                x_format=axis_format, x_ticks=ticks, y_numbers=False, background=None, frame=False)
    for g, group in enumerate(groups):
        top = axes.y + g * group_height
        canvas.text(axes.px(0), top + FONT_PX, _fit(group, axes.width, False), weight="bold")
        for s in range(series):
            y = top + FONT_PX + 8 + s * bar
            length = max(1.0, axes.px(min(values[g][s], axis_max)) - axes.px(0))
            canvas.add(f'<rect x="{axes.px(0):.1f}" y="{y + 1:.1f}" width="{length:.1f}" height="{bar - 3}" '
                       f'fill="{colours[s % len(colours)]}"/>')
            canvas.text(axes.px(0) + length + _GAP, y + bar / 2, value_labels[g][s], baseline="middle")
    axes.finish()
    return canvas.render()
