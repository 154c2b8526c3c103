"""``{{ glossary() }}``: the whole glossary of ``docs/glossary.yml``, in the page's language.

Terms are sorted in dictionary order for the page's language (accents ignored), grouped by
initial under a letter index. Each entry carries the term's id as its anchor (the same in both
languages, so ``glossaire/#loss`` and ``en/glossaire/#loss`` are the same entry), the
translation, the definition, and a link to the section of the chapter that explains the term.
"""

from __future__ import annotations

import html
import logging
import re
from functools import lru_cache

from mkdocs.utils import get_relative_url

from lectureutils.plan import PagePlan
from lectureutils.site import glossary as data
from lectureutils.site.context import DirectiveContext, DirectiveError

log = logging.getLogger("mkdocs.plugins.lecture.glossary")

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*\{([^}]*)\}\s*$")


def _plain(markdown: str) -> str:
    """Heading text without Markdown markup."""
    text = re.sub(r"`([^`]*)`", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_)(.+?)\1", r"\2", text)
    return text.strip()


def page_sections(page: PagePlan | None, slug: str) -> tuple[str, dict[str, str]] | None:
    """``(page title, {section id: section title})`` of a page of the plan (``<slug>.<lang>.md``)."""
    if page is None:
        return None
    first_h1, sections = _headings(page.path.read_text(encoding="utf-8"))
    title = str(page.meta["title"]) if page.meta.get("title") else first_h1
    return (title or slug), dict(sections)


@lru_cache(maxsize=128)
def _headings(text: str) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The first h1's text and every ``{#id}`` heading's ``(id, text)`` of a page's Markdown, read
    once per text (the glossary asks it of the same chapter for each of its terms)."""
    title = None
    sections: dict[str, str] = {}
    fence = None
    for line in text.splitlines():
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker:
            fence = None if fence and marker.group(1)[0] == fence[0] else (fence or marker.group(1))
            continue
        if fence:
            continue
        heading = _HEADING.match(line)
        if not heading:
            continue
        ids = re.findall(r"#([\w-]+)", heading.group(3))
        label = _plain(heading.group(2))
        for anchor in ids:
            sections[anchor] = label
        if heading.group(1) == "#" and title is None:
            title = label
    return title, tuple(sections.items())


def quoted_title(section: str, lang: str) -> str:
    """A section title between quotation marks; quotes inside it become the inner kind, so that
    « “Garder ou jeter” : … » never shows two guillemets side by side."""
    if lang == "fr":
        inner = re.sub(r"«\s*(.*?)\s*»", r"“\1”", section)
        return f"« {inner} »"
    inner = re.sub(r"[\"“](.*?)[\"”]", r"‘\1’", section)
    return f"“{inner}”"


def _page_url(glossary_url: str, slug: str) -> str:
    """The URL of chapter ``slug`` next to the glossary page at ``glossary_url``."""
    if glossary_url.endswith(f"{data.GLOSSARY_SLUG}/"):
        base = glossary_url[: -len(f"{data.GLOSSARY_SLUG}/")]
        return base + ("" if slug == "index" else f"{slug}/")
    base = glossary_url[: -len(f"{data.GLOSSARY_SLUG}.html")]
    return base + f"{slug}.html"


def see_also(context: DirectiveContext, term: data.Term, labels: dict) -> str:
    found = page_sections(context.services.plan.pages.get(f"{term.page}.{context.lang}.md"), term.page)
    if found is None:
        log.info("lecture: glossary term %r points to a missing page %r", term.id, term.page)
        return ""
    title, sections = found
    target = _page_url(context.page.url, term.page)
    href = get_relative_url(target or "./", context.page.url)
    text = f"<cite>{html.escape(title)}</cite>"
    if term.anchor in sections:
        section = sections[term.anchor]
        if term.anchor != "top" and section != title:
            text += f", {labels['section']} {html.escape(quoted_title(section, context.lang))}"
        href = f"{href}#{term.anchor}"
    else:
        log.info(
            "lecture: glossary term %r: no section {#%s} in docs/%s.%s.md",
            term.id, term.anchor, term.page, context.lang,
        )
    return (
        f'<dd class="lecture-glossary__see">{labels["see"]} : '
        if context.lang == "fr"
        else f'<dd class="lecture-glossary__see">{labels["see"]}: '
    ) + f'<a href="{html.escape(href)}">{text}</a></dd>'


def entry(context: DirectiveContext, term: data.Term, labels: dict) -> str:
    lang = context.lang
    other = "en" if lang == "fr" else "fr"
    side, translation = term[lang], term[other]
    colon = " :" if lang == "fr" else ":"
    parts = [f'<div class="lecture-glossary__entry" id="{term.id}">']
    head = f"<dt><dfn>{html.escape(side.term)}</dfn>"
    if side.also:
        head += (
            f' <span class="lecture-glossary__also">({labels["also"]}{colon} '
            f'{", ".join(html.escape(a) for a in side.also)})</span>'
        )
    parts.append(head + "</dt>")
    names = ", ".join(
        f'<span lang="{other}">{html.escape(name)}</span>'
        for name in (translation.term, *translation.also)
    )
    parts.append(f'<dd class="lecture-glossary__translation">{labels["other"]}{colon} {names}</dd>')
    parts.append(f'<dd class="lecture-glossary__definition">{data.definition_html(side.definition)}</dd>')
    see = see_also(context, term, labels)
    if see:
        parts.append(see)
    parts.append("</div>")
    return "\n".join(parts)


def render(context: DirectiveContext) -> str:
    labels = context.text(data.LABELS)
    path = data.data_path(context.config)
    try:
        terms = data.load(path)
    except FileNotFoundError:
        raise DirectiveError(f"no glossary data at {path}") from None
    except data.GlossaryError as error:
        raise DirectiveError(f"{path}: {error}") from None
    ordered = sorted(terms, key=lambda term: data.sort_key(term[context.lang].term))
    groups: dict[str, list[data.Term]] = {}
    for term in ordered:
        groups.setdefault(data.initial(term[context.lang].term), []).append(term)

    index = [f'<nav class="lecture-glossary__index" aria-label="{labels["index"]}"><ul>']
    for letter in LETTERS + ("#" if "#" in groups else ""):
        if letter in groups:
            index.append(f'<li><a href="#{groups[letter][0].id}">{letter}</a></li>')
        else:
            index.append(f'<li><span aria-hidden="true">{letter}</span></li>')
    index.append("</ul></nav>")

    body = ['<div class="lecture-glossary">']
    for letter, members in groups.items():
        body.append(f'<h3 class="lecture-glossary__letter">{letter}</h3>')
        body.append('<dl class="lecture-glossary__list">')
        body.extend(entry(context, term, labels) for term in members)
        body.append("</dl>")
    body.append("</div>")
    return context.stash("".join(index)) + context.stash("\n".join(body))
