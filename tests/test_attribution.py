"""Who said what: boxes of the same kind in both languages, no unpublished source, one term.

The convention is described on the home page (#who-said-what) and in CONTRIBUTING.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, page_slugs

DOCS = PROJECT_ROOT / "docs"
BOX = re.compile(r"^\s*!!! (correction|clarification)\b", re.MULTILINE)
# The private analysis of the talk (and its numbered corrections) is not a source a reader can open.
UNPUBLISHED = re.compile(r"analyse de (l'exposé|la conférence)|analysis of the talk|talk's analysis|"
                         r"corrections? F\d+", re.IGNORECASE)
MARKS = {"fr": ("[reconstitué](index.md#who-said-what){.reconstructed}", "[ajout](index.md#who-said-what){.addition}"),
         "en": ("[reconstructed](index.md#who-said-what){.reconstructed}", "[addition](index.md#who-said-what){.addition}")}


def box_kinds(text: str) -> list[str]:
    return BOX.findall(text)


def unpublished_sources(text: str) -> list[str]:
    return [match.group(0) for match in UNPUBLISHED.finditer(text)]


def test_box_kinds_and_sources_are_read():
    page = ('!!! clarification "x"\n\n    Ce qui a été dit\n    :   a\n\n!!! correction\n\n'
            "    Source\n    :   Analyse de l'exposé, correction F20.\n")
    assert box_kinds(page) == ["clarification", "correction"]
    assert unpublished_sources(page) == ["Analyse de l'exposé", "correction F20"]


@pytest.mark.parametrize("slug", page_slugs())
def test_each_box_has_the_same_kind_in_both_languages(slug):
    french = box_kinds((DOCS / f"{slug}.fr.md").read_text(encoding="utf-8"))
    english = box_kinds((DOCS / f"{slug}.en.md").read_text(encoding="utf-8"))
    assert french == english, f"{slug}: French boxes {french}, English boxes {english}"


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.md")), ids=lambda path: path.name)
def test_no_page_cites_an_unpublished_document(path):
    found = unpublished_sources(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name} cites the private analysis of the talk: {found}"


@pytest.mark.parametrize("slug", page_slugs())
def test_the_two_marks_are_written_the_same_way_in_both_languages(slug):
    """A page that marks a reconstruction or an addition in one language marks it in the other."""
    counts = {}
    for lang in ("fr", "en"):
        text = (DOCS / f"{slug}.{lang}.md").read_text(encoding="utf-8")
        counts[lang] = [text.count(mark) for mark in MARKS[lang]]
    assert counts["fr"] == counts["en"], f"{slug}: (reconstructed, addition) marks {counts}"


def test_one_french_term_for_language_model():
    """« modèle de langage » everywhere; « modèle de langue » only quoted, where it is explained."""
    found = []
    for path in sorted(DOCS.glob("*.fr.md")):
        unquoted = re.sub(r"«[^»]*»", "", path.read_text(encoding="utf-8"))
        found += [f"{path.name}: {match.group(0)}" for match in re.finditer(r"\bmodèles? de langue\b", unquoted)]
    assert not found, f"the site says « modèle de langage »: {found}"


def test_no_doubled_guillemets_on_the_glossary_page(built_site):
    text = Path(built_site.page("glossaire/")).read_text(encoding="utf-8")
    doubled = re.findall(r".{30}(?:«[\s\u202f\u00a0]*«|»[\s\u202f\u00a0]*»).{30}", text)
    assert not doubled, f"doubled guillemets on the glossary page: {doubled[:3]}"
