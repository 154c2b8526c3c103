"""Shared fixtures: the whole site, built once per test session into a temporary folder.

The build runs in a copy of the project, so tests never write into the committed cache, and with
an execution log, so a test can count how many snippets really ran.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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


def run_build(project: Path, site_dir: Path, execution_log: Path | None = None, extra_env=None):
    """``mkdocs build --strict`` of ``project`` into ``site_dir``; returns the CompletedProcess."""
    env = {**os.environ, **(extra_env or {})}
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
    """The project, built once with ``--strict``, from a copy of the committed cache."""
    root = tmp_path_factory.mktemp("built")
    project = copy_project(root / "project")
    log = root / "executions.log"
    completed = run_build(project, root / "site", log)
    assert completed.returncode == 0, f"the site does not build:\n{completed.stderr[-5000:]}"
    return BuiltSite(project=project, site_dir=root / "site", executed=executions(log))


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
