"""The live demos in headless Chromium, against the built site served on 127.0.0.1.

Needs Python Playwright and Debian's chromium (``apt-get install chromium``; never
``playwright install``), and the npm package ``pyodide`` (the core runtime, without numpy): found
in ``node_modules/pyodide``, in ``$LECTUREUTILS_PYODIDE_CORE``, or installed by this file with
``npm install --prefix .cache/pyodide-npm pyodide@<pinned>`` (both folders are git-ignored).
Requests to the official Pyodide URL are answered from those local files, so nothing leaves the
machine.

numpy's WebAssembly wheel is not available offline, so most tests drive the live demos through
the one test hook of the page's Python runtime (``runtime.js``): ``window.lectureDemosBackend``, defined by an init script
before the page runs. It sends the page's requests (JSON text) to this file's local HTTP server,
which hands them to ``lectureutils.toy.demos.api.call`` in a CPython worker that imports the
toy code from the built site's ``assets/demos/py/`` (the very files Pyodide would load). The whole
page is exercised for real: start, play, pause, step, reset, live drawing, stop messages, the URL
and the keyboard, for all five demos in both languages. Only the transport differs from a
reader's browser, where the same requests go to Pyodide.

The full Pyodide test (train the Mini-Playground in the browser with real Pyodide and numpy)
needs a Pyodide distribution that contains numpy's WebAssembly wheel: point
``LECTUREUTILS_PYODIDE_DIST`` at its folder (the unpacked ``pyodide-<version>.tar.bz2`` release
of the pinned version).
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lectureutils.site.plugin import LecturePluginConfig

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PINNED = "314.0.7"
DIST_VARIABLE = "LECTUREUTILS_PYODIDE_DIST"

pytest.importorskip("playwright.sync_api", reason="pip install playwright")


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


BACKEND_PATH = "/__toy_backend__"
# The CPython worker: imports a module (the toy code's api by default) from the built site's copy,
# answers one JSON line per request with its call().
WORKER = r"""
import importlib, json, sys
root = sys.argv[1]
sys.path.insert(0, root)
api = importlib.import_module(sys.argv[2])
assert api.__file__.startswith(root), api.__file__
print(json.dumps({"ready": api.__file__}), flush=True)
for line in sys.stdin:
    print(api.call(line), flush=True)
