"""A folded program (« Voir le programme ») leaves its page and is fetched when first opened
(lectureutils/site/listings.py, docs/assets/editrun/boot.js)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_delivery import _page  # a page of a site, written for the test

from lectureutils.site import delivery, listings

BLOCK = ('<div class="language-python highlight"><span class="filename">snippets/x/y.py</span><pre><span></span>'
         '<code><span class="n">a</span> <span class="o">=</span> <span class="s2">&quot;&lt;b&gt; &amp; «\u202fc\u202f»&quot;</span>\n'
         '<span class="nb">print</span><span class="p">(</span><span class="n">a</span><span class="p">)</span>\n'
         '</code></pre></div>')
FOLDED = f'<details class="lecture-listing">\n<summary>Voir le programme (2 lignes)</summary>\n{BLOCK}\n</details>'


def _externalize_listings(site: Path, keep_inline=()) -> int:
    """The delivery's listing step alone, through the plugin's one pass; how many folds now fetch."""
    folded: dict[str, bytes] = {}
    delivery.rewrite_pages(site, [(lambda html, prefix: listings.fold_listings(html, prefix, folded), False)],
                           keep_inline)
    listings.write_listings(site, folded)
    return sum(page.read_text(encoding="utf-8").count('<p class="lecture-listing__source">')
               for page in delivery.html_pages(site))


def test_a_folded_listing_leaves_for_a_fragment_and_a_plain_text_file(tmp_path):
    chapter = _page(tmp_path, "pre-entrainement/index.html", FOLDED + "<p>after</p>")
    side = _page(tmp_path, "en/bilingue/pre-entrainement/index.html", FOLDED + FOLDED)
    printed = _page(tmp_path, "imprimer/index.html", FOLDED)
    unfolded = _page(tmp_path, "modele/index.html", BLOCK)
    assert _externalize_listings(tmp_path, keep_inline=["imprimer"]) == 3
    (fragment,) = sorted((tmp_path / "assets" / "listings").glob("*.json"))
    assert json.loads(fragment.read_text(encoding="utf-8")) == {"html": BLOCK}
    text = fragment.with_suffix(".txt").read_text(encoding="utf-8")
    assert text == 'a = "<b> & «\u202fc\u202f»"\nprint(a)\n'
    html = chapter.read_text(encoding="utf-8")
    assert "highlight" not in html and "<p>after</p>" in html
    assert (f'<details class="lecture-listing" data-listing="../assets/listings/{fragment.name}">\n'
            "<summary>Voir le programme (2 lignes)</summary>\n"
            f'<p class="lecture-listing__source"><a href="../assets/listings/{fragment.stem}.txt" type="text/plain">'
            "<code>snippets/x/y.py</code></a></p>\n</details>") in html
    assert side.read_text(encoding="utf-8").count(f'data-listing="../../../assets/listings/{fragment.name}"') == 2
    assert printed.read_text(encoding="utf-8").count(BLOCK) == 1  # printed whole
    assert unfolded.read_text(encoding="utf-8").count(BLOCK) == 1  # only folded listings leave


def _folded(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<details class="lecture-listing" data-listing="([^"]+)">.*?'
                      r'<a href="([^"]+)" type="text/plain"><code>snippets/', html, re.S)


def test_every_folded_listing_of_the_built_site_is_fetched_with_the_code_the_printable_edition_shows(built_site):
    from bs4 import BeautifulSoup

    site = built_site.site_dir
    printed = {}
    for lang, path in (("fr", "imprimer/index.html"), ("en", "en/imprimer/index.html")):
        soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("details.lecture-listing[data-listing]")
        for block in soup.select("details.lecture-listing .highlight"):
            printed[lang, block.select_one(".filename").get_text()] = block.select_one("code").get_text()
    assert len(printed) >= 10
    compared = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = _folded(html)
        if not found:
            continue
        assert html.count('<details class="lecture-listing"') == len(found), page  # none left inline
        assert "editrun/boot.js" in html, f"{page}: no script fetches its folded programs"
        lang = "en" if page.relative_to(site).parts[0] == "en" else "fr"
        for fragment_address, text_address in found:
            fragment = (page.parent / fragment_address).resolve()
            block = BeautifulSoup(json.loads(fragment.read_text(encoding="utf-8"))["html"], "html.parser")
            code = block.select_one(".highlight pre code").get_text()
            assert (page.parent / text_address).resolve().read_text(encoding="utf-8") == code
            name = block.select_one(".filename").get_text()
            if "bilingue" not in page.parts and (lang, name) in printed:
                assert code == printed[lang, name], (page, name)
                compared += 1
    assert compared >= 10


@pytest.mark.parametrize("path, copy_title", [("pre-entrainement/", "Copier dans le presse-papier"),
                                              ("en/pre-entrainement/", "Copy to clipboard")])
def test_opening_a_folded_listing_fetches_its_code(chromium, site_server, path, copy_title):
    """From the keyboard: the code comes in place, as the page once held it, with the theme's copy
    button; nothing was fetched before."""
    context = chromium.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(site_server.url(path), wait_until="networkidle")
        assert not [url for url in requests if "/assets/listings/" in url]
        details = page.locator("details.lecture-listing").first
        assert details.locator(".highlight").count() == 0
        link = details.locator(".lecture-listing__source a")
        text_address = link.get_attribute("href")
        details.locator("summary").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("d => d.open && d.querySelector('.highlight pre > code')", arg=details.element_handle())
        assert link.count() == 0
        code = details.locator(".highlight pre > code").text_content()
        page_dir = site_server.site_dir / path
        assert code == (page_dir / text_address).resolve().read_text(encoding="utf-8")
        assert details.locator(".highlight .filename").text_content().startswith("snippets/")
        button = details.locator(".highlight pre > nav.md-code__nav > button.md-code__button[data-md-type=copy]")
        assert button.get_attribute("title") == copy_title
        target = button.get_attribute("data-clipboard-target")
        assert page.locator(target).text_content() == code
        assert len([url for url in requests if url.endswith(".json") and "/assets/listings/" in url]) == 1
        # Closed and opened again: the code is there, fetched once.
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")
        page.wait_for_function("d => d.open", arg=details.element_handle())
        assert details.locator(".highlight").count() == 1
        assert len([url for url in requests if url.endswith(".json") and "/assets/listings/" in url]) == 1
        assert errors == []
    finally:
        context.close()


def test_without_javascript_a_folded_listing_links_its_program(chromium, site_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server.url("tokenisation/"))
        details = page.locator("details.lecture-listing").first
        details.locator("summary").click()
        link = details.locator(".lecture-listing__source a")
        assert link.is_visible()
        name = link.text_content()
        assert name.startswith("snippets/tokenisation/") and name.endswith(".py")
        response = page.request.get(site_server.url("tokenisation/") + link.get_attribute("href"))
        assert response.ok
        source = (Path(__file__).parents[1] / name).read_text(encoding="utf-8")
        # The program as shown (its repository notes and other language's lines left out).
        assert response.text().strip() and response.text().splitlines()[-1] in source
    finally:
        context.close()
