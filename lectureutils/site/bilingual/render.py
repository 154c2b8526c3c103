"""The side-by-side page: each section's French and English blocks on one row per pair.

On a wide screen the pairs are the rows of a two-column grid, so a French block and its English
counterpart start at the same height; on a phone the grid has one column and the pairs interleave,
the interface's language first. Ids are prefixed with the cell's language (``fr--model``), links
are recomputed for the new address, and links to another chapter lead to its side-by-side page.
A snippet's code and output, and a live demo, appear once when both languages show the same.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lectureutils.site.bilingual.blocks import Block
from lectureutils.site.bilingual.pairing import Pair, SectionPairs
from lectureutils.site.printing import prefix_ids
from lectureutils.textformat import typeset_html

LANGUAGE_NAMES = {
    "fr": {"fr": "Français", "en": "Anglais"},
    "en": {"fr": "French", "en": "English"},
}

TEXT = {
    "fr": {
        "intro": "Le texte français et sa traduction anglaise, bloc par bloc\u202f: chaque paragraphe "
                 "fait face à sa traduction. Sur un téléphone, les deux versions alternent.",
        "read": "Lire la page en une seule langue\u202f:",
        "corpus": "Le même texte, aligné phrase par phrase, se télécharge comme corpus parallèle\u202f:",
        "columns": "Texte en regard",
        "once": "identique dans les deux langues",
    },
    "en": {
        "intro": "The French text and its English translation, block by block: each paragraph faces "
                 "its translation. On a phone, the two versions alternate.",
        "read": "Read the page in one language:",
        "corpus": "The same text, aligned sentence by sentence, can be downloaded as a parallel corpus:",
        "columns": "Parallel text",
        "once": "the same in both languages",
    },
}

CORPUS_FILES = (
    ("corpus/lecture.fr-en.tmx", "TMX"),
    ("corpus/lecture.fr-en.tsv", "TSV"),
    ("corpus/glossaire.fr-en.tbx", "TBX"),
    ("corpus/glossaire.fr-en.csv", "CSV"),
)

_ORIGIN = "http://lecture.invalid/"
_LINK = re.compile(r'(\s(?:xlink:)?(?:href|src)=")([^"]*)(")')
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


@dataclass(frozen=True)
class Chapter:
    """One chapter in both languages, as the side-by-side page needs it."""

    slug: str
    """``modele``; ``""`` for the home page."""
    urls: dict[str, str]
    """Each language's address of the chapter, from the site's root (``en/modele/``)."""
    titles: dict[str, str]


def bilingual_url(slug: str, interface: str, default_language: str = "fr") -> str:
    """``bilingue/modele/`` (French interface), ``en/bilingue/modele/`` (English interface)."""
    path = f"bilingue/{slug}/" if slug else "bilingue/"
    return path if interface == default_language else f"{interface}/{path}"


def relocate(fragment: str, source_url: str, target_url: str, id_prefix: str | None,
             bilingual_urls: dict[str, str], lang: str = "fr") -> str:
    """Links of a fragment in ``lang`` moved from the page at ``source_url`` to ``target_url``.

    ``#anchor`` becomes ``#<id_prefix>--anchor`` (the ids of the fragment are prefixed too); a link
    to a chapter in ``bilingual_urls`` (its address → its side-by-side address) goes there, to the
    same anchor in the column of ``lang``.
    """
    source = _ORIGIN + source_url
    target_dir = posixpath.dirname("/" + target_url) or "/"

    def rewrite(match: re.Match) -> str:
        attribute, value, end = match.groups()
        if value.startswith("#"):
            if id_prefix and len(value) > 1:
                return f"{attribute}#{id_prefix}--{value[1:]}{end}"
            return match.group(0)
        absolute = urlsplit(urljoin(source, html.unescape(value)))
        if f"{absolute.scheme}://{absolute.netloc}/" != _ORIGIN:
            return match.group(0)
        path = absolute.path.lstrip("/")
        fragment = absolute.fragment
        if "href" in attribute and path in bilingual_urls:
            path = bilingual_urls[path]
            # The page's title keeps its id (``top``); every other id is in a column.
            fragment = f"{lang}--{fragment}" if fragment and fragment != "top" else fragment
        relative = posixpath.relpath("/" + path, target_dir)
        if path.endswith("/") or path == "":
            relative = relative.rstrip("/") + "/" if relative != "." else "./"
        if absolute.query:
            relative += "?" + absolute.query
        if fragment:
            relative += "#" + fragment
        return f"{attribute}{html.escape(relative)}{end}"

    return _LINK.sub(rewrite, fragment)


def shown_once(pair: Pair) -> bool:
    """A pair whose two sides show the reader the same thing: a snippet's code, a snippet's
    output (only its label is translated), a live demo (one per page: it runs)."""
    if len(pair.french) != 1 or len(pair.english) != 1:
        return False
    french, english = pair.french[0], pair.english[0]
    if french.kind == "code":
        return french.html == english.html
    if french.kind == "output":
        return _PRE.findall(french.html) == _PRE.findall(english.html)
    return french.kind == "demo"


def _cell(blocks: tuple[Block, ...], lang: str, interface: str, chapter: Chapter, target_url: str,
          bilingual_urls: dict[str, str]) -> str:
    fragment = "\n".join(block.html for block in blocks)
    fragment = relocate(fragment, chapter.urls[lang], target_url, lang, bilingual_urls, lang)
    fragment = prefix_ids(fragment, lang)
    if lang == "fr":
        # Chapters get their French typography as whole pages (after this content was taken).
        fragment = typeset_html(fragment)
    label = LANGUAGE_NAMES[interface][lang]
    return (f'<div class="lecture-bilingual__cell" lang="{lang}" data-lang="{lang}" '
            f'data-label="{label}">\n{fragment}\n</div>')


def _pair_row(pair: Pair, number: int, order: tuple[str, str], interface: str, chapter: Chapter,
              target_url: str, bilingual_urls: dict[str, str]) -> str:
    sides = {"fr": pair.french, "en": pair.english}
    if shown_once(pair):
        block = sides[interface][0]
        fragment = relocate(block.html, chapter.urls[interface], target_url, None, bilingual_urls,
                            interface)
        if interface == "fr":
            fragment = typeset_html(fragment)
        note = TEXT[interface]["once"]
        return (f'<div class="lecture-bilingual__pair lecture-bilingual__pair--shared" '
                f'data-pair="{number}" data-kind="{pair.kind}">\n'
                f'<div class="lecture-bilingual__cell lecture-bilingual__cell--shared" '
                f'data-label="{note}">\n{fragment}\n</div>\n</div>')
    cells = "\n".join(_cell(sides[lang], lang, interface, chapter, target_url, bilingual_urls)
                      for lang in order)
    return (f'<div class="lecture-bilingual__pair" data-pair="{number}" data-kind="{pair.kind}">\n'
            f"{cells}\n</div>")


def render(chapter: Chapter, sections: list[SectionPairs], interface: str,
           bilingual_urls: dict[str, str], corpus_prefix: str = "") -> str:
    """The content of the side-by-side page of ``chapter`` in the ``interface`` language."""
    other = "en" if interface == "fr" else "fr"
    order = (interface, other)
    target_url = bilingual_url(chapter.slug, interface)
    text = TEXT[interface]
    names = LANGUAGE_NAMES[interface]

    def link_to(path: str) -> str:
        relative = posixpath.relpath("/" + path, posixpath.dirname("/" + target_url) or "/")
        return html.escape(relative.rstrip("/") + "/" if path.endswith("/") or not path else relative)

    reading = " · ".join(
        f'<a href="{link_to(chapter.urls[lang])}" hreflang="{lang}" lang="{lang}">'
        f"{html.escape(chapter.titles[lang])}</a> ({names[lang].lower() if interface == 'fr' else names[lang]})"
        for lang in order
    )
    downloads = " · ".join(
        f'<a href="{link_to(corpus_prefix + path)}" download>{label}</a>' for path, label in CORPUS_FILES
    )
    assets: dict[str, str] = {}
    rows: list[str] = []
    number = 0
    for section in sections:
        # The stylesheets and scripts the blocks need, as the interface's chapter loads them.
        for asset in (section.french if interface == "fr" else section.english).assets:
            if asset.html not in assets:
                assets[asset.html] = relocate(asset.html, chapter.urls[interface], target_url, None,
                                              bilingual_urls)
        body = []
        if section.anchor:
            headings = {"fr": section.french.heading, "en": section.english.heading}
            heading_cells = "\n".join(
                _cell((Block(html=headings[lang], tag="h2"),), lang, interface, chapter, target_url,
                      bilingual_urls)
                for lang in order
            )
            body.append(f'<div class="lecture-bilingual__pair lecture-bilingual__pair--heading">\n'
                        f"{heading_cells}\n</div>")
        for pair in section.pairs:
            number += 1
            body.append(_pair_row(pair, number, order, interface, chapter, target_url, bilingual_urls))
        anchor = f' id="{section.anchor}"' if section.anchor else ""
        rows.append(f'<section class="lecture-bilingual__section"{anchor} '
                    f'data-section="{section.anchor}">\n' + "\n".join(body) + "\n</section>")
    head = (
        f'<div class="lecture-bilingual__about">\n<p>{text["intro"]}</p>\n'
        f'<p>{text["read"]} {reading}.</p>\n<p>{text["corpus"]} {downloads}.</p>\n</div>\n'
        f'<div class="lecture-bilingual__pair lecture-bilingual__pair--languages" aria-hidden="true">'
        + "".join(f'<div class="lecture-bilingual__cell" data-lang="{lang}">{names[lang]}</div>'
                  for lang in order)
        + "</div>"
    )
    if interface == "fr":
        head = typeset_html(head)
    return (
        "\n".join(assets.values())
        + f'\n<div class="lecture-bilingual" data-interface="{interface}" '
          f'data-chapter="{chapter.slug}">\n{head}\n'
        + "\n".join(rows)
        + "\n</div>"
    )
