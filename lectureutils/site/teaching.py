"""The ``lecture-teaching`` MkDocs plugin: citing, versions, printing.

- Every page gets one « Citer cette page » / "Cite this page" panel, under its title: the APA
  reference with a copy button, one-click downloads of the full record (CSL-JSON and RIS, the
  page and the talk), BibTeX and CSL-JSON to read, and the talk's own reference. A ``<details>``:
  keyboard-accessible and complete without script, left out of the search index.
- A section's citation is reached from its heading's permalink (``cite.js``): following it moves
  the same panel under that heading, showing the section's citation (its deep anchor), with no
  button under every heading. The sections' citations wait in a JSON file next to the page,
  with the talk's record that their downloads end with; the page's own downloads are files next
  to it too (not ``data:`` links): a first visit carries only what the panel shows.
- Every page's ``<head>`` gets Highwire Press, Dublin Core and Open Graph tags (Zotero…).
- The site's version and each page's last update (git, with a fallback) are shown.
- ``{{ printable() }}`` and ``{{ exercises() }}`` pages are filled once all pages are rendered.

Citation addresses come from ``site_url``; ``make release`` refuses a placeholder address.
"""

from __future__ import annotations

import html
import json
import logging
import re
from datetime import date
from pathlib import Path, PurePosixPath

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lectureutils import __version__, textformat
from lectureutils.site import memo, printing
from lectureutils.site.citation import (
    DOWNLOAD_TYPES,
    TEXT_LICENCE,
    Citation,
    fallback_date,
    git_date,
    git_head,
    long_date,
)

log = logging.getLogger("mkdocs.plugins.lecture.teaching")

LABELS = {
    "fr": {
        "cite_page": "Citer cette page",
        "cite_section": "Citer cette section",
        "section": "Section\u202f:",
        "whole_page": "Citer toute la page",
        "apa": "Référence (style APA)",
        "copy": "Copier",
        "copied": "Copié",
        "download": "Télécharger la notice complète (cette page et l'exposé)\u202f:",
        "download_hint": "Zotero, EndNote, Mendeley…",
        "bibtex": "BibTeX",
        "csl": "CSL-JSON",
        "ris": "RIS",
        "talk": "L'exposé lui-même",
        "talk_hint": ("Ce site est une réécriture de l'exposé, pas son texte\u202f: citez la page pour "
                      "nos formulations, l'exposé pour ce que l'oratrice a dit."),
        "permalink": "Lien permanent vers cette section (et sa citation)",
        "meta": "Cours en version {version} · page mise à jour le {updated} · texte sous licence",
        "print": "Pour citer cette page\u202f: ",
        "hint": "Les gestionnaires de références (Zotero…) lisent aussi cette page directement.",
    },
    "en": {
        "cite_page": "Cite this page",
        "cite_section": "Cite this section",
        "section": "Section:",
        "whole_page": "Cite the whole page",
        "apa": "Reference (APA style)",
        "copy": "Copy",
        "copied": "Copied",
        "download": "Download the full record (this page and the talk):",
        "download_hint": "Zotero, EndNote, Mendeley…",
        "bibtex": "BibTeX",
        "csl": "CSL-JSON",
        "ris": "RIS",
        "talk": "The talk itself",
        "talk_hint": ("This site rewrites the talk; it is not its text: cite the page for our wording, "
                      "the talk for what the speaker said."),
        "permalink": "Permanent link to this section (and its citation)",
        "meta": "Lecture version {version} · page updated {updated} · text licensed under",
        "print": "To cite this page: ",
        "hint": "Reference managers (Zotero…) can also read this page directly.",
    },
}

_H2 = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h2>', re.DOTALL)
_H1_END = re.compile(r"</h1>")
SECTIONS_FILE = "citations.json"


class TeachingPluginConfig(base.Config):
    section_citations = c.Type(bool, default=True)
    """Each h2 section's citation, reached from its heading's permalink."""


