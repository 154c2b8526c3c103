"""What a directive handler receives: the page, its language and location, and explicit services.

A handler never sees the plugin: it gets the project's services (page plan, result layer, snippet
runner, compute engine: ``lectureutils.project.Services``), the plugin's typed options and the
stash where raw HTML waits until Markdown has run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lectureutils.errors import DirectiveError

if TYPE_CHECKING:
    from mkdocs.config.base import Config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from lectureutils.project import Services
    from lectureutils.site.glue import PageResults
    from lectureutils.site.memo import Memo

__all__ = ["DirectiveContext", "DirectiveError", "Stash"]

_TOKEN = re.compile(r"<!--lecture-stash-\d+-->")


@dataclass
class Stash:
    """Raw HTML kept out of Markdown's way: a placeholder now, the HTML back after rendering."""

    blocks: dict[str, str] = field(default_factory=dict)
    issued: int = 0

    def put(self, html: str) -> str:
        token = f"<!--lecture-stash-{self.issued}-->"
        self.issued += 1
        self.blocks[token] = html
        return token

    def restore(self, html: str) -> str:
        return _TOKEN.sub(lambda match: self.blocks.pop(match.group(0), match.group(0)), html)


@dataclass
class DirectiveContext:
    page: Page
    lang: str
    config: MkDocsConfig
    location: str
    services: Services
    options: Config
    """The ``lecture`` plugin's typed options (``LecturePluginConfig``)."""
    stash_store: Stash
    label: str | None = None
    """The directive's ``id="..."``: the name its result publishes under, for ``glue``."""
    results: PageResults | None = None
    memo: Memo | None = None
    """The build memo (``lectureutils/site/memo.py``): a handler keeps a pure rendering there."""

    def publish(self, name: str, values: Any) -> None:
        """Offer a shown result's values to the page's prose (``{{ glue("name.path") }}``)."""
        if self.results is not None:
            self.results.publish(self.label or name, values, self.location)

    def stash(self, html: str) -> str:
        """A placeholder that the plugin swaps for ``html`` after Markdown has run."""
        return f"\n\n{self.stash_store.put(html)}\n\n"

    def unique_id(self, prefix: str) -> str:
        """An id no other stashed block of the build has."""
        return f"{prefix}-{self.stash_store.issued}"

    def text(self, translations: Mapping[str, Any]) -> Any:
        """The entry of ``translations`` for the page's language; a missing one is an error."""
        try:
            return translations[self.lang]
        except KeyError:
            raise DirectiveError(
                f"no {self.lang!r} translation among {sorted(translations)} for {translations}"
            ) from None
