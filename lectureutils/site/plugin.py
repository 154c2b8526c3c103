"""The ``lecture`` MkDocs plugin: directives in pages, the shared cache, French typography.

static-i18n builds the site once per language; this plugin object lives across both builds, so
the snippet runner and its in-memory results are shared, and the cache on disk is shared with
every later build.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from lectureutils import textformat
from lectureutils.cache import CacheStore
from lectureutils.execution import SnippetError, SnippetRunner
from lectureutils.site import labs_render, navigation, notebooks, search_index
from lectureutils.site.context import DirectiveContext, DirectiveError
from lectureutils.directive_syntax import find_directives, parse_call
from lectureutils.site.directives import HANDLERS
from lectureutils.site.glue import INLINE_NAME, PageResults, substitute
from lectureutils.site.glossary import annotate_page
from lectureutils.site.glossary import data_path as glossary_data_path

log = logging.getLogger("mkdocs.plugins.lecture")

_SEARCH_BASE = re.compile(r'("base":\s*")([^"]*)(")')
DEFAULT_LANGUAGE = "fr"


class LecturePluginConfig(base.Config):
    snippets_dir = c.Type(str, default="snippets")
    """Folder of the runnable snippets, relative to ``mkdocs.yml``."""
    cache_dir = c.Type(str, default="cache")
    """Committed folder of build-time results, relative to ``mkdocs.yml``."""
    snippet_timeout = c.Type(int, default=60)
    """Seconds a snippet may run before the build fails."""
    pyodide_url = c.Type(str, default="https://cdn.jsdelivr.net/pyodide/v314.0.7/full/")
    """Where the live demos load Pyodide (and numpy) from, only when a reader starts a demo.

    Default: the official distribution of the pinned version, matching the npm ``pyodide`` package
    (314.0.7). To self-host, copy a full Pyodide distribution of that version (with numpy) under
    the site and give its URL or an absolute path such as ``/pyodide/``. The environment variable
    ``LECTUREUTILS_PYODIDE_URL`` overrides it at build time.
    """


class LecturePlugin(BasePlugin[LecturePluginConfig]):
    def __init__(self):
        self.stash_store: dict[str, str] = {}
        self.snippet_runner: SnippetRunner | None = None
        self.store: CacheStore | None = None
        self.executions = 0
        self.cache_hits = 0
        self.snippets_by_page: dict[str, list[str]] = {}
        self.labs: dict[str, notebooks.ChapterLab] = {}
        # What each page's results publish, by language then page: the prose quotes it (glue).
        self.results: dict[str, dict[str, PageResults]] = {}

    # After static-i18n (priority -100) has set this build's language.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.language(config) != DEFAULT_LANGUAGE and "404.html" in config.theme.static_templates:
            # The default language's 404 page speaks both languages and serves every address.
            config.theme.static_templates.remove("404.html")
        root = Path(config.config_file_path).parent
        self.root = root
        self.store = CacheStore(root / self.config.cache_dir)
        self.snippet_runner = SnippetRunner(
            snippets_dir=root / self.config.snippets_dir,
            store=self.store,
            timeout=self.config.snippet_timeout,
            package_root=Path(__file__).resolve().parents[2],
        )
        config.watch.append(str(root / self.config.snippets_dir))
        return config

    # After static-i18n (priority -100), which would drop mkdocs-jupyter's notebook file class.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = self.language(config)
        i18n = config.plugins.get("i18n")
        languages = [locale.locale for locale in i18n.config.languages] if i18n else [lang]
        self.labs = {}
        for file in list(files.documentation_pages()):
            if not file.src_uri.endswith(".md"):
                continue
            source = Path(file.abs_src_path).read_text(encoding="utf-8")
            snippet_lines: dict[str, int] = {}
            for directive in find_directives(source):
                number = directive.index + 1
                try:
                    name, args, _ = parse_call(directive.call)
                except DirectiveError as error:
                    raise PluginError(f"docs/{file.src_uri}:{number}: {error}") from None
                if name == "snippet" and args:
                    snippet_lines.setdefault(args[0], number)
            if not snippet_lines:
                continue
            slug = file.dest_uri.split("/")[-2] if "/" in file.dest_uri else ""
            lab = notebooks.ChapterLab(
                slug=slug, title=notebooks.chapter_title(source), snippets=tuple(snippet_lines),
                sections=notebooks.section_titles(source, snippet_lines),
            )
            self.labs[file.src_uri] = lab
            try:
                notebook = notebooks.notebook_file(
                    lab, lang, DEFAULT_LANGUAGE, self.snippet_runner,
                    self.root / ".cache" / "notebooks", config.site_dir, languages,
                )
            except SnippetError as error:
                line = snippet_lines.get(error.snippet, 1)
                raise PluginError(f"docs/{file.src_uri}:{line}: {error}") from None
            files.append(notebook)
        return files

    def language(self, config: MkDocsConfig) -> str:
        return config.theme["language"]

    # After mkdocs-jupyter's own on_pre_page (priority 0), whose renderer this one replaces.
    @event_priority(-10)
    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if isinstance(page.file, notebooks.NotebookFile):
            page.render = labs_render_method(page, self.root / ".cache" / "lab-html")
        return page

    def record_snippet(self, page: Page, name: str, executed: bool) -> None:
        if executed:
            self.executions += 1
        else:
            self.cache_hits += 1
        names = self.snippets_by_page.setdefault(page.file.src_uri, [])
        if name not in names:
            names.append(name)

    # After static-i18n (priority 50) has localised the page's links, before Markdown runs.
    @event_priority(0)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        if isinstance(page.file, notebooks.NotebookFile):
            return markdown
        lang = self.language(config)
        lines = markdown.split("\n")
        offset = self._front_matter_lines(page)
        results = self.results.setdefault(lang, {})[page.file.src_uri] = PageResults()
        for directive in find_directives(markdown):
            number = directive.index
            location = f"docs/{page.file.src_uri}:{number + 1 + offset}"
            try:
                name, args, kwargs = parse_call(directive.call)
                if name == INLINE_NAME:
                    continue  # quoted after every result of the page is known, wherever it stands
                label = kwargs.pop("id", None)
                if label is not None and not (isinstance(label, str) and label.isidentifier()):
                    raise DirectiveError(f"id={label!r}: a result's name is a plain word (letters, digits, _)")
                context = DirectiveContext(page, lang, config, self, location, label=label, results=results)
                handler = HANDLERS.get(name)
                if handler is None:
                    raise DirectiveError(
                        f"unknown directive {name!r} (known: {', '.join(sorted(HANDLERS))})"
                    )
                rendered = handler(context, *args, **kwargs)
            except DirectiveError as error:
                raise PluginError(f"{location}: {error}") from None
            except TypeError as error:
                raise PluginError(f"{location}: wrong arguments for a directive: {error}") from None
            indent = directive.indent
            lines[number] = "\n".join(indent + part if part else part for part in rendered.split("\n"))
        try:
            lines = substitute(
                markdown, lines, results, lang, lambda index: f"docs/{page.file.src_uri}:{index + 1 + offset}"
            )
        except DirectiveError as error:
            raise PluginError(str(error)) from None
        lab = self.labs.get(page.file.src_uri)
        if lab is not None:
            lines = notebooks.with_link_at_top(lines, lab, lang)
        return "\n".join(lines)

    @staticmethod
    def _front_matter_lines(page: Page) -> int:
        """Lines of YAML front matter MkDocs removed before handing us the Markdown."""
        try:
            text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        except (OSError, TypeError):
            return 0
        match = re.match(r"---\s*\n.*?\n---\s*\n", text, flags=re.DOTALL)
        return match.group(0).count("\n") if match else 0

    # Last, so that every other plugin's HTML is in place when stashed blocks are restored.
    @event_priority(-50)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        for token in re.findall(r"<!--lecture-stash-\d+-->", html):
            html = html.replace(token, self.stash_store.pop(token))
        html = annotate_page(html, page, config, files)
        if self.language(config) == "fr":
            # The toc extension's permalink title is one setting for both languages.
            html = html.replace('title="Permanent link"', 'title="Lien permanent vers cette section"')
        return html

    # Before static-i18n's own on_post_page: each English page must load the English index.
    # Material resolves "search/search_index.json" against this base: it needs its trailing slash.
    # After every other plugin's additions (citations, meta tags at 0): the French typography pass
    # sees the whole page, theme included.
    @event_priority(-90)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        language = self.language(config)
        output = navigation.number_navigation(output, page.url, navigation.home_numbers(config.docs_dir, language))
        if isinstance(page.file, notebooks.NotebookFile):
            output = output.replace("</head>", labs_render.stylesheet_link(page.url) + "\n</head>", 1)
        if language == "fr":
            output = textformat.typeset_html(output)
        if language != DEFAULT_LANGUAGE:
            output = _SEARCH_BASE.sub(
                lambda match: f"{match.group(1)}{match.group(2)}/{language}/{match.group(3)}",
                output,
                count=1,
            )
        return output

    # Static templates (404.html) carry the navigation and the footer: French text too.
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if self.language(config) == "fr" and template_name.endswith(".html"):
            return textformat.typeset_html(output_content)
        return output_content

    # After static-i18n (priority -100) has built every language and merged their search entries.
    @event_priority(-110)
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.building:
            return
        labs_render.prune(self.root / ".cache" / "lab-html")
        if i18n is not None:
            search_index.write_language_indexes(
                Path(config.site_dir), [locale.locale for locale in i18n.config.languages],
                glossary_data_path(config),
            )
        log.info(
            "lecture: %d snippet run(s) executed, %d served from the cache, over every language",
            self.executions,
            self.cache_hits,
        )
        self.executions = self.cache_hits = 0


def labs_render_method(page: Page, cache_dir: Path):
    """A ``Page.render`` for a lab notebook: shared exporter, one rendering per content hash,
    and the page kept out of the search index (its code would fill it with "In [ ]:" noise)."""

    def render(config: MkDocsConfig, files: Files) -> None:
        rendered = labs_render.render(Path(page.file.abs_src_path), cache_dir)
        page.content = rendered.html
        page.toc = get_toc(rendered.toc_tokens)
        if rendered.title:
            page.title = rendered.title
        page.meta["search"] = {"exclude": True}

    return render

