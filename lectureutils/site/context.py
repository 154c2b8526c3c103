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

    from lectureutils.site.glue import PageResults
    from lectureutils.site.plugin import LecturePlugin


@dataclass
class DirectiveContext:
    page: Page
    lang: str
    config: MkDocsConfig
    plugin: LecturePlugin
    location: str
    stashed: dict[str, str] = field(default_factory=dict)
    label: str | None = None
    """The directive's ``id="..."``: the name its result publishes under, for ``glue``."""
    results: PageResults | None = None

    def publish(self, name: str, values: Any) -> None:
        """Offer a shown result's values to the page's prose (``{{ glue("name.path") }}``)."""
        if self.results is not None:
            self.results.publish(self.label or name, values, self.location)

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
