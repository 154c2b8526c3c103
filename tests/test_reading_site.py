"""Reading aids checked in the built HTML (issue 11): chapter numbers in the navigation as on the
home page, the home page's start button, the folded long listing, the navigation module's parsing."""

from __future__ import annotations

import math
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
    # Its code is fetched when opened (tests/test_listings.py); the fold links the program meanwhile.
    assert folded[0].get("data-listing", "").endswith(".json")
    assert folded[0].select_one(".lecture-listing__source a code").get_text().startswith("snippets/tokenisation/")
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


_WORD = re.compile(r"[A-Za-zÀ-ÿ']{2,}")


def test_no_snippet_shows_untagged_prose_on_the_other_languages_page():
    """A comment or docstring line of three words or more is tagged ``en:``/``fr:`` (or is one of
    the shared lines the display translates): untagged, it would show English on the French page."""
    from lectureutils.site.snippet_display import displayed_source

    snippets = sorted((PROJECT_ROOT / "snippets").rglob("*.py"))
    assert len(snippets) >= 15
    untagged = []
    for path in snippets:
        source = path.read_text(encoding="utf-8")
        english = set(displayed_source(source, "en").split("\n"))
        inside = False
        for line in displayed_source(source, "fr").split("\n"):
            quotes = line.count('"""')
            if "#" in line and not line.lstrip().startswith(("'", '"')):
                text = line.split("#", 1)[1]
            elif inside or quotes:
                text = line.replace('"""', "")
            else:
                text = ""
            if quotes % 2:
                inside = not inside
            # Shown alike in both languages, three words or more, not code (« output = f(x) »).
            if line in english and len(_WORD.findall(text)) >= 3 and "=" not in text:
                untagged.append(f"{path.relative_to(PROJECT_ROOT)}: {line.strip()}")
    assert not untagged, "\n".join(untagged)


def test_the_shared_glue_lines_are_shown_in_french_on_french_pages():
    from lectureutils.site.snippet_display import displayed_source

    source = (PROJECT_ROOT / "snippets" / "taches" / "task_types.py").read_text(encoding="utf-8")
    french, english = displayed_source(source, "fr"), displayed_source(source, "en")
    assert "# transmet à la construction du site les nombres que la page cite" in french
    assert "hands the numbers" not in french and "run outside the project" not in french
    assert "# hands the numbers the page quotes to the site's build" in english
    # The program itself is the same in both languages: only comments and docstrings differ.
    code = lambda text: [line.split("  #")[0] for line in text.split("\n")  # noqa: E731
                         if line.strip() and not line.lstrip().startswith("#")]
    assert "from lectureutils.glue import glue" in "\n".join(code(french))
    assert [line for line in code(french) if "glue" in line] == [line for line in code(english) if "glue" in line]


def test_an_output_keeps_the_rows_of_its_tables_on_one_line_and_lets_prose_wrap():
    from lectureutils.site.directives.snippet import output_markup

    shown = output_markup("f(roues=3, ch= 40, budget=   8000) -> trois-roues (une Reliant Robin)\n"
                          "  park        p = 0,312   perte = 1,16\n"
                          "  the boy went        -> to\n"
                          "<b> & co")
    lines = shown.split("\n")
    assert lines[0] == "f(roues=3, ch= 40, budget=   8000) -&gt; trois-roues (une Reliant Robin)"
    assert lines[1] == '<span class="lecture-output__row">  park        p = 0,312   perte = 1,16</span>'
    assert lines[2].startswith('<span class="lecture-output__row">')
    assert lines[3] == "&lt;b&gt; &amp; co"


def test_the_widest_entry_of_a_padded_column_stays_a_row_of_its_table():
    """Its narrow gap opens onto the column of the rows around it; prose next to a table stays prose."""
    from lectureutils.site.directives.snippet import output_markup

    shown = output_markup("  " + "le garçon est allé au parc après".ljust(42) + " -> l'\n"
                          "  " + "le garçon est allé au parc après l' école".ljust(42) + " -> .\n"
                          "loss of a uniform guess over       8 words: ln(8) = 2.08\n"
                          "loss of a uniform guess over   50257 words: ln(50257) = 10.82\n"
                          "f(roues=3, ch= 40, budget=   8000) -> trois-roues")
    rows = [line.startswith('<span class="lecture-output__row">') for line in shown.split("\n")]
    assert rows == [True, True, True, True, False]


def test_ticks_are_round_and_never_fall_between_whole_units():
    from lectureutils.charts import nice_ticks

    assert nice_ticks(0, 11, most=6) == [0, 5, 10, 15]  # not 0, 2.5, 5, 7.5, 10, 12.5
    assert nice_ticks(0, 1.1, most=6) == [0.0, 0.25, 0.5, 0.75, 1.0, 1.25]  # a quarter is round
    assert nice_ticks(0, 105) == [0, 50, 100, 150]
    for low, high, most in [(0, 12, 5), (0, 39, 5), (0.4, 1.0, 6), (0, 0.12, 5), (3, 870, 6)]:
        ticks = nice_ticks(low, high, most)
        assert ticks[0] <= low and ticks[-1] >= high and len(ticks) <= most
        step = ticks[1] - ticks[0]
        mantissa = step / 10 ** math.floor(math.log10(step))
        assert any(abs(mantissa - m) < 1e-9 for m in (1, 2, 2.5, 5)) and abs(step - 2.5) > 1e-9


def test_a_tokenizer_is_named_as_the_model_table_names_it_in_every_language():
    from lectureutils.compute.models import MODELS
    from lectureutils.site.renderers.common import tokenizer_name

    # The cached result keeps the name it was computed with; the page shows the table's name,
    # which says nothing in English (« tokenizer ») on a French page.
    assert tokenizer_name({"tokenizer": "xlmr", "name": "XLM-R tokenizer (multilingual-e5-small)"}) == MODELS["xlmr"].name
    assert "tokenizer" not in MODELS["xlmr"].name
    assert tokenizer_name({"tokenizer": "unknown", "name": "Some tokenizer"}) == "Some tokenizer"


@pytest.mark.parametrize("path, absent", [("labs/modele/", "# en:"), ("en/labs/modele/", "# fr:")])
def test_a_lab_notebook_shows_its_programs_in_the_pages_language(built_site, path, absent):
    code = " ".join(block.get_text() for block in _soup(built_site, path).select(".jupyter-wrapper pre"))
    assert "LECTURE_LANG" in code  # the programs are there
    assert absent not in code and "Used in:" not in code and "Run: python" not in code
    if not path.startswith("en/"):
        assert "La langue de la page" in code and "The page's language" not in code


@pytest.mark.parametrize("path", ["vraie-vie/", "en/vraie-vie/"])
def test_the_fine_tuning_figure_names_the_king_james_text_it_used(built_site, path):
    """The fine-tuning figure names its pretraining text as the registry does (the 1769 Oxford text),
    even from a result computed when the package's label (1611) was still copied into it."""
    text = _soup(built_site, path).get_text(" ")
    assert "King James Version (1769)" in text
    assert "King James Version (1611)" not in text
