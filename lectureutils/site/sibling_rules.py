"""Material's sibling rules without a universal subject: an element added to a page restyles its
neighbours only, not the whole chapter.

Used by ``lectureutils.site.delivery.trimmed_theme_sheets`` on the trimmed theme sheet. Material
has ``.md-typeset table:not([class])+*{margin-top:1.5em}`` (space after a table, whatever follows
it). In Chromium, a rule whose subject is ``*`` right after a ``+`` or ``~`` makes every insertion
of an element into a container restyle the container's whole subtree: each paragraph, button or
wrapper that Material and the lecture's scripts add to a chapter at load (a table's scroll box,
the Edit and run bar, the answers switch) restyled the ~1,600 elements of the tokenisation
chapter again (Lighthouse's blocking time). Naming the elements that can follow (the block
elements HTML and Markdown write) keeps the rule's effect and makes an insertion restyle only
those of its neighbours that such a rule could match.
"""

from __future__ import annotations

import re

# Every element that Markdown, md_in_html and our directives write as a block, a figure or an
# embedded object: what can stand after a table in a page's flow.
FOLLOWERS = (
    "address", "article", "aside", "audio", "blockquote", "canvas", "details", "dialog", "div", "dl",
    "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "iframe", "img", "main", "menu", "nav", "object", "ol", "p", "picture", "pre", "search",
    "section", "svg", "table", "ul", "video",
)
# A selector's last compound that is "*" alone, right after a sibling combinator ("+" or "~").
_UNIVERSAL_SIBLING = re.compile(r"([+~])\s*\*(?=\s*[,{])")


def narrow_universal_siblings(css: str) -> str:
    """``css`` with ``A + *`` and ``A ~ *`` written ``A + :is(<block elements>)``."""
    return _UNIVERSAL_SIBLING.sub(lambda match: f"{match.group(1)}:is({','.join(FOLLOWERS)})", css)
