"""Markdown to HTML through the build memo: a page whose Markdown, address and site did not change
is not converted again (a warm build, every unchanged page of a ``mkdocs serve`` rebuild).

``Page.render`` is a function of the page's Markdown (after every plugin's ``on_page_markdown``),
its address, the Markdown settings of ``mkdocs.yml`` in the build's language and the site's files
(links are checked and rewritten against them). Those are the key; the value is everything
``Page.render`` sets: the HTML, the table of contents, the title found in the HTML, the anchors
the page has and the links it makes to other pages' anchors (MkDocs checks those after the build).
A conversion that logged a warning is never kept, so the warning (a broken link…) is given again
by every build, as ``--strict`` needs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from lectureutils.site.memo import Memo

STEP = "markdown"


def _plain(value: Any) -> Any:
    """``value`` with only JSON types, the same in every process (no object addresses)."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): _plain(item) for key, item in sorted(dict(value.items()).items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    kind = value if callable(value) and hasattr(value, "__qualname__") else type(value)
    return f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', repr(kind))}"


def site_signature(config: MkDocsConfig, files: Files) -> str:
    """What every page's conversion reads besides its own Markdown and address."""
    settings = {
        "extensions": _plain(config.markdown_extensions),
        "configs": _plain(config.mdx_configs),
        "language": config.theme["language"],
        "directory_urls": config.use_directory_urls,
        "validation": _plain(config.validation),
    }
    file_map = sorted(f"{file.src_uri}\t{file.dest_uri}\t{file.url}\t{file.inclusion.name}" for file in files)
    return json.dumps(settings, sort_keys=True) + "\n" + "\n".join(file_map)


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _tokens(links: list[AnchorLink]) -> list[dict]:
    return [{"name": link.title, "id": link.id, "level": link.level, "children": _tokens(link.children)}
            for link in links]


def _snapshot(page: Page) -> dict:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": _tokens(list(page.toc)),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {file.src_uri: dict(found) for file, found in links.items()},
    }


def _restore(page: Page, value: dict, files: Files) -> bool:
    links = None
    if value["links"] is not None:
        links = {}
        for src_uri, found in value["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                return False
            links[target] = found
    page.content = value["content"]
    page.toc = get_toc(value["toc"])
    page._title_from_render = value["title"]
    page.present_anchor_ids = set(value["anchors"])
    if links is not None or hasattr(page, "links_to_anchors"):
        page.links_to_anchors = links
    return True


def memoised_render(page: Page, memo: Memo, signature: Callable[[], str]) -> Callable[[MkDocsConfig, Files], None]:
    """A ``Page.render`` for ``page`` that converts its Markdown only when the memo lacks it."""
    convert = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        key = memo.key(STEP, signature(), page.file.src_uri, page.url, page.markdown or "")
        value = memo.get(STEP, key)
        if isinstance(value, dict) and _restore(page, value, files):
            return
        warnings = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        try:
            convert(config, files)
        finally:
            logger.removeHandler(warnings)
        if not warnings.count:
            memo.put(STEP, key, _snapshot(page))

    return render
