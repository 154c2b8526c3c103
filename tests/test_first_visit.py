"""The first visit of every chapter, in both languages, stays within 100 kB gzip (issue 16, goal 3a).

What a first visit fetches before any interaction comes from headless Chromium
(``lectureutils.qa.audit``); its weight is read from the built files (``bench_site.first_visit_gzip``:
each fetched file compressed at level 9): bytes, not time, so the figure does not depend on the
machine's load. ``make bench`` reports the same figures (BENCHMARKS.md).
"""

from __future__ import annotations

import pytest

from lectureutils.bench_site import CHAPTERS, FIRST_VISIT_GZIP_GOAL, _group, first_visit_gzip
from lectureutils.qa import browser as qa_browser

pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")


def test_every_chapter_first_visit_stays_within_the_goal(chromium, site_server):
    """Each chapter visited as ``make bench`` does (``lectureutils.qa.audit``: caching off, until
    the network rests), in the session's one browser."""
    from lectureutils.qa.audit import Recorder, visit

    site_dir = site_server.site_dir
    chapters = [path for path in qa_browser.site_pages(site_dir)
                if _group(path) == CHAPTERS and not path.endswith("404.html")]
    assert len(chapters) >= 30 and "pre-entrainement/" in chapters and "en/reseaux-neurones/" in chapters
    context = chromium.new_context(viewport=qa_browser.DESKTOP)
    try:
        recorder = Recorder(context, site_server.origin)
        page = context.new_page()
        audits = {path: visit(page, recorder, path, run_axe=False) for path in chapters}
    finally:
        context.close()
    weights = {path: first_visit_gzip(site_dir, audit.requests) for path, audit in audits.items()}
    over = {path: weight for path, weight in weights.items() if weight > FIRST_VISIT_GZIP_GOAL}
    assert not over, f"first visits over {FIRST_VISIT_GZIP_GOAL} bytes gzip: {over}"
    # Nothing that waits for the reader came with a first visit: folded programs, the sections'
    # citations, a demo's Python.
    for path, audit in audits.items():
        waiting = [url for url, _, _ in audit.requests
                   if "/assets/listings/" in url or url.endswith("citations.json") or "pyodide" in url]
        assert not waiting, (path, waiting)
