"""Every work a page cites reaches its entry in the credits' bibliography, and every entry has a link.

The contract (CONTRIBUTING.md, "Citations and the bibliography"): a citation is a link to
``credits.md#<id>``; an entry is a list item of the credits page with that id and a link a reader
can open. Citations are found three ways on the built pages: links to the credits, every
"et al.", and every item of a "Source :" line; plus any surname of a bibliography entry written
next to its year outside a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import page_slugs

LANGUAGE_PREFIX = {"fr": "", "en": "en/"}
CREDITS = "credits"
# The printable lecture repeats every chapter (and the credits) on one page: its citations are the
# chapters' own, checked there.
PRINTABLE = "imprimer"
# Sections of the credits page whose items are citable entries.
ENTRY_SECTIONS = ("borrowed-material", "bibliography")
SOURCE_MARKER = re.compile(r"(?:^|(?<=[.\s]))Sources?\s*:")
# The Source part of a correction or clarification box (lectureutils/site/corrections.py).
SOURCE_PART = "dd.lecture-fix__text--source"
ET_AL = re.compile(r"\bet al\.")
# "Devlin, J., Chang, M.-W." → "Devlin": a person's surname (followed by initials).
PERSON = re.compile(r"^([^\W\d][\w' -]*?), (?:[A-ZÉŁ]\.)")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Entry:
    id: str
    surname: str | None
    year: str | None
    links: tuple[str, ...]


def url_of(slug: str, lang: str) -> str:
    return LANGUAGE_PREFIX[lang] + ("" if slug == "index" else f"{slug}/")


def article(html: str) -> Tag:
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select_one("article.md-content__inner") or soup.body or soup
    for noise in found.select("pre, code, [class*=lecture-cite], .lecture-provenance, [role=tooltip]"):
        noise.decompose()
    return found


def bibliography(credits_html: str) -> dict[str, Entry]:
    """The citable entries of the credits page: list items with an id, under ENTRY_SECTIONS."""
    page = article(credits_html)
    entries: dict[str, Entry] = {}
    for heading in page.find_all("h2"):
        if heading.get("id") not in ENTRY_SECTIONS:
            continue
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            for item in sibling.find_all("li", id=True) if isinstance(sibling, Tag) else []:
                text = item.get_text(" ", strip=True)
                person = PERSON.match(text)
                year = YEAR.search(text)
                links = tuple(a["href"] for a in item.find_all("a", href=True) if urlparse(a["href"]).scheme in ("http", "https"))
                entries[item["id"]] = Entry(item["id"], person.group(1) if person else None, year.group(1) if year else None, links)
    return entries


def credits_target(href: str, on_credits: bool = False) -> str | None:
    """The anchor a link points to, if it points into the credits page."""
    parsed = urlparse(href)
    if on_credits and href.startswith("#"):
        return parsed.fragment
    path = parsed.path.rstrip("/")
    if parsed.fragment and (path.endswith(f"/{CREDITS}") or path == CREDITS or path.endswith(f"{CREDITS}/index.html")):
        return parsed.fragment
    return None


def source_items(element: Tag, after_marker: bool = True) -> list[tuple[str, bool]]:
    """The ';'-separated items of a source, each with whether it holds a link.

    ``after_marker``: the source starts after "Source(s) :" inside the element (a paragraph);
    otherwise the whole element is the source (the Source part of a correction box).
    """
    segments: list[list] = [] if after_marker else [["", False]]

    def add_text(text: str):
        if not segments:
            marker = SOURCE_MARKER.search(text)
            if marker is None:
                return
            text = text[marker.end():]
            segments.append(["", False])
        pieces = text.split(";")
        segments[-1][0] += pieces[0]
        segments.extend([piece, False] for piece in pieces[1:])

    def walk(node):
        for child in node.children:
            if isinstance(child, NavigableString):
                add_text(str(child))
            elif child.name == "a" and child.get("href"):
                if segments:
                    segments[-1][0] += child.get_text()
                    segments[-1][1] = True
            else:
                walk(child)

    walk(element)
    return [(text.strip(" .\u202f\u00a0\n"), linked) for text, linked in segments]


def citation_problems(page_html: str, entries: dict[str, Entry], where: str,
                      credits_ids: set[str] = frozenset(), on_credits: bool = False) -> list[str]:
    """What a page cites without reaching the bibliography.

    ``credits_ids``: every id of the credits page (a link to its sections is no citation);
    ``on_credits``: the page is the credits page itself (its entries are not citations).
    """
    page = article(page_html)
    for entry in page.find_all("li", id=True):
        if on_credits and entry["id"] in entries:
            entry.decompose()
    problems = []
    for link in page.find_all("a", href=True):
        target = credits_target(link["href"], on_credits)
        if target is not None and target not in entries and target not in credits_ids:
            problems.append(f"{where}: « {link.get_text(' ', strip=True)} » links to #{target}, which the bibliography lacks")
    for text_node in page.find_all(string=ET_AL):
        link = text_node.find_parent("a")
        if link is None or credits_target(link.get("href", ""), on_credits) is None:
            context = text_node.find_parent(["p", "li", "td"]) or text_node.parent
            problems.append(f"{where}: an « et al. » citation is not a link to the bibliography: "
                            f"{context.get_text(' ', strip=True)[:120]}")
    sources = [(part, False) for part in page.select(SOURCE_PART)]
    sources += [(paragraph, True) for paragraph in page.find_all("p") if not paragraph.find_parent(SOURCE_PART)]
    for element, after_marker in sources:
        for item, linked in source_items(element, after_marker):
            if item and not linked:
                problems.append(f"{where}: source « {item[:100]} » has no link")
    for link in page.find_all("a", href=True):
        if credits_target(link["href"], on_credits) is not None:
            link.decompose()
    prose = page.get_text(" ")
    for entry in entries.values():
        if entry.surname and entry.year:
            pattern = rf"\b{re.escape(entry.surname)}\b[^.;()\n]{{0,60}}?\b{entry.year}\b"
            for found in re.finditer(pattern, prose):
                problems.append(f"{where}: « {found.group(0)[:100]} » cites #{entry.id} without a link")
    return problems


# --- the rules, shown failing on small pages --------------------------------------------------------

CREDITS_HTML = """<article class="md-content__inner"><h2 id="bibliography">Bibliographie</h2><ul>
<li id="devlin-2019">Devlin, J., Chang, M.-W. (2019). « BERT ». <a href="https://aclanthology.org/N19-1423/">ACL</a></li>
<li id="shannon-1948">Shannon, C. E. (1948). « A Mathematical Theory ». <em>BSTJ</em> 27.</li>
</ul><h2 id="models-and-corpus">Modèles</h2><ul><li id="not-an-entry">x</li></ul></article>"""


def test_entries_are_read_with_their_links():
    entries = bibliography(CREDITS_HTML)
    assert set(entries) == {"devlin-2019", "shannon-1948"}
    assert entries["devlin-2019"] == Entry("devlin-2019", "Devlin", "2019", ("https://aclanthology.org/N19-1423/",))
    assert entries["shannon-1948"].links == ()


@pytest.mark.parametrize("page, fault", [
    ('<p>Voir <a href="../credits/#clark-2019">Clark <em>et al.</em>, 2019</a>.</p>', "lacks"),
    ("<p>Comme le montrent Devlin <em>et al.</em> (2019), BERT…</p>", "et al."),
    ('<div class="admonition"><p>Source : <a href="../credits/#devlin-2019">Devlin, 2019</a> ; '
     "fichiers de vocabulaire publiés avec les modèles.</p></div>", "has no link"),
    ("<p>Le premier modèle de langage neuronal (Bengio et Shannon, 1948)…</p>", "without a link"),
    ('<dl><dt>Source</dt><dd class="lecture-fix__text lecture-fix__text--source">Analyse de l\'exposé, '
     "correction F20.</dd></dl>", "has no link"),
])
def test_each_fault_is_reported(page, fault):
    problems = citation_problems(f'<article class="md-content__inner">{page}</article>', bibliography(CREDITS_HTML), "page")
    assert problems and all(fault in problem for problem in problems), problems


def test_a_well_cited_page_passes():
    page = ('<article class="md-content__inner"><p>Source : <a href="../credits/#devlin-2019">Devlin <em>et al.</em>, '
            '2019</a> ; <a href="#measures">mesures ci-dessous</a>.</p><pre>Devlin 2019 et al.</pre></article>')
    assert citation_problems(page, bibliography(CREDITS_HTML), "page") == []


# --- the built site ---------------------------------------------------------------------------------


def read(built_site, slug: str, lang: str) -> str:
    return built_site.page(url_of(slug, lang)).read_text(encoding="utf-8")


def test_every_entry_has_a_link_and_both_languages_have_the_same_entries(built_site):
    french = bibliography(read(built_site, CREDITS, "fr"))
    english = bibliography(read(built_site, CREDITS, "en"))
    assert len(french) >= 50, f"the bibliography was not read ({len(french)} entries)"
    assert set(french) == set(english), f"entries only in one language: {set(french) ^ set(english)}"
    missing = [f"{lang}: #{entry.id}" for lang, entries in (("fr", french), ("en", english))
               for entry in entries.values() if not entry.links]
    assert not missing, f"bibliography entries without a link: {missing}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_citation_in_the_pages_reaches_its_entry(built_site, lang):
    credits_html = read(built_site, CREDITS, lang)
    entries = bibliography(credits_html)
    credits_ids = {tag["id"] for tag in article(credits_html).find_all(id=True)}
    problems = []
    cited = set()
    for slug in page_slugs():
        if slug == PRINTABLE:
            continue
        html = read(built_site, slug, lang)
        problems += citation_problems(html, entries, f"{url_of(slug, lang) or '/'}", credits_ids, slug == CREDITS)
        if slug != CREDITS:
            cited |= {credits_target(a["href"]) for a in article(html).find_all("a", href=True)} - {None}
    assert not problems, "\n".join(problems)
    # The chapters really cite through the bibliography (a guard against a rule that finds nothing).
    assert len(cited & set(entries)) >= 40, f"only {len(cited & set(entries))} entries are cited from the pages"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_credits_say_where_the_transcript_comes_from(built_site, lang):
    page = article(read(built_site, CREDITS, lang))
    section = page.find(id="transcript")
    assert section is not None, "the credits page has no #transcript section"
    links = {a["href"] for a in section.find_all_next("a", href=True, limit=6)}
    assert any("who-said-what" in href for href in links), "the transcript section does not point to the convention"
