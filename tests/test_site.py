"""The built site, in both languages: pages, languages, switcher, requests, interface strings."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT, page_slugs
from lectureutils.site import jupyterlite

LANGUAGE_PREFIX = {"fr": "", "en": "en/"}
SITE = "http://site.test/"


def url_of(slug: str, lang: str) -> str:
    return LANGUAGE_PREFIX[lang] + ("" if slug == "index" else f"{slug}/")


def soup_of(built_site, url: str) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(url).read_text(encoding="utf-8"), "html.parser")


def all_pages(built_site):
    """The lecture's pages; not the JupyterLite app's (lab/, JupyterLab's own pages)."""
    for path in sorted(built_site.site_dir.rglob("*.html")):
        relative = path.relative_to(built_site.site_dir).as_posix()
        if not jupyterlite.in_lab(relative):
            yield relative, path


def test_every_page_exists_in_both_languages(built_site):
    slugs = page_slugs()
    assert len(slugs) >= 2
    for slug in slugs:
        assert (PROJECT_ROOT / "docs" / f"{slug}.en.md").is_file(), f"{slug}: no English page"
        for lang in LANGUAGE_PREFIX:
            assert built_site.page(url_of(slug, lang)).is_file(), f"{slug}: {lang} page not built"
    english_only = {p.name[: -len(".en.md")] for p in (PROJECT_ROOT / "docs").glob("*.en.md")}
    assert english_only <= set(slugs), f"English pages without French: {english_only - set(slugs)}"


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_html_lang_and_hreflang_alternates(built_site, lang):
    for slug in page_slugs():
        url = url_of(slug, lang)
        soup = soup_of(built_site, url)
        assert soup.html["lang"] == lang, f"{url}: <html lang={soup.html.get('lang')}>"
        alternates = {
            link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
        }
        switcher = {link["hreflang"]: link["href"] for link in soup.select("a.md-select__link[hreflang]")}
        for other in LANGUAGE_PREFIX:
            expected = SITE + url_of(slug, other)
            for name, links in (("hreflang alternate", alternates), ("language switcher", switcher)):
                assert other in links, f"{url}: no {name} for {other}"
                assert urljoin(SITE + url, links[other]) == expected, (
                    f"{url}: {name} for {other} points to {links[other]}, not {url_of(slug, other)}"
                )


def test_pages_carry_their_one_palette_without_a_palette_switch(built_site):
    """The one palette is written on <body> by the template (mkdocs.yml: a mapping). A list, even of
    one entry, adds a palette form that Material's script mounts at load, switching every element's
    colours to the ones it already has: two restyles of a whole long chapter (Lighthouse)."""
    for url in ("tokenisation/", "en/tokenisation/", "labs/tokenisation/", ""):
        soup = soup_of(built_site, url)
        colours = {name: soup.body.get(f"data-md-color-{name}") for name in ("scheme", "primary", "accent")}
        assert colours == {"scheme": "default", "primary": "indigo", "accent": "deep-orange"}, (url, colours)
        assert not soup.select('[data-md-component="palette"]'), f"/{url}: a palette form"
        assert "__palette" not in str(soup.head) + str(soup.select_one(".md-header")), f"/{url}: a palette script"


def test_same_section_anchors_in_both_languages(built_site):
    """A citation of page#section survives the language switch."""
    for slug in page_slugs():
        ids = {}
        for lang in LANGUAGE_PREFIX:
            article = soup_of(built_site, url_of(slug, lang)).select_one("article")
            ids[lang] = {h["id"] for h in article.select("h1[id], h2[id], h3[id], h4[id]")}
        assert ids["fr"] == ids["en"], (
            f"{slug}: anchors only in French {sorted(ids['fr'] - ids['en'])}, "
            f"only in English {sorted(ids['en'] - ids['fr'])}"
        )


RESOURCE_ATTRIBUTES = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
    "video": "src", "embed": "src", "object": "data", "track": "src",
}


