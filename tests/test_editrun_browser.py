"""« Modifier et exécuter » / "Edit and run" under every snippet, in headless Chromium (issue 14).

Two backends, as for the demos (tests/test_demos_browser.py):

- the CPython test backend: an init script defines the runtime's test hook
  (``window.lectureDemosBackend``, runtime.js) whose ``run`` posts the page's run request to this
  file's route on the local server; a CPython process answers it with ``lectureutils.reader_run``
  imported from the built site's ``assets/demos/py/`` (the very files the worker loads), with
  numpy. Every snippet of every chapter, in both languages, is run unedited there and must print
  exactly what the page shows under it.
- the real Pyodide core (npm ``pyodide``, offline, no numpy) in the page's Web Worker, for
  stdlib-only snippets: an unedited run reproduces the build's output, an edited one prints its own,
  an exception names the reader's line, an infinite loop is ended by Stop and the next run works,
  and the tokeniser playground shares the page's one Pyodide.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, page_slugs

pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")

from test_demos_browser import ToyWorker, _page  # noqa: E402
from test_demos_browser import pyodide_core as pyodide_core  # noqa: E402,F401 - the session fixture

from lectureutils.qa import audit as qa_audit  # noqa: E402
from lectureutils.qa import browser as qa_browser  # noqa: E402
from lectureutils.site import edit_run  # noqa: E402
from lectureutils.site.snippet_display import displayed_source  # noqa: E402

BACKEND_PATH = "/__snippet_backend__"
OUTPUT = ".lecture-output:has(> script.lecture-run__config)"


@pytest.fixture(scope="module")
def run_worker(site_server):
    """``lectureutils.reader_run.call`` in CPython, fed the site's shipped files (hash seed 0, as in
    the build and in the page's worker), behind this file's route of the local server."""
    worker = ToyWorker(site_server.site_dir / "assets/demos/py", "lectureutils.reader_run")
    site_server.route(BACKEND_PATH, worker)
    yield worker
    worker.close()


def _cpython_hook(site_url: str) -> str:
    endpoint = json.dumps(site_url.rstrip("/") + BACKEND_PATH)
    return """window.lectureDemosBackend = {
  name: "cpython-test-server",
  load: function (config, progress) { progress(3, "test backend"); return Promise.resolve(); },
  call: function () { return Promise.reject(new Error("no demo on this backend")); },
  run: function (requestJson) {
    return fetch(%s, {method: "POST", headers: {"Content-Type": "application/json"}, body: requestJson})
      .then(function (response) { if (!response.ok) throw new Error("HTTP " + response.status); return response.text(); });
  }
};""" % endpoint  # noqa: UP031 - JavaScript braces rule out str.format


def _cpython_page(chromium, site_server, path: str, axe: bool = False):
    """A page at ``path`` whose snippets run on the CPython test backend."""
    context = chromium.new_context(viewport=qa_browser.DESKTOP)
    if axe:
        context.add_init_script(path=str(qa_browser.axe_script()))
    context.add_init_script(_cpython_hook(site_server.url()))
    page = context.new_page()
    page.goto(site_server.url(path), wait_until="load")
    return context, page


def _open(page, index: int = 0):
    """Press the Edit and run button of the ``index``-th runnable snippet; its output locator."""
    output = page.locator(OUTPUT).nth(index)
    output.evaluate("o => o.previousElementSibling.querySelector('.lecture-run__edit').click()")
    page.wait_for_function("o => o.dataset.run === 'open'", arg=output.element_handle(), timeout=60_000)
    return output


def _run(page, output, timeout=120_000) -> str:
    """Press Run, wait for the run to end; its end state (done, error, stopped, unavailable)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    runs = int(output.get_attribute("data-runs") or 0)
    _panel(output).locator(".lecture-run__run").click()
    try:
        page.wait_for_function("([o, n]) => Number(o.dataset.runs || 0) > n", arg=[output.element_handle(), runs],
                               timeout=timeout)
    except PlaywrightTimeout:
        status = _panel(output).locator(".lecture-run__status").text_content()
        raise AssertionError(f"{page.url}: the run did not end: state {output.get_attribute('data-run')!r}, "
                             f"status {status!r}") from None
    return output.get_attribute("data-run")


def _panel(output):
    """The editor panel of a snippet (before its output; after the listing it replaces)."""
    return output.locator("xpath=preceding-sibling::div[contains(concat(' ', @class, ' '), ' lecture-run ')][1]")


def _result(output):
    return output.locator("xpath=following-sibling::div[contains(@class, 'lecture-run__result')][1]")