class TeachingPlugin(BasePlugin[TeachingPluginConfig]):
    def __init__(self):
        # Per language: each page's content before the citation blocks, and its citation.
        self.contents: dict[str, dict[str, str]] = {}
        self.citations: dict[str, Citation] = {}
        self.memo: memo.Memo | None = None
        self.head: str | None = None
        self.docs_dir = Path("docs")

    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.extra["lecture_version"] = __version__
        self.memo = memo.for_project(config.config_file_path)
        self.head = git_head(Path(config.config_file_path).parent)
        self.docs_dir = Path(config.docs_dir).resolve()
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
        updated = self.last_update(page.file.abs_src_path) if page.file.abs_src_path else date.today()
        return Citation(
            lang=lang,
            site_name=config.site_name,
            page_title=title,
            url=url,
            slug=slug,
            updated=updated,
        )

    def last_update(self, path: str) -> date:
        """The date of the last commit that touched ``path`` (``citation.last_update``), asked
        of git once per checked-out commit: a warm build or a rebuild starts no git process
        per page."""
        # Outside git (a tarball, a copy) and for a page the build makes (side-by-side pages,
        # notebooks), git has no date to give.
        if self.head is None or not Path(path).resolve().is_relative_to(self.docs_dir):
            return fallback_date(path)
        key = self.memo.key("updated", self.head, path)
        known = self.memo.get("updated", key)
        if isinstance(known, str):
            return date.fromisoformat(known)
        found = git_date(path)
        if found is None:
            return fallback_date(path)
        self.memo.put("updated", key, found.isoformat())
        return found

    # After static-i18n (priority -100) has built every language.
    @event_priority(-110)
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is None or not i18n.building:
            self.memo.prune("updated", "assembled", "cite-panel", "cite-sections")

    # After the lecture plugin (-50) has restored its stashed HTML; the assembled pages (-60,
    # here) take each page's content before its citation panel is added.
    @event_priority(-60)
    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang = self.language(config)
        self.contents.setdefault(lang, {})[page.file.src_uri] = html_text
        citation = self.citation(page, config)
        self.citations[page.file.src_uri + "@" + lang] = citation
        sections = []
        if self.config.section_citations and not page.file.src_uri.endswith(".ipynb"):
            sections = [citation.section(match.group("id"), printing.heading_text(match.group("inner")))
                        for match in _H2.finditer(html_text)]
        folder = PurePosixPath(page.file.dest_uri).parent
        # Generated Files: MkDocs writes them with the pages' assets (static files are copied
        # after every page's content is rendered).
        for name, text in citation.downloads().values():
            files.append(File.generated(config, (folder / name).as_posix(), content=text))
        sections_file = None
        if sections:
            # The sections' citations are fetched when a permalink is followed: a chapter of a
            # dozen sections stays light.
            sections_file = folder / SECTIONS_FILE
            talk = citation.talk()
            # Once per page's sections (the build memo): each section's BibTeX, CSL and RIS.
            content = self.memo.text("cite-sections", lambda: json.dumps(
                {"talk": {"csl": talk.csl(), "ris": talk.ris()},
                 "sections": {section.section_id: _panel_data(section) for section in sections}},
                ensure_ascii=False, separators=(",", ":")), lang, repr(citation), *map(repr, sections))
            files.append(File.generated(config, sections_file.as_posix(), content=content))
        sections_name = SECTIONS_FILE if sections_file else None
        panel = self.memo.text("cite-panel", lambda: cite_panel(citation, sections_name, lang),
                               repr(citation), repr(sections_name), lang)
        html_text, found = _H1_END.subn(lambda match: match.group(0) + "\n" + panel, html_text, count=1)
        if not found:
            html_text = panel + "\n" + html_text
        return html_text + "\n" + page_end(citation, lang)

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
            # Each chapter's fields as parts of the memo key (length-prefixed, four per chapter):
            # the chapters' HTML is hashed as it is, not first written out as JSON.
            parts = [str(len(chapters)), *(field for chapter in chapters
                                           for field in (chapter.slug, chapter.url, chapter.title, chapter.html)),
                     page.url, lang]
            for kind in sorted(set(printing.MARKER_RE.findall(page.content))):
                assemble = printing.printable if kind == "printable" else printing.exercises
                # Once per content of its chapters: a rebuild that changed none assembles nothing.
                assembled = self.memo.text("assembled", lambda assemble=assemble: assemble(chapters, page.url, lang),
                                           kind, *parts)
                page.content = page.content.replace(printing.MARKER.format(kind=kind), assembled)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        citation = self.citations.get(page.file.src_uri + "@" + self.language(config))
        if citation is None or "</head>" not in output:
            return output
        description = page.meta.get("description") or config.site_description or ""
        tags = citation.meta_tags(" ".join(str(description).split()))
        return output.replace("</head>", tags + "\n</head>", 1)


