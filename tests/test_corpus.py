"""The parallel corpus (corpus/lecture.fr-en.tmx, .tsv) and the termbase (glossaire.fr-en.tbx, .csv).

- the TMX is well-formed TMX 1.4: ``tu`` units, each with one ``tuv xml:lang="fr"`` and one
  ``tuv xml:lang="en"``, its page and section; at least 1,000 units; CC BY 4.0 in the headers;
- every unit's French text occurs in its French chapter, its English text in its English chapter
  (the built pages' text, glossary tooltips aside);
- the committed files are what the pages and the glossary give now: a page edited without
  regenerating the corpus fails here, naming the command;
- the TBX is well-formed and holds every glossary term and synonym, with both definitions.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT
from lectureutils.site.bilingual import corpus, termbase
from lectureutils.site.glossary import load

CORPUS = PROJECT_ROOT / "corpus"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_NS = "{urn:iso:std:iso:30042:ed-2}"


@pytest.fixture(scope="module")
def tmx_units():
    root = ElementTree.parse(CORPUS / "lecture.fr-en.tmx").getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                      "srclang", "datatype"):
        assert header.get(attribute), f"TMX header lacks {attribute}"
    units = []
    for tu in root.find("body").findall("tu"):
        props = {prop.get("type"): prop.text or "" for prop in tu.findall("prop")}
        texts = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")}
        assert set(texts) == {"fr", "en"} and len(tu.findall("tuv")) == 2, ElementTree.tostring(tu)
        units.append((props, texts))
    return units


def test_tmx_has_enough_units_with_page_and_section(tmx_units):
    assert len(tmx_units) >= 1000, len(tmx_units)
    for props, texts in tmx_units:
        assert props.get("x-page") and "x-section" in props
        assert texts["fr"].strip() and texts["en"].strip()


def test_licence_in_every_header():
    for name in ("lecture.fr-en.tmx", "lecture.fr-en.tsv", "glossaire.fr-en.tbx", "glossaire.fr-en.csv"):
        head = (CORPUS / name).read_text(encoding="utf-8")[:2000]
        assert "CC BY 4.0" in head and "Cyriel Mallart" in head, name


def test_no_unit_is_a_file_name(tmx_units):
    """A folded program's link to its source file (the same name in both languages) is not prose."""
    names = [texts["fr"] for _, texts in tmx_units if re.fullmatch(r"snippets/\S+\.py", texts["fr"].strip())]
    assert not names, names


def test_tsv_matches_tmx(tmx_units):
    lines = [line for line in (CORPUS / "lecture.fr-en.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    assert lines[0].split("\t") == ["id", "page", "section", "block", "fr", "en"]
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == 6 for row in rows)
    assert [(row[1], row[2], row[4], row[5]) for row in rows] == [
        (props["x-page"], props["x-section"], texts["fr"], texts["en"]) for props, texts in tmx_units
    ]


def chapter_text(built_site, page: str, lang: str) -> str:
    path = ("" if lang == "fr" else f"{lang}/") + ("" if page == "index" else f"{page}/")
    soup = BeautifulSoup(built_site.page(path).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for tag in article.select(".lecture-term__tip, .headerlink, .lecture-cite, .lecture-cite-page"):
        tag.decompose()
    return corpus.normalise(article.get_text(" "))


def _loose(text: str) -> str:
    """Spacing around tags differs between a page and its extracted text; words do not."""
    return re.sub(r"\s+", "", text)


def test_every_unit_occurs_in_its_chapters(built_site, tmx_units):
    texts = {}
    missing = []
    for props, unit in tmx_units:
        for lang in ("fr", "en"):
            key = (props["x-page"], lang)
            if key not in texts:
                texts[key] = _loose(chapter_text(built_site, *key))
            if _loose(unit[lang]) not in texts[key]:
                missing.append(f"{props['x-page']} ({lang}): {unit[lang][:80]}")
    assert not missing, f"{len(missing)} unit(s) not in their chapter:\n" + "\n".join(missing[:10])


def test_committed_corpus_is_fresh(built_site):
    expected = corpus.all_files(built_site.site_dir, PROJECT_ROOT)
    problems = corpus.stale(CORPUS, expected)
    assert not problems, ("; ".join(problems)
                          + ". The pages or the glossary changed: run "
                            "python -m lectureutils.site.bilingual.corpus and commit corpus/")


def test_gale_church_beads():
    """1-1 beads where lengths agree; a long sentence takes two short ones (2-1)."""
    french = ["Une phrase courte.", "Une autre phrase courte.", "Une troisième, bien plus longue que les autres, qui dit beaucoup."]
    english = ["A short sentence and another short one.", "A third, much longer than the others, that says a lot."]
    assert corpus.align(french, english) == [(french[:2], english[:1]), (french[2:], english[1:])]


def test_tbx_is_well_formed_with_every_term():
    root = ElementTree.parse(CORPUS / "glossaire.fr-en.tbx").getroot()
    assert root.tag == f"{TBX_NS}tbx" and root.get("type") == "TBX-Basic"
    entries = {entry.get("id"): entry for entry in root.iter(f"{TBX_NS}conceptEntry")}
    terms = load(PROJECT_ROOT / "docs" / "glossary.yml")
    assert set(entries) == {term.id for term in terms}
    for term in terms:
        for lang in ("fr", "en"):
            sections = [s for s in entries[term.id].findall(f"{TBX_NS}langSec") if s.get(XML_LANG) == lang]
            assert len(sections) == 1, (term.id, lang)
            found = [t.text.replace("\u202f", " ").replace("\u00a0", " ")
                     for t in sections[0].iter(f"{TBX_NS}term")]
            side = term[lang]
            assert found == [side.term, *side.also], (term.id, lang, found)
            definition = sections[0].find(f".//{TBX_NS}descrip[@type='definition']")
            assert definition is not None and len(definition.text) > 20


def test_termbase_csv_has_every_term():
    lines = [line for line in (CORPUS / "glossaire.fr-en.csv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    import csv

    rows = list(csv.reader(lines))
    assert rows[0] == ["id", "fr_term", "fr_synonyms", "fr_definition", "en_term", "en_synonyms",
                       "en_definition"]
    assert [row[0] for row in rows[1:]] == [term.id for term in load(PROJECT_ROOT / "docs" / "glossary.yml")]


def test_termbase_files_are_what_the_glossary_gives():
    expected = termbase.termbase_files(PROJECT_ROOT / "docs" / "glossary.yml")
    assert not corpus.stale(CORPUS, expected), "run python -m lectureutils.site.bilingual.corpus"
