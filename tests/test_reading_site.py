"""Reading aids checked in the built HTML (issue 11): chapter numbers in the navigation as on the
home page, the home page's start button, the folded long listing, the navigation module's parsing."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT
from lectureutils.site import navigation


def _soup(built_site, path: str) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(path).read_text(encoding="utf-8"), "html.parser")


def test_the_home_plan_gives_every_chapter_a_number():
    for lang in ("fr", "en"):
        numbers = navigation.home_numbers(PROJECT_ROOT / "docs", lang)
        assert sorted(numbers.values()) == list(range(1, 13)), numbers
        assert numbers["fonction-usine"] == 1 and numbers["preconisations"] == 12


@pytest.mark.parametrize("lang, prefix", [("fr", ""), ("en", "en/")])
@pytest.mark.parametrize("page", ["", "modele/", "glossaire/"])
def test_the_navigation_numbers_the_chapters_as_the_home_page_does(built_site, lang, prefix, page):
    numbers = navigation.home_numbers(PROJECT_ROOT / "docs", lang)
    soup = _soup(built_site, prefix + page)
    sidebar = soup.select_one(".md-sidebar--primary")
    found = {}
    for link in sidebar.select("a.md-nav__link[href]"):
        number = link.select_one(".lecture-nav-number")
        href = link["href"].rstrip("/").split("/")[-1]
        slug = href if href not in ("", ".", "..") else (page.rstrip("/") or "index")
        if number is not None:
            found[slug] = int(number.get_text().rstrip("."))
    assert found == numbers
    # Pages that are not chapters keep their plain titles.
    titles = [link.get_text(" ", strip=True) for link in sidebar.select("a.md-nav__link[href]")]
    assert any(title.startswith(("Glossaire", "Glossary")) for title in titles)


@pytest.mark.parametrize("path, label", [("", "Commencer le cours"), ("en/", "Start the lecture")])
def test_the_home_page_has_a_start_button_to_chapter_one(built_site, path, label):
    soup = _soup(built_site, path)
    button = soup.select_one("article a.md-button--primary")
    assert button is not None and button.get_text(strip=True) == label
    assert button["href"].rstrip("/").endswith("fonction-usine")
    # Above the fold: before the first section of the page.
    assert button.find_previous("h2") is None


@pytest.mark.parametrize("path, summary", [("tokenisation/", "Voir le programme"), ("en/tokenisation/", "Show the program")])
def test_a_long_listing_folds_behind_show_the_program(built_site, path, summary):
    soup = _soup(built_site, path)
    folded = soup.select("details.lecture-listing")
    assert folded, "no folded listing"
    text = folded[0].select_one("summary").get_text(strip=True)
    assert re.fullmatch(rf"{summary} \(\d+\s(lignes|lines)\)", text.replace("\u202f", " ").replace("\u00a0", " ")), text
    assert folded[0].select_one(".highlight code")
    # Its output stays in view, right after the folded program.
    assert folded[0].find_next_sibling().select_one(".lecture-output") or "lecture-output" in str(folded[0].find_next_sibling())


def test_a_snippet_shows_the_pages_language_without_repository_notes():
    from lectureutils.site.snippet_display import displayed_source, uses_language

    source = '''"""
en: Three beers.
fr: Trois bières.

Used in: docs/x.fr.md
Run: python snippets/x.py
"""
import os

LANG = os.environ.get("LECTURE_LANG", "en")
    # en: Count them.
    # fr: Les compter.
x = 3  # kept as written
'''
    french = displayed_source(source, "fr")
    english = displayed_source(source, "en")
    assert "Trois bières." in french and "Three beers." not in french and "fr:" not in french
    assert "    # Les compter." in french and "Count them" not in french
    assert "Three beers." in english and "Trois" not in english and "    # Count them." in english
    for shown in (french, english):
        assert "Used in:" not in shown and "Run:" not in shown and "x = 3  # kept as written" in shown
    assert uses_language(source) and not uses_language("print(1)\n")


@pytest.mark.parametrize("path, words, absent", [
    ("fonction-usine/", "trois-roues (une Reliant Robin)", "three-wheeler"),
    ("tokenisation/", "taille du vocabulaire", "vocabulary size"),
    ("en/fonction-usine/", "three-wheeler (a Reliant Robin)", "trois-roues"),
])
def test_snippet_outputs_speak_the_pages_language(built_site, path, words, absent):
    soup = _soup(built_site, path)
    outputs = " ".join(output.get_text() for output in soup.select(".lecture-output pre"))
    assert words in outputs and absent not in outputs
    code = " ".join(block.get_text() for block in soup.select(".highlight code"))
    assert "Used in:" not in code and "Run: python" not in code
    if not path.startswith("en/"):
        assert "# en:" not in code and "# fr:" not in code
