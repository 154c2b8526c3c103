"""Lab notebook pages: light, valid markup, headings named after the programs, no prompts."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from lectureutils.site import labs_render, notebooks

MAX_LAB_HTML_BYTES = 150_000


def _lab_pages(built_site):
    return sorted(built_site.site_dir.glob("labs/*/index.html")) + sorted(built_site.site_dir.glob("en/labs/*/index.html"))


def test_lab_pages_are_light_and_share_one_stylesheet(built_site):
    pages = _lab_pages(built_site)
    assert len(pages) >= 20
    stylesheet = built_site.site_dir / labs_render.STYLESHEET
    assert stylesheet.is_file()
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert len(text.encode()) <= MAX_LAB_HTML_BYTES, f"{path}: {len(text.encode()):,} bytes"
        soup = BeautifulSoup(text, "html.parser")
        inlined = [element for element in soup.select(".jupyter-wrapper style, .jupyter-wrapper script")
                   if element.get("type") != "application/json"]  # data (the citation panel's) is fine
        assert not inlined, f"{path}: inlined styles or scripts in the notebook"
        links = [link["href"] for link in soup.select('head link[rel="stylesheet"]')]
        assert any(href.endswith(labs_render.STYLESHEET) for href in links), f"{path}: no {labs_render.STYLESHEET}"
        assert "clipboard-copy" not in text, f"{path}: mkdocs-jupyter's copy button (stray comma) is left"


def test_no_prompts_and_programs_named_after_their_section(built_site):
    for prefix, word in (("", "Programme"), ("en/", "Program")):
        soup = BeautifulSoup(built_site.page(prefix + "labs/modele/").read_text(encoding="utf-8"), "html.parser")
        text = soup.select_one("article").get_text(" ")
        assert not re.search(r"(In|Out)\s*\[\s*\d*\s*\]\s*:", text), "a Jupyter prompt is shown"
        headings = [h2.get_text(" ", strip=True).rstrip("¶").strip() for h2 in soup.select("article h2")]
        assert len(headings) == 3
        for heading in headings:
            assert re.match(rf"{word} \d — \S", heading), heading
        # Code is in Material's own code-block markup: highlighted and copyable like the chapters'.
        assert soup.select("article .jp-CodeCell .highlight pre > code")


def test_section_titles_are_the_nearest_heading_above_each_snippet():
    source = "# Chapter\n\n## First {#first}\n\ntext\n\n{{ snippet('a.py') }}\n\n### Second\n{{ snippet('b.py') }}\n"
    assert notebooks.section_titles(source, {"a.py": 7, "b.py": 10}) == ("First", "Second")


def test_each_chapter_links_its_notebook_at_the_top(built_site):
    """The link comes before the chapter's first section (under the title, with the citation)."""
    for prefix in ("", "en/"):
        soup = BeautifulSoup(built_site.page(prefix + "modele/").read_text(encoding="utf-8"), "html.parser")
        first_section = soup.select_one("article h2")
        link = soup.select_one('article a[href="../labs/modele/"]')
        assert link is not None
        assert first_section in link.find_all_next("h2"), "the notebook is linked below the first section"


def test_one_rendering_per_notebook_content(tmp_path, built_site, monkeypatch):
    # A build in this process may already hold the rendering in memory: start from none.
    monkeypatch.setattr(labs_render, "_MEMORY", {})
    notebook = next((built_site.site_dir / "labs" / "modele").glob("*.ipynb"))
    copy = tmp_path / "a.ipynb"
    copy.write_bytes(notebook.read_bytes())
    first = labs_render.render(copy, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    labs_render._MEMORY.clear()
    again = labs_render.render(copy, tmp_path / "cache")  # from the disk cache, no exporter
    assert again == first


def test_heading_ids_never_break_a_css_selector(built_site):
    """A heading with quotes ("Keep or bin") once gave an id that Material turned into an invalid
    ``[id="…"…"]`` selector, an uncaught error on the lab page."""
    wrapped = ('<div class="jupyter-wrapper"><h2 id="Program-2-%E2%80%94-%22Keep-or-bin%22:-what">Program 2 — '
               '"Keep or bin": what<a class="anchor-link" href="#Program-2-%E2%80%94-%22Keep-or-bin%22:-what">¶</a>'
               '</h2></div>')
    cleaned = labs_render.clean(wrapped)
    assert 'id="Program-2-—-Keep-or-bin:-what"' in cleaned and 'href="#Program-2-—-Keep-or-bin:-what"' in cleaned
    for path in sorted((built_site.site_dir).glob("**/labs/*/index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for heading in soup.select("h1[id], h2[id], h3[id], h4[id]"):
            assert not re.search(r"[\"'`\\<>&%]", heading["id"]), f"{path}: {heading['id']}"
