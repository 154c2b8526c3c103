"""Printing: the print stylesheet, the printable lecture, the page of all exercises, the PDFs."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT
from lectureutils import __version__
from lectureutils.site.printing import top_level_blocks

LANGUAGE_PREFIX = {"fr": "", "en": "en/"}
ASSEMBLED = {"imprimer", "exercices"}


def nav_slugs() -> list[str]:
    """The pages of mkdocs.yml's nav, in order (``index.md`` → ``index``)."""
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:"):]
    return re.findall(r"^\s+-\s+([\w-]+)\.md\s*$", nav, flags=re.MULTILINE)


def chapters() -> list[str]:
    return [slug for slug in nav_slugs() if slug not in ASSEMBLED]


def soup_at(built_site, url: str) -> BeautifulSoup:
    return BeautifulSoup(built_site.page(url).read_text(encoding="utf-8"), "html.parser")


def chapter_url(slug: str, lang: str) -> str:
    return LANGUAGE_PREFIX[lang] + ("" if slug == "index" else f"{slug}/")


def test_assembled_pages_are_in_the_nav():
    assert ASSEMBLED <= set(nav_slugs())
    assert len(chapters()) >= 10


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_printable_page_contains_every_chapter_in_order(built_site, lang):
    soup = soup_at(built_site, LANGUAGE_PREFIX[lang] + "imprimer/")
    article = soup.select_one("article")
    sections = article.select("section.lecture-print-chapter")
    assert [section["id"] for section in sections] == chapters()
    for section in sections:
        chapter = soup_at(built_site, chapter_url(section["id"], lang)).select_one("article")
        assert section.h1.get_text(strip=True) == chapter.h1.get_text(strip=True)
        original = {h["id"] for h in chapter.select("h2[id], h3[id]")}
        copied = {h["id"].split("--", 1)[1] for h in section.select("h2[id], h3[id]")}
        assert original == copied, f"{section['id']}: sections differ from the chapter's"
    ids = [tag["id"] for tag in article.find_all(id=True)]
    duplicates = [name for name, count in Counter(ids).items() if count > 1]
    assert not duplicates, f"duplicate anchors on the printable page: {duplicates[:10]}"
    targets = set(ids)
    for link in article.select('a[href^="#"]'):
        assert link["href"][1:] in targets, f"printable page: dangling link {link['href']}"
    toc = [a["href"][1:] for a in article.select(".lecture-print-toc > ol > li > a")]
    assert toc == chapters()


@pytest.mark.parametrize("lang", LANGUAGE_PREFIX)
def test_exercises_page_lists_every_exercise_with_a_link_back(built_site, lang):
    page = soup_at(built_site, LANGUAGE_PREFIX[lang] + "exercices/")
    groups = {group["data-lecture-chapter"]: group
              for group in page.select("section.lecture-exercises-chapter")}
    expected = 0
    for slug in chapters():
        html = built_site.page(chapter_url(slug, lang)).read_text(encoding="utf-8")
        match = re.search(r'<h2 id="exercises".*?(?=<h2[\s>]|</article>)', html, flags=re.DOTALL)
        count = len(top_level_blocks(match.group(0), "details", "question")) if match else 0
        expected += count
        if not count:
            assert slug not in groups
            continue
        group = groups[slug]
        assert len(group.find_all("details", class_="question", recursive=False)) == count, slug
        back = group.select_one(".lecture-exercises__back a")["href"]
        assert back == f"../{slug}/#exercises", back
        assert group.select("details.question details.success"), f"{slug}: answers missing"
    assert expected >= 10, "the chapters hold fewer exercises than expected"


def test_print_stylesheet(built_site):
    soup = soup_at(built_site, "modele/")
    # Our sheets and scripts travel as one file each (lectureutils/site/bundling.py).
    page_dir = built_site.site_dir / "modele"
    sheets = [(page_dir / link["href"]).resolve().read_text(encoding="utf-8")
              for link in soup.select('link[rel="stylesheet"]')]
    teaching_css = (built_site.site_dir / "assets" / "teaching.css").read_text(encoding="utf-8").strip()
    assert any(teaching_css in sheet for sheet in sheets)
    teaching_js = (built_site.site_dir / "assets" / "teaching.js").read_text(encoding="utf-8").strip()
    assert any(teaching_js in (page_dir / script["src"]).resolve().read_text(encoding="utf-8")
               for script in soup.select("script[src]") if not script["src"].startswith("http"))
    css = teaching_css
    printed = css[css.index("@media print"):]
    for rule in ('a[href^="http"]::after', ".lecture-demo button", ".lecture-demo__start",
                 "html.lecture-print-no-answers .md-typeset details.success", "bookmark-level:1",
                 ".lecture-cite"):
        assert rule in printed, f"print stylesheet lacks {rule!r}"


