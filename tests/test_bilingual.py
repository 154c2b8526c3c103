"""Side-by-side pages (bilingue/<slug>/, en/bilingue/<slug>/) and the block pairing behind them.

- pairing: a block without counterpart fails the build, naming the page and the section; the
  author's ``<!-- pair -->`` markers make a legitimate difference explicit;
- the built site: every chapter has its side-by-side page in both interfaces, reachable from the
  chapter and from the language menu, with glossary terms, figures and links working;
- in Chromium: at 1280 px each French block starts level with its English pair; at 390 px the
  pairs interleave; axe-core finds no serious violation.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT, run_build
from lectureutils.site.bilingual.blocks import sections
from lectureutils.site.bilingual.pairing import PairingError, pair_page

CHAPTERS = ["index", "fonction-usine", "modele", "entrainement", "precautions", "reseaux-neurones",
            "transfert", "taches", "tokenisation", "transformeur", "pre-entrainement", "vraie-vie",
            "preconisations", "glossaire", "credits"]


def bilingual_path(slug: str, interface: str) -> str:
    path = "bilingue/" if slug == "index" else f"bilingue/{slug}/"
    return path if interface == "fr" else f"{interface}/{path}"


def test_every_nav_chapter_is_covered():
    """CHAPTERS is the nav less the assembled pages (printable, exercises), which have no text."""
    nav = re.findall(r"^  - (\S+)\.md$", (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                     flags=re.MULTILINE)
    assert [slug for slug in nav if slug not in ("exercices", "imprimer")] == CHAPTERS


# --- Pairing, on fragments -------------------------------------------------------------------

FRENCH = """<h1 id="top">Titre</h1><p>Intro.</p>
<h2 id="one">Un</h2>
<p>Premier paragraphe, assez long pour être comparé à sa traduction anglaise sans difficulté aucune.</p>
<ul><li>a</li><li>b</li></ul>
<p>Un paragraphe que la traduction a oublié, et qui doit donc faire échouer la construction.</p>
"""
ENGLISH = """<h1 id="top">Title</h1><p>Intro.</p>
<h2 id="one">One</h2>
<p>First paragraph, long enough to be compared with its French original without any difficulty.</p>
<ul><li>a</li><li>b</li></ul>
"""


def test_a_block_without_counterpart_names_page_section_and_block():
    with pytest.raises(PairingError) as caught:
        pair_page(sections(FRENCH), sections(ENGLISH), "docs/page.fr.md / docs/page.en.md")
    message = str(caught.value)
    assert "docs/page.fr.md" in message and "section #one" in message
    assert "no counterpart" in message and "Un paragraphe que la traduction a oublié" in message
    assert "<!-- pair -->" in message


def test_pairs_in_order_when_blocks_correspond():
    english = ENGLISH + "<p>A paragraph the French page had, now translated, so that all pairs.</p>\n"
    paired = pair_page(sections(FRENCH), sections(english), "page")
    assert [section.anchor for section in paired] == ["", "one"]
    assert [pair.kind for pair in paired[1].pairs] == ["paragraph", "list", "paragraph"]


def test_lists_of_different_lengths_do_not_pair():
    english = ENGLISH.replace("<li>b</li>", "<li>b</li><li>c</li>") + "<p>Another paragraph.</p>"
    with pytest.raises(PairingError, match="the French list has 2 items, the English one 3"):
        pair_page(sections(FRENCH), sections(english), "page")


def test_a_paragraph_facing_a_much_shorter_one_does_not_pair():
    french = FRENCH.replace("construction.", "construction, puisque rien ne lui répond en anglais, "
                            "ni ici ni ailleurs dans la section.")
    with pytest.raises(PairingError, match="lengths do not match"):
        pair_page(sections(french), sections(ENGLISH + "<p>Short.</p>"), "page")


def test_markers_group_blocks_that_correspond():
    french = FRENCH.replace("<ul>", "<!-- pair -->\n<ul>")
    english = ENGLISH.replace("<ul>", "<!-- pair -->\n<ul>").replace(
        "</ul>\n", "</ul>\n<p>The second paragraph said in other words, at about the same length too.</p>")
    # Group 1: one paragraph each; group 2: list + paragraph on both sides.
    paired = pair_page(sections(french), sections(english), "page")
    assert [pair.kind for pair in paired[1].pairs] == ["paragraph", "list", "paragraph"]
    # Group 2 merged when its blocks differ: the French list and paragraph face one English list.
    english = ENGLISH.replace("<ul>", "<!-- pair -->\n<ul>")
    paired = pair_page(sections(french), sections(english), "page")
    assert [(len(p.french), len(p.english)) for p in paired[1].pairs] == [(1, 1), (2, 1)]


def test_markers_must_be_at_the_same_places():
    french = FRENCH.replace("<ul>", "<!-- pair -->\n<ul>")
    with pytest.raises(PairingError, match="1 <!-- pair --> marker"):
        pair_page(sections(french), sections(ENGLISH), "page")


def test_sections_must_match():
    english = ENGLISH.replace('id="one"', 'id="uno"')
    with pytest.raises(PairingError, match="only in French: #one; only in English: #uno"):
        pair_page(sections(FRENCH), sections(english), "page")


# --- The build, on a small site --------------------------------------------------------------

MKDOCS_YML = """\
site_name: Essai
docs_dir: docs
theme:
  name: material
  language: fr
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: fr, name: Français, default: true, build: true}
        - {locale: en, name: English, build: true}
  - lecture-bilingual
