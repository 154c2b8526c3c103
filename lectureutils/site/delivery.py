"""What a first visit downloads: our stylesheets and scripts minified, Material's stylesheet trimmed.

Used by the ``lecture`` plugin (``lectureutils.site.plugin``) once both languages are built, on the
built site only (``docs/assets`` stays readable, with its comments):

- ``minify_own_assets``: every ``.css`` and ``.js`` file of ``docs/assets`` is copied by MkDocs
  as written, comments and indentation included; its built copy is minified in place (``rcssmin``,
  ``rjsmin``: whitespace and comments only, no renaming, so the code stays what was tested).
  About a third of our assets' gzip size on every page.
- ``trimmed_theme_sheets``: Material's ``main.*.min.css`` (140 kB) styles every feature of the
  theme (blog, tags, tabs, consent banner, repository facts...). The rules whose class selectors
  name a class that no built page writes and no script of the site can write (any word of a
  ``.js`` file counts, and a class built from a template prefix, ``md-tag--${...}``, keeps every
  class with that prefix) cannot match anything and are dropped. The trimmed sheet gets a name of
  its own, ``main.<Material's hash>.<ours>.min.css``, and every page links to it: a host may cache
  hashed assets forever, so a sheet whose content follows the pages must change name when it
  changes. Material's sheet stays next to it, unchanged, for anything that links it directly.
  Its sibling rules lose their universal subject (``lectureutils.site.sibling_rules``).
- ``figures_as_images``: a chart (``lectureutils.charts``: one self-contained SVG per panel, its
  colours and fonts written in it, a data table beside it) is written once to
  ``assets/figures/<hash>.svg`` and the page shows it as ``<img loading="lazy">`` with the
  chart's title and description as its text: a chapter no longer carries every figure (twice,
  the wide and the narrow drawing) in its HTML; the browser fetches a figure when the reader
  nears it, the hidden drawing never, and a figure shared by pages is fetched once. The
  printable edition keeps its figures inline (a printed page must hold all of them). A live
  demo's first figure (the state drawn at build time by the same Python as the demo) is an image
  like any other: the demo's script replaces the whole canvas with its live drawing once the
  reader starts it (``docs/assets/demos/demos.js``, ``show``). Inline, the reseaux-neurones
  demo's drawing weighed 13 kB gzip of its page's first visit.

The steps that rewrite pages run as one pass (``rewrite_pages``): each page is read once, the
page transforms (``bundling.link_bundles``, ``figures_as_images``, ``listings.fold_listings``, then
``link_trimmed_sheets``) are applied to its bytes in memory, and it is written once, only if it
changed: four reads and writes of ~90 pages (15 MB) per build and per ``mkdocs serve`` rebuild
became one. The trimmed sheet is cut to the classes of the pages as they are written (the charts
and folded programs gone).
"""

from __future__ import annotations

import hashlib
import html as html_text
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import rcssmin
import rjsmin
import tinycss2

from lectureutils.site.sibling_rules import narrow_universal_siblings

if TYPE_CHECKING:
    from lectureutils.site.memo import Memo

_CLASS_ATTRIBUTE = re.compile(rb'class="([^"]*)"')
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# A class name assembled in a script from a literal prefix: `md-tag--${name}`, "md-tag--" + name.
_TEMPLATE_PREFIX = re.compile(r"""([A-Za-z_][\w-]*-)(?:\$\{|["']\s*\+)""")
_THEME_SHEET = re.compile(r"main\.[0-9a-f]+\.min\.css")
# A page transform (``rewrite_pages``): the page's HTML and the prefix to the site's root → its new HTML.
PageTransform = Callable[[bytes, str], bytes]


def minify_own_assets(docs_assets: Path, site_assets: Path) -> int:
    """Minifies the built copy of every stylesheet and script of ``docs_assets``; returns how many.
    Already-minified files (``*.min.css``, ``*.min.js``, vendored libraries) are left alone."""
    count = 0
    for source in sorted(docs_assets.rglob("*")):
        if source.suffix not in (".css", ".js") or source.name.endswith((".min.css", ".min.js")):
            continue
        built = site_assets / source.relative_to(docs_assets)
        if not built.is_file():
            continue
        text = built.read_text(encoding="utf-8")
        smaller = rcssmin.cssmin(text) if source.suffix == ".css" else rjsmin.jsmin(text)
        if smaller != text:
            built.write_text(smaller, encoding="utf-8")
        count += 1
    return count


