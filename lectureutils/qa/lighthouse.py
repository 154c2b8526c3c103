"""Lighthouse (pinned 12.2.3, from npm) on a few pages, with Debian's Chromium, offline.

Records the four category scores (performance, accessibility, best practices, SEO), 0-100, on the
mobile profile (Lighthouse's default: a mid-range phone, simulated slow 4G and a 4× slower CPU).
The site is served as the README's static-host recipe serves a release (precompressed files,
long cache lifetimes for hashed assets: ``lectureutils.qa.static_host``); each page is measured
``runs`` times and the median of each score kept.

    python -m lectureutils.qa.lighthouse SITE_DIR [PAGE ...]    # prints the scores as JSON

Lighthouse lives in ``.cache/lighthouse-node/`` (git-ignored), installed on first use.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from lectureutils.qa.browser import CHROMIUM, CHROMIUM_ARGS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE_VERSION = "12.2.3"
PREFIX = PROJECT_ROOT / ".cache" / "lighthouse-node"
INSTALL = ["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", "--no-save",
           f"lighthouse@{LIGHTHOUSE_VERSION}"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# A chapter, the tokenisation chapter (the heaviest text page with charts) and a lab notebook.
PAGES = ("en/reseaux-neurones/", "tokenisation/", "labs/tokenisation/")


class LighthouseUnavailable(RuntimeError):
    pass


def cli(install: bool = True) -> Path:
    script = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    if script.is_file() and json.loads(package.read_text())["version"] == LIGHTHOUSE_VERSION:
        return script
    if not install or shutil.which("npm") is None:
        raise LighthouseUnavailable(f"lighthouse {LIGHTHOUSE_VERSION} is missing; run: {' '.join(INSTALL)}")
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(INSTALL, check=True, capture_output=True, timeout=600)
    return script


def run_once(url: str, form_factor: str = "mobile") -> dict:
    """One Lighthouse run: the four scores (0-100) and the key metrics (ms)."""
    if not Path(CHROMIUM).is_file():
        raise LighthouseUnavailable(f"{CHROMIUM} is missing; run: apt-get install -y chromium")
    node = shutil.which("node")
    if node is None:
        raise LighthouseUnavailable("node is missing (Node.js 18 or newer)")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        report = Path(scratch) / "report.json"
        command = [node, str(cli()), url, "--output=json", f"--output-path={report}", "--quiet",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
                   "--max-wait-for-load=60000"]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        completed = subprocess.run(command, capture_output=True, text=True, timeout=300,
                                   env={**os.environ, "CHROME_PATH": CHROMIUM}, cwd=scratch)
        if not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {completed.stderr[-1500:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {data['runtimeError']}")
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = data["audits"]
    metrics = {key: round(audits[key]["numericValue"]) for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")}
    metrics["cumulative-layout-shift"] = round(audits["cumulative-layout-shift"]["numericValue"], 3)
    failed = sorted(key for key, audit in audits.items()
                    if audit.get("score") is not None and audit["score"] < 1
                    and audit.get("scoreDisplayMode") in ("binary", "metricSavings")
                    and any(key in ref.get("id", "") for category in ("accessibility", "best-practices", "seo")
                            for ref in data["categories"][category]["auditRefs"]))
    return {"scores": scores, "metrics_ms": metrics, "failed_audits": failed}


def measure(site_dir: Path, pages=PAGES, runs: int = 3, form_factor: str = "mobile") -> dict:
    """Median scores of ``runs`` runs per page, the site served like a static host."""
    from lectureutils.qa.static_host import StaticHost

    results = {}
    with StaticHost(site_dir) as host:
        for page in pages:
            samples = [run_once(host.url(page), form_factor) for _ in range(runs)]
            results[page] = {
                "runs": runs,
                **{name: int(statistics.median(s["scores"][name] for s in samples)) for name in CATEGORIES},
                "performance_min_max": [min(s["scores"]["performance"] for s in samples),
                                        max(s["scores"]["performance"] for s in samples)],
                "metrics_ms_median": {key: statistics.median(s["metrics_ms"][key] for s in samples)
                                      for key in samples[0]["metrics_ms"]},
                "failed_audits": sorted({key for s in samples for key in s["failed_audits"]}),
            }
    return results


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    pages = tuple(args[1:]) or PAGES
    print(json.dumps(measure(Path(args[0]), pages, runs=1), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
