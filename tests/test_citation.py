"""Citing the lecture: CITATION.cff, meta tags, and the page and section citations of every page.

Each citation must import into a reference manager without edits: BibTeX is read back with a
real BibTeX parser, CSL-JSON with a JSON parser, and both must carry the page's address (and the
section's anchor).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from datetime import date, datetime, timezone
from pathlib import Path

import bibtexparser
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT, page_slugs
from lectureutils import __version__
from lectureutils.site.citation import last_update
from lectureutils.textformat import plain

LANGUAGE_PREFIX = {"fr": "", "en": "en/"}
CONFIG = yaml.safe_load(
    re.sub(r"!!python/\S+", "", (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
)
SITE_URL = CONFIG["site_url"].rstrip("/") + "/"
CITE_LABELS = {
    "fr": ("Citer cette page", "Citer cette section"),
    "en": ("Cite this page", "Cite this section"),
}


def url_of(slug: str, lang: str) -> str:
    return LANGUAGE_PREFIX[lang] + ("" if slug == "index" else f"{slug}/")


def soup_of(built_site, url: str) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(url).read_text(encoding="utf-8"), "html.parser")


def site_pages(built_site):
    """Every page of the site (chapters, assembled pages, notebooks), not the 404 page."""
    for path in sorted(built_site.site_dir.rglob("index.html")):
        relative = path.parent.relative_to(built_site.site_dir).as_posix()
        url = "" if relative == "." else relative + "/"
        yield url, path


def parse_bibtex(text: str):
    # LaTeX's inputenc rejects U+202F: the typography pass must not reach citation data.
    assert "\u202f" not in text and "\u00a0" not in text, text
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, f"BibTeX does not parse: {text}"
    assert len(library.entries) == 1, f"expected one entry in {text}"
    return library.entries[0]


# CITATION.cff -----------------------------------------------------------------------------------

def cffconvert() -> str:
    local = PROJECT_ROOT / ".venv" / "cffconvert" / "bin" / "cffconvert"
    found = str(local) if local.is_file() else shutil.which("cffconvert")
    if not found:
        pytest.fail("cffconvert is not installed: run `make cff` (it lives in .venv/cffconvert)")
    return found


def test_citation_cff_validates():
    completed = subprocess.run(
        [cffconvert(), "--validate", "-i", str(PROJECT_ROOT / "CITATION.cff")],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_citation_cff_agrees_with_the_site():
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert str(cff["version"]) == __version__ == pyproject["project"]["version"]
    assert cff["authors"][0]["family-names"] == "Mallart"
    assert cff["preferred-citation"]["authors"] == [cff["authors"][0]]
    assert str(cff["preferred-citation"]["date-published"]) == "2024-05-27"
    assert cff["url"].rstrip("/") + "/" == SITE_URL
    assert f"## [{__version__}]" in (PROJECT_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for licence in ("LICENSE", "LICENSE-TEXT"):
        assert (PROJECT_ROOT / licence).is_file()
    assert "MIT License" in (PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in (PROJECT_ROOT / "LICENSE-TEXT").read_text(encoding="utf-8")


# Meta tags ---------------------------------------------------------------------------------------

def test_meta_tags_on_every_page(built_site):
    pages = list(site_pages(built_site))
    assert len(pages) >= 2 * len(page_slugs())
    for url, path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        lang = "en" if url.startswith("en/") else "fr"
        meta = {}
        for tag in soup.select("head meta[name]"):
            meta.setdefault(tag["name"], []).append(tag["content"])
        one = {name: values[0] for name, values in meta.items()}
        expected_url = SITE_URL + url
        assert one.get("citation_title"), f"{url}: no citation_title"
        assert meta["citation_author"] == ["Mallart, Cyriel"], f"{url}: {meta.get('citation_author')}"
        assert one["citation_publication_date"] == "2024/05/27"
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", one["citation_online_date"])
        assert one["citation_language"] == lang == one["DC.language"]
        assert one["citation_abstract_html_url"] == expected_url, url
        assert one["citation_public_url"] == expected_url
        assert one["DC.identifier"] == expected_url
        assert one["DC.title"] == one["citation_title"]
        assert one["DC.creator"] == "Mallart, Cyriel"
        assert one.get("DC.contributor"), f"{url}: the site's authors are not named as contributors"
        assert one["DC.date"] == "2024-05-27"
        assert one["DCTERMS.hasVersion"] == __version__
        date.fromisoformat(one["DCTERMS.modified"])
        assert soup.select_one('head link[rel="schema.DC"]') is not None
        # The title is the page's own (the home page cites the lecture by its name).
        page_title = plain(soup.title.get_text()).split(" - ")[0].strip()
        if url not in ("", "en/"):
            assert one["citation_title"] == page_title, f"{url}: {one['citation_title']!r}"


# Page and section citations -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_every_page_and_section_citation_parses(built_site, lang):
    page_label, section_label = CITE_LABELS[lang]
    for slug in page_slugs():
        url = url_of(slug, lang)
        page_url = SITE_URL + url
        soup = soup_of(built_site, url)
        article = soup.select_one("article")
        page_block = article.select_one("details.lecture-cite--page")
        assert page_block is not None, f"{url}: no citation block"
        assert page_block.summary.get_text(strip=True).endswith(page_label)

        entry = parse_bibtex(page_block.select_one(".lecture-cite__bibtex").get_text())
        assert entry.entry_type == "misc"
        assert entry.fields_dict["url"].value == page_url
        assert entry.fields_dict["author"].value == "Mallart, Cyriel"
        assert entry.fields_dict["year"].value == "2024"
        assert entry.fields_dict["version"].value == __version__
        keys = {entry.key}

        csl = json.loads(page_block.select_one(".lecture-cite__csl").get_text())
        assert len(csl) == 1
        item = csl[0]
        for field in ("id", "type", "title", "author", "issued", "URL", "container-title"):
            assert item.get(field), f"{url}: CSL-JSON without {field}"
        assert item["URL"] == page_url
        assert item["author"] == [{"family": "Mallart", "given": "Cyriel"}]
        assert item["issued"] == {"date-parts": [[2024, 5, 27]]}
        assert item["contributor"], f"{url}: no contributors in CSL-JSON"
        apa = page_block.select_one(".lecture-cite__apa").get_text(" ")
        assert apa.startswith("Mallart, C. (2024") and page_url in apa

        # One section citation after each of the page's own h2, with the section's anchor.
        sections = article.find_all("h2", id=True, recursive=False)
        for heading in sections:
            block = heading.find_next_sibling()
            assert block is not None and "lecture-cite--section" in block.get("class", []), (
                f"{url}#{heading['id']}: no section citation after the heading"
            )
            assert block.summary.get_text(strip=True).endswith(section_label)
            entry = parse_bibtex(block.select_one(".lecture-cite__bibtex").get_text())
            assert entry.fields_dict["url"].value == f"{page_url}#{heading['id']}"
            assert entry.key not in keys, f"{url}: duplicate BibTeX key {entry.key}"
            keys.add(entry.key)
            item = json.loads(block.select_one(".lecture-cite__csl").get_text())[0]
            assert item["URL"] == f"{page_url}#{heading['id']}"
            assert item["section"]


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_version_and_last_update_are_shown(built_site, lang):
    soup = soup_of(built_site, url_of("modele", lang))
    meta = soup.select_one(".lecture-cite__meta").get_text(" ")
    assert __version__ in meta
    footer = soup.select_one(".md-copyright").get_text(" ")
    assert __version__ in footer and "CC BY 4.0" in footer and "MIT" in footer


def test_citations_stay_out_of_the_search_index(built_site):
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "@misc" not in text and "Citer cette section" not in text
    assert not any(doc["location"].startswith(("imprimer/", "exercices/")) for doc in index["docs"])


def test_last_update_falls_back_without_git(tmp_path, monkeypatch):
    page = tmp_path / "page.fr.md"
    page.write_text("# Page\n", encoding="utf-8")
    last_update.cache_clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1716768000")  # 2024-05-27
    assert last_update(str(page)) == date(2024, 5, 27)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    last_update.cache_clear()
    modified = datetime.fromtimestamp(page.stat().st_mtime, tz=timezone.utc).date()
    assert last_update(str(page)) == modified


def test_last_update_comes_from_git():
    last_update.cache_clear()
    source = PROJECT_ROOT / "docs" / "modele.fr.md"
    completed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(source)],
                               cwd=PROJECT_ROOT, capture_output=True, text=True)
    if completed.returncode != 0 or not completed.stdout.strip():
        pytest.skip("no git history here")
    assert last_update(str(source)).isoformat() == completed.stdout.strip()
