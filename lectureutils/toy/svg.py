"""Figures as SVG text: the same drawing code serves the static figure and the live demo.

Heat maps (a model's answer over the whole plane) are small PNG images embedded in the SVG,
encoded with the standard library's ``zlib``, so no plotting library is needed in the browser.
Colours are the Okabe-Ito palette, readable with the common colour-vision deficiencies; classes
also differ by marker shape, so colour never carries the information alone.
"""

from __future__ import annotations

import base64
import html
import math
import struct
import zlib

import numpy as np

from .. import textformat

ORANGE = "#E69F00"
BLUE = "#0072B2"
GREEN = "#009E73"
PURPLE = "#CC79A7"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
INK = "#222222"
GRID = "#d0d0d0"
# Class colours and marker shapes, by label: binary sets use the first two (orange, blue).
CLASS_COLOURS = (ORANGE, BLUE, GREEN, PURPLE)
FOUR_CLASS_COLOURS = (PURPLE, GREEN, ORANGE, BLUE)  # plane, boat, cat, muffin
SHAPES = ("circle", "square", "triangle", "diamond")
FOUR_CLASS_SHAPES = ("triangle", "diamond", "circle", "square")

def esc(text) -> str:
    return html.escape(str(text), quote=True)


def _hex(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def png_data_uri(rgb: np.ndarray) -> str:
    """An RGB image (height × width × 3, values 0-255) as a ``data:image/png`` URI."""
    pixels = np.clip(np.asarray(rgb), 0, 255).astype(np.uint8)
    height, width, _ = pixels.shape
    raw = b"".join(b"\x00" + pixels[row].tobytes() for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def grid(resolution: int, low=-1.0, high=1.0) -> np.ndarray:
    """Points of a square grid, row by row from the top (y high) to the bottom."""
    xs = np.linspace(low, high, resolution)
    gx, gy = np.meshgrid(xs, xs[::-1])
    return np.column_stack([gx.ravel(), gy.ravel()])


def binary_colours(values: np.ndarray, resolution: int, low=0.0, high=1.0, strength=0.55) -> np.ndarray:
    """Orange where the value is low, blue where it is high, white in between."""
    t = (np.asarray(values, dtype=float).reshape(resolution, resolution) - low) / (high - low)
    t = np.clip(t, 0.0, 1.0)[..., None]
    white = np.array([255.0, 255.0, 255.0])
    side = np.where(t >= 0.5, _hex(BLUE), _hex(ORANGE))
    amount = np.abs(t - 0.5) * 2.0 * strength
    return white * (1 - amount) + side * amount


def class_colours(probabilities: np.ndarray, resolution: int, colours=FOUR_CLASS_COLOURS, strength=0.55):
    """Each cell takes the colour of its most probable class, paler where the model hesitates."""
    p = np.asarray(probabilities, dtype=float)
    winner = np.argmax(p, axis=1)
    confidence = (p.max(axis=1) - 1.0 / p.shape[1]) / (1.0 - 1.0 / p.shape[1])
    palette = np.array([_hex(c) for c in colours])
    amount = (np.clip(confidence, 0, 1) * strength)[:, None]
    rgb = 255.0 * (1 - amount) + palette[winner] * amount
    return rgb.reshape(resolution, resolution, 3)


class Figure:
    """An SVG canvas: panels are added as elements in user units of the viewBox."""

    def __init__(self, width: int, height: int, title: str, description: str, uid: str):
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self.uid = uid
        self.parts: list[str] = []

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x, y, content, size=12, anchor="start", weight="normal", colour=INK, extra=""):
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{colour}"{extra}>{esc(content)}</text>'
        )

    def render(self) -> str:
        t, d = f"{self.uid}-title", f"{self.uid}-desc"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'role="img" aria-labelledby="{t} {d}" class="lecture-demo__svg" '
            'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
            f'<title id="{t}">{esc(self.title)}</title><desc id="{d}">{esc(self.description)}</desc>'
            f'<rect width="{self.width}" height="{self.height}" fill="#ffffff"/>'
            + "".join(self.parts)
            + "</svg>"
        )


def marker(shape: str, cx: float, cy: float, r: float, fill: str, hollow=False) -> str:
    style = f'fill="#ffffff" stroke="{fill}" stroke-width="1.6"' if hollow else f'fill="{fill}" stroke="#ffffff" stroke-width="0.8"'
    if shape == "circle":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" {style}/>'
    if shape == "square":
        s = r * 0.9
        return f'<rect x="{cx - s:.1f}" y="{cy - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {style}/>'
    if shape == "triangle":
        s = r * 1.2
        points = f"{cx:.1f},{cy - s:.1f} {cx + s:.1f},{cy + s * 0.8:.1f} {cx - s:.1f},{cy + s * 0.8:.1f}"
        return f'<polygon points="{points}" {style}/>'
    s = r * 1.25
    points = f"{cx:.1f},{cy - s:.1f} {cx + s:.1f},{cy:.1f} {cx:.1f},{cy + s:.1f} {cx - s:.1f},{cy:.1f}"
    return f'<polygon points="{points}" {style}/>'


