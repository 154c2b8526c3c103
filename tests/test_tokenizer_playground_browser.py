"""The tokeniser playground in headless Chromium, with the real Pyodide core, offline.

The built site is served on 127.0.0.1; requests to the official Pyodide URL are answered from the
npm package ``pyodide`` (the bare core: the playground needs no package), every other host is
unreachable. The page is driven as a reader would: start, type, switch modes and tokenisers, with
the mouse or the keyboard alone; the ids read from the chips equal those of the Hugging Face
tokenizers (``models.load_tokenizer``), for the three tokenisers. Also: the static figure before
start, no request before start, the tokeniser files fetched only once ticked, the URL, axe-core,
both languages, and a clear message when Pyodide cannot load.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT

pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")

from lectureutils.qa import audit as qa_audit
from lectureutils.qa import browser as qa_browser
from lectureutils.site.plugin import LecturePluginConfig

PINNED = "314.0.7"
SECTION = "section#demo-tokenizer-playground"
NAMES = ("minilm", "smollm2", "xlmr")
SENTENCE = "L’œuvre « déçue » de 1989 : ﬁn naïve, 👍🏽 C'hwec'h   مرحبا 北京 https://ex.fr/a?b=1"


def _pyodide_url() -> str:
    config = LecturePluginConfig()
    config.load_dict({})
    config.validate()
    return config["pyodide_url"]


@pytest.fixture(scope="module")
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
                                f"pyodide@{PINNED}"], check=False, capture_output=True, text=True, timeout=300)
    core = prefix / "node_modules/pyodide"
    if completed.returncode != 0 or not (core / "pyodide.asm.wasm").is_file():
        pytest.skip(f"npm install pyodide@{PINNED} failed: {completed.stderr[-500:]}")
    return core


@pytest.fixture(scope="module")
def served(site_server):
    """The one site server of the tests (conftest.py)."""
    return site_server


@pytest.fixture(scope="module")
def axe_js():
    return qa_browser.axe_script()


def _page(chromium, served, core: Path | None, requests: list[str], axe: Path | None = None):
    """A page whose Pyodide comes from ``core`` (None: unreachable); every other host is offline."""
    context = chromium.new_context(viewport=qa_browser.DESKTOP)
    if axe is not None:
        context.add_init_script(path=str(axe))
    base = _pyodide_url()

    def answer(route):
        url = route.request.url
        if url.startswith(served.origin + "/"):
            return route.continue_()
        if core is not None and url.startswith(base):
            path = core / url[len(base):].split("?")[0]
            if path.is_file():
                kind = "application/wasm" if path.suffix == ".wasm" else (
                    "text/javascript" if path.suffix in (".mjs", ".js") else
                    mimetypes.guess_type(path.name)[0] or "application/octet-stream")
                return route.fulfill(status=200, body=path.read_bytes(), content_type=kind,
                                     headers={"Access-Control-Allow-Origin": "*"})
        return route.abort("internetdisconnected")

    context.route("**/*", answer)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    return context, page


def _start(page, timeout=180_000):
    page.locator(f"{SECTION} .lecture-demo__start").click()
    page.wait_for_selector(f"{SECTION}[data-state='ready']", timeout=timeout)
    _wait_runs(page, 1)


def _runs(page) -> int:
    return int(page.evaluate(f"document.querySelector('{SECTION}').dataset.runs || '0'"))


def _wait_runs(page, count, timeout=120_000):
    page.wait_for_function(f"n => Number(document.querySelector('{SECTION}').dataset.runs || 0) >= n",
                           arg=count, timeout=timeout)


def _chips(page, name: str, text: str = "one") -> list[int]:
    return [int(value) for value in page.eval_on_selector_all(
        f"{SECTION} .lecture-tokens__results [data-tokenizer='{name}'] [data-text='{text}'] li[data-id]",
        "els => els.map(e => e.dataset.id)")]


def _wait_shown(page, names, texts, timeout=120_000):
    """Until the chips show ``texts`` cut by ``names`` (the latest update, finished)."""
    page.wait_for_function(
        "([s, shown]) => { const d = document.querySelector(s).dataset;"
        " return d.pending === '0' && d.shown === shown; }",
        arg=[SECTION, json.dumps([list(names), list(texts)], ensure_ascii=False, separators=(",", ":"))],
        timeout=timeout)


def _hf(name: str, text: str) -> list[int]:
    pytest.importorskip("transformers")
    from lectureutils.compute import models

    return models.load_tokenizer(name)(text, add_special_tokens=False)["input_ids"]


@pytest.mark.parametrize("path", ["tokenisation/", "en/tokenisation/"])
def test_static_figure_first_and_nothing_loaded_before_start(chromium, served, path):
    requests: list[str] = []
    context, page = _page(chromium, served, None, requests)
    try:
        page.goto(served.url(path), wait_until="networkidle")
        static = page.locator(f"{SECTION} .lecture-tokens__static")
        for name in NAMES:
            assert static.locator(f"[data-tokenizer='{name}'] li[data-id]").count() > 10
        assert static.locator(".lecture-tokens__ratio").count() == 3
        assert page.locator(f"{SECTION} .lecture-demo__start").is_visible()
        assert "13,5" in page.locator(f"{SECTION} .lecture-demo__download").inner_text() or "13.5" in \
            page.locator(f"{SECTION} .lecture-demo__download").inner_text()
        page.mouse.wheel(0, 6000)
        page.wait_for_timeout(300)
        assert not [url for url in requests if "pyodide" in url or "/tokenizers/" in url or "/py/" in url]
        assert not [url for url in requests if not url.startswith((served.origin, "data:", "blob:"))]
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_typed_sentence_gives_the_hugging_face_ids_in_pyodide(chromium, served, pyodide_core, lang):
    """Real Pyodide (core only), the page's own controls: the chips carry the Rust tokenizers' ids."""
    requests: list[str] = []
    errors: list[str] = []
    context, page = _page(chromium, served, pyodide_core, requests)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(served.url(("en/" if lang == "en" else "") + "tokenisation/"), wait_until="load")
        _start(page)
        assert any(url.endswith("pyodide.asm.wasm") for url in requests)
        assert not [url for url in requests if "numpy" in url]  # the bare core: no package
        page.locator("#tokens-mode").select_option("one")
        _wait_runs(page, 2)
        page.locator("#tokens-fr").fill("")
        page.locator("#tokens-fr").type(SENTENCE, delay=5)
        _wait_shown(page, NAMES, [SENTENCE])
        for name in NAMES:
            assert _chips(page, name) == _hf(name, SENTENCE), name
        assert "tokens-fr=" in page.url and "tokens-mode=one" in page.url
        assert errors == []
        external = [url for url in requests if not url.startswith((served.origin, "data:", "blob:"))]
        assert all(url.startswith(_pyodide_url()) for url in external)
    finally:
        context.close()


def test_pair_mode_ratio_url_and_per_tokenizer_download(chromium, served, pyodide_core):
    requests: list[str] = []
    context, page = _page(chromium, served, pyodide_core, requests)
    try:
        url = served.url("en/tokenisation/?tokens-preset=jn-3-16&tokens-tk=minilm,smollm2")
        page.goto(url, wait_until="load")
        assert page.locator("#tokens-tk-xlmr").is_checked() is False
        assert page.locator("#tokens-fr").input_value().startswith("Car Dieu a tant aimé")
        _start(page)
        fetched = [u for u in requests if "/tokenizers/" in u]
        assert len(fetched) == 2 and not [u for u in fetched if "xlmr" in u]  # unticked: not downloaded
        results = page.locator(f"{SECTION} .lecture-tokens__results")
        assert results.locator("[data-tokenizer]").count() == 2
        ratio = results.locator("[data-tokenizer='smollm2'] .lecture-tokens__ratio")
        french = _hf("smollm2", page.locator("#tokens-fr").input_value())
        english = _hf("smollm2", page.locator("#tokens-en").input_value())
        assert float(ratio.get_attribute("data-ratio")) == pytest.approx(len(french) / len(english), abs=1e-4)
        assert "FR/EN ratio" in ratio.inner_text()
        runs = _runs(page)
        page.locator("#tokens-tk-xlmr").check()  # ticked now: fetched now
        _wait_runs(page, runs + 1)
        assert len([u for u in requests if "/tokenizers/" in u and "xlmr" in u]) == 1
        assert results.locator("[data-tokenizer='xlmr'] li[data-id]").count() > 0
        assert "tokens-tk" not in page.url  # all three ticked: the default
        assert "tokens-preset=jn-3-16" in page.url
    finally:
        context.close()


def test_keyboard_only_and_axe_clean_after_start(chromium, served, pyodide_core, axe_js):
    requests: list[str] = []
    context, page = _page(chromium, served, pyodide_core, requests, axe=axe_js)
    try:
        page.goto(served.url("tokenisation/"), wait_until="load")
        page.wait_for_selector(f"{SECTION}.lecture-demo--js")
        before = [v for v in qa_audit.run_axe(page, SECTION) if v["impact"] in qa_audit.SERIOUS]
        assert not before, qa_audit.describe_violations(before)
        page.locator("#tokens-en").focus()
        page.keyboard.press("Tab")  # the start button follows the text fields
        assert "lecture-demo__start" in page.evaluate("document.activeElement.className")
        page.keyboard.press("Enter")
        page.wait_for_selector(f"{SECTION}[data-state='ready']", timeout=180_000)
        _wait_runs(page, 1)
        assert page.evaluate("document.activeElement.id") == "tokens-fr"  # focus moved into the text
        page.keyboard.press("End")
        page.keyboard.type(" Anticonstitutionnellement !")
        text = page.locator("#tokens-fr").input_value()
        assert text.endswith("Anticonstitutionnellement !")
        _wait_shown(page, NAMES, [text, page.locator("#tokens-en").input_value()])
        assert _chips(page, "xlmr", "fr") == _hf("xlmr", text)
        assert "tokens-fr=" in page.url
        page.keyboard.press("Shift+Tab")  # back to the example list
        page.keyboard.press("Shift+Tab")  # the mode
        assert page.evaluate("document.activeElement.id") == "tokens-mode"
        runs = _runs(page)
        page.keyboard.press("ArrowDown")  # one sentence
        _wait_runs(page, runs + 1)
        assert "tokens-mode=one" in page.url
        assert page.locator("#tokens-en").is_hidden()
        after = [v for v in qa_audit.run_axe(page, SECTION) if v["impact"] in qa_audit.SERIOUS]
        assert not after, qa_audit.describe_violations(after)
    finally:
        context.close()


@pytest.mark.parametrize("lang,expected", [("fr", "Impossible de charger Python"), ("en", "Python could not be loaded")])
def test_unreachable_pyodide_says_so_and_keeps_the_figure(chromium, served, lang, expected):
    requests: list[str] = []
    context, page = _page(chromium, served, None, requests)
    try:
        page.goto(served.url(("en/" if lang == "en" else "") + "tokenisation/"), wait_until="load")
        static = page.locator(f"{SECTION} .lecture-tokens__static").inner_html()
        page.locator(f"{SECTION} .lecture-demo__start").click()
        page.wait_for_selector(f"{SECTION}[data-state='failed']", timeout=60_000)
        error = page.locator(f"{SECTION} .lecture-demo__error")
        assert error.is_visible() and expected in error.inner_text()
        assert page.evaluate("document.activeElement.classList.contains('lecture-demo__error')")  # focus on the why
        assert page.locator(f"{SECTION} .lecture-tokens__static").inner_html() == static
        assert page.locator(f"{SECTION} .lecture-demo__start").is_enabled()
        tried = len([url for url in requests if url.endswith("pyodide.mjs")])
        assert tried >= 1
        page.locator(f"{SECTION} .lecture-demo__retry").click()  # still offline: tries again, says so again
        page.wait_for_selector(f"{SECTION}[data-state='failed'] .lecture-demo__retry", timeout=60_000)
        page.wait_for_timeout(300)
        assert len([url for url in requests if url.endswith("pyodide.mjs")]) > tried
    finally:
        context.close()


@pytest.mark.parametrize("path", ["imprimer/", "en/imprimer/"])
def test_playground_works_on_the_printable_page_where_ids_are_prefixed(chromium, served, path):
    """The printable edition gathers the chapters and prefixes their ids (``tokenisation--tokens-fr``):
    the playground finds its controls all the same, with no error on the page."""
    requests: list[str] = []
    errors: list[str] = []
    context, page = _page(chromium, served, None, requests)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(served.url(path), wait_until="load")
        section = "section.lecture-tokens"
        assert page.locator(section).count() == 1
        page.wait_for_selector(f"{section}.lecture-demo--js")
        assert page.locator("#tokenisation--tokens-fr").count() == 1  # the prefixed id, not the chapter's
        english = page.locator(f"{section} textarea[name=en]")
        assert english.is_visible()
        page.locator(f"{section} select[name=mode]").select_option("one")
        assert english.is_hidden()
        assert "tokens-mode=one" in page.url
        assert errors == []
    finally:
        context.close()
