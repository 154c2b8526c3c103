"""The bilingual glossary: its data, its two pages, and the term tooltips in every page.

Data checks read ``docs/glossary.yml``; page checks read the HTML of the site built once per
session by ``mkdocs build`` in a subprocess (the ``built_site`` fixture of conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from lectureutils.site import glossary as gl

bs4 = pytest.importorskip("bs4")
BeautifulSoup = bs4.BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGS = ("fr", "en")
PREFIX = {"fr": "", "en": "en/"}


@pytest.fixture(scope="module")
def terms() -> list[gl.Term]:
    return gl.load(DOCS / gl.DATA_FILE)


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    """The built site's folder (the session build of conftest.py)."""
    return built_site.site_dir


_SOUPS: dict[Path, BeautifulSoup] = {}


def soup(path: Path) -> BeautifulSoup:
    if path not in _SOUPS:
        _SOUPS[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return _SOUPS[path]


def content(path: Path):
    """The article of a built page (not the navigation)."""
    page = soup(path)
    return page.select_one("article.md-content__inner") or page.select_one("article") or page


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """The built file and fragment that ``href``, seen from ``page_url``, points to."""
    target = urlsplit(urljoin("http://site/" + page_url, href))
    path = target.path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site / path, target.fragment


def source_ids(slug: str, lang: str) -> set[str]:
    path = DOCS / f"{slug}.{lang}.md"
    if not path.exists():
        return set()
    return set(re.findall(r"\{[^}\n]*#([\w-]+)[^}\n]*\}", path.read_text(encoding="utf-8")))


_ASSEMBLED = re.compile(r"^\{\{\s*(printable|exercises)\(", re.MULTILINE)


def chapter_pages(site: Path, lang: str) -> list[tuple[str, Path, bool]]:
    """``(url, built file, assembled)`` of every Markdown page of ``lang`` but the glossary.

    An assembled page (the printable lecture, all the exercises) gathers other pages' content,
    with their marked terms: a term may appear there once per chapter."""
    pages = []
    for source in sorted(DOCS.glob(f"*.{lang}.md")):
        slug = source.name[: -len(f".{lang}.md")]
        if slug == gl.GLOSSARY_SLUG:
            continue
        url = PREFIX[lang] + ("" if slug == "index" else f"{slug}/")
        assembled = bool(_ASSEMBLED.search(source.read_text(encoding="utf-8")))
        pages.append((url, site / url / "index.html", assembled))
    return pages


# --- The data -----------------------------------------------------------------------------------


def test_at_least_80_terms_with_both_languages(terms):
    assert len(terms) >= 80, f"only {len(terms)} glossary terms"
    for term in terms:
        for lang in LANGS:
            side = term[lang]
            assert side.term.strip(), f"{term.id}: no {lang} term"
            assert len(side.definition) >= 30, f"{term.id}: {lang} definition too short"


def test_ids_are_unique_kebab_case(terms):
    ids = [term.id for term in terms]
    assert len(ids) == len(set(ids))
    for term_id in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", term_id), term_id


def test_definitions_are_short_and_typeset(terms):
    for term in terms:
        for lang in LANGS:
            definition = term[lang].definition
            sentences = re.findall(r"[.!?…](?:\s|$)", definition)
            assert 1 <= len(sentences) <= 3, f"{term.id}/{lang}: 1 to 3 sentences ({definition!r})"
            assert len(definition) <= 420, f"{term.id}/{lang}: definition too long"
        french, english = term["fr"].definition, term["en"].definition
        assert '"' not in french and "“" not in french, f"{term.id}: French quotes are « »"
        assert "«" not in english, f"{term.id}: English quotes are “ ” or \" \""
        assert not re.search(r"\d\.\d", french), f"{term.id}: French decimal comma"
        assert french != english, f"{term.id}: untranslated definition"


def test_every_term_points_to_a_section_in_both_languages(terms):
    missing = []
    for term in terms:
        for lang in LANGS:
            if term.anchor not in source_ids(term.page, lang):
                missing.append(f"{term.id} → docs/{term.page}.{lang}.md#{term.anchor}")
    assert not missing, "glossary terms point to missing sections:\n" + "\n".join(missing)


def test_a_form_belongs_to_one_term_only():
    data = yaml.safe_load((DOCS / gl.DATA_FILE).read_text(encoding="utf-8"))
    data["terms"].append(
        {
            "id": "duplicate",
            "page": "modele",
            "anchor": "top",
            "fr": {"term": "modèle", "definition": "Doublon."},
            "en": {"term": "copy", "definition": "A duplicate."},
        }
    )
    with pytest.raises(gl.GlossaryError, match="belongs to both"):
        gl.parse(data)


def test_sort_ignores_accents_and_case():
    words = ["étiquette", "Entrée", "époque", "exactitude", "encodeur", "échantillonnage"]
    assert sorted(words, key=gl.sort_key) == [
        "échantillonnage", "encodeur", "Entrée", "époque", "étiquette", "exactitude",
    ]
    assert gl.initial("état de l'art") == "E"


# --- The HTML pass, on small inputs -----------------------------------------------------------


def annotate(html: str, terms, lang="fr") -> BeautifulSoup:
    return BeautifulSoup(gl.annotate(html, terms, lang, "../glossaire/"), "html.parser")


def test_first_occurrence_in_running_text_only(terms):
    html = (
        "<h2>Le modèle</h2><p>Un <code>modèle</code> puis un modèle, et encore un modèle.</p>"
        '<p class="admonition-title">modèle</p><pre>modèle</pre><p><a href="x">modèle</a></p>'
    )
    result = annotate(html, terms)
    links = result.select("a.lecture-term")
    assert [a.get_text() for a in links] == ["modèle"]
    assert links[0]["href"] == "../glossaire/#model"
    assert links[0].find_parent("p") is result.select("p")[0]
    assert not result.select("h2 .lecture-term, code .lecture-term, pre .lecture-term")


def test_tooltip_is_accessible(terms):
    result = annotate("<p>La fonction de perte mesure l'erreur.</p>", terms)
    link = result.select_one("a.lecture-term")
    tip = result.find(id=link["aria-describedby"])
    assert tip is not None and tip["role"] == "tooltip"
    assert link.get_text() == "fonction de perte"
    assert "robot prof" in tip.get_text()
    assert tip not in link.descendants, "the tooltip must not be part of the link's name"


def test_longest_form_wins_and_skips_apply(terms):
    result = annotate(
        "<p>Un grand modèle de langue se calcule en fonction des données. À l'époque, "
        "on parlait déjà d'apprentissage auto-supervisé.</p>",
        terms,
    )
    found = {a["href"].split("#")[1]: a.get_text() for a in result.select("a.lecture-term")}
    assert found["llm"] == "grand modèle de langue"
    assert "model" not in found and "language-model" not in found
    assert "function" not in found, "« en fonction de » is not the function"
    assert "epoch" not in found, "« à l'époque » is not an epoch"
    assert found["self-supervised-learning"] == "apprentissage auto-supervisé"
    assert "supervised-learning" not in found


def test_case_sensitive_forms(terms):
    verb = annotate("<p>Il faut transformer le texte en nombres.</p>", terms)
    assert not verb.select("a.lecture-term")
    noun = annotate("<p>The Transformer reads text.</p>", terms, "en")
    assert [a.get_text() for a in noun.select("a.lecture-term")] == ["Transformer"]


def test_pages_can_opt_out_of_a_term(terms):
    text = "<p>On ajoute un <strong>biais</strong> au total.</p>"
    assert annotate(text, terms).select("a.lecture-term")
    kept = BeautifulSoup(gl.annotate(text, terms, "fr", "../glossaire/", "reseaux-neurones"), "html.parser")
    assert not kept.select("a.lecture-term"), "« biais » is the bias term in the network chapter"


def test_titles_are_not_terms(terms):
    result = annotate(
        "<p>Radford, « Improving Language Understanding by Generative Pre-Training ».</p>",
        terms,
        "en",
    )
    assert not result.select("a.lecture-term")


# --- The built site ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_lists_every_term_sorted(site, terms, lang):
    page = site / PREFIX[lang] / "glossaire" / "index.html"
    entries = content(page).select(".lecture-glossary__entry")
    assert {entry["id"] for entry in entries} == {term.id for term in terms}
    headwords = [entry.select_one("dt dfn").get_text() for entry in entries]
    assert headwords == sorted(headwords, key=gl.sort_key)
    by_id = {term.id: term for term in terms}
    other = "en" if lang == "fr" else "fr"
    for entry in entries:
        term = by_id[entry["id"]]
        assert term[other].term in entry.select_one(".lecture-glossary__translation").get_text()
        definition = entry.select_one(".lecture-glossary__definition").get_text()
        assert definition.split()[:3] == term[lang].definition.replace("*", "").split()[:3]
    index = content(page).select(".lecture-glossary__index a")
    assert index, "no letter index"
    for letter in index:
        assert content(page).find(id=letter["href"][1:]) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_see_links_resolve(site, terms, lang):
    url = PREFIX[lang] + "glossaire/"
    entries = content(site / url / "index.html").select(".lecture-glossary__entry")
    broken = []
    for entry in entries:
        link = entry.select_one(".lecture-glossary__see a")
        if link is None:
            broken.append(f"{entry['id']}: no link to a section")
            continue
        path, fragment = resolve(site, url, link["href"])
        if not path.exists():
            broken.append(f"{entry['id']}: {link['href']} → no page")
        elif not fragment or soup(path).find(id=fragment) is None:
            broken.append(f"{entry['id']}: {link['href']} → no section #{fragment}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("lang", LANGS)
def test_term_links_and_tooltips_resolve_on_every_page(site, terms, lang):
    by_id = {term.id: term for term in terms}
    problems = []
    total = 0
    glossary = site / PREFIX[lang] / "glossaire" / "index.html"
    for url, path, assembled in chapter_pages(site, lang):
        if not path.exists():
            continue
        article = content(path)
        seen = set()
        for link in article.select("a.lecture-term"):
            total += 1
            target, fragment = resolve(site, url, link["href"])
            if assembled and target == path:
                # The printable page holds the glossary too: ``#glossaire--loss``.
                target, term_id = path, fragment.rsplit("--", 1)[-1]
            else:
                term_id = fragment
                if target != glossary:
                    problems.append(f"{url}: {link['href']} is not this language's glossary")
                    continue
            if soup(target).find(id=fragment) is None:
                problems.append(f"{url}: {link['href']} → no entry #{fragment}")
            if term_id in seen and not assembled:
                problems.append(f"{url}: {term_id} marked twice")
            seen.add(term_id)
            tip = article.find(id=link.get("aria-describedby"))
            if tip is None or tip.get("role") != "tooltip":
                problems.append(f"{url}: {term_id} has no tooltip")
            elif term_id in by_id and by_id[term_id][lang].term not in tip.get_text():
                problems.append(f"{url}: {term_id} tooltip in the wrong language")
            forbidden = link.find_parent(
                ["h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "svg", "summary", "figcaption"]
            ) or link.find_parent(class_="admonition-title") or link.parent.find_parent("a")
            if forbidden is not None:
                problems.append(f"{url}: {term_id} marked inside <{forbidden.name}>")
    assert total > 50, f"only {total} glossary terms marked in the {lang} pages"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Description mathématique simplifiée"),
        ("en", "A simplified mathematical description"),
    ],
)
def test_chapter_shows_definition_in_its_language(site, lang, expected):
    path = site / PREFIX[lang] / "modele" / "index.html"
    article = content(path)
    link = article.select_one('a.lecture-term[href$="#model"]')
    assert link is not None, "the term « modèle » / “model” is not marked on the model chapter"
    tip = article.find(id=link["aria-describedby"])
    assert expected in tip.get_text()
    assert link.find_parent(["p", "li", "dd"]) is not None


def test_glossary_page_has_no_tooltips(site):
    for lang in LANGS:
        page = content(site / PREFIX[lang] / "glossaire" / "index.html")
        assert not page.select("a.lecture-term")


def test_glossary_data_is_not_published(site):
    assert not (site / gl.DATA_FILE).exists()
    assert not (site / "en" / gl.DATA_FILE).exists()