"""


class ToyWorker:
    """``module.call`` in a CPython process, fed the site's shipped Python files; hash seed 0, as
    in the build's snippet runs and in the page's Pyodide worker."""

    def __init__(self, root: Path, module: str = "lectureutils.toy.demos.api"):
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        env["PYTHONHASHSEED"] = "0"
        self.process = subprocess.Popen([sys.executable, "-s", "-c", WORKER, str(root), module],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        encoding="utf-8", env=env)
        self.lock = threading.Lock()
        self.module = json.loads(self.process.stdout.readline())["ready"]
        self.requests = 0

    def __call__(self, request: str) -> str:
        with self.lock:
            self.requests += 1
            self.process.stdin.write(request.replace("\n", " ") + "\n")
            self.process.stdin.flush()
            return self.process.stdout.readline()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def toy_worker(site_server):
    worker = ToyWorker(site_server.site_dir / "assets/demos/py")
    yield worker
    worker.close()


@pytest.fixture(scope="session")
def site_url(site_server, toy_worker):
    site_server.route(BACKEND_PATH, toy_worker)
    return site_server.url()


@pytest.fixture(scope="session")
def browser(chromium):
    return chromium


def _cpython_backend(site_url: str) -> str:
    """The init script that installs the test backend: same requests, sent to the local server."""
    endpoint = json.dumps(site_url.rstrip("/") + BACKEND_PATH)
    return """window.lectureDemosBackend = {
  name: "cpython-test-server",
  call: function (requestJson) {
    return fetch(%s, {method: "POST", headers: {"Content-Type": "application/json"}, body: requestJson})
      .then(function (response) { if (!response.ok) throw new Error("HTTP " + response.status); return response.text(); });
  },
  load: function (config, progress) {
    progress(3, config.strings.loading_code);
    return this.call(JSON.stringify({op: "ping"})).then(function (text) {
      if (!JSON.parse(text).ok) throw new Error(text);
    });
  }
};""" % endpoint  # noqa: UP031 - JavaScript braces rule out str.format


def _page(browser, served_from: Path | None, requests: list[str], backend_url: str | None = None):
    """A page whose requests off 127.0.0.1 are recorded; Pyodide's come from ``served_from``.

    With ``backend_url`` (the site's URL), the page's demos use the CPython test backend.
    """
    context = browser.new_context()
    if backend_url is not None:
        context.add_init_script(_cpython_backend(backend_url))
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
        assert section.locator(".lecture-demo__canvas .lecture-chart__title").count() == 1
        # The figure drawn at build time: one lazy image per panel (its title, and description, as
        # its text: lectureutils/site/delivery.py, figures_as_images), no drawing inline.
        images = section.locator(".lecture-demo__canvas img.lecture-chart__svg")
        assert images.count() >= 1
        assert all(alt.strip() for alt in images.evaluate_all("els => els.map(e => e.alt)"))  # each panel's title
        # Lazy: a demo far below the first screen has not had its figure fetched (teaching.js keeps
        # the print copy of the figure as markup: a detached copy of the images would fetch them).
        if section.evaluate("s => s.getBoundingClientRect().top") > 4000:
            sources = images.evaluate_all("els => els.map(e => e.src)")
            assert not set(sources) & set(requests), sources
        assert section.locator(".lecture-demo__canvas svg.lecture-chart__svg").count() == 0
        assert section.locator(".lecture-demo__start").is_visible()
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(500)
        assert _external(requests) == []
        assert not [url for url in requests if "pyodide" in url]
    finally:
        context.close()


def test_settings_live_in_the_url(browser, site_url):
    requests: list[str] = []
    context, page = _page(browser, None, requests, backend_url=site_url)
    try:
        page.goto(site_url + "reseaux-neurones/?playground-layers=2&playground-neurons=99", wait_until="load")
        assert page.locator("#demo-playground-layers").input_value() == "2"
        assert page.locator("#demo-playground-neurons").input_value() == "4"  # not an allowed value
        # The settings act on a running demo only: they are enabled once it is ready.
        assert page.locator("#demo-playground-rate").is_disabled()
        _start(page)
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
        assert page.locator(".lecture-demo__canvas .lecture-chart").count() == 1  # the figure stays
    finally:
        context.close()


DEMO_PAGES = {"playground": "reseaux-neurones/", "alien-notebook": "modele/", "robots": "entrainement/",
              "when-to-stop": "precautions/", "swap-last-layer": "transfert/"}
STRINGS = {"fr": {"play": "Lecture", "pause": "Pause", "changed": "Réglages modifiés"},
           "en": {"play": "Play", "pause": "Pause", "changed": "Settings changed"}}


def _number(text: str) -> float:
    return float(text.replace("\u202f", "").replace("\u00a0", "").replace(",", "."))


# What each demo's description (read from the page) says about its progress, and which way is better.
PROGRESS = {
    "playground": (r"(?:Training loss|Perte d'entraînement) (\d+[.,]\d+)", "lower"),
    "alien-notebook": (r"a = (?:€)?(\d+[.,]\d+)", "closer to 2.5"),
    "robots": (r"(?:gradient descent passes|descente de gradient réussit) (\d+)", "higher"),
    "when-to-stop": (r"(?:it passes|il réussit) (\d+)", "higher"),
    "swap-last-layer": (r"(?:transferred network classifies|réseau transféré classe correctement) (\d+)", "higher"),
}
STEPS = {"playground": 150, "alien-notebook": 30, "robots": 10, "when-to-stop": 40, "swap-last-layer": 40}


def _progress(page, name: str) -> float:
    text = page.locator(".lecture-demo__description").text_content()
    found = re.search(PROGRESS[name][0], text)
    assert found, f"{name}: no progress figure in {text!r}"
    value = _number(found.group(1))
    return abs(value - 2.5) if name == "alien-notebook" else value


def _improved(name: str, before: float, after: float) -> bool:
    return after > before if PROGRESS[name][1] == "higher" else after < before


def _section_data(page, key: str) -> str:
    return page.evaluate(f"document.querySelector('section.lecture-demo').dataset.{key} || ''")


def _steps(page) -> int:
    return int(_section_data(page, "steps") or -1)


def _start(page, timeout=60_000):
    page.locator(".lecture-demo__start").click()
    page.wait_for_selector("section.lecture-demo[data-state='ready']", timeout=timeout)


def _wait_steps_or_stop(page, count: int, timeout=90_000):
    page.wait_for_function(
        "n => { const s = document.querySelector('section.lecture-demo');"
        " return Number(s.dataset.steps) >= n || s.dataset.running === '0'; }",
        arg=count, timeout=timeout)


def _settled(page):
    """Wait until every request a demo has sent (the chunk in flight when it was paused, then the
    drawing the pause asks for) has been answered and shown: a pause does not cancel them, so the
    step counter may still move once after ``data-running`` turns to 0."""
    page.evaluate("() => Promise.all(window.lectureDemos.map(d => d.queue))"
                  ".then(() => new Promise(resolve => setTimeout(resolve, 0)))")


def _exercise_demo(page, name: str, lang: str, steps: int):
    """Start, play, watch it learn, pause, one step, start over: the whole live loop, from the page."""
    section = page.locator("section.lecture-demo")
    canvas = page.locator(".lecture-demo__canvas")
    static = canvas.locator("img.lecture-chart__svg")  # the build's figure, as lazy images
    assert static.count() >= 1
    _start(page, timeout=180_000)
    # Python's live drawing takes the images' place.
    assert canvas.locator(f'svg title[id^="demo-{name}-live-"]').count() >= 1  # drawn live by Python
    assert static.count() == 0
    assert _steps(page) == 0
    first_description = page.locator(".lecture-demo__description").text_content()
    before = _progress(page, name)
    play = page.locator(".lecture-demo__play")
    play.click()
    pressed, label, running = page.evaluate(
        "() => { const b = document.querySelector('.lecture-demo__play');"
        " return [b.getAttribute('aria-pressed'), b.textContent, document.querySelector('section.lecture-demo').dataset.running]; }")
    if running == "1":  # a fast demo may already have reached its own stop
        assert pressed == "true" and label == STRINGS[lang]["pause"]
    page.wait_for_function("document.querySelector('section.lecture-demo').dataset.steps > 0", timeout=60_000)
    _wait_steps_or_stop(page, steps)
    if _section_data(page, "running") == "1":
        play.click()  # pause
    page.wait_for_function("document.querySelector('section.lecture-demo').dataset.running === '0'")
    assert play.get_attribute("aria-pressed") == "false" and play.inner_text() == STRINGS[lang]["play"]
    _settled(page)
    paused_at = _steps(page)
    assert paused_at >= 1
    after = _progress(page, name)
    assert _improved(name, before, after), (name, lang, before, after)
    assert page.locator(".lecture-demo__counter").inner_text().endswith(f" {paused_at}")
    page.wait_for_timeout(300)
    assert _steps(page) == paused_at  # paused means paused
    stopped = page.locator(".lecture-demo__error").is_visible()  # the demo's own stopping rule
    page.locator(".lecture-demo__step").click()
    if stopped:
        page.wait_for_timeout(300)
        assert _steps(page) == paused_at
    else:
        page.wait_for_function(f"document.querySelector('section.lecture-demo').dataset.steps == {paused_at + 1}")
    page.locator(".lecture-demo__reset").click()
    page.wait_for_function("document.querySelector('section.lecture-demo').dataset.steps == 0")
    page.wait_for_function("d => document.querySelector('.lecture-demo__description').textContent === d",
                           arg=first_description)  # same seed, same start
    assert section.get_attribute("data-state") == "ready"
    return before, after


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(DEMO_PAGES))
def test_every_demo_runs_live_in_the_page(browser, site_url, toy_worker, name, lang):
    """The page's whole live loop, with the toy code answering from CPython (see the module doc)."""
    requests: list[str] = []
    context, page = _page(browser, None, requests, backend_url=site_url)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        served = toy_worker.requests
        page.goto(site_url + ("en/" if lang == "en" else "") + DEMO_PAGES[name], wait_until="load")
        _exercise_demo(page, name, lang, STEPS[name])
        assert toy_worker.requests > served + 5
        assert errors == []
        assert _external(requests) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_diverging_rate_stops_with_a_localised_explanation(browser, site_url, lang):
    requests: list[str] = []
    context, page = _page(browser, None, requests, backend_url=site_url)
    try:
        prefix = "en/" if lang == "en" else ""
        page.goto(site_url + prefix + "reseaux-neurones/?playground-rate=30&playground-batch=1&playground-activation=relu",
                  wait_until="load")
        assert page.locator("#demo-playground-rate").input_value() == "30"
        _start(page)
        page.locator(".lecture-demo__play").click()
        page.wait_for_function("document.querySelector('section.lecture-demo').dataset.running === '0'",
                               timeout=60_000)
        error = page.locator(".lecture-demo__error")
        assert error.is_visible()
        expected = {"fr": ("Arrêt\u202f: la perte a explosé", "taux d'apprentissage (30)"),
                    "en": ("Stopped: the loss blew up", "learning rate (30)")}[lang]
        assert all(part in error.inner_text() for part in expected), error.inner_text()
        assert page.locator(".lecture-demo__play").inner_text() == STRINGS[lang]["play"]
        stopped_at = _steps(page)
        assert stopped_at < 200
        page.locator(".lecture-demo__play").click()  # playing again cannot go past the stop
        page.wait_for_timeout(400)
        assert _steps(page) == stopped_at
        page.locator("#demo-playground-rate").select_option("0.1")  # a sane rate: the message goes
        page.wait_for_function("document.querySelector('section.lecture-demo').dataset.steps == 0")
        assert not error.is_visible()
    finally:
        context.close()


def test_settings_round_trip_through_the_url_while_running(browser, site_url):
    requests: list[str] = []
    context, page = _page(browser, None, requests, backend_url=site_url)
    try:
        page.goto(site_url + "en/reseaux-neurones/?playground-dataset=xor", wait_until="load")
        _start(page)
        assert "Exclusive or" in page.locator(".lecture-demo__description").text_content()
        page.locator(".lecture-demo__play").click()
        _wait_steps_or_stop(page, 20)
        page.locator("#demo-playground-neurons").select_option("6")  # while it runs
        assert "playground-neurons=6" in page.url and "playground-dataset=xor" in page.url
        page.wait_for_function("document.querySelector('.lecture-demo__description').textContent.includes('2-6-1')")
        assert STRINGS["en"]["changed"] in page.locator(".lecture-demo__status").inner_text()
        assert _section_data(page, "running") == "1"  # it started over and keeps playing
        _wait_steps_or_stop(page, 10)
        page.locator(".lecture-demo__play").click()
        page.wait_for_function("document.querySelector('section.lecture-demo').dataset.running === '0'")
        _settled(page)  # the pause's own announcement comes first
        page.locator(".lecture-demo__link").click()
        # The clipboard write is a promise: the status changes once it settles, not on the click.
        page.wait_for_function(
            "(() => { const s = document.querySelector('.lecture-demo__status').innerText;"
            " return s.includes('Link copied') || s.includes('playground-neurons=6'); })()")
        shared = page.url
        other = context.new_page()
        other.goto(shared, wait_until="load")
        assert other.locator("#demo-playground-neurons").input_value() == "6"
        assert other.locator("#demo-playground-dataset").input_value() == "xor"
        _start(other)
        assert "2-6-1" in other.locator(".lecture-demo__description").text_content()
    finally:
        context.close()


def test_keyboard_only_while_running(browser, site_url):
    requests: list[str] = []
    context, page = _page(browser, None, requests, backend_url=site_url)
    try:
        page.goto(site_url + "reseaux-neurones/", wait_until="load")
        page.locator(".lecture-demo__start").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("section.lecture-demo[data-state='ready']")
        focused = "() => document.activeElement && document.activeElement.className"
        assert "lecture-demo__play" in page.evaluate(focused)  # focus moved from the vanished start button
        page.keyboard.press("Space")
        assert _section_data(page, "running") == "1"
        _wait_steps_or_stop(page, 15)
        page.keyboard.press("Shift+Tab")  # back into the settings: the last one is the random draw
        assert page.evaluate("document.activeElement.id") == "demo-playground-seed"
        page.keyboard.press("ArrowDown")
        assert "playground-seed=2" in page.url
        page.wait_for_function("document.querySelector('.lecture-demo__status').textContent.startsWith('Réglages modifiés')")
        assert _section_data(page, "running") == "1"
        page.keyboard.press("Tab")
        page.keyboard.press("Space")  # pause
        page.wait_for_function("document.querySelector('section.lecture-demo').dataset.running === '0'")
        assert page.locator(".lecture-demo__play").inner_text() == "Lecture"
        page.wait_for_timeout(200)
        paused_at = _steps(page)
        page.keyboard.press("Tab")
        assert "lecture-demo__step" in page.evaluate(focused)
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelector('section.lecture-demo').dataset.steps == {paused_at + 1}")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # start over
        page.wait_for_function("document.querySelector('section.lecture-demo').dataset.steps == 0")
        assert "Époque 0" in page.locator(".lecture-demo__status").inner_text()
    finally:
        context.close()


def test_readers_pages_never_set_the_test_hook(built_site, browser, site_url):
    """Only runtime.js names the hook (to read it); no page or script sets it, so readers get Pyodide."""
    for path in built_site.site_dir.rglob("*.html"):
        assert "lectureDemosBackend" not in path.read_text(encoding="utf-8"), path
    script = (built_site.site_dir / "assets/demos/runtime.js").read_text(encoding="utf-8")
    assert re.search(r"const hook\s*=\s*window\.lectureDemosBackend;", script)  # read, in chooseBackend (minified)
    for path in (built_site.site_dir / "assets").rglob("*.js"):
        assert not re.search(r"lectureDemosBackend\s*=[^=]", path.read_text(encoding="utf-8")), path  # never set
    requests: list[str] = []
    context, page = _page(browser, None, requests)
    try:
        page.goto(site_url + "reseaux-neurones/", wait_until="load")
        assert page.evaluate("typeof window.lectureDemosBackend") == "undefined"
    finally:
        context.close()


def test_playground_trains_in_the_browser_with_pyodide(browser, site_url):
    """The same page loop with the readers' backend: real Pyodide and numpy (needs a distribution)."""
    dist = os.environ.get(DIST_VARIABLE)
    if not dist:
        print(f"SKIPPED full in-browser Pyodide training: set {DIST_VARIABLE} to a Pyodide {PINNED} distribution with numpy")
        pytest.skip(f"optional: {DIST_VARIABLE} is unset: no local Pyodide distribution with numpy")
    requests: list[str] = []
    context, page = _page(browser, Path(dist), requests)
    try:
        page.goto(site_url + "en/reseaux-neurones/", wait_until="load")
        _exercise_demo(page, "playground", "en", STEPS["playground"])
        assert any(url.endswith("pyodide.asm.wasm") for url in requests)
        assert _external(requests) == [] or all(url.startswith(_default_pyodide_url()) for url in _external(requests))
    finally:
        context.close()
