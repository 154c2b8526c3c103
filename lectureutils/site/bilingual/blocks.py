"""A rendered chapter cut into sections (one per ``h2``) and top-level blocks.

A block is one top-level element of the page's content: a paragraph, a list, a table, an
admonition, a figure, a code listing, a lower heading. Blocks keep their exact HTML, so that the
side-by-side page shows what the chapter shows. An author's pairing marker (an HTML comment
``<!-- pair -->`` on its own line between two blocks, see CONTRIBUTING.md) is kept as a
:class:`Marker` in the block sequence.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

MARKER_TEXT = "pair"
"""``<!-- pair -->``: the author's explicit cut between groups of blocks that correspond."""

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


@dataclass(frozen=True)
class Block:
    html: str
    tag: str
    classes: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """What the reader sees: ``paragraph``, ``list``, ``table``, ``admonition``, ``figure``,
        ``code``, ``output`` (a snippet's), ``result`` (a real-model computation's), ``demo`` (a
        live demo), ``heading``, ``definitions``, ``quote``, ``rule`` or ``block``."""
        tag, classes = self.tag, set(self.classes)
        if tag == "p":
            # A paragraph holding only an image or an inline figure is a figure.
            inner = re.sub(r"\s+", "", plain_text(self.html))
            if not inner and re.search(r"<(img|svg)\b", self.html):
                return "figure"
            return "paragraph"
        if tag in ("ul", "ol"):
            return "list"
        if tag == "table":
            return "table"
        if tag in ("h3", "h4", "h5", "h6"):
            return "heading"
        if tag == "dl":
            return "definitions"
        if tag == "blockquote":
            return "quote"
        if tag == "hr":
            return "rule"
        if tag == "figure" or "lecture-figure" in classes:
            return "figure"
        if tag == "pre" or classes & {"highlight", "lecture-snippet", "lecture-code"}:
            return "code"
        if tag == "details" or classes & {"admonition"}:
            return "admonition"
        if tag == "div" and "md-typeset__table" in classes:
            return "table"
        if "lecture-output" in classes:
            return "output"
        # A live demo, on its own or inside a computation's block (the tokeniser playground).
        if "lecture-demo" in classes or (
            tag in ("div", "section") and re.search(r'class="lecture-demo[\s"]', self.html)
        ):
            return "demo"
        if "lecture-compute" in classes:
            return "result"
        return "block"

    def text(self) -> str:
        return plain_text(self.html)


@dataclass(frozen=True)
class Marker:
    """An author's ``<!-- pair -->``."""


@dataclass(frozen=True)
class Asset:
    """A top-level ``<link>``, ``<script>`` or ``<style>`` a block needs (a demo's stylesheet)."""

    html: str


@dataclass
class Section:
    anchor: str
    """The ``h2`` id (``""`` for the part of the page before the first ``h2``)."""
    heading: str
    """The ``h2`` element itself (``""`` before the first one)."""
    title: str
    items: list[Block | Marker | Asset] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return [item for item in self.items if isinstance(item, Block)]

    @property
    def assets(self) -> list[Asset]:
        return [item for item in self.items if isinstance(item, Asset)]


def plain_text(fragment: str) -> str:
    """The text a reader reads: tags, permalinks, glossary tooltips and scripts dropped."""
    fragment = _HEADERLINK.sub("", fragment)
    fragment = re.sub(r'<span class="lecture-term__tip"[^>]*>.*?</span></span>', "</span>", fragment,
                      flags=re.DOTALL)
    fragment = re.sub(r"<(script|style)\b.*?</\1>", "", fragment, flags=re.DOTALL)
    fragment = re.sub(r"<!--.*?-->", "", fragment, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return " ".join(text.split())


class _TopLevel(HTMLParser):
    """Offsets of the top-level elements and comments of a fragment."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.depth = 0
        self.start: int | None = None
        self.tag = ""
        self.attrs: dict[str, str] = {}
        self.found: list[tuple[str, dict[str, str], int, int] | tuple[str, int, int]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start = self.position()
            self.tag = tag
            self.attrs = {name: value or "" for name, value in attrs}
        if tag in _VOID:
            if self.depth == 0:
                self.found.append((tag, self.attrs, self.start, self.position() + len(self.get_starttag_text())))
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            start = self.position()
            self.found.append((tag, {n: v or "" for n, v in attrs}, start, start + len(self.get_starttag_text())))

    def handle_endtag(self, tag):
        if tag in _VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0 and self.start is not None:
            end = self.source.index(">", self.position()) + 1
            self.found.append((self.tag, self.attrs, self.start, end))
            self.start = None

    def handle_comment(self, data):
        if self.depth == 0:
            start = self.position()
            self.found.append(("#comment", {"text": data.strip()}, start, start + len(data) + 7))


def top_level(fragment: str) -> list[Block | Marker | Asset]:
    """The top-level blocks of a fragment of content, with the pairing markers among them."""
    parser = _TopLevel(fragment)
    parser.feed(fragment)
    parser.close()
    items: list[Block | Marker | Asset] = []
    for tag, attrs, start, end in parser.found:
        if tag == "#comment":
            if attrs["text"] == MARKER_TEXT:
                items.append(Marker())
            continue
        if tag in ("script", "style", "link"):
            items.append(Asset(html=fragment[start:end]))
            continue
        classes = tuple(attrs.get("class", "").split())
        items.append(Block(html=fragment[start:end], tag=tag, classes=classes))
    return items


_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.DOTALL)
_H2 = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h2>', re.DOTALL)


def title_of(content: str) -> str:
    match = _H1.search(content)
    return plain_text(match.group(0)) if match else ""


def sections(content: str) -> list[Section]:
    """The page's sections in order: what precedes the first ``h2`` (without the ``h1``), then
    one per ``h2``."""
    content = _H1.sub("", content, count=1)
    result = []
    cuts = list(_H2.finditer(content))
    result.append(Section(anchor="", heading="", title="", items=top_level(content[: cuts[0].start()] if cuts else content)))
    for number, match in enumerate(cuts):
        end = cuts[number + 1].start() if number + 1 < len(cuts) else len(content)
        result.append(Section(anchor=match.group("id"), heading=match.group(0),
                              title=plain_text(match.group("inner")),
                              items=top_level(content[match.end():end])))
    return result