def test_no_request_to_a_third_party(built_site):
    """Nothing a page loads by itself (scripts, styles, fonts, images) comes from another host."""
    for relative, path in all_pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        loaded = [tag.get(attribute) for name, attribute in RESOURCE_ATTRIBUTES.items()
                  for tag in soup.find_all(name)]
        loaded += [
            link.get("href") for link in soup.find_all("link")
            if set(link.get("rel", [])) & {"stylesheet", "preload", "prefetch", "preconnect",
                                            "icon", "modulepreload", "dns-prefetch"}
        ]
        loaded += re.findall(r"url\(\s*['\"]?([^'\")]+)", str(soup))
        loaded += re.findall(r"@import\s+['\"]([^'\"]+)", str(soup))
        external = [
            url for url in loaded
            if url and not url.startswith("data:") and urlparse(urljoin(SITE, url)).netloc != "site.test"
        ]
        assert not external, f"{relative} loads from other hosts: {external}"


def test_french_pages_have_french_interface(built_site):
    english = ["Search", "Table of contents", "Previous", "Next", "Copy to clipboard",
               "Back to top", "Made with", "Permanent link", "Skip to content", "Output"]
    for slug in page_slugs():
        soup = soup_of(built_site, url_of(slug, "fr"))
        config = json.loads(soup.select_one("#__config").string)
        assert config["translations"]["clipboard.copy"] == "Copier dans le presse-papier"
        for tag in soup(["script", "style", "code", "pre", "svg"]):
            tag.decompose()
        visible = soup.get_text(" ")
        attributes = " ".join(
            str(value) for tag in soup.find_all(True)
            for key, value in tag.attrs.items() if key in ("aria-label", "title", "placeholder", "alt")
        )
        for phrase in english:
            assert not re.search(rf"\b{phrase}\b", visible + " " + attributes), (
                f"{slug}: English interface string {phrase!r} on the French page"
            )
        for title in soup.select(".admonition-title, details > summary"):
            assert title.get_text(strip=True) not in {"Abstract", "Tip", "Success", "Warning", "Example"}


def test_search_index_per_language_with_its_stemmer(built_site):
    for lang, prefix in LANGUAGE_PREFIX.items():
        index = json.loads((built_site.site_dir / prefix / "search" / "search_index.json").read_text())
        assert index["config"]["lang"] == [lang]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert not any(location.startswith("en/") for location in locations)
        assert "fonction-usine/" in locations
        titles = {doc["title"] for doc in index["docs"] if doc["location"] == "fonction-usine/"}
        expected = "La fonction comme une usine" if lang == "fr" else "The function as a factory"
        assert titles == {expected}
    stemmer = built_site.site_dir / "assets" / "javascripts" / "lunr" / "min" / "lunr.fr.min.js"
    assert stemmer.is_file(), "the French stemmer is not served locally"
    english_page = soup_of(built_site, url_of("fonction-usine", "en"))
    base = json.loads(english_page.select_one("#__config").string)["base"]
    # Material resolves the index against the base exactly as written.
    index_url = urljoin(urljoin(SITE + "en/fonction-usine/", base), "search/search_index.json")
    assert index_url == SITE + "en/search/search_index.json"


def test_not_found_page_speaks_both_languages(built_site):
    soup = BeautifulSoup((built_site.site_dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "fr"
    assert soup.select_one("h1").get_text(strip=True) == "Page introuvable"
    assert soup.select_one('[lang="en"] h2').get_text(strip=True) == "Page not found"


def test_home_page_presents_the_lecture(built_site):
    for lang, words in {
        "fr": ["Cyriel Mallart", "LIDILE", "27 mai 2024", "Le plan du cours"],
        "en": ["Cyriel Mallart", "LIDILE", "27 May 2024", "The plan of the course"],
    }.items():
        text = soup_of(built_site, url_of("index", lang)).select_one("article").get_text(" ")
        for word in words:
            assert word in text, f"{lang} home page lacks {word!r}"
        plan = soup_of(built_site, url_of("index", lang)).select("#plan ~ ul a")
        assert len(plan) >= 10, f"{lang} home page plan lists {len(plan)} chapters"


def test_french_typography_in_text_not_in_code(built_site):
    soup = soup_of(built_site, url_of("fonction-usine", "fr"))
    article = soup.select_one("article")
    for paragraph in article.select("p, li"):
        if paragraph.find_parent(["pre", "code"]):
            continue
        text = "".join(
            piece for piece in paragraph.find_all(string=True) if not piece.find_parent("code")
        )
        assert not re.search(r" [;!?]", text), f"ordinary space before ; ! ? in {text[:80]!r}"
    code = article.select_one("pre code").get_text()
    assert "\u202f" not in code
