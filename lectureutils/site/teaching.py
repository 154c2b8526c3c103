"""The ``lecture-teaching`` MkDocs plugin: citing, versions, printing.

- Every page gets a « Citer cette page » / "Cite this page" block (APA-style, BibTeX, CSL-JSON)
  and, under each h2, a small « Citer cette section » disclosure with the section's citation
  (its deep anchor). Both are ``<details>``: keyboard-accessible without script, and left out of
  the search index.
- Every page's ``<head>`` gets Highwire Press ``citation_*`` and Dublin Core tags (Zotero…).
- The site's version and each page's last update (git, with a fallback) are shown.
- ``{{ printable() }}`` and ``{{ exercises() }}`` pages are filled once all pages are rendered.

Citation addresses come from ``site_url``: a deployment sets it in ``mkdocs.yml``.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import date

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lectureutils import __version__
from lectureutils.site import printing
from lectureutils.site.citation import TEXT_LICENCE, Citation, last_update, long_date

log = logging.getLogger("mkdocs.plugins.lecture.teaching")

LABELS = {
    "fr": {
        "cite_page": "Citer cette page",
        "cite_section": "Citer cette section",
        "apa": "Référence (style APA)",
        "bibtex": "BibTeX",
        "csl": "CSL-JSON (Zotero, Pandoc, citation.js)",
        "meta": "Cours en version {version} · page mise à jour le {updated} · texte sous licence",
        "print": "Pour citer cette page\u202f: ",
        "hint": "Les gestionnaires de références (Zotero…) lisent aussi cette page directement.",
    },
    "en": {
        "cite_page": "Cite this page",
        "cite_section": "Cite this section",
        "apa": "Reference (APA style)",
        "bibtex": "BibTeX",
        "csl": "CSL-JSON (Zotero, Pandoc, citation.js)",
        "meta": "Lecture version {version} · page updated {updated} · text licensed under",
        "print": "To cite this page: ",
        "hint": "Reference managers (Zotero…) can also read this page directly.",
    },
}

_H2 = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h2>', re.DOTALL)


class TeachingPluginConfig(base.Config):
    section_citations = c.Type(bool, default=True)
    """A « Cite this section » disclosure under each h2."""


class TeachingPlugin(BasePlugin[TeachingPluginConfig]):
    def __init__(self):
        # Per language: each page's content before the citation blocks, and its citation.
        self.contents: dict[str, dict[str, str]] = {}
        self.citations: dict[str, Citation] = {}

    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.extra["lecture_version"] = __version__
        if not config.site_url:
            log.warning("lecture-teaching: site_url is not set; citations will carry relative addresses")
        return config

    def language(self, config: MkDocsConfig) -> str:
        return config.theme["language"]

    def citation(self, page: Page, config: MkDocsConfig) -> Citation:
        lang = self.language(config)
        url = page.canonical_url or page.url
        slug = page.url.strip("/")
        if lang != "fr" and (slug.startswith(f"{lang}/") or slug == lang):
            slug = slug[len(lang):].strip("/")
        slug = slug.replace("/", "-") or "index"
        title = config.site_name if page.is_homepage or slug == "index" else (page.title or slug)
        updated = last_update(page.file.abs_src_path) if page.file.abs_src_path else date.today()
        return Citation(
            lang=lang,
            site_name=config.site_name,
            page_title=title,
            url=url,
            slug=slug,
            updated=updated,
        )

    # After the lecture plugin (-50) has restored its stashed HTML and typeset the French.
    @event_priority(-60)
    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang = self.language(config)
        self.contents.setdefault(lang, {})[page.file.src_uri] = html_text
        citation = self.citation(page, config)
        self.citations[page.file.src_uri + "@" + lang] = citation
        labels = LABELS[lang]
        if self.config.section_citations and not page.file.src_uri.endswith(".ipynb"):

            def with_button(match: re.Match) -> str:
                section = Citation(
                    **{**citation.__dict__,
                       "section_title": printing.heading_text(match.group("inner")),
                       "section_id": match.group("id"),
                       "url": f"{citation.url}#{match.group('id')}"}
                )
                return match.group(0) + "\n" + cite_block(section, labels["cite_section"], "section", lang)

            html_text = _H2.sub(with_button, html_text)
        return html_text + "\n" + page_block(citation, lang)

    # Every page of the language is rendered by now: fill the assembled pages.
    @event_priority(10)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        if page.content and "lecture-assemble" in page.content:
            lang = self.language(config)
            contents = self.contents.get(lang, {})
            chapters = []
            for other in nav.pages:
                content = contents.get(other.file.src_uri)
                if content is None or printing.MARKER_RE.search(content):
                    continue
                slug = self.citations[other.file.src_uri + "@" + lang].slug
                chapters.append(printing.Chapter(slug=slug, url=other.url, title=other.title or slug,
                                                 html=content))
            for kind in set(printing.MARKER_RE.findall(page.content)):
                assemble = printing.printable if kind == "printable" else printing.exercises
                page.content = page.content.replace(
                    printing.MARKER.format(kind=kind), assemble(chapters, page.url, lang)
                )
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        citation = self.citations.get(page.file.src_uri + "@" + self.language(config))
        if citation is None or "</head>" not in output:
            return output
        description = page.meta.get("description") or config.site_description or ""
        tags = citation.meta_tags(" ".join(str(description).split()))
        return output.replace("</head>", tags + "\n</head>", 1)


def cite_block(citation: Citation, summary: str, kind: str, lang: str) -> str:
    """A ``<details>`` with the citation in three formats; ``kind`` is ``page`` or ``section``."""
    labels = LABELS[lang]
    esc = html.escape
    return (
        f'<details class="lecture-cite lecture-cite--{kind}" data-search-exclude="true">'
        f'<summary><span class="lecture-cite__icon" aria-hidden="true">❝</span> {summary}</summary>'
        f'<div class="lecture-cite__body">'
        f'<p class="lecture-cite__label">{labels["apa"]}</p>'
        f'<p class="lecture-cite__apa">{citation.apa_html()}</p>'
        f'<p class="lecture-cite__label">{labels["bibtex"]}</p>'
        f'<pre class="lecture-cite__bibtex"><code>{esc(citation.bibtex(), quote=False)}</code></pre>'
        f'<p class="lecture-cite__label">{labels["csl"]}</p>'
        f'<pre class="lecture-cite__csl"><code>{esc(citation.csl_json(), quote=False)}</code></pre>'
        "</div></details>"
    )


def page_block(citation: Citation, lang: str) -> str:
    """The end of every page: version, last update, licence, the page's citation."""
    labels = LABELS[lang]
    meta = labels["meta"].format(version=citation.version, updated=long_date(citation.updated, lang))
    licence = f'<a href="{TEXT_LICENCE[1]}" rel="license">{TEXT_LICENCE[0]}</a>'
    return (
        f'<aside class="lecture-cite-page" data-search-exclude="true">'
        f'<p class="lecture-cite__meta">{meta} {licence}.</p>'
        + cite_block(citation, labels["cite_page"], "page", lang)
        + f'<p class="lecture-cite__print">{labels["print"]}{html.escape(citation.apa_text())}</p>'
        + f'<p class="lecture-cite__hint">{labels["hint"]}</p>'
        + "</aside>"
    )
