"""The site's benchmark section: build time and page weights against their budgets.

``section()`` returns a dict for ``make bench`` (``lectureutils.bench`` gathers every section of
the project into one committed file with the machine's description). Run alone,
``python -m lectureutils.bench_site [--site DIR]`` prints it as JSON.

- build: wall-clock seconds of ``mkdocs build --strict`` (both languages, from the committed
  cache: nothing executed), and the number of HTML pages it wrote;
- page weights: what a first visit of each page fetches before any interaction, by kind
  (``lectureutils.qa.audit``: headless Chromium, caching off, until the network rests; Pyodide
  excluded, it loads on demand), with the budgets of ``lectureutils.qa.budgets``;
- the same first visits gzip-compressed (each fetched file compressed at level 9, as ``make
  release`` precompresses it), against the goal of 100 kB per chapter; the search index of each
  language (and whether any page fetched it before the reader opened search); the lab pages' HTML
  against the goal of 150 kB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KINDS = ("html", "css", "js", "fonts", "images", "other")
FIRST_VISIT_GZIP_GOAL = 100_000
LAB_HTML_GOAL = 150_000


def time_build(site_dir: Path) -> dict:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                    str(PROJECT_ROOT / "mkdocs.yml"), "-d", str(site_dir)],
                   check=True, cwd=PROJECT_ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return {"command": "mkdocs build --strict",
            "seconds": round(seconds, 1),
            "html_pages": sum(1 for _ in site_dir.rglob("*.html"))}


CHAPTERS = "chapters and other pages"
# A side-by-side page (lectureutils/site/bilingual) holds a chapter in both languages: twice a
# chapter's text and figures. Its first visit is reported apart from the one-language chapters.
SIDE_BY_SIDE = "side-by-side bilingual pages"


def _group(path: str) -> str:
    bare = path.removeprefix("en/")
    if bare.startswith("labs/"):
        return "lab notebooks"
    if bare.startswith("imprimer/"):
        return "printable edition"
    if bare.startswith("bilingue/"):
        return SIDE_BY_SIDE
    return CHAPTERS


def page_weights(site_dir: Path) -> dict:
    from lectureutils.qa.audit import audit_site
    from lectureutils.qa.budgets import BUDGETS, OVERRIDES, over_budget

    started = time.perf_counter()
    audits = audit_site(site_dir, run_axe=False)
    seconds = time.perf_counter() - started
    pages = {}
    for path, audit in audits.items():
        row = {kind: audit.bytes_by_kind.get(kind, 0) for kind in KINDS}
        row["total"] = sum(row.values())
        row["requests"] = len(audit.requests)
        pages["/" + path] = row
    groups = {}
    for path, row in pages.items():
        groups.setdefault(_group(path.lstrip("/")), []).append(row)
    summary = {
        name: {kind: {"min": min(r[kind] for r in rows), "median": int(statistics.median(r[kind] for r in rows)),
                      "max": max(r[kind] for r in rows)} for kind in (*KINDS, "total")} | {"pages": len(rows)}
        for name, rows in sorted(groups.items())
    }
    over = {"/" + path: over_budget(path, audit.bytes_by_kind) for path, audit in audits.items()}
    compressed = {"/" + path: first_visit_gzip(site_dir, audit.requests) for path, audit in audits.items()
                  if _group(path) == CHAPTERS and not path.endswith("404.html")}
    side_by_side = {"/" + path: first_visit_gzip(site_dir, audit.requests) for path, audit in audits.items()
                    if _group(path) == SIDE_BY_SIDE}
    # Flat entries: lectureutils.bench renders each as one readable row of BENCHMARKS.md.
    figures = {
        "what is measured": "bytes fetched by a first visit of each page before any interaction "
                            "(uncompressed; Pyodide excluded: it loads when a demo starts)",
        "pages visited": len(pages),
        "seconds to visit every page": round(seconds, 1),
        "budgets per page (bytes)": BUDGETS,
    }
    for prefix, extra in OVERRIDES.items():
        figures[f"budgets for {prefix} pages (bytes)"] = extra
    for name, rows in sorted(groups.items()):
        for statistic in ("median", "max"):
            figures[f"{name} ({len(rows)}), {statistic} bytes"] = {
                kind: summary[name][kind][statistic] for kind in (*KINDS, "total")}
    figures["pages over budget"] = {path: "; ".join(p) for path, p in over.items() if p} or "none"
    heaviest = max(compressed, key=compressed.get)
    figures["first visit, gzip, chapters and other pages"] = {
        "goal_bytes": FIRST_VISIT_GZIP_GOAL, "pages": len(compressed), "max_bytes": compressed[heaviest],
        "max_page": heaviest, "median_bytes": int(statistics.median(compressed.values())),
        "over_goal": sorted(path for path, size in compressed.items() if size > FIRST_VISIT_GZIP_GOAL)}
    if side_by_side:
        heaviest = max(side_by_side, key=side_by_side.get)
        figures[f"first visit, gzip, {SIDE_BY_SIDE}"] = {
            "goal_bytes": FIRST_VISIT_GZIP_GOAL, "pages": len(side_by_side), "max_bytes": side_by_side[heaviest],
            "max_page": heaviest, "median_bytes": int(statistics.median(side_by_side.values())),
            "over_goal": sorted(path for path, size in side_by_side.items() if size > FIRST_VISIT_GZIP_GOAL)}
    fetched = sorted("/" + path for path, audit in audits.items()
                     if any(url.endswith("search_index.json") for url, _, _ in audit.requests))
    figures["search index"] = {
        "fetched_before_interaction_on": fetched or "no page",
        **{f"{lang}_gzip_bytes": len(gzip.compress(index.read_bytes(), 9))
           for lang, index in (("fr", site_dir / "search/search_index.json"),
                               ("en", site_dir / "en/search/search_index.json")) if index.is_file()}}
    labs = {path: row["html"] for path, row in pages.items() if _group(path.lstrip("/")) == "lab notebooks"}
    if labs:
        figures["lab pages, HTML bytes"] = {
            "goal_bytes": LAB_HTML_GOAL, "pages": len(labs), "max_bytes": max(labs.values()),
            "median_bytes": int(statistics.median(labs.values())),
            "shared_stylesheet_bytes": (site_dir / "assets/notebook.css").stat().st_size
            if (site_dir / "assets/notebook.css").is_file() else None}
    figures["first visit gzip bytes per page"] = dict(sorted((compressed | side_by_side).items()))
    figures["total bytes per page"] = {path: row["total"] for path, row in sorted(pages.items())}
    return figures


def first_visit_gzip(site_dir: Path, requests) -> int:
    """The bytes a compressing host sends for every same-site file a visit fetched: text files
    gzip-compressed (level 9), images and other binary files as they are."""
    from urllib.parse import urlparse

    from lectureutils.site.release import TEXT_SUFFIXES

    total = 0
    for url, _, _ in requests:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https"):
            continue
        path = Path(site_dir) / parsed.path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            total += len(gzip.compress(data, 9)) if path.suffix in TEXT_SUFFIXES else len(data)
    return total


def section(site_dir: Path | None = None) -> dict:
    """The ``site`` section of the benchmark file."""
    with tempfile.TemporaryDirectory(prefix="lecture-bench-") as temporary:
        result = {}
        if site_dir is None:
            site_dir = Path(temporary) / "site"
            result["build (fr + en, from the committed cache)"] = time_build(site_dir)
        result.update(page_weights(site_dir))
        return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built (default: build and time one)")
    args = parser.parse_args(argv)
    print(json.dumps(section(args.site), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
