"""Correction and clarification boxes: three labelled parts, a kind label, clear errors.

Rendered with the same Markdown extensions as the site (``mkdocs.yml``); the built pages are
checked in a browser by tests/test_reading_browser.py.
"""

from __future__ import annotations

import re

import markdown
import pytest
from mkdocs.exceptions import PluginError

from conftest import PROJECT_ROOT

EXTENSIONS = ["admonition", "def_list", "attr_list", "md_in_html", "lectureutils.site.corrections"]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


FRENCH_BOX = """!!! clarification "« playground », vraiment ?"

    Ce qui a été dit (à la fin de l'exposé)
    :   Le modèle serait *sûr* du mot suivant.

    Ce qui est exact
    :   Il répartit sa confiance.

        Sur des dizaines de lieux.

    Sources
    :   Analyse de l'exposé.
"""


def test_a_french_clarification_has_three_labelled_rows_and_its_kind_in_the_title():
    html = render(FRENCH_BOX)
    assert 'class="admonition clarification lecture-fix lecture-fix--clarification"' in html
    assert re.search(r'<p class="admonition-title"><span class="lecture-fix__kind">Précision</span>'
                     r" : « playground », vraiment \?</p>", html)
    labels = re.findall(r'<dt class="lecture-fix__label lecture-fix__label--(\w+)">([^<]*)</dt>', html)
    assert labels == [("said", "Ce qui a été dit (à la fin de l'exposé)"),
                      ("accurate", "Ce qui est exact"), ("source", "Sources")]
    texts = re.findall(r'<dd class="lecture-fix__text lecture-fix__text--(\w+)">', html)
    assert texts == ["said", "accurate", "source"]
    assert "<em>sûr</em>" in html and "<p>Sur des dizaines de lieux.</p>" in html


def test_an_english_correction_without_a_title_gets_the_kind_alone():
    html = render("!!! correction\n\n    What was said\n    :   A.\n\n    What is accurate\n    :   B.\n\n"
                  "    Source\n    :   C.\n")
    assert '<p class="admonition-title"><span class="lecture-fix__kind">Correction</span></p>' in html
    html = render('!!! clarification "Clarification: Bard"\n\n    What was said\n    :   A.\n\n'
                  "    What is accurate\n    :   B.\n\n    Source\n    :   C.\n")
    assert '<span class="lecture-fix__kind">Clarification</span>: Bard</p>' in html


@pytest.mark.parametrize(
    "body, complaint",
    [
        ("    Ce qui a été dit : A. Ce qui est exact : B. Source : C.\n", "one definition list"),
        ("    Ce qui a été dit\n    :   A.\n\n    Ce qui est exact\n    :   B.\n", "its parts are"),
        ("    Ce qui est exact\n    :   B.\n\n    Ce qui a été dit\n    :   A.\n\n    Source\n    :   C.\n",
         "its parts are"),
        ("    What was said\n    :   A.\n\n    Ce qui est exact\n    :   B.\n\n    Source\n    :   C.\n",
         "its parts are"),
    ],
)
def test_a_box_missing_or_misordering_a_part_stops_the_build(body, complaint):
    with pytest.raises(PluginError, match=complaint) as error:
        render("!!! correction\n\n" + body)
    assert "CONTRIBUTING.md" in str(error.value)


def test_the_old_one_paragraph_form_in_another_box_type_is_refused():
    with pytest.raises(PluginError, match="one paragraph"):
        render('!!! note "Correction"\n    What was said: A. What is accurate: B. Source: C.\n')


def test_every_page_box_uses_the_markup_and_the_site_config_loads_the_extension():
    config = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- lectureutils.site.corrections" in config
    boxes = 0
    for page in sorted((PROJECT_ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        boxes += len(re.findall(r"^!!! (?:correction|clarification)\b", text, flags=re.M))
        render(text)  # raises on any malformed box
    assert boxes >= 60
