"""The page plan: every page of ``docs/``, its language, title and directives, read once.

Built once per build (the plugin, for both languages), and by ``python -m lectureutils`` and the
tests, so that all of them agree on which snippets, computations and demo figures the pages use
and report the same ``docs/page.md:line``. Front matter is read by MkDocs' own parser
(``mkdocs.utils.meta``), the directives by ``lectureutils.directive_syntax``. Neutral: it imports
nothing of the site or of the computations.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils import meta as front_matter

from lectureutils.directive_syntax import find_directives, parse_call
from lectureutils.errors import LectureError

DEFAULT_LANGUAGE = "fr"


@dataclass(frozen=True)
class Directive:
    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    line: int
    """1-based line in the page's source file (front matter included)."""
    body_index: int
    """0-based line in the Markdown MkDocs hands to plugins (front matter removed)."""
    indent: str
    location: str
    """``docs/<page>:<line>``, as every error reports it."""


@dataclass(frozen=True)
class PagePlan:
    src_uri: str
    path: Path
    lang: str
    meta: dict[str, Any]
    title: str
    directives: tuple[Directive, ...]
    body_offset: int
    """Lines of front matter before the Markdown MkDocs hands to plugins."""

    def location(self, body_index: int) -> str:
        """``docs/<page>:<line>`` of a 0-based line of the Markdown body."""
        return f"docs/{self.src_uri}:{body_index + 1 + self.body_offset}"

    def uses(self, name: str) -> Iterator[Directive]:
        return (directive for directive in self.directives if directive.name == name)

    def snippets(self) -> tuple[str, ...]:
        """The snippets of the page, each once, in page order."""
        return tuple(dict.fromkeys(d.args[0] for d in self.uses("snippet") if d.args))

    def first_line(self, name: str, first_argument: Any) -> str:
        """Where the page first uses ``name(first_argument, ...)``."""
        for directive in self.uses(name):
            if directive.args and directive.args[0] == first_argument:
                return directive.location
        return f"docs/{self.src_uri}:1"


def language_of(src_uri: str, default: str = DEFAULT_LANGUAGE) -> str:
    """``page.en.md`` is English; a page without a language suffix is in the default language."""
    parts = Path(src_uri).name.split(".")
    return parts[-2] if len(parts) >= 3 and len(parts[-2]) == 2 else default


def _title(meta: dict[str, Any], body: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].split(" {#")[0].strip()
    return ""


def read_page(path: Path, src_uri: str, default_language: str = DEFAULT_LANGUAGE) -> PagePlan:
    """One page's plan; a directive that does not parse raises a LectureError at its line."""
    source = path.read_text(encoding="utf-8-sig")
    body, meta = front_matter.get_data(source)
    offset = source.count("\n") - body.count("\n") if body != source else 0
    directives = []
    for found in find_directives(body):
        line = found.index + 1 + offset
        location = f"docs/{src_uri}:{line}"
        try:
            name, args, kwargs = parse_call(found.call)
        except LectureError as error:
            raise error.at(location) from None
        directives.append(
            Directive(name, tuple(args), kwargs, line, found.index, found.indent, location)
        )
    return PagePlan(
        src_uri=src_uri,
        path=path,
        lang=language_of(src_uri, default_language),
        meta=meta,
        title=_title(meta, body),
        directives=tuple(directives),
        body_offset=offset,
    )


@dataclass(frozen=True)
class SitePlan:
    docs_dir: Path
    pages: dict[str, PagePlan]

    @classmethod
    def read(cls, docs_dir: Path, default_language: str = DEFAULT_LANGUAGE) -> SitePlan:
        docs_dir = Path(docs_dir)
        pages = {}
        for path in sorted(docs_dir.rglob("*.md")):
            src_uri = path.relative_to(docs_dir).as_posix()
            pages[src_uri] = read_page(path, src_uri, default_language)
        return cls(docs_dir, pages)

    def directives(self, name: str) -> Iterator[tuple[PagePlan, Directive]]:
        for page in self.pages.values():
            for directive in page.uses(name):
                yield page, directive

    def snippets(self) -> dict[str, str]:
        """Every snippet a page shows -> where it is first shown."""
        found: dict[str, str] = {}
        for _, directive in self.directives("snippet"):
            if directive.args:
                found.setdefault(directive.args[0], directive.location)
        return found
