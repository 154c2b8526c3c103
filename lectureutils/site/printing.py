"""Pages assembled from the other pages: the whole lecture on one printable page, all exercises.

The ``printable()`` and ``exercises()`` directives leave a marker in their page. Once every page
of the language has been rendered (MkDocs renders all pages' content before it fills any
template), the ``lecture-teaching`` plugin replaces the marker with the chapters' HTML, taken in
the order of ``nav``. Each chapter's ids are prefixed with its slug (``modele--factory``) so that
anchors stay unique on one page, and links between chapters become links inside the page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MARKER = '<div class="lecture-assemble" data-lecture-assemble="{kind}"></div>'
MARKER_RE = re.compile(r'<div class="lecture-assemble" data-lecture-assemble="(\w+)"></div>')

TEXT = {
    "fr": {
        "contents": "Table des matières",
        "back": "Revenir aux exercices du chapitre",
        "none": "Aucun exercice pour l'instant.",
    },
    "en": {
        "contents": "Contents",
        "back": "Back to the chapter's exercises",
        "none": "No exercises yet.",
    },
}

_ORIGIN = "http://lecture.invalid/"
_ID = re.compile(r'(\sid=")([^"]+)(")')
_REFS = re.compile(r'(\s(?:aria-labelledby|aria-describedby|aria-controls|for|headers)=")([^"]+)(")')
_LINK = re.compile(r'(\s(?:xlink:)?(?:href|src)=")([^"]*)(")')
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")
_H = re.compile(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


@dataclass(frozen=True)
class Chapter:
    slug: str
    """``modele``, ``index``: the anchor prefix of the chapter on an assembled page."""
    url: str
    """The chapter's own address, relative to the site's root (``en/modele/``)."""
    title: str
    html: str
    """The chapter's rendered content, before the citation blocks were added."""


def heading_text(inner_html: str) -> str:
    """A heading's plain text, without its permalink."""
    return html.unescape(re.sub(r"<[^>]+>", "", _HEADERLINK.sub("", inner_html))).strip()


def headings(content: str) -> list[tuple[int, str, str]]:
    """``(level, id, text)`` of the h1 and h2 headings of rendered content."""
    return [(int(level), anchor, heading_text(inner)) for level, anchor, inner in _H.findall(content)]


def prefix_ids(content: str, slug: str) -> str:
    """Every id, and every reference to one inside the fragment, prefixed with ``slug--``."""

    def prefixed(value: str) -> str:
        return f"{slug}--{value}"

    content = _ID.sub(lambda m: m.group(1) + prefixed(m.group(2)) + m.group(3), content)
    content = _REFS.sub(
        lambda m: m.group(1) + " ".join(prefixed(v) for v in m.group(2).split()) + m.group(3), content
    )
    return _URL_REF.sub(lambda m: f"url(#{prefixed(m.group(1))})", content)


def relocate_links(content: str, slug: str, source_url: str, target_url: str,
                   slugs_by_url: dict[str, str], local_anchors: bool = True) -> str:
    """Links of a fragment moved from ``source_url`` to ``target_url``.

    A link to a page assembled on the target (``slugs_by_url``) becomes an anchor
    (``#modele--factory``); with ``local_anchors``, so does a link inside the fragment's page
    (``#factory``), else it points back to that page. Any other relative address is recomputed
    from the new page.
    """
    source = _ORIGIN + source_url
    target_dir = posixpath.dirname("/" + target_url) or "/"

    def rewrite(match: re.Match) -> str:
        attribute, value, end = match.groups()
        is_href = "href" in attribute
        if is_href and value.startswith("#") and local_anchors:
            return f"{attribute}#{slug}--{value[1:]}{end}" if len(value) > 1 else f"{attribute}#{slug}{end}"
        absolute = urlsplit(urljoin(source, html.unescape(value)))
        if f"{absolute.scheme}://{absolute.netloc}/" != _ORIGIN:
            return match.group(0)
        path = absolute.path.lstrip("/")
        if is_href and path in slugs_by_url and not absolute.query:
            other = slugs_by_url[path]
            anchor = f"#{other}--{absolute.fragment}" if absolute.fragment else f"#{other}"
            return f"{attribute}{anchor}{end}"
        relative = posixpath.relpath("/" + path, target_dir)
        if absolute.path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        if absolute.query:
            relative += "?" + absolute.query
        if absolute.fragment:
            relative += "#" + absolute.fragment
        return f"{attribute}{html.escape(relative)}{end}"

    return _LINK.sub(rewrite, content)


