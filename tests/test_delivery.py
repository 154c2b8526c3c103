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
    palette = sorted((site / "assets" / "stylesheets").glob("palette.*.*.min.css"))
    assert len(palette) == 1 and "[data-md-color-primary=indigo]" in palette[0].read_text(encoding="utf-8")
    assert "[data-md-color-primary=pink]" not in palette[0].read_text(encoding="utf-8")
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


CHART = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 660 266" width="660" height="266" role="img" '
         'aria-labelledby="c-title c-desc" class="lecture-chart__svg" font-family="system-ui"><title id="c-title">'
         'Jeton suivant après «\u202fThe boy\u202f»</title><desc id="c-desc">Barres : 11,5 % &amp; plus &lt;10.</desc>'
         '<text x="1" y="12" font-size="12">11,5\u202f%</text></svg>')


def _page(root: Path, relative: str, body: str) -> Path:
    page = root / relative
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return page


def _externalize_figures(site: Path, keep_inline=(), skip=()) -> int:
    """The delivery's figure step alone, through the plugin's one pass; how many images pages link."""
    figures: dict[str, bytes] = {}
    delivery.rewrite_pages(site, [(lambda html, prefix: delivery.figures_as_images(html, prefix, figures), False)],
                           keep_inline, skip)
    delivery.write_figures(site, figures)
    return sum(page.read_text(encoding="utf-8").count('<img class="lecture-chart__svg"')
               for page in delivery.html_pages(site, skip))


def _trim_theme_stylesheet(site: Path, theme_dirs: list[str]) -> list[Path]:
    """The delivery's theme-sheet step alone, through the plugin's one pass; the sheets written."""
    written: list[Path] = []

    def relink(pages: list[bytes]):
        sheets, links = delivery.trimmed_theme_sheets(site, theme_dirs, pages)
        written.extend(sheets)
        return lambda html: delivery.link_trimmed_sheets(html, links)

    delivery.rewrite_pages(site, (), finish=relink)
    return written


def _bundle_own_assets(site: Path, stylesheets: list[str], scripts: list[str], skip=()) -> list[str]:
    """The delivery's bundling step alone, through the plugin's one pass; the bundles' paths."""
    from lectureutils.site import bundling

    bundles = bundling.write_bundles(site, stylesheets, scripts)
    delivery.rewrite_pages(site, [(lambda html, prefix: bundling.link_bundles(html, bundles), True)], skip=skip)
    return [bundle for _, _, bundle in bundles]


def test_figures_become_lazy_images_of_one_shared_file(tmp_path):
    chapter = _page(tmp_path, "pre-entrainement/index.html", f'<div class="lecture-chart__panel">{CHART}</div>')
    english = _page(tmp_path, "en/bilingue/pre-entrainement/index.html", CHART + CHART)
    printed = _page(tmp_path, "imprimer/index.html", CHART)
    broken = CHART.replace("11,5", "11&nbsp;5")  # an HTML-only entity: not a standalone XML file
    other = _page(tmp_path, "credits/index.html", broken)
    demo = _page(tmp_path, "modele/index.html", f'<section id="demo-x" class="lecture-demo"><div>{CHART}</div></section>'
                 f'<section class="lecture-other">{CHART}</section>')
    assert _externalize_figures(tmp_path, keep_inline=["imprimer"]) == 5
    # A live demo's first figure too: the demo draws its canvas anew once started (demos.js).
    assert "<svg" not in demo.read_text(encoding="utf-8")
    figures = sorted((tmp_path / "assets" / "figures").iterdir())
    assert len(figures) == 1  # one drawing, one file, whichever page shows it
    drawing = figures[0].read_text(encoding="utf-8")
    assert drawing.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ') and drawing.endswith(CHART)
    html = chapter.read_text(encoding="utf-8")
    assert "<svg" not in html
    assert (f'<img class="lecture-chart__svg" src="../assets/figures/{figures[0].name}" width="660" height="266" '
            'alt="Jeton suivant après «\u202fThe boy\u202f». Barres : 11,5 % &amp; plus &lt;10." '
            'loading="lazy" decoding="async">') in html
    assert english.read_text(encoding="utf-8").count(f'src="../../../assets/figures/{figures[0].name}"') == 2
    assert printed.read_text(encoding="utf-8").count("<svg") == 1  # the printable edition keeps it inline
    assert other.read_text(encoding="utf-8").count("<svg") == 1


def test_a_drawing_of_fractional_size_becomes_an_image_of_whole_pixels(tmp_path):
    page = _page(tmp_path, "transfert/index.html", CHART.replace('width="660" height="266"',
                                                                  'width="221.96" height="223.5"'))
    assert _externalize_figures(tmp_path) == 1
    assert 'width="222" height="224"' in page.read_text(encoding="utf-8")