def page_classes(pages: Iterable[bytes]) -> set[str]:
    """Every class name written in a ``class`` attribute of the given pages (their HTML)."""
    classes: set[bytes] = set()
    for html in pages:
        for value in _CLASS_ATTRIBUTE.findall(html):
            classes.update(value.split())
    return {name.decode("utf-8", "replace") for name in classes}


def page_colours(html: bytes) -> set[tuple[str, str]]:
    """The palette values a page writes: ``(attribute, value)`` of each ``data-md-color-…="value"``."""
    return {(attribute.decode(), value.decode()) for attribute, value in _COLOUR_ATTRIBUTE.findall(html)}


def script_words(script_files: Iterable[Path], memo: Memo | None = None) -> tuple[set[str], set[str]]:
    """The words of the scripts (any of them may be a class a script adds) and the literal
    prefixes of class names they assemble; with ``memo``, read once per script content."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for path in script_files:
        data = path.read_bytes()

        def read(data: bytes = data) -> list[list[str]]:
            text = data.decode("utf-8", errors="replace")
            return [sorted(set(_WORD.findall(text))), sorted(set(_TEMPLATE_PREFIX.findall(text)))]

        found, assembled = read() if memo is None else memo.value("script-words", read, data)
        words.update(found)
        prefixes.update(assembled)
    return words, prefixes


def _selectors(prelude: list) -> list[list]:
    """A selector list split at its top-level commas (``:is(a, b)`` keeps its own)."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _required_classes(tokens: list) -> list[str]:
    """The classes an element must carry for the selector to match: the top-level ones. A class
    inside a functional pseudo-class is not required (``:is(.a,.b)`` matches without ``.a``;
    ``:not(.a)`` matches everything without it), so it never drops a selector."""
    found, previous = [], None
    for token in tokens:
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            found.append(token.value)
        previous = token
    return found


def _colour_attributes(tokens: list) -> list[tuple[str, str]]:
    """The ``[data-md-color-…=value]`` conditions at the top level of a selector."""
    found = []
    for token in tokens:
        if token.type == "[] block":
            parts = [part for part in token.content if part.type != "whitespace"]
            if (len(parts) == 3 and parts[0].type == "ident" and parts[0].lower_value.startswith("data-md-color-")
                    and parts[1].type == "literal" and parts[1].value == "="
                    and parts[2].type in ("ident", "string")):
                found.append((parts[0].lower_value, parts[2].value))
    return found


