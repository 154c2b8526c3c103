"""Search: spelling variants, glossary entries and synonyms, lab pages out, index loaded on demand.

The browser tests open the built site in headless Chromium (Debian's): a page load fetches neither
the search index nor the search worker; opening search fetches the page language's index; and
"tokenization" (American spelling) finds the tokenisation chapter first on /en/.
"""

from __future__ import annotations

import json

import pytest

from conftest import PROJECT_ROOT
from lectureutils.site import glossary, search_index
from lectureutils.site.search_index import spelling_variants, variants_of


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("tokenisation", {"tokenization"}),
        ("tokenization", {"tokenisation"}),
        ("tokenisers", {"tokenizers"}),
        ("normalised", {"normalized"}),
        ("analyse", {"analyze"}),
        ("colour", {"color"}),
        ("behavioural", {"behavioral"}),
        ("color", {"colour"}),
        ("centre", {"center"}),
        ("centers", {"centres"}),
        ("modelling", {"modeling"}),
        ("labelled", {"labeled"}),
        ("catalogue", {"catalog"}),
    ],
)
def test_british_and_american_spellings_find_each_other(word, expected):
    assert spelling_variants(word) == expected


@pytest.mark.parametrize("word", ["promise", "exercise", "surprising", "size", "prize", "rise",
                                  "advertising", "otherwise", "analysis", "this", "token", "our"])
def test_words_with_one_spelling_get_no_variant(word):
    assert spelling_variants(word) == set()


def test_variants_of_a_text_ignore_markup_and_repeat_nothing():
    assert variants_of("<p>Tokenisation, <em>tokenisation</em> and colour-blind</p>") == ["color", "tokenization"]


def test_glossary_terms_become_entries_and_keywords_of_their_section():
    terms = glossary.load(PROJECT_ROOT / "docs" / "glossary.yml")
    term = next(t for t in terms if t.id == "tokenisation")
    docs = [
        {"location": "glossaire/#terms", "title": "The terms", "text": "every term at once"},
        {"location": f"{term.page}/#{term.anchor}", "title": "From text to numbers", "text": "…"},
    ]
    improved = {doc["location"]: doc for doc in search_index.improve(docs, terms, "en")}
    assert "glossaire/#terms" not in improved, "the glossary's one big section is replaced"
    assert len([loc for loc in improved if loc.startswith("glossaire/#")]) == len(terms)
    entry = improved["glossaire/#tokenisation"]
    assert entry["title"] == "tokenisation" and entry["boost"] < 1
    assert "tokenization" in entry["keywords"].split()
    assert "tokenisation" in entry["keywords"].split(), "the French headword finds the English entry"
    section = improved[f"{term.page}/#{term.anchor}"]
    assert {"tokenisation", "tokenization"} <= set(section["keywords"].split())


def test_built_indexes_leave_out_labs_tooltips_and_notebook_link(built_site):
    for prefix in ("", "en/"):
        index = json.loads((built_site.site_dir / prefix / "search" / "search_index.json").read_text())
        assert {"keywords", "variants"} <= set(index["config"]["fields"])
        locations = [doc["location"] for doc in index["docs"]]
        assert not [location for location in locations if location.startswith("labs/")]
        assert len(set(locations)) == len(locations)
        chapter = next(doc for doc in index["docs"] if doc["location"] == "tokenisation/")
        assert "tokenization" in chapter["keywords"].split()
        # The glossary tooltips' definitions and the notebook box are not the chapter's text.
        assert "Jupyter" not in chapter["text"]
        llm = next(t for t in glossary.load(PROJECT_ROOT / "docs" / "glossary.yml") if t.id == "llm")
        definition_start = llm["fr" if not prefix else "en"].definition[:40]
        assert not [doc["location"] for doc in index["docs"]
                    if definition_start in doc["text"] and not doc["location"].startswith("glossaire/")]


# --- In the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site_server):
    """The one site server of the tests (conftest.py)."""
    return site_server


def _results_for(chromium, served, path: str, query: str) -> tuple[list[str], list[str], list[str]]:
    """(requests before search opened, requests after, result links in order)."""
    from lectureutils.qa import browser as qa_browser

    context = chromium.new_context(viewport=qa_browser.DESKTOP)
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url[len(served.origin) + 1:]))
        page.goto(served.url(path), wait_until="load")
        page.wait_for_timeout(500)
        before = list(requests)
        page.fill(".md-search__input", query)
        page.wait_for_selector(".md-search-result__item > a", timeout=15000)
        links = page.eval_on_selector_all(".md-search-result__item > a",
                                          "links => links.map(a => a.getAttribute('href'))")
        return before, requests[len(before):], links
    finally:
        context.close()


@pytest.mark.parametrize(("path", "index"), [("en/modele/", "en/search/search_index.json"),
                                             ("modele/", "search/search_index.json")])
def test_tokenization_finds_the_tokenisation_chapter_first(chromium, served, path, index):
    before, after, links = _results_for(chromium, served, path, "tokenization")
    assert not [url for url in before if "search_index" in url or "/workers/search" in url], (
        f"the search index or worker was fetched before search was opened: {before}")
    assert index in after, f"opening search did not fetch {index}: {after}"
    assert links, "no result"
    assert links[0].split("?")[0].rstrip("/").endswith("tokenisation"), f"first results: {links[:3]}"
