"""What a directive handler receives: the page, its language, and the plugin's shared services."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lectureutils.errors import DirectiveError

__all__ = ["DirectiveContext", "DirectiveError"]

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from lectureutils.site.plugin import LecturePlugin


@dataclass
class DirectiveContext:
    page: Page
    lang: str
    config: MkDocsConfig
    plugin: LecturePlugin
    location: str
    stashed: dict[str, str] = field(default_factory=dict)

    def stash(self, html: str) -> str:
        """A placeholder that the plugin swaps for ``html`` after Markdown has run."""
        token = f"<!--lecture-stash-{len(self.plugin.stash_store)}-->"
        self.plugin.stash_store[token] = html
        return f"\n\n{token}\n\n"

    def text(self, translations: Mapping[str, Any]) -> Any:
        """The entry of ``translations`` for the page's language; a missing one is an error."""
        try:
            return translations[self.lang]
        except KeyError:
            raise DirectiveError(
                f"no {self.lang!r} translation among {sorted(translations)} for {translations}"
            ) from None