def trim_stylesheet(css: str, keep, keep_colour=lambda attribute, value: True) -> str:
    """``css`` without the selectors that name a class ``keep(name)`` refuses, or a palette
    condition ``[data-md-color-…=value]`` that ``keep_colour(attribute, value)`` refuses; a rule left
    with no selector goes, and so does a conditional group (``@media``, ``@supports``) left empty."""

    def wanted(selector: list) -> bool:
        return (all(keep(name) for name in _required_classes(selector))
                and all(keep_colour(attribute, value) for attribute, value in _colour_attributes(selector)))

    def trimmed(rules: list) -> list:
        kept = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [s for s in _selectors(rule.prelude) if wanted(s)]
                if not selectors:
                    continue
                comma = tinycss2.ast.LiteralToken(rule.source_line, rule.source_column, ",")
                rule.prelude = [token for i, s in enumerate(selectors) for token in ([comma] if i else []) + s]
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
                inner = trimmed(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
                if not inner:
                    continue
                rule.content = inner
            kept.append(rule)
        return kept

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(rule.serialize() for rule in trimmed(rules))


_COLOUR_ATTRIBUTE = re.compile(rb'(data-md-color-[a-z]+)="([^"]*)"')
# Material's two sheets: the theme (every component) and the palette (every colour and scheme).
THEME_SHEETS = ("main.*.min.css", "palette.*.min.css")


def html_pages(site_dir: Path, skip: Iterable[str] = ()) -> list[Path]:
    """The site's HTML files, but those under the top-level folders ``skip`` (not even walked:
    JupyterLite's ``lab/`` holds hundreds of files)."""
    skipped = set(skip)
    pages = []
    for folder, folders, names in os.walk(site_dir):
        if Path(folder) == site_dir:
            folders[:] = [name for name in folders if name not in skipped]
        pages += [Path(folder, name) for name in names if name.endswith(".html")]
    return sorted(pages)


def _substitute_at(html: bytes, literal: bytes, pattern: re.Pattern, replacement: bytes) -> bytes:
    """``pattern.sub(replacement, html)`` for a pattern whose every match starts with ``literal``:
    the occurrences are found by ``bytes.find`` (a page is ~200 kB; the regex engine would read it
    byte by byte for one link in its head)."""
    pieces, position = [], 0
    start = html.find(literal)
    while start != -1:
        match = pattern.match(html, start)
        if match is None:
            start = html.find(literal, start + 1)
            continue
        pieces += [html[position:start], replacement]
        position = match.end()
        start = html.find(literal, position)
    if not pieces:
        return html
    pieces.append(html[position:])
    return b"".join(pieces)


ThemeLinks = dict[bytes, tuple[re.Pattern, bytes]]


def trimmed_theme_sheets(site_dir: Path, theme_dirs: Iterable[str], pages: Sequence[bytes],
                         cache_dir: Path | None = None, memo: Memo | None = None) -> tuple[list[Path], ThemeLinks]:
    """Writes a trimmed copy of each of Material's stylesheets into ``site_dir``, for ``pages``
    (the HTML of every page that links it, as it will be written); returns their paths and the
    links ``link_trimmed_sheets`` puts in each page. The scripts are those under ``assets/``,
    where the theme and the project put every script a page loads. A palette condition
    (``[data-md-color-primary=pink]``) stays when a page writes that value in that attribute:
    Material's scripts only copy such values from the pages' own palette controls. With
    ``cache_dir``, each trimmed sheet is kept there under a key of the original and of what the
    pages use: a build whose pages use the same classes does not parse the 140 kB sheet again.
    With ``memo`` (the build memo), each page's classes are kept by its content."""
    words, prefixes = script_words((site_dir / "assets").rglob("*.js"), memo)
    if memo is None:
        allowed = page_classes(pages) | words
        colours = {pair for html in pages for pair in page_colours(html)}
    else:
        # Each page's classes and palette values read once per content (the build memo): a warm
        # build or a rebuild scans only the pages that changed.
        allowed, colours = set(words), set()
        for html in pages:
            classes, pairs = memo.value(
                "page-classes", lambda html=html: [sorted(page_classes([html])), sorted(page_colours(html))], html)
            allowed.update(classes)
            colours.update((attribute, value) for attribute, value in pairs)
    prefix_tuple = tuple(sorted(prefixes))

    def keep(name: str) -> bool:
        return name in allowed or name.startswith(prefix_tuple)

    def keep_colour(attribute: str, value: str) -> bool:
        return (attribute, value) in colours

    used = [*sorted(n.encode() for n in allowed), b"", *(p.encode() for p in prefix_tuple), b"",
            *sorted(f"{a}={v}".encode() for a, v in colours)]
    written, links = [], {}
    for pattern in THEME_SHEETS:
        original = next((path for folder in theme_dirs
                         for path in sorted(Path(folder, "assets", "stylesheets").glob(pattern))), None)
        if original is None or not (site_dir / "assets" / "stylesheets" / original.name).is_file():
            continue
        source = original.read_bytes()
        sheet = original.name.split(".")[0]
        key = hashlib.sha256(b"\0".join([source, *used])).hexdigest()[:20]
        cached = cache_dir / f"{sheet}.{key}.css" if cache_dir is not None else None
        if cached is not None and cached.is_file():
            css = cached.read_text(encoding="utf-8")
        else:
            css = trim_stylesheet(source.decode("utf-8"), keep, keep_colour)
            if cached is not None:
                cache_dir.mkdir(parents=True, exist_ok=True)
                for stale in cache_dir.glob(f"{sheet}.*.css"):  # one site, one sheet: older ones are dead
                    stale.unlink()
                cached.write_text(css, encoding="utf-8")
        css = narrow_universal_siblings(css)
        digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
        name = original.name.replace(".min.css", f".{digest}.min.css")
        target = site_dir / "assets" / "stylesheets" / name
        target.write_text(css, encoding="utf-8")
        written.append(target)
        # Material's name, or the name an earlier build gave (a page that a dirty rebuild kept).
        stem, _, _ = original.name.partition(".min.css")
        literal = b"assets/stylesheets/" + stem.encode()
        links[literal] = (re.compile(re.escape(literal) + rb"(?:\.[0-9a-f]{8})?\.min\.css"),
                          f"assets/stylesheets/{name}".encode())
    return written, links


def link_trimmed_sheets(html: bytes, links: ThemeLinks) -> bytes:
    """The page linking the trimmed sheets (``trimmed_theme_sheets``) instead of Material's."""
    for literal, (old_link, new_link) in links.items():
        html = _substitute_at(html, literal, old_link, new_link)
    return html


def rewrite_pages(site_dir: Path, transforms: Sequence[tuple[PageTransform, bool]],
                  keep_inline: Iterable[str] = (), skip: Iterable[str] = (),
                  finish: Callable[[list[bytes]], Callable[[bytes], bytes]] | None = None) -> int:
    """Reads every page (``html_pages``: but those under the top-level folders ``skip``) once,
    applies ``transforms`` in order in memory, and writes it once, only if it changed; returns
    how many pages were written. Each transform is ``(function, printed_too)``: ``function(html,
    prefix)`` (``prefix`` leads from the page to the site's root, ``../``…) returns the new HTML;
    with ``printed_too`` false it leaves the pages under the folders ``keep_inline`` (relative
    paths, such as ``imprimer``) alone. ``finish``, given every page's HTML once transformed,
    returns a last transform for every page: what depends on all the pages (the trimmed theme
    sheet's name) is decided there, from the bytes that will be written."""
    keep = tuple(folder.strip("/") + "/" for folder in keep_inline)
    read: dict[Path, bytes] = {}
    pages: dict[Path, bytes] = {}
    for page in html_pages(site_dir, skip):
        relative = page.relative_to(site_dir).as_posix()
        prefix, printed = "../" * relative.count("/"), relative.startswith(keep)
        html = read[page] = page.read_bytes()
        for transform, printed_too in transforms:
            if printed_too or not printed:
                html = transform(html, prefix)
        pages[page] = html
    last = finish(list(pages.values())) if finish is not None else None
    written = 0
    for page, html in pages.items():
        if last is not None:
            html = last(html)
        if html != read[page]:
            page.write_bytes(html)
            written += 1
    return written


# A chart panel's drawing, as lectureutils.charts writes it (never nested, no script, no style).
# Up to the first closing tag: "(?:[^<]++|<(?!/svg>))*+" is ".*?" (re.S) read a run of text at a
# time rather than a byte at a time (the drawings are most of a chapter's bytes).
_CHART_SVG = re.compile(rb'<svg xmlns="http://www.w3.org/2000/svg" viewBox="[^"]*" width="([\d.]+)" height="([\d.]+)"'
                        rb'[^>]*class="lecture-chart__svg"[^>]*>(?:[^<]++|<(?!/svg>))*+</svg>')
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.S)
_DESCRIPTION = re.compile(rb"<desc[^>]*>(.*?)</desc>", re.S)
# What XML knows besides numeric references; an HTML-only entity would make the file unreadable.
_XML_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)")
FIGURES_FOLDER = "assets/figures"