def cite_panel(citation: Citation, sections_file: str | None, lang: str) -> str:
    """The page's one citation panel; ``sections_file`` (next to the page) holds its h2
    sections' citations."""
    labels = LABELS[lang]
    esc = html.escape
    talk = citation.talk()
    downloads = " · ".join(
        f'<a class="lecture-cite__download" data-format="{kind}" data-type="{DOWNLOAD_TYPES[kind]}" '
        f'href="{esc(name)}" download="{esc(name)}">'
        f"{esc(labels[kind])}</a>"
        for kind, (name, _) in citation.downloads().items()
    )
    # What cite.js needs besides the panel as written (which it shows again after a section's):
    # the sections' citations and the talk's record wait in ``sections_file``.
    data = {
        "sections": sections_file,
        "labels": {key: labels[key] for key in ("cite_page", "cite_section", "copied", "permalink", "section")},
    }
    data_json = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    copy = f'<button type="button" class="lecture-cite__copy md-button" hidden>{labels["copy"]}</button>'
    return (
        f'<details class="lecture-cite" id="cite" data-search-exclude="true">'
        f'<summary><span class="lecture-cite__icon" aria-hidden="true">❝</span> '
        f'<span class="lecture-cite__summary">{labels["cite_page"]}</span></summary>'
        f'<div class="lecture-cite__body">'
        f'<p class="lecture-cite__scope" hidden><span class="lecture-cite__scope-title"></span> '
        f'<button type="button" class="lecture-cite__whole">{labels["whole_page"]}</button></p>'
        f'<p class="lecture-cite__label">{labels["apa"]}</p>'
        f'<div class="lecture-cite__row"><p class="lecture-cite__apa">{citation.apa_html()}</p>{copy}</div>'
        f'<p class="lecture-cite__downloads">{labels["download"]} {downloads} '
        f'<span class="lecture-cite__muted">({labels["download_hint"]})</span></p>'
        f'<details class="lecture-cite__more"><summary>{labels["bibtex"]}</summary>'
        f'<pre class="lecture-cite__bibtex"><code>{esc(citation.bibtex(), quote=False)}</code></pre></details>'
        f'<details class="lecture-cite__more"><summary>{labels["csl"]}</summary>'
        f'<pre class="lecture-cite__csl"><code>{esc(citation.csl_json(), quote=False)}</code></pre></details>'
        f'<p class="lecture-cite__label">{labels["talk"]}</p>'
        f'<div class="lecture-cite__row"><p class="lecture-cite__apa lecture-cite__talk">{talk.apa_html()}</p>'
        f"{copy}</div>"
        f'<p class="lecture-cite__muted">{labels["talk_hint"]}</p>'
        f'<p class="lecture-cite__status" role="status" aria-live="polite"></p>'
        f'<script type="application/json" class="lecture-cite__data">{data_json}</script>'
        "</div></details>"
    )


def _panel_data(citation: Citation) -> dict:
    """What ``cite.js`` puts in the panel for one scope; the page's typography pass does not
    reach inside a script, so the French text is typeset here."""
    apa = citation.apa_html()
    return {
        "title": textformat.typeset(citation.section_title or citation.page_title, citation.lang),
        "apa": textformat.typeset_html(apa) if citation.lang == "fr" else apa,
        "bibtex": citation.bibtex(),
        "csl": citation.csl(),
        "ris": citation.ris(),
        "file": citation.file_stem,
    }


def page_end(citation: Citation, lang: str) -> str:
    """The end of every page: version, last update, licence; the reference, printed."""
    labels = LABELS[lang]
    meta = labels["meta"].format(version=citation.version, updated=long_date(citation.updated, lang))
    licence = f'<a href="{TEXT_LICENCE[1]}" rel="license">{TEXT_LICENCE[0]}</a>'
    return (
        f'<aside class="lecture-cite-page" data-search-exclude="true">'
        f'<p class="lecture-cite__meta">{meta} {licence}. '
        f'<a href="#cite">{labels["cite_page"]}</a></p>'
        f'<p class="lecture-cite__print">{labels["print"]}{html.escape(citation.apa_text())}</p>'
        f'<p class="lecture-cite__hint">{labels["hint"]}</p>'
        "</aside>"
    )
