"""The ``lecture-bilingual`` MkDocs plugin: every chapter side by side in both languages.

static-i18n builds the French site, then, from its ``on_post_build``, the English one; this plugin
object lives across both builds. Each build adds one side-by-side page per chapter
(``bilingue/<slug>/``, ``en/bilingue/<slug>/``) holding only a slot, and records every chapter's
rendered content. Once both languages are rendered (the last ``on_post_build``), the chapters are
paired section by section (a page that cannot be paired fails the build, naming the page and the
section) and the slots of both interfaces are filled. The committed ``corpus/`` files are added to
both builds' files, at the site's root, so that pages link to them like to any page.
"""

from __future__ import annotations

import json
import logging
import posixpath
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lectureutils.directive_syntax import find_directives, parse_call
from lectureutils.errors import DirectiveError
from lectureutils.plan import read_page
from lectureutils.site.bilingual.blocks import sections
from lectureutils.site.bilingual.pairing import PairingError, pair_page
from lectureutils.site.bilingual.render import Chapter, bilingual_url, render
from lectureutils.site.memo import Memo
from lectureutils.site.memo import for_project as memo_for_project

log = logging.getLogger("mkdocs.plugins.lecture.bilingual")

DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")
SLOT = '<div class="lecture-bilingual-slot" data-lecture-bilingual="{slug}"></div>'
# Pages assembled from the other pages have no text of their own to put side by side.
ASSEMBLED = {"printable", "exercises"}

TEXT = {
    "fr": {
        "menu": "Les deux langues",
        "link": "Lire cette page en regard de sa traduction anglaise",
        "title": "{title} — en regard de l'anglais",
    },
    "en": {
        "menu": "Both languages",
        "link": "Read this page side by side with the French original",
        "title": "{title} — side by side with the French",
    },
}


class BilingualPluginConfig(base.Config):
    corpus_dir = c.Type(str, default="corpus")
    """Committed folder of the parallel corpus and termbase, relative to ``mkdocs.yml``; copied
    into the site under the same name, so that readers download them from the pages."""
    scratch_dir = c.Type(str, default=".cache/bilingual")
    """Where the side-by-side pages' sources are written, relative to ``mkdocs.yml``."""


