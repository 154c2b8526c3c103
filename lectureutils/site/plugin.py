"""The ``lecture`` MkDocs plugin: directives in pages, the result layer, French typography.

static-i18n builds the site once per language; this plugin object lives across both builds, so
the page plan and the services (``lectureutils.project.Services``) are made once, at the first
language's ``on_config``, and shared. A build only reads the result layer unless the author asks
for writes (the ``write_cache`` option or ``LECTUREUTILS_WRITE_CACHE=1``).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from lectureutils import textformat
from lectureutils.cache import write_requested
from lectureutils.directive_syntax import bind
from lectureutils.errors import DirectiveError, LectureError
from lectureutils.plan import DEFAULT_LANGUAGE
from lectureutils.project import Services, open_project
from lectureutils.site import (
    bundling,
    delivery,
    edit_run,
    jupyterlite,
    labs_render,
    listings,
    markdown_memo,
    memo,
    navigation,
    notebooks,
    pdf,
    search_index,
    search_memo,
    template_cache,
)
from lectureutils.site.context import DirectiveContext, Stash
from lectureutils.site.directives import HANDLERS, demo
from lectureutils.site.glossary import annotate_page
from lectureutils.site.glossary import data_path as glossary_data_path
from lectureutils.site.glue import INLINE_NAME, PageResults, substitute

log = logging.getLogger("mkdocs.plugins.lecture")

_SEARCH_BASE = re.compile(r'("base":\s*")([^"]*)(")')


class LecturePluginConfig(base.Config):
    snippets_dir = c.Type(str, default="snippets")
    """Folder of the runnable snippets, relative to ``mkdocs.yml``."""
    cache_dir = c.Type(str, default="cache")
    """Committed folder of build-time results, relative to ``mkdocs.yml``."""
    write_cache = c.Type(bool, default=False)
    """Let the build produce what the cache lacks: run snippets, draw demo figures, run
    computations (when torch is installed), and write the entries under ``cache_dir``.

    Off by default: ``mkdocs build``/``serve`` only read, and a missing, stale or corrupt entry
    fails the build naming the page, the line and the command that fixes it. An author turns it
    on for one run with ``LECTUREUTILS_WRITE_CACHE=1`` (or produces entries with
    ``make precompute``).
    """
    snippet_timeout = c.Type(int, default=60)
    """Seconds a snippet may run (when the build is allowed to run it) before the build fails."""
    pyodide_url = c.Type(str, default="https://cdn.jsdelivr.net/pyodide/v314.0.7/full/")
    """Where the live demos load Pyodide (and numpy) from, only when a reader starts a demo.

    Default: the official distribution of the pinned version, matching the npm ``pyodide`` package
    (314.0.7). To self-host, copy a full Pyodide distribution of that version (with numpy) under
    the site and give its URL or an absolute path such as ``/pyodide/``. The environment variable
    ``LECTUREUTILS_PYODIDE_URL`` overrides it at build time.
    """
    jupyterlite = c.Type(bool, default=True)
    """Build the lab notebooks' JupyterLite site at ``lab/`` and link each chapter and lab page
    to it, when the ``lab`` extra (``jupyterlite-core``, ``jupyterlite-pyodide-kernel``) is
    installed; without it, or with ``false``, the site has no ``lab/`` and no link to it.
    Its kernel loads Pyodide from ``pyodide_url``. ``LECTUREUTILS_JUPYTERLITE=0`` turns it off
    for one build (the tests' builds of edited projects, which do not look at the lab)."""


class LecturePlugin(BasePlugin[LecturePluginConfig]):
    def __init__(self):
        self.services: Services | None = None
        self.stash = Stash()
        self.labs: dict[str, notebooks.ChapterLab] = {}
        # The lab notebooks' files, written per build outside the project (mkdocs-jupyter reads a path).
        self.scratch: tempfile.TemporaryDirectory | None = None
        # What each page's results publish, by language then page: the prose quotes it (glue).
        self.results: dict[str, dict[str, PageResults]] = {}
        # Outputs of the build's deterministic steps, by input (lectureutils/site/memo.py).
        self.memo: memo.Memo | None = None
        self.site_signature: str | None = None
        # The JupyterLite lab: whether this build makes one, and its notebooks by (language, chapter).
        self.lab_site = False
        self.lab_notebooks: dict[tuple[str, str], Path] = {}

    # After static-i18n (priority -100) has set this build's language.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.language(config) != DEFAULT_LANGUAGE and "404.html" in config.theme.static_templates:
            # The default language's 404 page speaks both languages and serves every address.
            config.theme.static_templates.remove("404.html")
        root = Path(config.config_file_path).parent
        i18n = config.plugins.get("i18n")
        if self.services is None or not (i18n is not None and i18n.building):
            # The first language of this build: read the pages once for every language.
            try:
                self.services = open_project(
                    docs_dir=Path(config.docs_dir),
                    snippets_dir=root / self.config.snippets_dir,
                    cache_dir=root / self.config.cache_dir,
                    writable=self.config.write_cache or write_requested(),
                    snippet_timeout=self.config.snippet_timeout,
                )
            except LectureError as error:
                raise PluginError(str(error)) from None
            self.stash = Stash()
            self.lab_notebooks = {}
            wanted = self.config.jupyterlite and os.environ.get(jupyterlite.SWITCH_VARIABLE) != "0"
            self.lab_site = wanted and not jupyterlite.missing_packages()
            if wanted and not self.lab_site:
                log.info("lecture: no JupyterLite lab (%s/): %s not installed; pip install -e '.[lab]' adds it",
                         jupyterlite.FOLDER, ", ".join(jupyterlite.missing_packages()))
        config.watch.append(str(root / self.config.snippets_dir))
        self.memo = memo.for_project(config.config_file_path)
        if "material/search" in config.plugins:
            # Its on_config (priority 0) has made the index by now.
            search_memo.install(config.plugins["material/search"], self.memo)
        return config

    # After static-i18n (priority -100), which would drop mkdocs-jupyter's notebook file class.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = self.language(config)
        i18n = config.plugins.get("i18n")
        languages = [locale.locale for locale in i18n.config.languages] if i18n else [lang]
        self.labs = {}
        self.site_signature = None
        for file in list(files.documentation_pages()):
            page_plan = self.services.plan.pages.get(file.src_uri)
            if page_plan is None or not page_plan.snippets():
                continue
            slug = file.dest_uri.split("/")[-2] if "/" in file.dest_uri else ""
            first_lines: dict[str, int] = {}
            for directive in page_plan.uses("snippet"):
                first_lines.setdefault(directive.args[0], directive.line)
            lab = notebooks.ChapterLab(
                slug=slug, title=page_plan.title, snippets=page_plan.snippets(),
                sections=notebooks.section_titles(page_plan.path.read_text(encoding="utf-8"), first_lines),
            )
            self.labs[file.src_uri] = lab
            for name in lab.snippets:
                try:
                    self.services.snippets.run(name, lang)
                except LectureError as error:
                    raise PluginError(str(error.at(page_plan.first_line("snippet", name)))) from None
            if self.scratch is None:
                self.scratch = tempfile.TemporaryDirectory(prefix="lecture-notebooks-")
            notebook = notebooks.notebook_file(
                lab, lang, DEFAULT_LANGUAGE, self.services.snippets,
                Path(self.scratch.name), config, languages, self.memo,
            )
            files.append(notebook)
            self.lab_notebooks[(lang, slug)] = Path(notebook.abs_src_path)
        live = any(True for _ in self.services.plan.directives("demo")) or any(
            directive.args[:1] == ("tokenizer_playground",) for _, directive in self.services.plan.directives("compute")
        )
        shipped = demo.browser_sources() if live else []
        # The files a reader's Edit and run imports (lectureutils.site.edit_run): the same as at build time.
        shipped += edit_run.browser_sources(self._snippet_sources())
        for relative, source in shipped:
            # The toy model's and the snippets' Python files, fetched by the browser on first use.
            if files.get_file_from_path(relative) is None:
                files.append(File.generated(config, relative, abs_src_path=str(source)))
        return files

    # After every other plugin's on_env (static-i18n adds an extension at 0): the cache's folder
    # is named after the environment's final settings.
    @event_priority(-110)
    def on_env(self, env, config: MkDocsConfig, files: Files):
        template_cache.install(env, Path(config.config_file_path).parent)
        return env

    def _snippet_sources(self) -> list[str]:
        """The source of every snippet a page includes (an unknown one fails at its directive)."""
        sources = []
        for name in sorted({directive.args[0] for _, directive in self.services.plan.directives("snippet")
                            if directive.args}):
            try:
                sources.append(self.services.snippets.resolve(str(name)).read_text(encoding="utf-8"))
            except LectureError:
                continue
        return sources

    def on_serve(self, server, config: MkDocsConfig, builder):
        # An edit reaches the rebuild as the file is saved, not at the next 0.5 s poll. Imported
        # here: a build (no server) needs no file events (watchdog's import costs ~20 ms).
        from lectureutils.site import watching

        watching.use_file_events(server)
        return server

    def on_shutdown(self) -> None:
        if self.scratch is not None:
            self.scratch.cleanup()
            self.scratch = None

    def language(self, config: MkDocsConfig) -> str:
        return config.theme["language"]

    # After mkdocs-jupyter's own on_pre_page (priority 0), whose renderer this one replaces.
    @event_priority(-10)
    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if isinstance(page.file, notebooks.NotebookFile):
            root = Path(config.config_file_path).parent
            page.render = labs_render_method(page, root / ".cache" / "lab-html")
        else:
            page.render = markdown_memo.memoised_render(page, self.memo, lambda: self._site_signature(config, files))
        return page

    def _site_signature(self, config: MkDocsConfig, files: Files) -> str:
        # Made once per language: the files are all known when the first page is converted.
        if self.site_signature is None:
            self.site_signature = markdown_memo.site_signature(config, files)
        return self.site_signature

    # After static-i18n (priority 50) has localised the page's links, before Markdown runs.
    @event_priority(0)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        if isinstance(page.file, notebooks.NotebookFile):
            return markdown
        page_plan = self.services.plan.pages.get(page.file.src_uri)
        lab = self.labs.get(page.file.src_uri)
        if page_plan is None:
            return markdown
        lang = self.language(config)
        lines = markdown.split("\n")
        results = self.results.setdefault(lang, {})[page.file.src_uri] = PageResults()
        for directive in page_plan.directives:
            if directive.name == INLINE_NAME:
                continue  # quoted after every result of the page is known, wherever it stands
            location = directive.location
            try:
                if not lines[directive.body_index].lstrip().startswith("{{"):
                    raise DirectiveError(
                        "the page changed between reading its plan and rendering it "
                        "(another plugin added or removed lines before the directives)"
                    )
                kwargs = dict(directive.kwargs)
                label = kwargs.pop("id", None)
                if label is not None and not (isinstance(label, str) and label.isidentifier()):
                    raise DirectiveError(f"id={label!r}: a result's name is a plain word (letters, digits, _)")
                handler = HANDLERS.get(directive.name)
                if handler is None:
                    raise DirectiveError(
                        f"unknown directive {directive.name!r} (known: {', '.join(sorted(HANDLERS))})"
                    )
                bind(directive.name, handler, list(directive.args), kwargs)
                context = DirectiveContext(
                    page, lang, config, location, self.services, self.config, self.stash,
                    label=label, results=results, memo=self.memo,
                )
                rendered = handler(context, *directive.args, **kwargs)
            except LectureError as error:
                raise PluginError(str(error.at(location))) from None
            indent = directive.indent
            lines[directive.body_index] = "\n".join(
                indent + part if part else part for part in rendered.split("\n")
            )
        try:
            lines = substitute(markdown, lines, results, lang, page_plan.location)
        except LectureError as error:
            raise PluginError(str(error)) from None
        if lab is not None:
            lite_href = jupyterlite.notebook_href(lang, lab.slug, page.url) if self.lab_site else None
            lines = notebooks.with_link_at_top(lines, lab, lang, lite_href)
        return "\n".join(lines)

    # Last, so that every other plugin's HTML is in place when stashed blocks are restored.
    @event_priority(-50)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = self.stash.restore(html)
        if self.lab_site and isinstance(page.file, notebooks.NotebookFile):
            html = jupyterlite.with_open_link(html, self.language(config), page.url)
        html = self.memo.text(
            "glossary", lambda: annotate_page(html, page, config, files),
            html, page.file.src_uri, page.url, self.language(config), repr(page.meta.get("glossary_terms")),
            config.use_directory_urls, _file_bytes(glossary_data_path(config)),
        )
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
        return self.memo.text(
            "page", lambda: self._finish_page(output, page, config, language),
            output, page.url, language, isinstance(page.file, notebooks.NotebookFile),
            repr(sorted(navigation.home_numbers(config.docs_dir, language).items())),
        )

    def _finish_page(self, output: str, page: Page, config: MkDocsConfig, language: str) -> str:
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
    def _on_post_build_lecture(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.building:
            return
        root = Path(config.config_file_path).parent
        labs_render.prune(root / ".cache" / "lab-html")
        if self.lab_site and self.lab_notebooks:
            self.build_lab(root, Path(config.site_dir))
        if i18n is not None:
            search_index.write_language_indexes(
                Path(config.site_dir), [locale.locale for locale in i18n.config.languages],
                glossary_data_path(config), self.memo,
            )
        # Every step of this plugin has run for every language: forget what this build did not use.
        # ("page-classes" is used later, by the delivery step, which forgets its own.)
        self.memo.prune("markdown", "glossary", "page", "notebook", search_memo.STEP, "language-index",
                        "compute", "demo-controls")
        results = self.services.results
        log.info(
            "lecture: %d cache entr%s read, %d produced (%s), over every language",
            results.read,
            "y" if results.read == 1 else "ies",
            results.produced,
            "writes allowed" if results.writable else "read-only build",
        )
        results.forget()

    # Last of all, after the side-by-side pages (lecture-bilingual, -120) are filled in: what a
    # first visit downloads is decided on the finished pages (lectureutils/site/delivery.py).
    @event_priority(-130)
    def _on_post_build_delivery(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.building:
            return
        site_dir = Path(config.site_dir)
        delivery.minify_own_assets(Path(config.docs_dir) / "assets", site_dir / "assets")
        bundles = bundling.write_bundles(site_dir, [str(sheet) for sheet in config.extra_css],
                                         [str(script) for script in config.extra_javascript
                                          if isinstance(script, str) or not (script.type or script.defer or script.async_)])
        figures: dict[str, bytes] = {}
        folded: dict[str, bytes] = {}

        def relink_theme(pages: list[bytes]):
            _, links = delivery.trimmed_theme_sheets(site_dir, config.theme.dirs, pages,
                                                     Path(config.config_file_path).parent / ".cache" / "theme-css",
                                                     memo=self.memo)
            return lambda html: delivery.link_trimmed_sheets(html, links)

        # One read and at most one write per page: bundles linked, then charts and folded programs
        # moved out, then the trimmed theme sheet (trimmed to the classes the pages keep once the
        # charts and listings have left) linked. The printable edition (pdf.LANGUAGES: its pages)
        # is printed whole: its figures and listings stay inline.
        printed = [Path(page).parent.as_posix() for page in pdf.LANGUAGES.values()]
        delivery.rewrite_pages(site_dir, [
            (lambda html, prefix: bundling.link_bundles(html, bundles), True),
            (lambda html, prefix: delivery.figures_as_images(html, prefix, figures), False),
            (lambda html, prefix: listings.fold_listings(html, prefix, folded), False),
        ], keep_inline=printed, skip=(jupyterlite.FOLDER,), finish=relink_theme)
        delivery.write_figures(site_dir, figures)
        listings.write_listings(site_dir, folded)
        self.memo.prune("page-classes", "script-words")

    on_post_build = CombinedEvent(_on_post_build_lecture, _on_post_build_delivery)

    def build_lab(self, root: Path, site_dir: Path) -> None:
        """``lab/``: the JupyterLite site of every language's notebooks, built once per content."""
        pyodide_url = os.environ.get(demo.PYODIDE_URL_VARIABLE) or self.config.pyodide_url
        try:
            built = jupyterlite.build(
                jupyterlite.contents(self.lab_notebooks), jupyterlite.settings(pyodide_url),
                root / jupyterlite.CACHE_FOLDER,
            )
        except LectureError as error:
            raise PluginError(str(error)) from None
        count = jupyterlite.install(built, site_dir)
        log.info("lecture: JupyterLite lab at %s/ (%d notebooks; %s)", jupyterlite.FOLDER, len(self.lab_notebooks),
                 f"{count} files linked from {built.parent.name}/{built.name}" if count else "already in place")


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


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
