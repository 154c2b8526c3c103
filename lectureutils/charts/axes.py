"""Axes: a plot area with margins reserved for its labels, round ticks, marks clipped to it."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from .svg import GRID, MUTED, Canvas, marker
from .text import FONT_PX, TICK_PX, text_width

_GAP = 6  # between a tick label and the plot, or between a label and the next


def nice_ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering [low, high], at most ``most``.

    A step of exactly 2.5 is skipped: its ticks (2.5, 7.5) fall between whole numbers on an axis
    of whole units, and a label written without decimals would read 0, 2, 5, 8, 10.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if math.isclose(step, 2.5):
            continue
        first = math.floor(low / step + 1e-9) * step
        last = math.ceil(high / step - 1e-9) * step
        if round((last - first) / step) + 1 <= most:
            break
    count = int(round((last - first) / step)) + 1
    return [round(first + k * step, 10) for k in range(count)]


class Axes:
    """A plot in ``box = (x, y, width, height)`` of ``canvas``: the box holds the tick labels and
    axis titles too, so nothing is drawn outside it.

    Ticks are round values; the domain grows to the outer ticks unless ``x_ticks``/``y_ticks`` are
    given (then the domain is exactly their range). ``x_format``/``y_format`` write a tick's value.
    With ``ticks=False`` an axis has no numbers (a plane of features: only its title).
    """

    def __init__(self, canvas: Canvas, box, x_domain, y_domain, x_title: str = "", y_title: str = "",
                 x_format: Callable[[float], str] = str, y_format: Callable[[float], str] = str,
                 x_ticks: Sequence[float] | None = None, y_ticks: Sequence[float] | None = None,
                 x_numbers: bool = True, y_numbers: bool = True, grid: bool = True,
                 background: str | None = "#fafafa", frame: bool = True):
        self.canvas = canvas
        x, y, width, height = box
        self.x_ticks = list(x_ticks) if x_ticks is not None else (nice_ticks(*x_domain) if x_numbers else [])
        self.y_ticks = list(y_ticks) if y_ticks is not None else (nice_ticks(*y_domain, most=6) if y_numbers else [])
        self.x_domain = (min(self.x_ticks[0], x_domain[0]), max(self.x_ticks[-1], x_domain[1])) if self.x_ticks else tuple(x_domain)
        self.y_domain = (min(self.y_ticks[0], y_domain[0]), max(self.y_ticks[-1], y_domain[1])) if self.y_ticks else tuple(y_domain)
        x_labels = [x_format(v) for v in self.x_ticks] if x_numbers else []
        y_labels = [y_format(v) for v in self.y_ticks] if y_numbers else []
        left = (max((text_width(t, TICK_PX) for t in y_labels), default=0) + _GAP if y_labels else 2)
        left += FONT_PX + _GAP if y_title else 0
        right = max(text_width(x_labels[-1], TICK_PX) / 2 + 2, 4) if x_labels else 4
        top = TICK_PX * 0.8 + 2 if y_labels else 2
        bottom = (TICK_PX + _GAP if x_labels else 2) + (FONT_PX + _GAP if x_title else 0) + 2
        if x_labels:
            left = max(left, text_width(x_labels[0], TICK_PX) / 2 + 2)
        self.x, self.y = x + left, y + top
        self.width, self.height = width - left - right, height - top - bottom
        self.clip = canvas.new_id("clip")
        canvas.add(f'<defs><clipPath id="{self.clip}"><rect x="{self.x:.1f}" y="{self.y:.1f}" '
                   f'width="{self.width:.1f}" height="{self.height:.1f}"/></clipPath></defs>')
        if background:
            canvas.add(f'<rect x="{self.x:.1f}" y="{self.y:.1f}" width="{self.width:.1f}" '
                       f'height="{self.height:.1f}" fill="{background}"/>')
        for value, label in zip(self.x_ticks, x_labels or [None] * len(self.x_ticks)):
            gx = self.px(value)
            if grid:
                canvas.add(f'<line x1="{gx:.1f}" y1="{self.y:.1f}" x2="{gx:.1f}" y2="{self.y + self.height:.1f}" '
                           f'stroke="{GRID}" stroke-width="0.8"/>')
            if label is not None:
                canvas.text(gx, self.y + self.height + _GAP + TICK_PX * 0.8, label, size=TICK_PX,
                            anchor="middle", colour=MUTED)
        for value, label in zip(self.y_ticks, y_labels or [None] * len(self.y_ticks)):
            gy = self.py(value)
            if grid:
                canvas.add(f'<line x1="{self.x:.1f}" y1="{gy:.1f}" x2="{self.x + self.width:.1f}" y2="{gy:.1f}" '
                           f'stroke="{GRID}" stroke-width="0.8"/>')
            if label is not None:
                canvas.text(self.x - _GAP, gy + TICK_PX * 0.35, label, size=TICK_PX, anchor="end", colour=MUTED)
        if x_title:
            canvas.text(self.x + self.width / 2, y + height - 4, x_title, anchor="middle", colour=MUTED)
        if y_title:
            canvas.text(x + FONT_PX - 1, self.y + self.height / 2, y_title, anchor="middle", colour=MUTED,
                        rotate=True)
        self._frame = frame
        self._marks: list[str] = []

    # -- coordinates ----------------------------------------------------------------------------
    def px(self, value: float) -> float:
        low, high = self.x_domain
        return self.x + self.width * (value - low) / ((high - low) or 1.0)

    def py(self, value: float) -> float:
        low, high = self.y_domain
        return self.y + self.height - self.height * (value - low) / ((high - low) or 1.0)

    # -- marks, clipped to the plot area --------------------------------------------------------
    def mark(self, element: str) -> None:
        self._marks.append(element)

    def line(self, xs, ys, colour: str, dash: str = "", width: float = 2.0, max_points: int = 400) -> None:
        points = [(self.px(a), self.py(b)) for a, b in zip(xs, ys)
                  if a is not None and b is not None and math.isfinite(a) and math.isfinite(b)]
        if len(points) > max_points:  # keep the SVG light: thin long curves
            stride = math.ceil(len(points) / max_points)
            points = points[::stride] + [points[-1]]
        if len(points) == 1:
            self.mark(f'<circle cx="{points[0][0]:.1f}" cy="{points[0][1]:.1f}" r="2.5" fill="{colour}"/>')
        elif points:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            path = " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
            self.mark(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}" '
                      f'stroke-linejoin="round"{dash_attr}/>')

    def steps_line(self, values, colour: str, dash: str = "", width: float = 2.0) -> None:
        """Values at steps 0, 1, 2…"""
        self.line(range(len(values)), values, colour, dash, width)

    def vline(self, value: float, colour: str, dash: str = "2 3", width: float = 1.4) -> None:
        gx = self.px(value)
        self.mark(f'<line x1="{gx:.1f}" y1="{self.y:.1f}" x2="{gx:.1f}" y2="{self.y + self.height:.1f}" '
                  f'stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}"/>')

    def points(self, xs, ys, colours, shapes, radius: float = 3.5, hollow: bool = False) -> None:
        """Markers; ``colours`` and ``shapes`` are one per point."""
        for a, b, colour, shape in zip(xs, ys, colours, shapes):
            self.mark(marker(shape, self.px(a), self.py(b), radius, colour, hollow))

    def image(self, uri: str) -> None:
        """An image covering the whole plot area (a heat map of the domain)."""
        self.mark(f'<image x="{self.x:.1f}" y="{self.y:.1f}" width="{self.width:.1f}" height="{self.height:.1f}" '
                  f'preserveAspectRatio="none" href="{uri}"/>')

    def finish(self) -> None:
        """Draw the marks (clipped) and the frame over them; call once, after the marks."""
        self.canvas.add(f'<g clip-path="url(#{self.clip})">' + "".join(self._marks) + "</g>")
        if self._frame:
            self.canvas.add(f'<rect x="{self.x:.1f}" y="{self.y:.1f}" width="{self.width:.1f}" '
                            f'height="{self.height:.1f}" fill="none" stroke="#8a8a8a"/>')
        self._marks = []




def padded(low: float, high: float, fraction: float = 0.08) -> tuple[float, float]:
    """A domain a little wider than the data, so no mark sits on the frame."""
    span = (high - low) or (abs(high) or 1.0)
    return low - span * fraction, high + span * fraction
