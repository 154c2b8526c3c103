"""Reading the lecture on any screen (issue 11), checked in a real browser.

Every chapter, in both languages, at a phone's 390×844 and a desktop's 1280×900, in the one
session Chromium against the one built site (``conftest.py``; ``$LECTURE_QA_SITE`` points at a
site already built, to iterate):

- the page never scrolls sideways;
- every SVG text in the article (folded blocks opened) renders at 12 CSS px or more and lies inside
  its SVG, and no two text boxes of one figure overlap;
- each correction or clarification box shows its three parts on separate labelled rows, at the
  body's text size;
- no copy button covers a character of its code or output, and every box that scrolls sideways
  (a program's long lines, a wide table on a phone) shows so by a shadow on its edge;
- after scrolling to a section, the language switcher lands on that section of the other language,
  whatever ``#fragment`` the address still carries.

One visit per page and width measures everything; the switcher test adds one round trip per page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import page_slugs

pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")

from lectureutils.qa.server import SiteServer  # noqa: E402

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
MIN_SVG_TEXT_PX = 12
# Rounding of layout boxes: a text box may touch its SVG's edge or a neighbour by a pixel.
TOLERANCE_PX = 1.0


def chapter_paths() -> list[str]:
    paths = []
    for slug in page_slugs():
        tail = "" if slug == "index" else f"{slug}/"
        paths += [tail, f"en/{tail}"]
    return paths


@pytest.fixture(scope="session")
def reading_site_dir(request) -> Path:
    if os.environ.get("LECTURE_QA_SITE"):
        return Path(os.environ["LECTURE_QA_SITE"])
    return request.getfixturevalue("built_site").site_dir


@pytest.fixture(scope="session")
def reading_server(reading_site_dir):
    with SiteServer(reading_site_dir) as server:
        yield server


MEASURE = r"""async (tolerance) => {
  const article = document.querySelector("article.md-content__inner");
  article.querySelectorAll("details").forEach((details) => { details.open = true; });
  // A chart reaches the page as <img loading="lazy"> of its SVG file (lectureutils/site/delivery.py):
  // the very drawing goes back inline, in the image's place and with its class, to measure its text.
  await Promise.all([...article.querySelectorAll("img.lecture-chart__svg")].map(async (img) => {
    const source = await (await fetch(img.src)).text();
    const drawing = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
    img.replaceWith(document.importNode(drawing, true));
  }));
  const root = document.documentElement;
  const result = {
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, texts: [], overlaps: [],
    boxes: [], covered: [], scrollers: [], onFrame: [], loneLinks: [], bodyFontPx: parseFloat(getComputedStyle(article.querySelector("p")).fontSize),
  };
  const svgs = [...article.querySelectorAll("svg")].filter((svg) => !svg.ownerSVGElement && svg.querySelector("text"));
  svgs.forEach((svg, figure) => {
    const frame = svg.getBoundingClientRect();
    if (frame.width === 0 || frame.height === 0) return;  // not rendered (a demo not started)
    const boxes = [];
    svg.querySelectorAll("text").forEach((text) => {
      const r = text.getBoundingClientRect();
      if (!text.textContent.trim() || r.width === 0) return;
      const ctm = text.getScreenCTM();
      const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.b, ctm.d);
      const inside = r.left >= frame.left - tolerance && r.right <= frame.right + tolerance
        && r.top >= frame.top - tolerance && r.bottom <= frame.bottom + tolerance;
      const label = (svg.closest("figure, .lecture-compute, section")?.querySelector("figcaption, h3, h4, .lecture-chart__title")?.textContent || "").trim().slice(0, 50);
      result.texts.push({figure, label, text: text.textContent.trim().slice(0, 40), px, inside});
      boxes.push({text: text.textContent.trim().slice(0, 40), r});
    });
    // Markers (circles) drawn in a clipped plot area lie wholly inside it, their outline at least
    // CLEAR px from the frame (closer, the frame's stroke and the marker's merge into a notch).
    const CLEAR = 2;
    svg.querySelectorAll("g[clip-path]").forEach((group) => {
      const id = (group.getAttribute("clip-path").match(/#([^)]+)/) || [])[1];
      const area = id && svg.querySelector(`clipPath[id="${id}"] rect`);
      if (!area) return;
      const [x, y, w, h] = ["x", "y", "width", "height"].map((a) => parseFloat(area.getAttribute(a)));
      group.querySelectorAll("circle").forEach((c) => {
        const cx = parseFloat(c.getAttribute("cx")), cy = parseFloat(c.getAttribute("cy"));
        const r = parseFloat(c.getAttribute("r")) + (parseFloat(getComputedStyle(c).strokeWidth) || 0) / 2 + CLEAR;
        if (cx - r < x || cx + r > x + w || cy - r < y || cy + r > y + h) {
          const label = (svg.closest("figure, .lecture-compute, section")?.querySelector("figcaption, h3, h4, .lecture-chart__title")?.textContent || "").trim().slice(0, 50);
          result.onFrame.push({figure, label, at: [cx, cy]});
        }
      });
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > tolerance && h > tolerance) result.overlaps.push({figure, a: boxes[i].text, b: boxes[j].text});
      }
    }
  });
  // The copy button of a code block or an output: the text it covers, if any.
  article.querySelectorAll("pre > code").forEach((code) => {
    const button = code.parentElement.querySelector(".md-code__button, .md-clipboard");
    if (!button || code.getBoundingClientRect().height === 0) return;
    const b = button.getBoundingClientRect();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.search(/\S/);
      if (at < 0) continue;
      range.selectNodeContents(node);
      const hit = [...range.getClientRects()].find((r) => r.width > 0
        && Math.min(r.right, b.right) - Math.max(r.left, b.left) > tolerance
        && Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > tolerance);
      if (hit) { result.covered.push(code.textContent.trim().split("\n")[0].slice(0, 50)); break; }
    }
  });
  // A heading's permalink (¶) stays on the line of the heading's last word.
  article.querySelectorAll(":is(h1, h2, h3) > .headerlink").forEach((link) => {
    const text = [...link.parentElement.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()).pop();
    if (!text) return;
    const range = document.createRange();
    range.selectNodeContents(text);
    const lines = [...range.getClientRects()];
    const last = lines[lines.length - 1], r = link.getBoundingClientRect();
    if (last && r.height && r.top >= last.bottom - tolerance) result.loneLinks.push(link.parentElement.id);
  });
  // Every box that scrolls sideways shows it: the shadows its background draws on the edge.
  article.querySelectorAll("*").forEach((el) => {
    const style = getComputedStyle(el);
    if (!["auto", "scroll"].includes(style.overflowX) || el.scrollWidth <= el.clientWidth + 1) return;
    if (el.getBoundingClientRect().height === 0) return;
    const hinted = style.backgroundImage.includes("gradient") && style.backgroundAttachment.includes("local");
    result.scrollers.push({what: (el.tagName.toLowerCase() + "." + [...el.classList].join(".")).slice(0, 60),
                           text: el.textContent.trim().slice(0, 40), hinted});
  });
  article.querySelectorAll(".lecture-fix").forEach((box) => {
    const title = box.querySelector(":scope > .admonition-title");
    const parts = box.querySelector(":scope > dl.lecture-fix__parts");
    const rows = parts ? [...parts.children].map((el) => {
      const r = el.getBoundingClientRect();
      return {tag: el.tagName.toLowerCase(), text: el.textContent.trim(), top: r.top, bottom: r.bottom,
              left: r.left, width: r.width, px: parseFloat(getComputedStyle(el).fontSize),
              shown: r.height > 0 && getComputedStyle(el).visibility !== "hidden"};
    }) : [];
    result.boxes.push({kind: box.classList.contains("lecture-fix--correction") ? "correction" : "clarification",
                       title: title ? title.textContent.trim() : "", rows,
                       width: parts ? parts.getBoundingClientRect().width : 0});
  });
  return result;
}"""


@pytest.fixture(scope="session")
def reading_measures(chromium, reading_server) -> dict:
    """(path, viewport name) -> what MEASURE found, for every chapter at both widths."""
    measures = {}
    for name, viewport in VIEWPORTS.items():
        phone = name == "phone"
        context = chromium.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
        context.route(lambda url: not url.startswith(reading_server.origin + "/"),
                      lambda route: route.abort())
        page = context.new_page()
        for path in chapter_paths():
            page.goto(reading_server.url(path), wait_until="load")
            measures[(path, name)] = page.evaluate(MEASURE, TOLERANCE_PX)
        context.close()
    return measures


def _where(path: str, viewport: str) -> str:
    return f"/{path} at {VIEWPORTS[viewport]['width']} px"


def test_every_chapter_was_measured_in_both_languages_and_widths(reading_measures):
    assert len(chapter_paths()) == 2 * len(page_slugs()) >= 30
    assert set(reading_measures) == {(path, name) for path in chapter_paths() for name in VIEWPORTS}
    # Not a vacuous pass: the chapters do hold figures and boxes.
    assert sum(len(m["texts"]) for m in reading_measures.values()) > 200
    assert sum(len(m["boxes"]) for m in reading_measures.values()) > 100


def test_no_page_scrolls_sideways(reading_measures):
    failures = [f"{_where(path, vp)}: {m['scrollWidth']} px wide for a {m['clientWidth']} px window"
                for (path, vp), m in reading_measures.items() if m["scrollWidth"] > m["clientWidth"]]
    assert not failures, "\n".join(failures)


def test_svg_text_is_at_least_12_css_px_and_inside_its_svg(reading_measures):
    failures = []
    for (path, vp), m in reading_measures.items():
        for text in m["texts"]:
            if text["px"] < MIN_SVG_TEXT_PX - 0.05:
                failures.append(f"{_where(path, vp)}: {text['text']!r} at {text['px']:.1f} px "
                                f"(figure {text['figure']} {text['label']!r})")
            if not text["inside"]:
                failures.append(f"{_where(path, vp)}: {text['text']!r} outside its SVG "
                                f"(figure {text['figure']} {text['label']!r})")
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:80])


def test_no_two_texts_of_a_figure_overlap(reading_measures):
    failures = [f"{_where(path, vp)}: figure {o['figure']}: {o['a']!r} over {o['b']!r}"
                for (path, vp), m in reading_measures.items() for o in m["overlaps"]]
    assert not failures, f"{len(failures)} overlaps:\n" + "\n".join(failures[:80])


def test_no_marker_of_a_chart_sits_on_its_frame(reading_measures):
    failures = [f"{_where(path, vp)}: figure {o['figure']} {o['label']!r}: a marker at {o['at']} crosses the frame"
                for (path, vp), m in reading_measures.items() for o in m["onFrame"]]
    assert not failures, f"{len(failures)} markers:\n" + "\n".join(failures[:60])


def test_a_permalink_never_wraps_onto_a_line_of_its_own(reading_measures):
    failures = [f"{_where(path, vp)}: the ¶ of #{heading} sits alone under its heading"
                for (path, vp), m in reading_measures.items() for heading in m["loneLinks"]]
    assert not failures, "\n".join(failures[:60])


def test_the_copy_button_covers_no_text(reading_measures):
    failures = [f"{_where(path, vp)}: the copy button covers text of the block starting {first!r}"
                for (path, vp), m in reading_measures.items() for first in m["covered"]]
    assert not failures, "\n".join(failures[:60])


def test_a_box_that_scrolls_sideways_shows_that_it_does(reading_measures):
    scrollers = [(path, vp, box) for (path, vp), m in reading_measures.items() for box in m["scrollers"]]
    # Not vacuous: on a phone, programs' long lines and wide tables do scroll.
    assert sum(1 for path, vp, box in scrollers if vp == "phone") >= 20
    failures = [f"{_where(path, vp)}: {box['what']} ({box['text']!r}) scrolls without a shadow at its edge"
                for path, vp, box in scrollers if not box["hinted"]]
    assert not failures, "\n".join(failures[:60])


def test_correction_boxes_show_three_labelled_parts_at_body_size(reading_measures):
    labels = {"correction": {"Correction"}, "clarification": {"Précision", "Clarification"}}
    failures = []
    for (path, vp), m in reading_measures.items():
        for box in m["boxes"]:
            where = f"{_where(path, vp)}: box {box['title'][:50]!r}"
            if not any(box["title"].startswith(label) for label in labels[box["kind"]]):
                failures.append(f"{where}: the title does not name its kind")
            tags = [row["tag"] for row in box["rows"]]
            if tags[:1] != ["dt"] or tags.count("dt") != 3 or any(
                tag == "dt" and (i + 1 == len(tags) or tags[i + 1] != "dd") for i, tag in enumerate(tags)
            ):
                failures.append(f"{where}: parts {tags}")
                continue
            rows = box["rows"]
            if not all(row["shown"] and row["text"] for row in rows):
                failures.append(f"{where}: a part or its label is empty or hidden")
            texts = [row for row in rows if row["tag"] == "dd"]
            for before, after in zip(texts, texts[1:]):
                if after["top"] < before["bottom"] - TOLERANCE_PX:
                    failures.append(f"{where}: two parts share a row")
            if any(row["px"] < m["bodyFontPx"] - 0.05 for row in texts):
                failures.append(f"{where}: text smaller than the body's {m['bodyFontPx']} px")
            # The text, not its label, gets the room: a long label wraps in its column.
            narrow = [row for row in texts if row["width"] < 0.6 * box["width"]]
            if narrow:
                failures.append(f"{where}: a text {narrow[0]['width']:.0f} px wide in a {box['width']:.0f} px box")
    assert not failures, "\n".join(failures[:60])


@pytest.mark.parametrize("path", ["bilingue/vraie-vie/", "en/bilingue/vraie-vie/"])
def test_correction_texts_get_the_room_in_the_side_by_side_columns(chromium, reading_server, path):
    """A column of the side-by-side page is half a chapter's width: a label column there would
    leave the text a strip a few words wide, so each label sits above its text."""
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    context.route(lambda url: not url.startswith(reading_server.origin + "/"), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(reading_server.url(path), wait_until="load")
        boxes = page.evaluate(MEASURE, TOLERANCE_PX)["boxes"]
    finally:
        context.close()
    assert len(boxes) >= 6  # both languages' boxes, side by side
    narrow = [(box["title"][:40], row["width"], box["width"]) for box in boxes for row in box["rows"]
              if row["tag"] == "dd" and row["width"] < 0.6 * box["width"]]
    assert not narrow, narrow


SECTION_IDS = """() => [...document.querySelectorAll(".md-content h2[id], .md-content h3[id]")].map((h) => h.id)"""
HEADING_TOP = """(id) => document.getElementById(id).getBoundingClientRect().top"""


def _switch_language(page, phone: bool, target_lang: str) -> None:
    """Open the header's language menu and press the other language, as a finger or a mouse does:
    at the link's place on screen (Playwright's own ``click`` would first scroll the page to bring
    the link "into view", which no reader's click does)."""
    switcher = page.locator(".md-header .md-select").first
    button = switcher.locator("button").first
    box = button.bounding_box()
    if phone:
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    else:
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    link = switcher.locator(f'a.md-select__link[hreflang="{target_lang}"]')
    link.wait_for(state="visible")
    box = link.bounding_box()
    with page.expect_navigation(wait_until="load"):
        if phone:
            page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        else:
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_language_switcher_lands_on_the_section_in_view(chromium, reading_server, viewport):
    phone = viewport == "phone"
    context = chromium.new_context(viewport=VIEWPORTS[viewport], is_mobile=phone, has_touch=phone)
    context.route(lambda url: not url.startswith(reading_server.origin + "/"), lambda route: route.abort())
    page = context.new_page()
    failures, checked = [], 0
    try:
        for path in chapter_paths():
            page.goto(reading_server.url(path), wait_until="load")
            ids = page.evaluate(SECTION_IDS)
            if len(ids) < 3:
                continue
            # The address names the first section (a table-of-contents click long ago); the reader
            # has since scrolled to one in the middle of the page.
            page.evaluate("(id) => history.replaceState(null, '', '#' + id)", ids[0])
            # A section in the middle whose heading the page can bring under its header (near the
            # end of a page, the last headings cannot reach the top).
            for section in reversed(ids[1:len(ids) // 2 + 1]):
                page.evaluate("(id) => { document.getElementById(id).scrollIntoView(); window.scrollBy(0, -80); }",
                              section)
                page.wait_for_timeout(50)
                top = page.evaluate(HEADING_TOP, section)
                if 70 <= top <= 90:
                    break
            else:
                failures.append(f"/{path}: no section could be scrolled to the top")
                continue
            target_lang = "fr" if path.startswith("en/") else "en"
            _switch_language(page, phone, target_lang)
            checked += 1
            url = page.url
            expected_path = path[3:] if target_lang == "fr" else f"en/{path}"
            landed_top = page.evaluate(HEADING_TOP, section) if page.locator(f"#{section}").count() else None
            if not url.startswith(reading_server.url(expected_path)) or not url.endswith("#" + section):
                failures.append(f"/{path}: went to {url}, expected /{expected_path}#{section}")
            elif landed_top is None or not 0 <= landed_top <= VIEWPORTS[viewport]["height"] / 2:
                failures.append(f"/{path}: #{section} is not in view after switching ({landed_top})")
    finally:
        context.close()
    assert checked >= 20, f"only {checked} pages had sections to switch from"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["tokenisation/", "en/tokenisation/"])
def test_a_page_opened_at_a_section_offers_that_section_in_the_other_language(chromium, reading_server, path):
    """A cited page#section, opened: the switcher already points at that section of the other
    language, before any touch (lecture.js measures nothing at load; the jump to the section is a
    scroll, which it follows)."""
    context = chromium.new_context(viewport=VIEWPORTS["phone"], is_mobile=True, has_touch=True)
    context.route(lambda url: not url.startswith(reading_server.origin + "/"), lambda route: route.abort())
    page = context.new_page()
    try:
        target_lang = "fr" if path.startswith("en/") else "en"
        page.goto(reading_server.url(path) + "#playground", wait_until="load")
        link = f'a.md-select__link[hreflang="{target_lang}"]'
        page.wait_for_function("(link) => document.querySelector(link).getAttribute('href').endsWith('#playground')",
                               arg=link)
        expected = path[3:] if target_lang == "fr" else f"en/{path}"
        assert page.evaluate("(link) => document.querySelector(link).href", link) == \
            reading_server.url(expected) + "#playground"
    finally:
        context.close()


TERM_AND_TIP = """() => {
  const wrap = document.querySelector(".lecture-term-wrap--open") || document.querySelector(".lecture-term-wrap:hover");
  if (!wrap) return null;
  const term = wrap.querySelector(".lecture-term").getBoundingClientRect();
  const tip = wrap.querySelector(".lecture-term__tip");
  const box = tip.getBoundingClientRect();
  return {term: {top: term.top, bottom: term.bottom}, tip: {left: box.left, right: box.right, top: box.top,
          bottom: box.bottom}, shown: getComputedStyle(tip).display !== "none", bar: tip.classList.contains("lecture-term__tip--bar"),
          more: tip.querySelector(".lecture-term__more")?.textContent || "", width: window.innerWidth,
          height: window.innerHeight};
}"""


def _next_to_its_term(state) -> bool:
    term, tip = state["term"], state["tip"]
    below = 0 <= tip["top"] - term["bottom"] <= 20
    above = 0 <= term["top"] - tip["bottom"] <= 20
    inside = tip["left"] >= 0 and tip["right"] <= state["width"] and tip["top"] >= 0 and tip["bottom"] <= state["height"]
    return (below or above) and inside and not state["bar"]


@pytest.mark.parametrize("path, more", [("modele/", "Voir dans le glossaire"), ("en/modele/", "See in the glossary")])
def test_a_tapped_glossary_term_opens_its_definition_next_to_it(chromium, reading_server, path, more):
    context = chromium.new_context(viewport=VIEWPORTS["phone"], is_mobile=True, has_touch=True)
    context.route(lambda url: not url.startswith(reading_server.origin + "/"), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(reading_server.url(path), wait_until="load")
        term = page.locator("article a.lecture-term").nth(2)
        term.scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -200)")
        box = term.bounding_box()
        page.touchscreen.tap(box["x"] + 4, box["y"] + box["height"] / 2)
        page.wait_for_timeout(100)
        assert page.url == reading_server.url(path), "the first tap left the page"
        state = page.evaluate(TERM_AND_TIP)
        assert state and state["shown"], "no definition open after a tap"
        assert _next_to_its_term(state), f"the definition is not next to its term: {state}"
        assert state["more"] == more
        with page.expect_navigation(wait_until="load"):
            page.touchscreen.tap(box["x"] + 4, box["y"] + box["height"] / 2)
        assert "/glossaire/#" in page.url
    finally:
        context.close()


def test_a_hovered_term_shows_its_definition_next_to_it_on_a_narrow_desktop(chromium, reading_server):
    context = chromium.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    try:
        page.goto(reading_server.url("modele/"), wait_until="load")
        shown = 0
        for index in range(page.locator("article a.lecture-term").count()):
            term = page.locator("article a.lecture-term").nth(index)
            if not term.is_visible():  # in a folded block
                continue
            term.scroll_into_view_if_needed()
            term.hover()
            state = page.evaluate(TERM_AND_TIP)
            assert state and state["shown"]
            assert _next_to_its_term(state), f"term {index}: {state}"
            shown += 1
        assert shown >= 5
    finally:
        context.close()


@pytest.mark.parametrize("path", ["exercices/", "en/exercices/"])
def test_the_exercises_page_has_one_print_the_answers_switch(chromium, reading_server, path):
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        page.goto(reading_server.url(path), wait_until="load")
        assert page.locator("details.question").count() >= 20
        assert page.locator(".lecture-answers-toggle").count() == 1
        # The switch comes before the first exercise.
        assert page.evaluate("""() => {
          const toggle = document.querySelector(".lecture-answers-toggle");
          const first = document.querySelector("details.question");
          return !!(toggle.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")
    finally:
        context.close()


def test_a_very_long_page_is_shot_in_parts_that_keep_their_text(tmp_path):
    """``make screenshots``: one capture of the printable edition came back with its text missing
    past some depth; a page longer than PART_PX is written in parts, each with its text."""
    import subprocess
    import sys

    from PIL import Image

    from lectureutils.qa.screenshots import PART_PX

    site = tmp_path / "site"
    site.mkdir()
    count = PART_PX * 5 // 2 // 500  # two parts and a half
    paragraphs = "".join(f"<p style='margin:0;height:500px;font:40px sans-serif'>Paragraphe {n}</p>" for n in range(count))
    (site / "index.html").write_text(f"<!doctype html><meta charset=utf-8><body style='margin:0'>{paragraphs}",
                                     encoding="utf-8")
    out = tmp_path / "shots"
    subprocess.run([sys.executable, "-m", "lectureutils.qa.screenshots", "--site", str(site), "--out", str(out),
                    "--pages", ""], check=True, capture_output=True, timeout=300)
    parts = sorted((out / "desktop").glob("index-[0-9][0-9].png"))
    assert not (out / "desktop" / "index.png").exists()
    assert len(parts) == 3
    for part in parts:
        image = Image.open(part).convert("L")
        # The last band of each part holds a paragraph's text: dark pixels, not a blank capture.
        band = image.crop((0, image.height - 500, 400, image.height))
        assert band.getextrema()[0] < 100, f"{part.name}: no text in its last paragraph"
    assert 'href="desktop/index-01.png"' in (out / "index.html").read_text(encoding="utf-8")
