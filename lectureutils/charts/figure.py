"""A figure as HTML: title above, SVG panels that wrap, then the legend and notes as text."""

from __future__ import annotations

from dataclasses import dataclass

from .svg import marker
from .text import esc


@dataclass(frozen=True)
class LegendItem:
    """One legend entry: a line (``dash`` "" for solid), a marker (``shape``), or a filled box."""

    label: str
    colour: str
    kind: str = "line"  # "line", "marker", "box" or "vline"
    dash: str = ""
    shape: str = "circle"
    hollow: bool = False

    def swatch(self) -> str:
        if self.kind == "marker":
            body = marker(self.shape, 11, 8, 5, self.colour, self.hollow)
        elif self.kind == "box":
            body = f'<rect x="3" y="2" width="16" height="12" fill="{self.colour}"/>'
        else:
            width = 1.4 if self.kind == "vline" else 2.5
            dash = self.dash or ("2 3" if self.kind == "vline" else "")
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            body = f'<line x1="0" y1="8" x2="22" y2="8" stroke="{self.colour}" stroke-width="{width}"{dash_attr}/>'
        return (f'<svg class="lecture-chart__swatch" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true" '
                f'focusable="false">{body}</svg>')


class Figure:
    """Build with :meth:`panel`, :meth:`legend` and :meth:`note`, then :meth:`render`."""

    def __init__(self, title: str, css_class: str = ""):
        self.title = title
        self.css_class = css_class
        self.panels: list[str] = []
        self.items: list[LegendItem] = []
        self.notes: list[str] = []

    def panel(self, svg: str, narrow_svg: str | None = None, caption: str = "") -> Figure:
        """A panel; ``narrow_svg``, when given, replaces it on a phone; ``caption`` is a short
        heading drawn above it as HTML."""
        head = f'<p class="lecture-chart__panel-title">{esc(caption)}</p>' if caption else ""
        if narrow_svg is None:
            self.panels.append(f'<div class="lecture-chart__panel">{head}{svg}</div>')
        else:
            self.panels.append(
                f'<div class="lecture-chart__panel lecture-chart__panel--wide">{head}{svg}</div>'
                f'<div class="lecture-chart__panel lecture-chart__panel--narrow">{head}{narrow_svg}</div>'
            )
        return self

    def legend(self, *items: LegendItem) -> Figure:
        self.items.extend(items)
        return self

    def note(self, text: str, html: bool = False, css_class: str = "") -> Figure:
        """A line of text under the figure (escaped unless ``html``)."""
        extra = f" {css_class}" if css_class else ""
        self.notes.append(f'<p class="lecture-chart__note{extra}">{text if html else esc(text)}</p>')
        return self

    def block(self, html: str) -> Figure:
        """A block of HTML under the figure (a small table)."""
        self.notes.append(f'<div class="lecture-chart__block">{html}</div>')
        return self

    def render(self) -> str:
        legend = ""
        if self.items:
            legend = '<ul class="lecture-chart__legend">' + "".join(
                f"<li>{item.swatch()}{esc(item.label)}</li>" for item in self.items) + "</ul>"
        extra = f" {self.css_class}" if self.css_class else ""
        title = f'<p class="lecture-chart__title">{esc(self.title)}</p>' if self.title else ""
        # lecture-no-terms: the glossary leaves figures alone (a dotted term in an axis title reads as noise).
        return (f'<div class="lecture-chart lecture-no-terms{extra}">{title}'
                f'<div class="lecture-chart__panels">{"".join(self.panels)}</div>'
                f'{legend}{"".join(self.notes)}</div>')
