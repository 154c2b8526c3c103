"""Material's search entries of a page through the build memo: a page whose HTML did not change is
not parsed again (a warm build, every unchanged page of a ``mkdocs serve`` rebuild).

Material's search plugin parses each page's HTML with ``html.parser`` into its index entries
(``SearchIndex.add_entry_from_context``): on this site's pages (citation panels, glossary tooltips,
charts) that is most of a warm build's search work. The entries are a function of the page's HTML,
table of contents, address, title and front matter, and of the search plugin's settings: those are
the key, the entries the value. The plugin still decides what is excluded, writes the index and
strips the ``data-search-*`` attributes itself.
"""

from __future__ import annotations

import json

from mkdocs.structure.pages import Page

from lectureutils.site.markdown_memo import _tokens
from lectureutils.site.memo import Memo

STEP = "search"


def install(search_plugin, memo: Memo) -> None:
    """Route ``search_plugin``'s index (made by its ``on_config``) through ``memo``."""
    index = getattr(search_plugin, "search_index", None)
    if index is None or getattr(index, "lecture_memo", None) is memo:
        return
    parse = index.add_entry_from_context
    settings = json.dumps(dict(index.config), sort_keys=True, default=str)

    def add_entry_from_context(page: Page) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        key = memo.key(STEP, settings, page.content or "", page.url, str(page.title),
                       json.dumps(_tokens(list(page.toc)), sort_keys=True),
                       json.dumps(page.meta, sort_keys=True, default=str))
        entries = memo.get(STEP, key)
        if isinstance(entries, list):
            index.entries.extend(entries)
            return
        before = len(index.entries)
        parse(page)
        memo.put(STEP, key, index.entries[before:])

    index.add_entry_from_context = add_entry_from_context
    index.lecture_memo = memo
