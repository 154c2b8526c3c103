"""What a chapter restyles while it loads: the tokenisation chapter's Lighthouse blocking time is
mostly style and layout of its ~2,800 elements, redone each time a script adds an element or
flips an attribute that a rule of the whole page depends on (issue 16, goal 4).

Counted, not timed: Chromium's trace says how many elements each style pass recomputed.
"""

from __future__ import annotations

import json

from lectureutils.qa import browser as qa_browser
from lectureutils.site.sibling_rules import narrow_universal_siblings

ADD_A_PARAGRAPH = """() => {
  const article = document.querySelector(".md-content article");
  const before = article.querySelector(":scope > .lecture-output") || article.lastElementChild;
  const paragraph = document.createElement("p");
  paragraph.textContent = "…";
  article.insertBefore(paragraph, before);
  document.body.offsetHeight; // the style pass, now
}"""


def test_a_sibling_rule_names_the_elements_it_can_match():
    css = (".md-typeset table:not([class])+*{margin-top:1.5em}.a ~ * , .b{color:red}"
           ".md-typeset *{box-sizing:border-box}[class~=x]{top:0}.c+*:hover{left:0}")
    narrowed = narrow_universal_siblings(css)
    assert ".md-typeset table:not([class])+:is(address," in narrowed
    assert ",p,picture,pre," in narrowed and narrowed.count("{margin-top:1.5em}") == 1
    assert ".a ~:is(address," in narrowed and narrowed.count(":is(") == 2
    # A descendant "*", an attribute's "~=" and a universal subject with a condition stay.
    assert ".md-typeset *{box-sizing:border-box}[class~=x]{top:0}.c+*:hover{left:0}" in narrowed


def test_the_built_theme_sheet_has_no_universal_sibling_subject(built_site):
    html = built_site.page("tokenisation/").read_text(encoding="utf-8")
    sheets = [path for path in (built_site.site_dir / "assets" / "stylesheets").glob("main.*.*.min.css")
              if f"assets/stylesheets/{path.name}" in html]
    assert len(sheets) == 1, sheets
    css = sheets[0].read_text(encoding="utf-8")
    assert ".md-typeset table:not([class])+:is(" in css
    assert narrow_universal_siblings(css) == css


def test_an_element_added_to_a_chapter_restyles_its_neighbours_not_the_chapter(chromium, site_server):
    """Material wraps each table, the Edit and run bar and the answers switch are added at load:
    each such insertion used to restyle the whole chapter (Material's ``table + *`` rule)."""
    context = chromium.new_context(viewport=qa_browser.MOBILE)
    page = context.new_page()
    try:
        page.goto(site_server.url("tokenisation/"), wait_until="load")
        page.wait_for_function("() => document.querySelector('.md-content .md-typeset__scrollwrap')")
        elements = page.evaluate("() => document.querySelectorAll('.md-content article *').length")
        chromium.start_tracing(page=page, categories=["devtools.timeline"])
        try:
            page.evaluate(ADD_A_PARAGRAPH)
        finally:
            trace = json.loads(chromium.stop_tracing())
        passes = [event["args"]["elementCount"] for event in trace["traceEvents"]
                  if event.get("name") == "UpdateLayoutTree" and "elementCount" in event.get("args", {})]
    finally:
        context.close()
    assert passes, "no style pass in the trace: the test no longer sees what it counts"
    assert elements > 1000
    # Its neighbours that a rule could match (a couple of hundred), not the chapter (1,800 before).
    assert sum(passes) < elements / 4, f"{sum(passes)} elements restyled of {elements}"
