"""What a first visit downloads (lectureutils/site/delivery.py): minified own assets, Material's
stylesheet trimmed to what the site can match, under a name of its own that every page links."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import tinycss2

from lectureutils.site import delivery

MATERIAL_LIKE = """@charset "UTF-8";
:root{--md-x:1px}
.md-nav__link,.md-post__title{color:red}
.md-post{margin:0}
.md-typeset :is(.md-tag,.highlight) code{padding:0}
.md-tag--java{color:blue}
html.js .md-search{top:0}
[data-md-color-scheme=slate]{--md-y:2px}
@media screen and (min-width:60em){.md-sidebar{width:12rem}.md-tabs{display:none}}
@supports selector(:has(*)){.md-banner{display:none}}
@keyframes md-spin{0%{opacity:0}to{opacity:1}}
"""


def _rules(css: str) -> list[str]:
    return [rule.serialize() for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True)]


def test_trim_drops_the_selectors_no_page_can_match_and_keeps_the_rest():
    used = {"md-nav__link", "md-typeset", "highlight", "js", "md-search", "md-sidebar"}
    trimmed = delivery.trim_stylesheet(MATERIAL_LIKE, lambda name: name in used or name.startswith("md-tag--"))
    # A selector list loses only its unmatched members.
    assert ".md-nav__link{color:red}" in trimmed and "md-post" not in trimmed
    # A class inside :is() or :not() is not required (`.highlight` alone matches :is(.md-tag,.highlight));
    # a template prefix keeps every class it can build.
    assert ".md-typeset :is(.md-tag,.highlight) code{padding:0}" in trimmed
    assert ".md-tag--java{color:blue}" in trimmed
    # Rules without classes, custom properties, attribute selectors and keyframes stay.
    for kept in ('@charset "UTF-8";', ":root{--md-x:1px}", "[data-md-color-scheme=slate]{--md-y:2px}",
                 "@keyframes md-spin{0%{opacity:0}to{opacity:1}}", "html.js .md-search{top:0}"):
        assert kept in trimmed, kept
    # A conditional group keeps its matching rules; one left empty goes.
    assert "@media screen and (min-width:60em){.md-sidebar{width:12rem}}" in trimmed
    assert "@supports" not in trimmed and "md-banner" not in trimmed and "md-tabs" not in trimmed
    # What is left parses to the same rules, as CSS.
    assert len(_rules(trimmed)) == 9


def test_scripts_keep_every_word_and_template_prefix(tmp_path):
    script = tmp_path / "bundle.js"
    script.write_text('x("li",{class:`md-source__fact md-source__fact--${t}`});'
                      'e.classList.add("focus-visible");var c="md-tag--"+name;', encoding="utf-8")
    words, prefixes = delivery.script_words([script])
    assert {"md-source__fact", "focus-visible", "classList"} <= words
    assert prefixes == {"md-source__fact--", "md-tag--"}


def test_page_classes_reads_every_class_attribute():
    pages = [b'<div class="md-grid  lecture-x"><p class="a">x</p></div>', b'<p class="b a">']
    assert delivery.page_classes(pages) == {"md-grid", "lecture-x", "a", "b"}


def test_minify_own_assets_minifies_built_copies_only(tmp_path):
    docs, site = tmp_path / "docs" / "assets", tmp_path / "site" / "assets"
    for folder in (docs, site):
        (folder / "demos").mkdir(parents=True)
        (folder / "a.css").write_text("/* why */\n.a {\n  color: red;\n}\n", encoding="utf-8")
        (folder / "demos" / "b.js").write_text("// why\nvar s = `a // b`;  /* c */\nf( s );\n", encoding="utf-8")
        (folder / "lib.min.js").write_text("var  kept = 1;\n", encoding="utf-8")
    assert delivery.minify_own_assets(docs, site) == 2
    assert (site / "a.css").read_text(encoding="utf-8") == ".a{color:red}"
    assert (site / "demos" / "b.js").read_text(encoding="utf-8") == "var s=`a // b`;f(s);"
    assert (site / "lib.min.js").read_text(encoding="utf-8") == "var  kept = 1;\n"  # vendored: as is
    assert (docs / "a.css").read_text(encoding="utf-8").startswith("/* why */")  # sources untouched


def test_the_built_site_links_a_trimmed_theme_sheet(built_site):
    site = built_site.site_dir
    sheets = sorted((site / "assets" / "stylesheets").glob("main.*.*.min.css"))
    assert len(sheets) == 1, sheets
    trimmed = sheets[0]
    original = site / "assets" / "stylesheets" / re.sub(r"\.[0-9a-f]{8}\.min\.css$", ".min.css", trimmed.name)
    assert original.is_file()
    # Smaller, and every page links the trimmed sheet, none Material's own.
    assert len(gzip.compress(trimmed.read_bytes(), 9)) < 0.85 * len(gzip.compress(original.read_bytes(), 9))
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "assets/stylesheets/main." in html:
            assert trimmed.name in html and original.name not in html, page
    # The classes the pages use keep their rules: the header, the navigation, admonitions, code.
    css = trimmed.read_text(encoding="utf-8")
    for selector in (".md-header", ".md-nav__link", ".md-typeset .admonition", ".md-search-result__article",
                     ".md-code__button", ".md-typeset__scrollwrap", ".md-tooltip"):
        assert selector in css, selector
    # Our own assets are minified: no comment survives in a built copy.
    for asset in (site / "assets" / "lecture.js", site / "assets" / "lecture.css",
                  site / "assets" / "demos" / "demos.js"):
        assert "/*" not in asset.read_text(encoding="utf-8")[:200], asset


def test_sources_keep_their_comments():
    assert "/*" in (Path(__file__).parents[1] / "docs" / "assets" / "lecture.css").read_text(encoding="utf-8")