def _code(output) -> str:
    return _panel(output).evaluate("p => p.lectureEditRun.code()")


def _wait_code(page, output, ending: str):
    """Until the editor's code ends with ``ending``."""
    page.wait_for_function("([p, e]) => p.lectureEditRun.code().endsWith(e)",
                           arg=[_panel(output).element_handle(), ending], timeout=10_000)


def _replace_code(page, output, code: str):
    _panel(output).locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)
    page.wait_for_function("([p, c]) => p.lectureEditRun.code() === c", arg=[_panel(output).element_handle(), code],
                           timeout=10_000)


def _snippet_configs(path: Path) -> list[tuple[str, str]]:
    """(snippet, language) of every Edit and run button of a built page, in page order."""
    html = path.read_text(encoding="utf-8")
    configs = [json.loads(raw.replace("<\\/", "</")) for raw in
               re.findall(r'<script type="application/json" class="lecture-run__config">(.*?)</script>', html)]
    return [(config["name"], config["lang"]) for config in configs]


def _snippet_names(path: Path) -> list[str]:
    return [name for name, _ in _snippet_configs(path)]


def _chapter_pages(site_dir: Path) -> list[str]:
    pages = []
    for slug in page_slugs():
        for prefix in ("", "en/"):
            path = f"{prefix}{slug}/" if slug != "index" else prefix
            if (site_dir / path / "index.html").is_file() and _snippet_names(site_dir / path / "index.html"):
                pages.append(path)
    return pages


def test_every_snippet_offers_edit_and_run_or_says_why(site_server):
    """Every snippet output of every built page (chapters, side by side, printable) has a button's
    configuration, whose files the site ships, or the reason it cannot run."""
    site_dir = site_server.site_dir
    outputs = 0
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for block in re.findall(r'<div class="lecture-output".*?</div>', html, re.DOTALL):
            outputs += 1
            assert "lecture-run__config" in block or "lecture-run__cannot" in block, (path, block[:300])
            for raw in re.findall(r'class="lecture-run__config">(.*?)</script>', block):
                config = json.loads(raw.replace("<\\/", "</"))
                assert config["label"] in ("Modifier et exécuter", "Edit and run")
                for source in config["sources"]:
                    assert (site_dir / "assets/demos/py" / source).is_file(), source
        if "lecture-run__config" in html:
            assert "editrun/boot.js" in html, path
    assert outputs > 40


def test_a_snippet_that_needs_torch_says_so():
    """The browser decision reads the imports, through the lecture's modules too."""
    assert edit_run.needs("import numpy as np\nfrom lectureutils.glue import glue\n").runnable
    assert edit_run.needs("import numpy as np\nfrom lectureutils.glue import glue\n").packages == ("numpy",)
    needs = edit_run.needs("import torch\nprint(torch.zeros(2))\n")
    assert not needs.runnable and needs.missing == ("torch",)
    # lectureutils.compute imports torch-backed modules: a snippet importing it cannot run either.
    assert "torch" in edit_run.needs("from lectureutils.compute import models\n").missing


def test_unedited_snippets_reproduce_the_build_output(chromium, site_server, run_worker):
    """Every runnable snippet of every chapter, both languages: the editor holds the code the page
    shows, and running it prints exactly the build's output (CPython test backend, numpy)."""
    site_dir = site_server.site_dir
    context = chromium.new_context(viewport=qa_browser.DESKTOP)
    context.add_init_script(_cpython_hook(site_server.url()))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    checked = 0
    try:
        # Every chapter, the printable edition, and two side-by-side pages (both languages on one page).
        for path in [*_chapter_pages(site_dir), "bilingue/fonction-usine/", "en/bilingue/tokenisation/"]:
            configs = _snippet_configs(site_dir / path / "index.html")
            assert configs, path
            page.goto(site_server.url(path), wait_until="load")
            for index, (name, lang) in enumerate(configs):
                output = _open(page, index)
                source = (PROJECT_ROOT / "snippets" / name).read_text(encoding="utf-8")
                assert _code(output) == displayed_source(source, lang).rstrip(), (path, name)
                assert _run(page, output) == "done", (path, name, _result(output).inner_text())
                build = output.locator(":scope > pre").text_content()
                mine = _result(output).locator(".lecture-run__stdout").text_content()
                assert mine == build, (path, name)
                assert output.get_attribute("data-same") == "1"
                checked += 1
        assert errors == []
    finally:
        context.close()
    assert checked >= 40, checked


