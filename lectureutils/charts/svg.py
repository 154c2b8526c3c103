"""An SVG panel drawn at its natural size, markers, and heat maps as small embedded PNG images.

Heat maps (a model's answer over a whole plane) are PNG images encoded with the standard library's
``zlib``, so no plotting library is needed in the browser.
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np

from .text import FONT_PX, esc

ORANGE = "#E69F00"
BLUE = "#0072B2"
GREEN = "#009E73"
PURPLE = "#CC79A7"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
YELLOW = "#F0E442"
INK = "#222222"
MUTED = "#555555"  # secondary text: 7.5:1 on white
GREY = "#767676"
GRID = "#d9d9d9"
PALETTE = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW, "#000000")
# Class colours and marker shapes, by label: binary sets use the first two (orange, blue).
CLASS_COLOURS = (ORANGE, BLUE, GREEN, PURPLE)
FOUR_CLASS_COLOURS = (PURPLE, GREEN, ORANGE, BLUE)  # plane, boat, cat, muffin
SHAPES = ("circle", "square", "triangle", "diamond")
FOUR_CLASS_SHAPES = ("triangle", "diamond", "circle", "square")
FONT_FAMILY = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
MONO_FAMILY = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"


class Canvas:
    """One SVG panel: ``width`` × ``height`` user units, shown at that many CSS px (never more)."""

    def __init__(self, width: float, height: float, title: str, uid: str, description: str = ""):
        self.width = float(width)
        self.height = float(height)
        self.title = title
        self.description = description
        self.uid = uid
        self.parts: list[str] = []
        self._ids = 0

    def new_id(self, kind: str) -> str:
        self._ids += 1
        return f"{self.uid}-{kind}{self._ids}"

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x, y, content, size=FONT_PX, anchor="start", weight="normal", colour=INK,
             mono=False, rotate=False, baseline="auto") -> None:
        """A label; ``y`` is its baseline (or its middle with ``baseline="middle"``); ``rotate``
        turns it a quarter left, reading upwards (a y-axis title)."""
        extra = f' font-family="{MONO_FAMILY}"' if mono else ""
        if rotate:
            extra += f' transform="rotate(-90 {x:.1f} {y:.1f})"'
        if baseline != "auto":
            extra += f' dominant-baseline="{baseline}"'
        if weight != "normal":
            extra += f' font-weight="{weight}"'
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{colour}"'
            f'{extra} xml:space="preserve">{esc(content)}</text>'
        )

    def render(self, css_class: str = "lecture-chart__svg") -> str:
        t, d = f"{self.uid}-title", f"{self.uid}-desc"
        labelled = f"{t} {d}" if self.description else t
        desc = f'<desc id="{d}">{esc(self.description)}</desc>' if self.description else ""
        w, h = f"{self.width:g}", f"{self.height:g}"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            f'role="img" aria-labelledby="{labelled}" class="{css_class}" font-family="{FONT_FAMILY}">'
            f'<title id="{t}">{esc(self.title)}</title>{desc}'
            f'<rect width="{w}" height="{h}" fill="#ffffff"/>'
            + "".join(self.parts)
            + "</svg>"
        )


def marker(shape: str, cx: float, cy: float, r: float, fill: str, hollow=False) -> str:
    style = (f'fill="#ffffff" stroke="{fill}" stroke-width="1.6"' if hollow
             else f'fill="{fill}" stroke="#ffffff" stroke-width="0.8"')
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


def _hex(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def png_data_uri(rgb: np.ndarray) -> str:
    """An RGB image (height × width × 3, values 0-255) as a ``data:image/png`` URI."""
    pixels = np.clip(np.asarray(rgb), 0, 255).astype(np.uint8)
    height, width, _ = pixels.shape
    # Each row as its difference from the row above (PNG filter 2, "Up"): the smooth maps of the
    # demos then compress to about three quarters of the unfiltered size.
    up = pixels.copy()
    up[1:] -= pixels[:-1]  # uint8 arithmetic wraps modulo 256, as the filter is defined
    raw = b"".join(b"\x02" + up[row].tobytes() for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
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

