"""The live demos in headless Chromium, against the built site served on 127.0.0.1.

Needs Python Playwright and Debian's chromium (``apt-get install chromium``; never
``playwright install``), and the npm package ``pyodide`` (the core runtime, without numpy): found
in ``node_modules/pyodide``, in ``$LECTUREUTILS_PYODIDE_CORE``, or installed by this file with
``npm install --prefix .cache/pyodide-npm pyodide@<pinned>`` (both folders are git-ignored).
Requests to the official Pyodide URL are answered from those local files, so nothing leaves the
machine.

The full test (train the Mini-Playground in the browser) needs a Pyodide distribution that
contains numpy's WebAssembly wheel: point ``LECTUREUTILS_PYODIDE_DIST`` at its folder (the
unpacked ``pyodide-<version>.tar.bz2`` release of the pinned version).
"""

from __future__ import annotations

import functools
import http.server
import mimetypes
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from lectureutils.site.plugin import LecturePluginConfig

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PINNED = "314.0.7"
DIST_VARIABLE = "LECTUREUTILS_PYODIDE_DIST"

playwright_sync = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


def _default_pyodide_url() -> str:
    config = LecturePluginConfig()
    config.load_dict({})
    config.validate()
    return config["pyodide_url"]


@pytest.fixture(scope="session")
def pyodide_core() -> Path:
    candidates = [os.environ.get("LECTUREUTILS_PYODIDE_CORE"), PROJECT_ROOT / "node_modules/pyodide",
                  PROJECT_ROOT / ".cache/pyodide-npm/node_modules/pyodide"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "pyodide.asm.wasm").is_file():
            return Path(candidate)
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("no Pyodide core: install the npm package pyodide (npm is missing)")
    prefix = PROJECT_ROOT / ".cache/pyodide-npm"
    completed = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix),
                                f"pyodide@{PINNED}"], capture_output=True, text=True, timeout=300)
    core = prefix / "node_modules/pyodide"
    if completed.returncode != 0 or not (core / "pyodide.asm.wasm").is_file():
        pytest.skip(f"npm install pyodide@{PINNED} failed: {completed.stderr[-500:]}")
    return core


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(_Quiet, directory=str(built_site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is missing: apt-get install chromium")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


def _page(browser, served_from: Path | None, requests: list[str]):
    """A page whose requests off 127.0.0.1 are recorded; Pyodide's come from ``served_from``."""
    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    base = _default_pyodide_url()

    def answer(route):
        url = route.request.url
        if url.startswith("http://127.0.0.1"):
            return route.continue_()
        if served_from is not None and url.startswith(base):
            path = served_from / url[len(base):].split("?")[0]
            if path.is_file():
                kind = "application/wasm" if path.suffix == ".wasm" else (
                    "text/javascript" if path.suffix in (".mjs", ".js") else
                    mimetypes.guess_type(path.name)[0] or "application/octet-stream")
                return route.fulfill(status=200, body=path.read_bytes(), content_type=kind,
                                     headers={"Access-Control-Allow-Origin": "*"})
        return route.abort("internetdisconnected")  # offline: nothing else is reachable

    page.route("**/*", answer)
    return context, page


def _external(requests: list[str]) -> list[str]:
    return [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))]


@pytest.mark.parametrize("path", ["reseaux-neurones/", "en/transfert/", "modele/", "en/entrainement/", "precautions/"])
def test_no_pyodide_request_before_the_reader_starts(browser, site_url, path):
    requests: list[str] = []
    context, page = _page(browser, None, requests)
    try:
        page.goto(site_url + path, wait_until="networkidle")
        section = page.locator("section.lecture-demo")
        assert section.count() == 1
        assert section.locator(".lecture-demo__canvas svg title").count() == 1
        assert section.locator(".lecture-demo__start").is_visible()
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(500)
        assert _external(requests) == []
        assert not [url for url in requests if "pyodide" in url]
    finally:
        context.close()


def test_settings_live_in_the_url(browser, site_url):
    requests: list[str] = []
    context, page = _page(browser, None, requests)
    try:
        page.goto(site_url + "reseaux-neurones/?playground-layers=2&playground-neurons=99", wait_until="load")
        assert page.locator("#demo-playground-layers").input_value() == "2"
        assert page.locator("#demo-playground-neurons").input_value() == "4"  # not an allowed value
        page.locator("#demo-playground-rate").select_option("0.3")
        assert "playground-rate=0.3" in page.url
        page.locator("#demo-playground-rate").focus()
        page.keyboard.press("ArrowDown")  # keyboard operable
        assert "playground-rate=1" in page.url
    finally:
        context.close()


def test_starting_boots_pyodide_and_without_numpy_says_so(browser, site_url, pyodide_core):
    """Offline with the core only: Pyodide starts, numpy is missing, a clear message, the figure stays."""
    requests: list[str] = []
    context, page = _page(browser, pyodide_core, requests)
    try:
        page.goto(site_url + "reseaux-neurones/", wait_until="load")
        static = page.locator(".lecture-demo__canvas").inner_html()
        page.locator(".lecture-demo__start").click()
        page.wait_for_selector("section.lecture-demo[data-state='failed']", timeout=120_000)
        assert any(url.endswith("pyodide.asm.wasm") for url in requests)
        error = page.locator(".lecture-demo__error")
        assert error.is_visible()
        assert "Impossible de charger Python" in error.inner_text()
        assert "numpy" in error.locator("code").text_content()  # Python ran `import numpy`: Pyodide booted
        assert page.locator(".lecture-demo__canvas").inner_html() == static
        assert page.locator(".lecture-demo__start").is_enabled()  # the reader may try again
    finally:
        context.close()


def test_blocked_pyodide_shows_an_english_message(browser, site_url):
    requests: list[str] = []
    context, page = _page(browser, None, requests)
    try:
        page.goto(site_url + "en/transfert/", wait_until="load")
        page.locator(".lecture-demo__start").click()
        page.wait_for_selector("section.lecture-demo[data-state='failed']", timeout=60_000)
        assert "Python could not be loaded" in page.locator(".lecture-demo__error").inner_text()
        assert page.locator(".lecture-demo__canvas svg").count() == 1
    finally:
        context.close()


def test_playground_trains_in_the_browser(browser, site_url):
    dist = os.environ.get(DIST_VARIABLE)
    if not dist:
        print(f"SKIPPED full in-browser training: set {DIST_VARIABLE} to a Pyodide {PINNED} distribution with numpy")
        pytest.skip(f"{DIST_VARIABLE} is unset: no local Pyodide distribution with numpy")
    requests: list[str] = []
    context, page = _page(browser, Path(dist), requests)
    try:
        page.goto(site_url + "en/reseaux-neurones/", wait_until="load")
        page.locator(".lecture-demo__start").click()
        page.wait_for_selector("section.lecture-demo[data-state='ready']", timeout=180_000)
        page.locator(".lecture-demo__play").click()
        page.wait_for_function("Number(document.querySelector('section.lecture-demo').dataset.steps) >= 50",
                               timeout=120_000)
        page.locator(".lecture-demo__play").click()
        losses = page.evaluate(
            "() => { const m = window.lectureDemos[0].model; const l = m.train_losses.toJs(); return [l[0], l[l.length - 1]]; }"
        )
        assert losses[1] < 0.8 * losses[0]
        assert page.locator(".lecture-demo__canvas svg title").count() == 1
        assert _external(requests) == [] or all(url.startswith(_default_pyodide_url()) for url in _external(requests))
    finally:
        context.close()
