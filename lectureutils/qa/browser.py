"""Headless Chromium (Debian's ``/usr/bin/chromium``, driven by Python Playwright) and axe-core.

Playwright's own browser download (``playwright install``) is never used: the browser is the
system's. axe-core comes from the npm registry, pinned, into a git-ignored folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from lectureutils.site import jupyterlite

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LECTURE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_VERSION = "4.14.1"
# npm installs it here (git-ignored), on its own, so it never prunes another engineer's packages.
AXE_PREFIX = PROJECT_ROOT / ".cache" / "qa-node"
AXE_INSTALL = ["npm", "install", "--prefix", str(AXE_PREFIX), "--no-audit", "--no-fund",
               "--no-save", f"axe-core@{AXE_VERSION}"]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


class BrowserUnavailable(RuntimeError):
    pass


def axe_script(install: bool = True) -> Path:
    """``axe.min.js`` of the pinned axe-core: ``$AXE_CORE_JS``, else ours, installed if needed."""
    if os.environ.get("AXE_CORE_JS"):
        return Path(os.environ["AXE_CORE_JS"])
    script = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
    if script.is_file() and _installed_version(script.parent) == AXE_VERSION:
        return script
    if not install or shutil.which("npm") is None:
        raise BrowserUnavailable(f"axe-core {AXE_VERSION} is missing; run: {' '.join(AXE_INSTALL)}")
    AXE_PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(AXE_INSTALL, check=True, capture_output=True, timeout=300)
    return script


def _installed_version(package_dir: Path) -> str | None:
    import json

    try:
        return json.loads((package_dir / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def launch(playwright):
    """The system Chromium, headless, without any background traffic of its own."""
    if not Path(CHROMIUM).is_file():
        raise BrowserUnavailable(f"{CHROMIUM} is missing; run: apt-get install -y chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def site_pages(site_dir: Path) -> list[str]:
    """Every built HTML page, as a URL path: ``""``, ``"en/modele/"``, ``"404.html"``…"""
    paths = []
    for path in sorted(Path(site_dir).rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if jupyterlite.in_lab(relative):
            continue  # the JupyterLite app's own pages
        if relative.endswith("index.html"):
            relative = relative[: -len("index.html")]
        paths.append(relative)
    return paths


# Figures are lazy images (lectureutils/site/delivery.py): a reader scrolling fetches them; a
# full-page screenshot does not scroll, so it asks for every one and waits until each is decoded.
LOAD_LAZY_IMAGES = """async () => {
  const images = [...document.querySelectorAll('img[loading="lazy"]')];
  images.forEach((image) => { image.loading = "eager"; });
  await Promise.all(images.map((image) => image.decode().catch(() => {})));
}"""


def load_lazy_images(page) -> None:
    """Every lazy image of ``page`` fetched and decoded (before a full-page screenshot)."""
    page.evaluate(LOAD_LAZY_IMAGES)
