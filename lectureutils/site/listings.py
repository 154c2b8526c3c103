"""A folded program leaves its page: its code is fetched when the reader first opens it.

Used by the ``lecture`` plugin's delivery step (``lectureutils.site.plugin``), on the built site.
A long snippet folds behind « Voir le programme » / "Show the program"
(``lectureutils/site/directives/snippet.py``, ``fold=True``): its highlighted code is what nobody
sees before opening it, yet every first visit downloaded it (46 kB of HTML, 6.5 kB gzip, on
pre-entrainement). ``fold_listings`` takes each folded listing out of its page, and
``write_listings`` writes it once, named by the hash of its content, into ``assets/listings/``:

- ``<hash>.json``, ``{"html": …}``: the highlighted block exactly as the page held it, which
  ``docs/assets/editrun/boot.js`` puts back into the ``<details>`` when it is first opened (and
  before « Modifier et exécuter » reads the code);
- ``<hash>.txt``: the program as plain text, the way in without JavaScript: the folded block
  keeps a link to it, named after the snippet's file (``snippets/…``, the same in both languages).

The printable edition is printed whole: its listings stay inline.
"""

from __future__ import annotations

import hashlib
import html as html_text
import json
import re
from pathlib import Path

LISTINGS_FOLDER = "assets/listings"
# A folded listing as Material's admonition extension and pymdownx.highlight write it: the code
# cannot hold "</code></pre></div>" (its "<" are escaped), so the block ends there.
_FOLDED = re.compile(rb'(<details class="lecture-listing">\s*<summary>.*?</summary>\s*)'
                     rb'(<div class="(?:[^"]* )?highlight">(?:<span class="filename">(.*?)</span>)?<pre>.*?</code></pre></div>)'
                     rb'(\s*</details>)', re.S)
_CODE = re.compile(rb"<code>(.*?)</code>", re.S)
_TAG = re.compile(rb"<[^>]+>")


def plain_text(block: bytes) -> str:
    """The program a highlighted block shows, as text."""
    code = _CODE.search(block)
    return html_text.unescape(_TAG.sub(b"", code.group(1) if code else b"").decode("utf-8"))


def fold_listings(html: bytes, prefix: str, listings: dict[str, bytes]) -> bytes:
    """The page with the code of each folded listing replaced by the links to its files
    (``prefix`` leads to the site's root); the blocks are added to ``listings`` (name → block)
    for ``write_listings``."""
    if b'<details class="lecture-listing">' not in html:
        return html

    def folded(match: re.Match) -> bytes:
        block = match.group(2)
        name = hashlib.sha256(block).hexdigest()[:16]
        listings[name] = block
        address = f"{prefix}{LISTINGS_FOLDER}/{name}"
        title = match.group(3) or b"snippets"
        return (match.group(1).replace(b'class="lecture-listing">',
                                       f'class="lecture-listing" data-listing="{address}.json">'.encode(), 1)
                + f'<p class="lecture-listing__source"><a href="{address}.txt" type="text/plain">'.encode()
                + b"<code>" + title + b"</code></a></p>" + match.group(4))

    return _FOLDED.sub(folded, html)


def write_listings(site_dir: Path, listings: dict[str, bytes]) -> None:
    """Each folded block as ``<name>.json`` and ``<name>.txt`` of ``assets/listings/`` (kept when
    already there: its name is its content's hash)."""
    folder = site_dir / LISTINGS_FOLDER
    for name, block in listings.items():
        folder.mkdir(parents=True, exist_ok=True)
        fragment = folder / f"{name}.json"
        if not fragment.is_file():
            fragment.write_text(json.dumps({"html": block.decode("utf-8")}, ensure_ascii=False), encoding="utf-8")
            (folder / f"{name}.txt").write_text(plain_text(block), encoding="utf-8")