def test_an_edited_snippet_prints_its_own_output_and_names_the_line_of_an_error(chromium, site_server, run_worker):
    context, page = _cpython_page(chromium, site_server, "en/entrainement/")
    try:
        output = _open(page)
        original = _code(output)
        build = output.locator(":scope > pre").text_content()
        _replace_code(page, output, "import os\nimport numpy as np\nprint(os.environ['LECTURE_LANG'], np.arange(3).sum())\n")
        assert _run(page, output) == "done"
        assert _result(output).locator(".lecture-run__stdout").text_content() == "en 3"
        assert output.locator(":scope > pre").text_content() == build  # the build's output stays
        assert "differs" in _result(output).inner_text()
        # A figure through lectureutils.figures.save, as at build time.
        _replace_code(page, output, (
            "from lectureutils.figures import save\n"
            "save('<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" role=\"img\" aria-labelledby=\"t\">"
            "<title id=\"t\">A square</title><rect id=\"r\" width=\"5\" height=\"5\"/></svg>')\n"
            "print('drawn')\n"))
        assert _run(page, output) == "done"
        figure = _result(output).locator("figure svg")
        assert figure.count() == 1
        assert figure.locator("title").text_content() == "A square"
        assert figure.locator("title").get_attribute("id") != "t"  # its own ids on the page
        # An exception: its line in the reader's code.
        _replace_code(page, output, "x = 1\ny = 0\n\nprint(x / y)\n")
        assert _run(page, output) == "error"
        error = _result(output).locator(".lecture-run__error")
        assert error.get_attribute("data-line") == "4"
        assert "Error on line 4: ZeroDivisionError" in error.inner_text()
        error.locator(".lecture-run__goto").click()  # back to that line in the editor
        assert page.evaluate("document.activeElement.classList.contains('cm-content')")
        # A syntax error, too.
        _replace_code(page, output, "print('a')\nprint('b'\n")
        assert _run(page, output) == "error"
        assert _result(output).locator(".lecture-run__error").get_attribute("data-line") == "2"
        # Reset: the original code, the reader's output gone.
        _panel(output).locator(".lecture-run__reset").click()
        assert _code(output) == original
        assert _result(output).is_hidden()
    finally:
        context.close()


def test_french_page_errors_in_french(chromium, site_server, run_worker):
    context, page = _cpython_page(chromium, site_server, "tokenisation/")
    try:
        output = _open(page)
        _replace_code(page, output, "mots = ['a']\nprint(mots[3])\n")
        assert _run(page, output) == "error"
        text = _result(output).locator(".lecture-run__error").inner_text()
        assert "Erreur à la ligne 2\u202f: IndexError" in text, text
    finally:
        context.close()


def test_keyboard_only_and_axe_with_the_editor_open(chromium, site_server, run_worker):
    context, page = _cpython_page(chromium, site_server, "fonction-usine/", axe=True)
    try:
        output = page.locator(OUTPUT).first
        button = output.locator("xpath=preceding-sibling::p[1]").locator(".lecture-run__edit")
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("o => o.dataset.run === 'open'", arg=output.element_handle(), timeout=60_000)
        # Focus is in the editor; typing edits the code.
        page.wait_for_function("document.activeElement && document.activeElement.classList.contains('cm-content')")
        page.keyboard.press("Control+A")
        page.keyboard.type("print('clavier')")
        _wait_code(page, output, "print('clavier')")
        # Tab indents inside the editor (each key's effect awaited: the editor applies it on its own time)...
        page.keyboard.press("Enter")
        _wait_code(page, output, "print('clavier')\n")
        page.keyboard.press("Tab")
        _wait_code(page, output, "print('clavier')\n    ")
        assert page.evaluate("document.activeElement.classList.contains('cm-content')")
        page.keyboard.press("Backspace")
        _wait_code(page, output, "print('clavier')\n")
        # ...Escape then Shift+Tab leaves it, onto the buttons above it (Stop is disabled between runs).
        page.keyboard.press("Escape")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.className").startswith("lecture-run__reset")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.className").startswith("lecture-run__run")
        runs = int(output.get_attribute("data-runs") or 0)
        page.keyboard.press("Enter")
        page.wait_for_function("([o, n]) => Number(o.dataset.runs || 0) > n", arg=[output.element_handle(), runs])
        # Focus went to Stop during the run and came back to Run.
        assert page.evaluate("document.activeElement.className").startswith("lecture-run__run")
        assert _result(output).locator(".lecture-run__stdout").text_content() == "clavier", (
            _result(output).inner_text(), _code(output)[-200:])
        page.keyboard.press("Tab")  # Stop is disabled between runs: focus goes on to Reset
        assert page.evaluate("document.activeElement.className").startswith("lecture-run__reset")
        page.keyboard.press("Enter")
        assert "clavier" not in _code(output)
        # axe: no serious violation in the editor, nor in the reader's output.
        _run(page, output)
        # The buttons' colour transitions (Material) settle before axe reads the colours.
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        for selector in (".lecture-run", ".lecture-run__result"):
            found = [v for v in qa_audit.run_axe(page, selector) if v["impact"] in qa_audit.SERIOUS]
            assert not found, qa_audit.describe_violations(found)
    finally:
        context.close()