class BilingualPlugin(BasePlugin[BilingualPluginConfig]):
    def __init__(self):
        # (language, chapter source uri without its language suffix) -> rendered content.
        self.contents: dict[tuple[str, str], str] = {}
        self.chapters: dict[str, Chapter] = {}
        self.generated: set[str] = set()

    @staticmethod
    def language(config: MkDocsConfig) -> str:
        return config.theme["language"]

    # After static-i18n (priority -100), which rebuilds every File, and after the lecture plugin
    # (-110) has added the notebooks: our pages are added to the language's final file list.
    @event_priority(-120)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = self.language(config)
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir)
        scratch = root / self.config.scratch_dir / lang
        self.chapters = {}
        for entry in _nav_sources(config.nav):
            stem = entry[: -len(".md")]
            sources = {language: docs / f"{stem}.{language}.md" for language in LANGUAGES}
            if not all(path.is_file() for path in sources.values()):
                continue
            texts = {language: path.read_text(encoding="utf-8") for language, path in sources.items()}
            if _assembled(texts[DEFAULT_LANGUAGE]):
                continue
            slug = "" if stem == "index" else stem
            urls = {language: _chapter_url(slug, language) for language in LANGUAGES}
            titles = {language: read_page(path, path.name).title or slug for language, path in sources.items()}
            self.chapters[stem] = Chapter(slug=slug, urls=urls, titles=titles)
            files.append(self._page_file(self.chapters[stem], lang, scratch, config.site_dir))
        # The corpus files, at the site's root in both builds: pages link to them as ``corpus/…``.
        corpus = root / self.config.corpus_dir
        for path in sorted(corpus.glob("*")) if corpus.is_dir() else []:
            relative = f"{self.config.corpus_dir}/{path.name}"
            if path.is_file() and files.get_file_from_path(relative) is None:
                files.append(File(relative, src_dir=str(root), dest_dir=config.site_dir,
                                  use_directory_urls=True))
        return files

    def _page_file(self, chapter: Chapter, lang: str, scratch: Path, site_dir: str) -> File:
        relative = f"bilingue/{chapter.slug or 'index'}.md"
        path = scratch / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        other = "en" if lang == "fr" else "fr"
        title = TEXT[lang]["title"].format(title=chapter.titles[lang])
        markdown = (
            "---\n"
            f"title: {json.dumps(title, ensure_ascii=False)}\n"
            "hide:\n  - navigation\n  - toc\n"
            "search:\n  exclude: true\n"
            "glossary_terms: false\n"
            "lecture_bilingual: true\n"
            "---\n\n"
            f'# {chapter.titles[lang]} <span class="lecture-bilingual__other-title" lang="{other}">'
            f"{chapter.titles[other]}</span> {{#top}}\n\n"
            + SLOT.format(slug=chapter.slug)
            + "\n"
        )
        if not path.is_file() or path.read_text(encoding="utf-8") != markdown:
            path.write_text(markdown, encoding="utf-8")
        file = File(relative, src_dir=str(scratch), dest_dir=site_dir, use_directory_urls=True)
        url = bilingual_url(chapter.slug, lang, DEFAULT_LANGUAGE)
        file.url = url
        file.dest_uri = url + "index.html"
        file.abs_dest_path = str(Path(site_dir) / file.dest_uri)
        file.locale = lang
        file.locale_alternate_of = lang
        file.alternates = {
            language: SimpleNamespace(url=bilingual_url(chapter.slug, language, DEFAULT_LANGUAGE))
            for language in LANGUAGES
        }
        self.generated.add(file.src_uri)
        return file

    def _stem(self, page: Page) -> str | None:
        """The chapter a page is a language version of (``modele``), or None."""
        uri = page.file.src_uri
        for lang in LANGUAGES:
            if uri.endswith(f".{lang}.md"):
                stem = uri[: -len(f".{lang}.md")]
                return stem if stem in self.chapters else None
        return None

    # After the lecture plugin (-50) has restored its stashed HTML, marked the glossary terms and
    # typeset the French; before lecture-teaching (-60) appends the citation blocks.
    @event_priority(-55)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        stem = self._stem(page)
        if stem is None:
            return html
        lang = self.language(config)
        self.contents[(lang, stem)] = html
        chapter = self.chapters[stem]
        target = bilingual_url(chapter.slug, lang, DEFAULT_LANGUAGE)
        here = chapter.urls[lang]
        href = _relative(target, here)
        link = (f'<p class="lecture-bilingual-link" data-search-exclude="true">'
                f'<a href="{href}">{TEXT[lang]["link"]}</a></p>')
        return _after_h1(html, link)

    # After static-i18n (priority 50) has set this page's language menu.
    @event_priority(40)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        lang = self.language(config)
        stem = self._stem(page)
        if stem is not None:
            chapter = self.chapters[stem]
            url, current = bilingual_url(chapter.slug, lang, DEFAULT_LANGUAGE), False
        elif page.file.src_uri in self.generated:
            url, current = page.url, True
        else:
            return context
        context["lecture_bilingual"] = {"url": url, "label": TEXT[lang]["menu"], "current": current}
        return context

    # After static-i18n (priority -100) has built every language: both are rendered.
    @event_priority(-120)
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.building:
            return
        site = Path(config.site_dir)
        memo = memo_for_project(config.config_file_path)
        filled = 0
        for stem, chapter in self.chapters.items():
            contents = {lang: self.contents.get((lang, stem)) for lang in LANGUAGES}
            if any(content is None for content in contents.values()):
                continue
            rendered = self._side_by_side(stem, chapter, contents, memo)
            for interface in LANGUAGES:
                target = site / bilingual_url(chapter.slug, interface, DEFAULT_LANGUAGE) / "index.html"
                if not target.is_file():
                    continue
                output = target.read_text(encoding="utf-8")
                slot = SLOT.format(slug=chapter.slug)
                if slot not in output:
                    raise PluginError(f"lecture-bilingual: {target} lost its slot")
                target.write_text(output.replace(slot, rendered[interface], 1), encoding="utf-8")
                filled += 1
        memo.prune("bilingual")
        log.info("lecture-bilingual: %d side-by-side page(s) in %d language(s)", filled, len(LANGUAGES))
        self.contents = {}

    def _side_by_side(self, stem: str, chapter: Chapter, contents: dict[str, str], memo: Memo) -> dict[str, str]:
        """The chapter's side-by-side content in each interface language, paired once per content
        (the build memo keeps it: a warm build or a rebuild that did not touch it pairs nothing)."""
        urls = {
            interface: {
                other.urls[lang]: bilingual_url(other.slug, interface, DEFAULT_LANGUAGE)
                for other in self.chapters.values() for lang in LANGUAGES
            }
            for interface in LANGUAGES
        }
        key = memo.key("bilingual", contents["fr"], contents["en"], repr(chapter), json.dumps(urls, sort_keys=True))
        cached = memo.get("bilingual", key)
        if isinstance(cached, dict) and set(cached) == set(LANGUAGES):
            return cached
        page = f"docs/{stem}.fr.md / docs/{stem}.en.md"
        try:
            paired = pair_page(sections(contents["fr"]), sections(contents["en"]), page)
        except PairingError as error:
            raise PluginError(f"lecture-bilingual: {error}") from None
        rendered = {interface: render(chapter, paired, interface, urls[interface]) for interface in LANGUAGES}
        memo.put("bilingual", key, rendered)
        return rendered


def _nav_sources(nav) -> list[str]:
    """The ``.md`` entries of ``nav`` (``modele.md``), in order."""
    found: list[str] = []
    for item in nav or []:
        if isinstance(item, str):
            value = item
        elif isinstance(item, dict):
            value = next(iter(item.values()))
        else:
            continue
        if isinstance(value, list):
            found += _nav_sources(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def _assembled(source: str) -> bool:
    for directive in find_directives(source):
        try:
            name, _, _ = parse_call(directive.call)
        except DirectiveError:  # the lecture plugin reports it, with its line
            continue
        if name in ASSEMBLED:
            return True
    return False


def _chapter_url(slug: str, lang: str) -> str:
    path = f"{slug}/" if slug else ""
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def _relative(target: str, here: str) -> str:
    relative = posixpath.relpath("/" + target, "/" + here.rstrip("/") if here else "/")
    return relative.rstrip("/") + "/"


def _after_h1(html: str, addition: str) -> str:
    end = html.find("</h1>")
    if end < 0:
        return addition + "\n" + html
    end += len("</h1>")
    return html[:end] + "\n" + addition + html[end:]
