"""Side-by-side pages in Chromium, every chapter, both interfaces.

- at 1280 px, each French block's top is level with its English pair's top (within 3 px);
- at 390 px, the pairs interleave: the interface's language, then the other, pair after pair;
- axe-core finds no serious or critical violation, at either width.

Needs the test extra (Playwright), Debian's Chromium and the npm package axe-core (see
tests/test_quality_browser.py). ``$LECTURE_QA_SITE`` points at a site already built.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_bilingual import CHAPTERS, bilingual_path

pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")

from lectureutils.qa import audit as qa_audit
from lectureutils.qa import browser as qa_browser
from lectureutils.qa.server import SiteServer

LEVEL_TOLERANCE_PX = 3
PAGES = [bilingual_path(slug, interface) for interface in ("fr", "en") for slug in CHAPTERS]

# Per pair (shared rows aside): the top of each cell's first block, and each cell's box.
GEOMETRY = """() => Array.from(document.querySelectorAll(
    '.lecture-bilingual__pair[data-pair]:not(.lecture-bilingual__pair--shared)')).map(pair => {
  const cells = Array.from(pair.querySelectorAll(':scope > .lecture-bilingual__cell'));
  return {
    pair: pair.dataset.pair,
    cells: cells.map(cell => {
      const first = cell.firstElementChild.getBoundingClientRect();
      const box = cell.getBoundingClientRect();
      return {lang: cell.lang, blockTop: first.top + window.scrollY, top: box.top + window.scrollY,
              bottom: box.bottom + window.scrollY, left: box.left, width: box.width};
    }),
  };
})"""


@pytest.fixture(scope="module")
def bilingual_server(request):
    site = os.environ.get("LECTURE_QA_SITE")
    site_dir = Path(site) if site else request.getfixturevalue("built_site").site_dir
    with SiteServer(site_dir) as server:
        yield server


@pytest.fixture(scope="module")
def axe_js():
    try:
        return qa_browser.axe_script()
    except qa_browser.BrowserUnavailable as error:
        pytest.fail(f"the accessibility checks need axe-core: {error}")


def _visit(chromium, axe_js, server, viewport):
    context = chromium.new_context(viewport=viewport)
    context.add_init_script(path=str(axe_js))
    page = context.new_page()
    results = {}
    for path in PAGES:
        page.goto(server.url(path), wait_until="load")
        results[path] = {
            "geometry": page.evaluate(GEOMETRY),
            "serious": [v for v in qa_audit.run_axe(page) if v["impact"] in qa_audit.SERIOUS],
        }
    context.close()
    return results


@pytest.fixture(scope="module")
def wide(chromium, axe_js, bilingual_server):
    return _visit(chromium, axe_js, bilingual_server, qa_browser.DESKTOP)


@pytest.fixture(scope="module")
def narrow(chromium, axe_js, bilingual_server):
    return _visit(chromium, axe_js, bilingual_server, qa_browser.MOBILE)


def test_blocks_level_with_their_pairs_at_1280(wide):
    problems = []
    for path, result in wide.items():
        pairs = result["geometry"]
        assert len(pairs) >= 3, f"/{path}: no pairs"
        for pair in pairs:
            first, second = pair["cells"]
            if first["left"] + first["width"] > second["left"] + 1:
                problems.append(f"/{path} pair {pair['pair']}: the columns overlap or stack")
            elif abs(first["blockTop"] - second["blockTop"]) > LEVEL_TOLERANCE_PX:
                problems.append(f"/{path} pair {pair['pair']}: tops {first['blockTop']:.0f} "
                                f"and {second['blockTop']:.0f} px")
    assert not problems, f"{len(problems)} pair(s) not level:\n" + "\n".join(problems[:15])


def test_pairs_interleave_at_390(narrow):
    problems = []
    for path, result in narrow.items():
        interface = "en" if path.startswith("en/") else "fr"
        order = [interface, "fr" if interface == "en" else "en"]
        previous_bottom = 0.0
        for pair in result["geometry"]:
            first, second = pair["cells"]
            if [first["lang"], second["lang"]] != order:
                problems.append(f"/{path} pair {pair['pair']}: order {first['lang']}, {second['lang']}")
            if not previous_bottom - 1 <= first["top"] and first["bottom"] - 1 <= second["top"]:
                problems.append(f"/{path} pair {pair['pair']}: not one after the other")
            if second["width"] < 300:
                problems.append(f"/{path} pair {pair['pair']}: a cell is {second['width']:.0f} px wide")
            previous_bottom = second["bottom"]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:15])


@pytest.mark.parametrize("width", ["wide", "narrow"])
def test_no_serious_accessibility_violation(width, request):
    results = request.getfixturevalue(width)
    failures = [f"/{path}:\n{qa_audit.describe_violations(result['serious'])}"
                for path, result in results.items() if result["serious"]]
    assert not failures, f"axe-core at {width} width, serious or critical:\n" + "\n".join(failures)