def test_real_pyodide_runs_stops_and_restarts_a_stdlib_snippet(chromium, site_server, pyodide_core):
    """The readers' backend: Pyodide in the page's worker (offline core, no numpy). The tokeniser
    playground and the snippets share one Pyodide; Stop ends an infinite loop and the page stays
    responsive meanwhile; the next run works."""
    requests: list[str] = []
    context, page = _page(chromium, pyodide_core, requests)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(site_server.url("tokenisation/"), wait_until="load")
        names = _snippet_names(site_server.site_dir / "tokenisation/index.html")
        stdlib = [i for i, name in enumerate(names) if not edit_run.needs(
            (PROJECT_ROOT / "snippets" / name).read_text(encoding="utf-8")).packages]
        assert stdlib, names
        output = _open(page, stdlib[0])
        build = output.locator(":scope > pre").text_content()
        assert _run(page, output, timeout=180_000) == "done", _result(output).inner_text()
        assert _result(output).locator(".lecture-run__stdout").text_content() == build
        # The tokeniser playground starts on the same Pyodide: no second download.
        page.locator("section.lecture-tokens .lecture-demo__start").click()
        page.wait_for_function("document.querySelector('section.lecture-tokens').dataset.runs >= 1", timeout=120_000)
        assert sum(url.endswith("pyodide.asm.wasm") for url in requests) == 1
        # An infinite loop: the page answers meanwhile; Stop ends it.
        _replace_code(page, output, "n = 0\nwhile True:\n    n += 1\n")
        _panel(output).locator(".lecture-run__run").click()
        page.wait_for_function("o => o.dataset.run === 'running'", arg=output.element_handle())
        page.wait_for_timeout(1000)
        assert page.evaluate("() => new Promise(r => setTimeout(() => r(document.title.length > 0), 50))")
        assert output.get_attribute("data-run") == "running"
        _panel(output).locator(".lecture-run__stop").click()
        page.wait_for_function("o => o.dataset.run === 'stopped'", arg=output.element_handle(), timeout=30_000)
        assert "arrêtée" in _panel(output).locator(".lecture-run__status").inner_text()
        # The next run works, in a fresh Python; an exception names the reader's line.
        _replace_code(page, output, "import re\nmots = re.findall(r'\\w+', 'le chat dort')\nprint(len(mots), mots[5])\n")
        assert _run(page, output, timeout=180_000) == "error"
        assert _result(output).locator(".lecture-run__error").get_attribute("data-line") == "3"
        _panel(output).locator(".lecture-run__reset").click()
        assert _run(page, output, timeout=180_000) == "done"
        assert _result(output).locator(".lecture-run__stdout").text_content() == build
        # The playground came back on the fresh Python too.
        runs = int(page.evaluate("document.querySelector('section.lecture-tokens').dataset.runs"))
        page.locator("section.lecture-tokens textarea[name=fr]").fill("Bonjour le monde")
        page.wait_for_function("n => document.querySelector('section.lecture-tokens').dataset.runs > n",
                               arg=runs, timeout=120_000)
        assert page.locator("section.lecture-tokens .lecture-demo__error").is_hidden()
        assert errors == []
    finally:
        context.close()


def test_side_by_side_pages_find_the_runtime_and_the_tokenisers(chromium, site_server, pyodide_core):
    """A side-by-side page sits one folder deeper than the chapter its blocks were built for: the
    scripts find their files from their own address (the tokeniser playground, real Pyodide)."""
    requests: list[str] = []
    context, page = _page(chromium, pyodide_core, requests)
    try:
        page.goto(site_server.url("bilingue/tokenisation/"), wait_until="load")
        page.locator("section.lecture-tokens .lecture-demo__start").click()
        page.wait_for_function("document.querySelector('section.lecture-tokens').dataset.runs >= 1", timeout=120_000)
        assert page.locator("section.lecture-tokens .lecture-demo__error").is_hidden()
        assert not [url for url in requests if "/bilingue/assets/" in url]
    finally:
        context.close()