markdown_extensions:
  - attr_list
  - toc
nav:
  - index.md
  - page.md
"""


def small_site(root: Path, french_page: str, english_page: str) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (docs / "index.fr.md").write_text("# Accueil\n\nBonjour.\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (docs / "page.fr.md").write_text(textwrap.dedent(french_page), encoding="utf-8")
    (docs / "page.en.md").write_text(textwrap.dedent(english_page), encoding="utf-8")
    return root


SMALL_FR = """\
# Une page

## Une section {#a-section}

Le premier paragraphe de la section, qui a bien sa traduction de l'autre côté.

Un second paragraphe, que la page anglaise n'a pas : il doit arrêter la construction du site.
"""
SMALL_EN = """\
# A page

## A section {#a-section}

The first paragraph of the section, which does have its translation on the other side.
"""


def test_build_fails_on_a_block_without_counterpart(tmp_path):
    project = small_site(tmp_path / "project", SMALL_FR, SMALL_EN)
    completed = run_build(project, tmp_path / "site")
    assert completed.returncode != 0, "a page with an unpaired block was built"
    log = completed.stderr + completed.stdout
    assert "docs/page.fr.md / docs/page.en.md, section #a-section" in log, log[-3000:]
    assert "no counterpart" in log and "Un second paragraphe" in log


def test_build_accepts_a_marked_difference(tmp_path):
    """Two French paragraphs rendered as one English paragraph, marked by the author."""
    french = SMALL_FR.replace("## Une section {#a-section}\n", "## Une section {#a-section}\n\n<!-- pair -->\n")
    english = SMALL_EN.replace("## A section {#a-section}\n", "## A section {#a-section}\n\n<!-- pair -->\n")
    project = small_site(tmp_path / "project", french, english)
    completed = run_build(project, tmp_path / "site")
    assert completed.returncode == 0, completed.stderr[-3000:]
    page = (tmp_path / "site" / "bilingue" / "page" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    pair = soup.select(".lecture-bilingual__section#a-section .lecture-bilingual__pair[data-pair]")
    assert len(pair) == 1
    assert len(pair[0].select('[lang="fr"] > p')) == 2 and len(pair[0].select('[lang="en"] > p')) == 1


# --- The built site --------------------------------------------------------------------------

def soup_at(built_site, path: str) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("interface", ["fr", "en"])
@pytest.mark.parametrize("slug", CHAPTERS)
def test_every_chapter_side_by_side(built_site, slug, interface):
    soup = soup_at(built_site, bilingual_path(slug, interface))
    assert soup.html["lang"] == interface
    view = soup.select_one(".lecture-bilingual")
    assert view is not None, "the slot was not filled"
    pairs = view.select(".lecture-bilingual__pair[data-pair]")
    assert len(pairs) >= 3
    for pair in pairs:
        cells = pair.select(":scope > .lecture-bilingual__cell")
        if "lecture-bilingual__pair--shared" in pair["class"]:
            assert len(cells) == 1
        else:
            # The interface's language first: on a phone, the reader's language comes first.
            assert [cell["lang"] for cell in cells] == [interface, "en" if interface == "fr" else "fr"]
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids on the side-by-side page"
    # Every section of the chapter is there, under its own anchor.
    chapter = soup_at(built_site, "" if slug == "index" else f"{slug}/")
    anchors = [h2["id"] for h2 in chapter.select("article h2[id]")]
    assert anchors and all(view.select_one(f"section#{anchor}") for anchor in anchors
                           if anchor not in ("__comments",))


def test_chapters_and_menu_lead_to_the_side_by_side_page(built_site):
    for path, target, label in [("modele/", "../bilingue/modele/", "Les deux langues"),
                                ("en/modele/", "../bilingue/modele/", "Both languages"),
                                ("", "bilingue/", "Les deux langues")]:
        soup = soup_at(built_site, path)
        assert soup.select_one(f'.lecture-bilingual-link a[href="{target}"]'), path
        menu = soup.select_one("a.lecture-bilingual-menu")
        assert menu is not None and menu.get_text(strip=True) == label
        assert menu["href"].endswith("bilingue/modele/" if "modele" in path else "bilingue/")


def test_terms_figures_and_links_work_side_by_side(built_site):
    soup = soup_at(built_site, "bilingue/modele/")
    # Glossary terms: each language's tooltip is its own element.
    for lang in ("fr", "en"):
        term = soup.select_one(f'.lecture-bilingual__cell[lang="{lang}"] a.lecture-term')
        assert term is not None
        tip = soup.find(id=term["aria-describedby"])
        assert tip is not None and tip.find_parent(attrs={"lang": lang}) is not None
        # To the glossary's side-by-side page, at the entry in the same language's column.
        assert re.fullmatch(rf"\.\./glossaire/#{lang}--[a-z-]+", term["href"]), term["href"]
    # An executed output identical in both languages appears once, in a shared pair; snippets
    # that print in the page's language show their own output in each column.
    compared = 0
    for slug in ("modele", "entrainement", "tokenisation"):
        for pair in soup_at(built_site, f"bilingue/{slug}/").select(".lecture-bilingual__pair"):
            if "lecture-bilingual__pair--shared" in pair.get("class", []):
                continue
            outputs = {cell["lang"]: [o.get_text() for o in cell.select(".lecture-output")]
                       for cell in pair.select(".lecture-bilingual__cell[lang]")}
            if outputs.get("fr") and outputs.get("en"):
                compared += 1
                assert outputs["fr"] != outputs["en"], f"{slug}: an identical output is shown twice"
    assert compared, "no pair with an output in each language was found"
    # A live demo appears once.
    for slug in ("modele", "tokenisation"):  # tokenisation: a demo inside a computation's block
        demos = soup_at(built_site, f"bilingue/{slug}/").select("section.lecture-demo")
        assert demos and len(demos) == len(soup_at(built_site, f"{slug}/").select("section.lecture-demo"))
    # Links to another chapter lead to its side-by-side page.
    hrefs = [a["href"] for a in soup.select(".lecture-bilingual__cell a[href]")]
    assert any(re.fullmatch(r"\.\./[a-z-]+/(#.*)?", href) for href in hrefs)


def test_corpus_downloads_are_in_the_site(built_site):
    for name in ("lecture.fr-en.tmx", "lecture.fr-en.tsv", "glossaire.fr-en.tbx", "glossaire.fr-en.csv"):
        assert (built_site.site_dir / "corpus" / name).is_file(), name