def _plain(title: str) -> str:
    """A title with its no-break spaces as plain spaces, as a PDF outline may carry either."""
    return " ".join(title.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_pdf_has_the_chapters_as_bookmarks(built_site, tmp_path):
    """What `make pdf` runs once the site is built: one PDF per language, read back."""
    pypdf = pytest.importorskip("pypdf")
    completed = subprocess.run(
        [sys.executable, "-m", "lectureutils.site.pdf", "--site", str(built_site.site_dir),
         "--out", str(tmp_path)], capture_output=True, text=True, timeout=1200,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    for lang, prefix in LANGUAGE_PREFIX.items():
        reader = pypdf.PdfReader(tmp_path / f"lecture-{lang}-{__version__}.pdf")
        assert len(reader.pages) > 30
        top = [_plain(item.title) for item in reader.outline if not isinstance(item, list)]
        printable = soup_at(built_site, prefix + "imprimer/")
        for permalink in printable.select("section.lecture-print-chapter h1 a.headerlink"):
            permalink.decompose()
        titles = [_plain(section.h1.get_text(strip=True))
                  for section in printable.select("section.lecture-print-chapter")]
        missing = [title for title in titles if title not in top]
        assert not missing, f"{lang} PDF: chapters missing from the bookmarks: {missing}"
        assert any(isinstance(item, list) for item in reader.outline), "no section bookmarks"
        assert reader.metadata.title


# In a browser: print media, the answers switch, keyboard access to the citation buttons ------------



@pytest.fixture(scope="module")
def served(site_server):
    return site_server.url()


@pytest.fixture(scope="module")
def chromium_page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith(("http://127.0.0.1", "data:"))
               else route.abort("internetdisconnected"))
    yield page
    context.close()


def test_print_media_and_answers_switch_in_a_browser(served, chromium_page):
    page = chromium_page
    page.goto(served + "modele/")
    # Keyboard: Tab reaches the page's citation button, Enter opens it.
    summary = page.locator("details.lecture-cite > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.lecture-cite").first.get_attribute("open") is not None
    switch = page.locator(".lecture-answers-toggle input").first
    assert switch.is_checked()

    page.emulate_media(media="print")
    for hidden in (".md-sidebar--primary", ".md-header", "details.lecture-cite",
                   ".lecture-answers-toggle"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    display = "el => getComputedStyle(el).display"
    assert page.locator(".lecture-cite__print").evaluate(display) == "block"
    answer = page.locator("details.question details.success").first
    assert answer.evaluate(display) != "none"

    page.emulate_media(media="screen")
    switch.uncheck()
    assert "lecture-print-no-answers" in page.evaluate("document.documentElement.className")
    page.emulate_media(media="print")
    assert answer.evaluate(display) == "none", "answers printed although the switch is off"
    page.emulate_media(media="screen")
    switch.check()

    # Link targets: an external link in the text prints its address.
    page.emulate_media(media="print")
    after = page.evaluate("""() => {
        const link = document.createElement('a');
        link.href = 'https://example.org/source';
        link.textContent = 'a source';
        document.querySelector('article p').appendChild(link);
        return getComputedStyle(link, '::after').content;
    }""")
    assert "http" in after, f"link targets are not printed: {after}"
    page.emulate_media(media="screen")


def test_demos_print_their_static_figure(served, chromium_page):
    page = chromium_page
    page.goto(served + "reseaux-neurones/")
    if not page.locator(".lecture-demo").count():
        pytest.skip("not applicable: no live demo on this page yet")
    page.emulate_media(media="print")
    assert page.locator(".lecture-demo__canvas .lecture-chart__svg").first.is_visible()
    for control in page.locator(".lecture-demo button").all():
        assert not control.is_visible(), "a demo control is printed"
    page.emulate_media(media="screen")