def moved(chapter: Chapter, fragment: str, target_url: str, slugs_by_url: dict[str, str],
          local_anchors: bool = True) -> str:
    relocated = relocate_links(fragment, chapter.slug, chapter.url, target_url, slugs_by_url,
                               local_anchors)
    return prefix_ids(relocated, chapter.slug)


def printable(chapters: list[Chapter], target_url: str, lang: str) -> str:
    """Every chapter in order, each in its section, after a table of contents."""
    text = TEXT[lang]
    slugs_by_url = {chapter.url: chapter.slug for chapter in chapters}
    toc = [f'<nav class="lecture-print-toc" aria-labelledby="contents">'
           f'<h2 id="contents">{text["contents"]}</h2><ol>']
    body = []
    for chapter in chapters:
        sections = [(anchor, title) for level, anchor, title in headings(chapter.html) if level == 2]
        toc.append(f'<li><a href="#{chapter.slug}">{html.escape(chapter.title)}</a>')
        if sections:
            toc.append("<ol>")
            toc += [f'<li><a href="#{chapter.slug}--{anchor}">{html.escape(title)}</a></li>'
                    for anchor, title in sections]
            toc.append("</ol>")
        toc.append("</li>")
        body.append(
            f'<section class="lecture-print-chapter" id="{chapter.slug}" '
            f'data-lecture-chapter="{chapter.slug}">\n'
            f"{moved(chapter, chapter.html, target_url, slugs_by_url)}\n</section>"
        )
    toc.append("</ol></nav>")
    return "\n".join(toc) + '\n<div class="lecture-printable">\n' + "\n".join(body) + "\n</div>"


def top_level_blocks(content: str, tag: str, css_class: str) -> list[str]:
    """The outermost ``<tag class="css_class">`` elements of ``content``, nested ones included."""
    token = re.compile(rf"<(/?){tag}\b[^>]*>")
    blocks, depth, start = [], 0, None
    for match in token.finditer(content):
        if not match.group(1):
            if depth == 0:
                if re.search(rf'class="(?:[^"]*\s)?{css_class}(?:\s[^"]*)?"', match.group(0)):
                    start = match.start()
                else:
                    start = None
            depth += 1
        else:
            depth -= 1
            if depth == 0 and start is not None:
                blocks.append(content[start:match.end()])
                start = None
    return blocks


def exercise_section(content: str) -> str:
    """The HTML of a chapter's ``#exercises`` section, up to the next h2."""
    match = re.search(r'<h2 id="exercises"[^>]*>.*?</h2>', content, flags=re.DOTALL)
    if not match:
        return ""
    rest = content[match.end():]
    following = re.search(r"<h2[\s>]", rest)
    return rest[: following.start()] if following else rest


def exercises(chapters: list[Chapter], target_url: str, lang: str) -> str:
    """Every chapter's exercises, under the chapter's title, with a link back to it."""
    text = TEXT[lang]
    parts = []
    for chapter in chapters:
        blocks = top_level_blocks(exercise_section(chapter.html), "details", "question")
        if not blocks:
            continue
        back = relocate_links(f' href="{_ORIGIN}{chapter.url}#exercises"', chapter.slug,
                              chapter.url, target_url, {})
        parts.append(
            f'<section class="lecture-exercises-chapter" data-lecture-chapter="{chapter.slug}">\n'
            f'<h2 id="{chapter.slug}">{html.escape(chapter.title)}</h2>\n'
            f'<p class="lecture-exercises__back"><a{back}>{text["back"]}</a></p>\n'
            + "\n".join(moved(chapter, block, target_url, {}, local_anchors=False) for block in blocks)
            + "\n</section>"
        )
    if not parts:
        return f"<p>{text['none']}</p>"
    return "\n".join(parts)
