"""What a first visit downloads: our stylesheets and scripts minified, Material's stylesheet trimmed.

Used by the ``lecture`` plugin (``lectureutils.site.plugin``) once both languages are built, on the
built site only (``docs/assets`` stays readable, with its comments):

- ``minify_own_assets``: every ``.css`` and ``.js`` file of ``docs/assets`` is copied by MkDocs
  as written, comments and indentation included; its built copy is minified in place (``rcssmin``,
  ``rjsmin``: whitespace and comments only, no renaming, so the code stays what was tested).
  About a third of our assets' gzip size on every page.
- ``trim_theme_stylesheet``: Material's ``main.*.min.css`` (140 kB) styles every feature of the
  theme (blog, tags, tabs, consent banner, repository facts...). The rules whose class selectors
  name a class that no built page writes and no script of the site can write (any word of a
  ``.js`` file counts, and a class built from a template prefix, ``md-tag--${...}``, keeps every
  class with that prefix) cannot match anything and are dropped. The trimmed sheet gets a name of
  its own, ``main.<Material's hash>.<ours>.min.css``, and every page links to it: a host may cache
  hashed assets forever, so a sheet whose content follows the pages must change name when it
  changes. Material's sheet stays next to it, unchanged, for anything that links it directly.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import rcssmin
import rjsmin
import tinycss2

if TYPE_CHECKING:
    from lectureutils.site.memo import Memo

_CLASS_ATTRIBUTE = re.compile(rb'class="([^"]*)"')
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# A class name assembled in a script from a literal prefix: `md-tag--${name}`, "md-tag--" + name.
_TEMPLATE_PREFIX = re.compile(r"""([A-Za-z_][\w-]*-)(?:\$\{|["']\s*\+)""")
_THEME_SHEET = re.compile(r"main\.[0-9a-f]+\.min\.css")


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


def script_words(script_files: Iterable[Path]) -> tuple[set[str], set[str]]:
    """The words of the scripts (any of them may be a class a script adds) and the literal
    prefixes of class names they assemble."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for path in script_files:
        text = path.read_text(encoding="utf-8", errors="replace")
        words.update(_WORD.findall(text))
        prefixes.update(_TEMPLATE_PREFIX.findall(text))
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


def trim_stylesheet(css: str, keep) -> str:
    """``css`` without the selectors that name a class ``keep(name)`` refuses; a rule left with
    no selector goes, and so does a conditional group (``@media``, ``@supports``) left empty."""

    def trimmed(rules: list) -> list:
        kept = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [s for s in _selectors(rule.prelude) if all(keep(name) for name in _required_classes(s))]
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


def trim_theme_stylesheet(site_dir: Path, theme_dirs: Iterable[str], cache_dir: Path | None = None,
                          skip: Iterable[str] = (), memo: Memo | None = None) -> Path | None:
    """Writes the trimmed copy of Material's stylesheet into ``site_dir`` and points every page at
    it; returns its path (None when the theme has no such sheet). The pages are every HTML file
    but those under the top-level folders ``skip`` (another application's, such as JupyterLite's
    ``lab/``, hard-linked from a cache: never rewritten); the scripts, those under ``assets/``,
    where the theme and the project put every script a page loads. With ``cache_dir``, the
    trimmed sheet is kept there under a key of the original sheet and the allowed classes: a
    build whose pages use the same classes does not parse the 140 kB sheet again. With ``memo``
    (the build memo), each page's classes are kept by its content."""
    original = next((path for folder in theme_dirs
                     for path in sorted(Path(folder, "assets", "stylesheets").glob("main.*.min.css"))), None)
    if original is None or not (site_dir / "assets" / "stylesheets" / original.name).is_file():
        return None
    skipped = set(skip)
    pages = {path: path.read_bytes() for path in sorted(site_dir.rglob("*.html"))
             if path.relative_to(site_dir).parts[0] not in skipped}
    words, prefixes = script_words((site_dir / "assets").rglob("*.js"))
    if memo is None:
        allowed = page_classes(pages.values()) | words
    else:
        # Each page's classes read once per content (the build memo): a warm build or a rebuild
        # scans only the pages that changed.
        allowed = set(words)
        for html in pages.values():
            allowed.update(memo.value("page-classes", lambda html=html: sorted(page_classes([html])), html))
    prefix_tuple = tuple(sorted(prefixes))

    def keep(name: str) -> bool:
        return name in allowed or name.startswith(prefix_tuple)

    source = original.read_bytes()
    key = hashlib.sha256(b"\0".join([source, *sorted(n.encode() for n in allowed), b"", *(p.encode() for p in prefix_tuple)]))
    cached = cache_dir / f"{key.hexdigest()[:20]}.css" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        css = cached.read_text(encoding="utf-8")
    else:
        css = trim_stylesheet(source.decode("utf-8"), keep)
        if cached is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            for stale in cache_dir.glob("*.css"):  # one site, one sheet: the older ones are dead
                stale.unlink()
            cached.write_text(css, encoding="utf-8")
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    name = original.name.replace(".min.css", f".{digest}.min.css")
    target = site_dir / "assets" / "stylesheets" / name
    target.write_text(css, encoding="utf-8")
    old_link, new_link = f"assets/stylesheets/{original.name}".encode(), f"assets/stylesheets/{name}".encode()
    for page, html in pages.items():
        if old_link in html:
            page.write_bytes(html.replace(old_link, new_link))
    return target
