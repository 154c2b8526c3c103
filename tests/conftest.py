"""Shared fixtures: the whole site, built once per test session into a temporary folder; the
test tiers.

The build runs in a copy of the project, read-only like a reader's build, so tests never write into
the committed cache, and with an execution log, so a test can count how many snippets really ran.

Tiers (pytest markers, registered in pyproject.toml): ``unit`` (no site build, no model, no
browser: ``make test-fast``), ``build`` (builds a site), ``models`` (loads real models),
``browser`` (drives Chromium), ``pdf`` (prints with WeasyPrint). A test without an explicit
marker gets one here: from the fixtures it uses, else from its module (``MODULE_TIERS``), else
``unit``. Under ``CI=true`` a skip for a missing tool fails (``strict_skips.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ["strict_skips"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "snippets", "cache", "overrides", "corpus")


def copy_project(destination: Path) -> Path:
    """The site's sources (pages, snippets, cache, theme overrides) copied under ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, destination / part)
    return destination


def run_build(project: Path, site_dir: Path, execution_log: Path | None = None, extra_env=None,
              write: bool = False, lab: bool = False):
    """``mkdocs build --strict`` of ``project`` into ``site_dir``; returns the CompletedProcess.

    Read-only, like every build, unless ``write``: then the build may run snippets and draw demo
    figures into the project's cache (``LECTUREUTILS_WRITE_CACHE=1``, the author's setting).
    Without the JupyterLite lab unless ``lab``: only the shared site (``built_site``) has it, so
    that the tests build it once (a few seconds each time, in a copy without its cache).
    """
    env = {key: value for key, value in os.environ.items() if key != "LECTUREUTILS_WRITE_CACHE"}
    env["LECTUREUTILS_JUPYTERLITE"] = "1" if lab else "0"
    env.update(extra_env or {})
    if write:
        env["LECTUREUTILS_WRITE_CACHE"] = "1"
    if execution_log is not None:
        env["LECTUREUTILS_EXECUTION_LOG"] = str(execution_log)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def copy_site_without_lab(site_dir: Path, destination: Path) -> Path:
    """A copy of a built site without its JupyterLite app (``lab/``): the tests that compress a
    copy (``make release``) need none of its ~18 MB of JupyterLab scripts, which would add about a
    minute of Brotli to each."""
    from lectureutils.site import jupyterlite

    shutil.copytree(site_dir, destination, ignore=lambda folder, names: (
        [jupyterlite.FOLDER] if Path(folder) == Path(site_dir) and jupyterlite.FOLDER in names else []))
    return destination


def executions(execution_log: Path) -> list[str]:
    if not execution_log.exists():
        return []
    return [line for line in execution_log.read_text(encoding="utf-8").splitlines() if line]


@dataclass(frozen=True)
class BuiltSite:
    project: Path
    site_dir: Path
    executed: list[str]

    def page(self, url_path: str) -> Path:
        """The built HTML of ``url_path`` (``"fonction-usine/"``, ``"en/"``…)."""
        return self.site_dir / url_path / "index.html"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The project, built once with ``--strict``, read-only, from a copy of the committed cache,
    which ``python -m lectureutils check`` also accepts."""
    root = tmp_path_factory.mktemp("built")
    project = copy_project(root / "project")
    log = root / "executions.log"
    completed = run_build(project, root / "site", log, lab=True)
    assert completed.returncode == 0, f"the site does not build:\n{completed.stderr[-5000:]}"
    # The same committed cache passes the CLI's check: every entry the pages use is fresh.
    checked = subprocess.run(
        [sys.executable, "-m", "lectureutils", "check"], cwd=project, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))},
    )
    assert checked.returncode == 0, f"python -m lectureutils check fails:\n{checked.stdout}{checked.stderr}"
    return BuiltSite(project=project, site_dir=root / "site", executed=executions(log))


@pytest.fixture(scope="session")
def site_server(request):
    """The one local server of the tests, over the shared built site (or ``$LECTURE_QA_SITE``, a
    site already built, to iterate on the quality gates). ``site_server.url("en/")``."""
    from lectureutils.qa.server import SiteServer

    if os.environ.get("LECTURE_QA_SITE"):
        site_dir = Path(os.environ["LECTURE_QA_SITE"])
    else:
        site_dir = request.getfixturevalue("built_site").site_dir
    with SiteServer(site_dir) as server:
        yield server


def page_slugs() -> list[str]:
    """Base names of the pages, from the French sources (``index``, ``fonction-usine``…)."""
    return sorted(path.name[: -len(".fr.md")] for path in (PROJECT_ROOT / "docs").glob("*.fr.md"))


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session.

    Playwright's sync API runs an event loop of its own: a second ``sync_playwright()`` started
    while another is open fails, so every browser test shares this one.
    """
    from playwright.sync_api import sync_playwright

    from lectureutils.qa import browser as qa_browser

    with sync_playwright() as playwright:
        try:
            browser = qa_browser.launch(playwright)
        except qa_browser.BrowserUnavailable as error:
            pytest.fail(f"the browser tests need Chromium: {error}")
        yield browser
        browser.close()


TIERS = ("unit", "build", "models", "browser", "pdf")
# Fixtures that decide a test's tier, checked in this order.
FIXTURE_TIERS = (
    ({"chromium", "chromium_page", "browser", "site_server"}, "browser"),
    ({"built_site", "site", "link_report", "published"}, "build"),
)
MODULE_TIERS = {
    "test_compute_models": "models",
    "test_compute_build": "models",
    "test_tokenize_exact": "models",  # against the Hugging Face tokenizers
    "test_token_cost": "models",  # recounts the corpus with the tokenizers
    "test_html_valid": "build",  # the Nu Html Checker (Java) over built pages
    "test_bilingual": "build",  # builds the side-by-side pages
    "test_bilingual_browser": "browser",
    "test_lighthouse": "browser",  # Lighthouse in Chromium over the built site (a dynamic fixture)
    "test_demos_browser": "browser",
    "test_quality_browser": "browser",
    "test_quality_links": "build",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        explicit = [tier for tier in TIERS if item.get_closest_marker(tier)]
        if len(explicit) > 1:
            raise pytest.UsageError(f"{item.nodeid}: one tier only, not {explicit}")
        if explicit:
            continue
        names = set(getattr(item, "fixturenames", ()))
        tier = next((tier for fixtures, tier in FIXTURE_TIERS if names & fixtures), None)
        tier = tier or MODULE_TIERS.get(item.module.__name__ if item.module else "", "unit")
        item.add_marker(getattr(pytest.mark, tier))