def plane_panel(fig: Figure, x, y, size, image_uri=None, points=(), caption=None, frame=True,
                axis_labels=None, marker_size=3.2):
    """A square view of [-1, 1]²: a heat map, then the points ``(X, labels, colours, shapes, hollow)``."""
    if image_uri:
        fig.add(
            f'<image x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" '
            f'preserveAspectRatio="none" href="{image_uri}"/>'
        )
    for X, labels, colours, shapes, hollow in points:
        r = marker_size * size / 300 if size < 150 else marker_size
        for (px, py), label in zip(np.asarray(X), np.asarray(labels)):
            cx = x + (px + 1) / 2 * size
            cy = y + (1 - py) / 2 * size
            fig.add(marker(shapes[int(label)], cx, cy, max(r, 1.2), colours[int(label)], hollow))
    if frame:
        fig.add(f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" fill="none" stroke="#888"/>')
    if caption:
        fig.text(x + size / 2, y + size + 14, caption, size=11, anchor="middle")
    if axis_labels:
        fig.text(x + size / 2, y + size + 28, axis_labels[0], size=11, anchor="middle", colour="#555")
        fig.text(x - 6, y + size / 2, axis_labels[1], size=11, anchor="middle", colour="#555",
                 extra=f' transform="rotate(-90 {x - 6:.1f} {y + size / 2:.1f})"')


def line_chart(fig: Figure, x, y, width, height, series, lang, x_label="", y_label="",
               y_max=None, y_min=0.0, x_max=None, markers=(), percent_axis=False):
    """Curves ``(values, colour, dash, label)`` over steps 0, 1, 2…; ``markers`` are vertical lines
    ``(step, colour, label)``."""
    longest = max([len(values) for values, *_ in series] + [2])
    x_max = max(x_max or 0, longest - 1, 1)
    finite = [v for values, *_ in series for v in values if v is not None and math.isfinite(v)]
    top = y_max if y_max is not None else (max(finite) * 1.05 if finite else 1.0)
    top = top if top > y_min else y_min + 1.0
    fig.add(f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="#fafafa" stroke="#888"/>')
    for k in range(5):
        value = y_min + (top - y_min) * k / 4
        gy = y + height - height * k / 4
        fig.add(f'<line x1="{x}" y1="{gy:.1f}" x2="{x + width}" y2="{gy:.1f}" stroke="{GRID}" stroke-width="0.6"/>')
        label = textformat.percent(value, lang, 0) if percent_axis else textformat.number(value, lang, 2 if top < 10 else 0)
        fig.text(x - 4, gy + 4, label, size=10, anchor="end", colour="#555")
    fig.text(x, y + height + 13, "0", size=10, anchor="middle", colour="#555")
    fig.text(x + width, y + height + 13, textformat.number(x_max, lang, 0), size=10, anchor="middle", colour="#555")
    if x_label:
        fig.text(x + width / 2, y + height + 26, x_label, size=11, anchor="middle", colour="#555")
    if y_label:
        fig.text(x, y - 6, y_label, size=11, colour="#555")

    def px(step):
        return x + width * step / x_max

    def py(value):
        value = min(max(value, y_min), top)
        return y + height - height * (value - y_min) / (top - y_min)

    for step, colour, label in markers:
        if step is None:
            continue
        mx = px(min(step, x_max))
        fig.add(f'<line x1="{mx:.1f}" y1="{y}" x2="{mx:.1f}" y2="{y + height}" stroke="{colour}" stroke-width="1.2" stroke-dasharray="2 3"/>')
    legend_y = y + 14
    for values, colour, dash, label in series:
        points = [(px(i), py(v)) for i, v in enumerate(values) if v is not None and math.isfinite(v)]
        if len(points) > 400:  # keep the SVG light: thin long curves
            stride = math.ceil(len(points) / 400)
            points = points[::stride] + [points[-1]]
        if len(points) == 1:
            fig.add(f'<circle cx="{points[0][0]:.1f}" cy="{points[0][1]:.1f}" r="2" fill="{colour}"/>')
        elif points:
            path = " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            fig.add(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        if label:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            fig.add(f'<line x1="{x + 8}" y1="{legend_y - 4}" x2="{x + 30}" y2="{legend_y - 4}" stroke="{colour}" stroke-width="2"{dash_attr}/>')
            fig.text(x + 34, legend_y, label, size=11)
            legend_y += 15
    for step, colour, label in markers:
        if step is None or not label:
            continue
        fig.add(f'<line x1="{x + 8}" y1="{legend_y - 4}" x2="{x + 30}" y2="{legend_y - 4}" stroke="{colour}" stroke-width="1.2" stroke-dasharray="2 3"/>')
        fig.text(x + 34, legend_y, label, size=11)
        legend_y += 15
