"""A square map of a two-feature plane: the model's answer as a heat map, the examples as markers."""

from __future__ import annotations

from .axes import Axes
from .svg import Canvas, marker
from .text import FONT_PX

# The plane shown is a little larger than the data's [-1, 1]², so no example sits on the frame.
EXTENT = 1.15


def plane_panel(uid: str, title: str, size: float, image_uri: str | None, point_sets=(),
                axis_titles=("", ""), marker_size: float = 3.2, extent: float = EXTENT,
                description: str = "") -> str:
    """``point_sets``: ``(X, labels, colours, shapes, hollow)``; a marker's colour and shape come from
    its label, ``hollow`` is one flag for the set or one per point. ``image_uri`` should be computed
    on ``grid(resolution, -extent, extent)``."""
    x_title, y_title = axis_titles
    height = size + (FONT_PX + 10 if x_title else 2)
    width = size + (FONT_PX + 10 if y_title else 2)
    canvas = Canvas(width, height, title, uid, description)
    axes = Axes(canvas, (0, 0, width, height), (-extent, extent), (-extent, extent), x_title=x_title,
                y_title=y_title, x_numbers=False, y_numbers=False, grid=False, background=None)
    if image_uri:
        axes.image(image_uri)
    for X, labels, colours, shapes, hollow in point_sets:
        flags = hollow if isinstance(hollow, (list, tuple)) or hasattr(hollow, "__len__") else [hollow] * len(labels)
        for (fx, fy), label, empty in zip(X, labels, flags):
            axes.mark(marker(shapes[int(label)], axes.px(float(fx)), axes.py(float(fy)), marker_size,
                             colours[int(label)], bool(empty)))
    axes.finish()
    return canvas.render()


def thumbnail(uid: str, title: str, size: float, image_uri: str) -> str:
    """A small heat map without axes (one hidden neuron's answer over the plane)."""
    canvas = Canvas(size, size, title, uid)
    canvas.add(f'<image x="0" y="0" width="{size}" height="{size}" preserveAspectRatio="none" href="{image_uri}"/>')
    canvas.add(f'<rect x="0.5" y="0.5" width="{size - 1}" height="{size - 1}" fill="none" stroke="#8a8a8a"/>')
    return canvas.render()