def _figure_image(svg: re.Match, prefix: str, figures: dict[str, bytes]) -> bytes:
    drawing = svg.group(0)
    if _XML_ENTITY.search(drawing):
        return drawing  # not a standalone XML file as it is: stays inline
    name = hashlib.sha256(drawing).hexdigest()[:16] + ".svg"
    figures[name] = drawing
    text = [html_text.unescape(match.group(1).decode("utf-8")).strip()
            for pattern in (_TITLE, _DESCRIPTION) if (match := pattern.search(drawing))]
    alt = html_text.escape(". ".join(part.rstrip(".") for part in text if part) + ("." if text else ""), quote=True)
    # An <img>'s width and height are whole pixels (a drawing may be 221.96 wide).
    width, height = (round(float(size)) for size in svg.group(1, 2))
    return (f'<img class="lecture-chart__svg" src="{prefix}{FIGURES_FOLDER}/{name}" width="{width}" '
            f'height="{height}" alt="{alt}" loading="lazy" decoding="async">').encode()


def figures_as_images(html: bytes, prefix: str, figures: dict[str, bytes]) -> bytes:
    """The page with each chart drawing replaced by a lazy image of ``assets/figures/``
    (``prefix`` leads to the site's root); the drawings are added to ``figures`` (file name →
    drawing) for ``write_figures``."""
    if b'class="lecture-chart__svg"' not in html:
        return html
    return _CHART_SVG.sub(lambda svg: _figure_image(svg, prefix, figures), html)


def write_figures(site_dir: Path, figures: dict[str, bytes]) -> None:
    """Each drawing as a standalone SVG file of ``assets/figures/`` (kept when already there: its
    name is its content's hash)."""
    folder = site_dir / FIGURES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, drawing in figures.items():
        target = folder / name
        if not target.is_file():
            target.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n' + drawing)
