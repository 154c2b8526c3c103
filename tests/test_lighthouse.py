"""Lighthouse (pinned 12.2.3 from npm, Node as installed) on a chapter, the tokenisation chapter and
a lab notebook: accessibility 100, best practices 95 or more, SEO 100 (issue 11).

Performance is measured by the bench (a timing, not a test). Lighthouse is installed on first use
into ``.cache/lighthouse-node/`` (git-ignored), Debian's Chromium drives the pages, the site is

one used; otherwise the small runner below, with the same pinned version and folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT
from lectureutils.qa.browser import CHROMIUM, CHROMIUM_ARGS
from lectureutils.qa.server import SiteServer

VERSION = "12.2.3"
PREFIX = PROJECT_ROOT / ".cache" / "lighthouse-node"
PAGES = ("en/reseaux-neurones/", "tokenisation/", "labs/tokenisation/")
CATEGORIES = ("accessibility", "best-practices", "seo")
MINIMUM = {"accessibility": 100, "best-practices": 95, "seo": 100}


def _cli() -> Path:
    script = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    if script.is_file() and json.loads(package.read_text())["version"] == VERSION:
        return script
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.fail("the Lighthouse test needs Node.js and npm (apt-get install nodejs npm)")
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", "--no-save",
                    f"lighthouse@{VERSION}"], check=True, capture_output=True, timeout=600)
    return script


def _run(url: str) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        report = Path(scratch) / "report.json"
        completed = subprocess.run(
            [shutil.which("node"), str(_cli()), url, "--output=json", f"--output-path={report}", "--quiet",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}", "--max-wait-for-load=60000"],
            capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM}, cwd=scratch)
        assert report.is_file(), f"lighthouse failed on {url}: {completed.stderr[-1500:]}"
        return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports(request) -> dict:
    site = Path(os.environ["LECTURE_QA_SITE"]) if os.environ.get("LECTURE_QA_SITE") else \
        request.getfixturevalue("built_site").site_dir
    with SiteServer(site) as server:
        return {page: _run(server.url(page)) for page in PAGES}


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_accessibility_best_practices_and_seo(reports, page):
    data = reports[page]
    assert data["lighthouseVersion"] == VERSION
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = sorted(key for key, audit in data["audits"].items()
                     if audit.get("score") is not None and audit["score"] < 1
                     and audit.get("scoreDisplayMode") == "binary"
                     and any(ref["id"] == key for name in CATEGORIES for ref in data["categories"][name]["auditRefs"]))
    low = {name: score for name, score in scores.items() if score < MINIMUM[name]}
    assert not low, f"/{page}: {scores}; failing audits: {failing}"