def test_the_built_chapters_link_their_figures(built_site):
    site = built_site.site_dir
    figures = site / "assets" / "figures"
    html = (site / "pre-entrainement" / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img class="lecture-chart__svg" src="\.\./(assets/figures/[0-9a-f]{16}\.svg)"', html)
    assert len(sources) >= 10 and 'class="lecture-chart__svg"' not in html.replace('<img class="lecture-chart__svg"', "")
    assert all((site / source).is_file() for source in sources)
    for source in sources:
        assert (site / source).read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    # A live demo's first figure is a lazy image too (the demo draws in its place once started);
    # the printable edition keeps its drawings inline.
    chapter = (site / "reseaux-neurones" / "index.html").read_text(encoding="utf-8")
    canvas = chapter[chapter.index('<div class="lecture-demo__canvas">'):chapter.index('<p class="lecture-demo__description">')]
    assert 'class="lecture-chart__svg"' in canvas and '<svg xmlns="http://www.w3.org/2000/svg"' not in canvas
    assert len(re.findall(r'<img class="lecture-chart__svg" src="\.\./assets/figures/[0-9a-f]{16}\.svg"', canvas)) >= 2
    printed = (site / "imprimer" / "index.html").read_text(encoding="utf-8")
    assert '<img class="lecture-chart__svg"' not in printed and 'class="lecture-chart__svg"' in printed
    assert len(list(figures.iterdir())) >= len(set(sources))


def test_palette_conditions_stay_only_for_the_colours_pages_write():
    palette = ("[data-md-color-primary=pink]{--md-primary-fg-color:#e92063}"
               "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
               "@media screen{[data-md-color-scheme=slate]{--md-hue:232}}"
               "[data-md-color-switching] *{transition-duration:0ms!important}")
    trimmed = delivery.trim_stylesheet(palette, lambda name: True,
                                       lambda attribute, value: (attribute, value) == ("data-md-color-primary", "indigo"))
    assert trimmed == ("[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
                       "[data-md-color-switching] *{transition-duration:0ms!important}")


def test_demo_maps_are_filtered_pngs_that_decode_to_the_same_pixels():
    import base64
    import io

    import numpy as np
    from PIL import Image

    from lectureutils.charts import svg

    rng = np.random.default_rng(0)
    smooth = np.linspace(0, 255, 48 * 48 * 3).reshape(48, 48, 3)
    for pixels in (rng.integers(0, 256, size=(48, 48, 3)), rng.integers(0, 256, size=(1, 5, 3)), smooth.round()):
        png = base64.b64decode(svg.png_data_uri(pixels).removeprefix("data:image/png;base64,"))
        assert (np.asarray(Image.open(io.BytesIO(png)).convert("RGB")) == pixels).all()


def test_a_page_kept_from_an_earlier_build_follows_the_new_sheet(tmp_path):
    import material

    site = tmp_path / "site"
    theme = Path(material.__file__).parent / "templates"
    original = sorted((theme / "assets" / "stylesheets").glob("main.*.min.css"))[0]
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / original.name).write_bytes(original.read_bytes())
    stale = original.name.replace(".min.css", ".0123abcd.min.css")
    _page(site, "a/index.html", f'<link rel="stylesheet" href="../assets/stylesheets/{stale}"><p class="md-typeset">')
    _page(site, "b/index.html", f'<link rel="stylesheet" href="../assets/stylesheets/{original.name}">')
    (written,) = _trim_theme_stylesheet(site, [str(theme)])
    for page in ("a", "b"):
        assert f'href="../assets/stylesheets/{written.name}"' in (site / page / "index.html").read_text(encoding="utf-8")


def test_our_stylesheets_and_scripts_travel_as_one_file_each(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    for name, text in (("a.css", "p{color:red}"), ("b.css", "q{color:blue}"),
                       ("a.js", "(function(){window.a=1})()"), ("b.js", "(function(){window.b=window.a+1})()")):
        (assets / name).write_text(text, encoding="utf-8")
    head = ('<link rel="stylesheet" href="{p}assets/a.css">\n    \n      <link rel="stylesheet" href="{p}assets/b.css">'
            '<body><script src="{p}assets/a.js"></script>\n  <script src="{p}assets/b.js"></script></body>')
    chapter = _page(tmp_path, "modele/index.html", head.format(p="../"))
    home = _page(tmp_path, "index.html", head.format(p=""))
    partial = _page(tmp_path, "en/x/index.html", '<link rel="stylesheet" href="../../assets/a.css">')
    lab = _page(tmp_path, "lab/index.html", head.format(p="../"))
    css, js = _bundle_own_assets(tmp_path, ["assets/a.css", "assets/b.css"], ["assets/a.js", "assets/b.js"],
                                         skip=["lab"])
    assert (tmp_path / css).read_text(encoding="utf-8") == "p{color:red}\nq{color:blue}\n"
    assert (tmp_path / js).read_text(encoding="utf-8") == "(function(){window.a=1})();\n(function(){window.b=window.a+1})()\n"
    # Named by content as Material's assets are (the README's host recipe caches them for a year).
    assert re.fullmatch(r"assets/lecture\.[0-9a-f]{8}\.min\.css", css)
    assert re.fullmatch(r"assets/lecture\.[0-9a-f]{8}\.min\.js", js)
    html = chapter.read_text(encoding="utf-8")
    assert f'<link rel="stylesheet" href="../{css}"><body><script src="../{js}"></script></body>' in html
    assert "assets/a." not in html and "assets/b." not in html
    assert f'href="{css}"' in home.read_text(encoding="utf-8") and f'src="{js}"' in home.read_text(encoding="utf-8")
    assert "assets/a.css" in partial.read_text(encoding="utf-8")  # not every sheet: left as it was
    assert "assets/a.css" in lab.read_text(encoding="utf-8")
    # A page an earlier build bundled (kept by a dirty rebuild) follows the new bundle.
    (assets / "b.css").write_text("q{color:green}", encoding="utf-8")
    newer, _ = _bundle_own_assets(tmp_path, ["assets/a.css", "assets/b.css"], ["assets/a.js", "assets/b.js"])
    assert newer != css and f'href="../{newer}"' in chapter.read_text(encoding="utf-8")


def test_a_link_is_replaced_wherever_the_pattern_would_match():
    """``_substitute_at`` finds the candidates with ``bytes.find``: the result is ``re.sub``'s,
    near misses (another sheet, a name cut short, overlapping starts) included."""
    literal = b"assets/stylesheets/main"
    pattern = re.compile(re.escape(literal) + rb"(?:\.[0-9a-f]{8})?\.min\.css")
    html = (b'<link href="assets/stylesheets/main.min.css"> assets/stylesheets/main.0123abcd.min.css '
            b"assets/stylesheets/main.0123abcz.min.css assets/stylesheets/mainassets/stylesheets/main.min.css "
            b"assets/stylesheets/palette.min.css assets/stylesheets/main")
    for page in (html, b"", b"no link here", literal, html * 3):
        assert delivery._substitute_at(page, literal, pattern, b"NEW") == pattern.sub(b"NEW", page)
    assert delivery._substitute_at(b"plain", literal, pattern, b"NEW") == b"plain"


def test_the_figure_pattern_ends_at_the_first_closing_tag():
    """The pattern reads text a run at a time: it still stops at the first closing tag, and a
    drawing left open matches nothing (as ``.*?`` would)."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" width="1" height="1" '
           b'class="lecture-chart__svg"><g><text>a < b</text></g></svg>')
    found = delivery._CHART_SVG.findall(svg + b"<p>between</p>" + svg.replace(b'width="1"', b'width="2"'))
    assert found == [(b"1", b"1"), (b"2", b"1")]
    assert delivery._CHART_SVG.search(svg.removesuffix(b"</svg>") + b"</sv") is None


def test_html_pages_skips_other_applications_folders_without_walking_them(tmp_path, monkeypatch):
    for relative in ("index.html", "en/modele/index.html", "lab/index.html", "lab/deep/x.html",
                     "assets/app.js", "en/lab/index.html"):
        _page(tmp_path, relative, "")
    assert delivery.html_pages(tmp_path, skip=("lab",)) == [
        tmp_path / "en" / "lab" / "index.html", tmp_path / "en" / "modele" / "index.html", tmp_path / "index.html"]
    assert len(delivery.html_pages(tmp_path)) == 5
    # A page under a skipped folder is not rewritten, even with a chart in it.
    lab = _page(tmp_path, "lab/chart.html", CHART)
    _externalize_figures(tmp_path, skip=("lab",))
    assert lab.read_text(encoding="utf-8").count("<svg") == 1


def test_the_delivery_reads_and_writes_each_page_once_in_one_pass(tmp_path, monkeypatch):
    """``rewrite_pages`` applies the transforms in order in memory, leaves the printed pages to
    those that also apply there, gives ``finish`` the pages as they will be written, and writes a
    page only when it changed."""
    chapter = _page(tmp_path, "modele/index.html", "1")
    printed = _page(tmp_path, "imprimer/index.html", "1")
    unchanged = _page(tmp_path, "en/index.html", "9")
    _page(tmp_path, "lab/index.html", "1")
    reads, writes, seen = [], [], []
    read_bytes, write_bytes = Path.read_bytes, Path.write_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: reads.append(path) or read_bytes(path))
    monkeypatch.setattr(Path, "write_bytes", lambda path, data: writes.append(path) or write_bytes(path, data))

    def finish(pages: list[bytes]):
        seen.extend(pages)
        return lambda html: html.replace(b"1", str(len(pages)).encode() + b"1")

    transforms = [(lambda html, prefix: html.replace(b"1", b"12"), True),
                  (lambda html, prefix: html.replace(b"2", f"3{prefix}".encode()), False)]
    assert delivery.rewrite_pages(tmp_path, transforms, keep_inline=["imprimer"], skip=["lab"], finish=finish) == 2
    assert sorted(reads) == sorted([chapter, printed, unchanged]) and sorted(writes) == sorted([chapter, printed])
    assert b"<html><body>13../</body></html>" in seen and b"<html><body>12</body></html>" in seen
    assert chapter.read_text(encoding="utf-8") == "<html><body>313../</body></html>"
    assert printed.read_text(encoding="utf-8") == "<html><body>312</body></html>"
    assert unchanged.read_text(encoding="utf-8") == "<html><body>9</body></html>"
