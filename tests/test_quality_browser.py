"""Quality gates in a real browser, over every built page in both languages.

One headless Chromium (Debian's, never ``playwright install``), one context, every page visited
once against the built site served on 127.0.0.1 (``lectureutils.qa``):

- axe-core finds no serious or critical violation on any page, nor in any demo before and after
  its start button is pressed (offline: Pyodide's host is unreachable, the demo shows its failure
  state), and each demo can be reached and operated with the keyboard alone;
- per page, the bytes fetched before any interaction stay within ``lectureutils.qa.budgets``;
- no console error and no failed request while a page loads;
- no request to any host but the site itself while a page loads.

Needs ``pip install playwright`` (the test extra), ``apt-get install chromium`` and the npm package
``axe-core`` (installed on first use into ``.cache/qa-node/``, git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PROJECT_ROOT

pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")

from lectureutils.plan import SitePlan  # noqa: E402
from lectureutils.qa import audit as qa_audit  # noqa: E402
from lectureutils.qa import browser as qa_browser  # noqa: E402
from lectureutils.qa.budgets import budget_for, over_budget  # noqa: E402


def demo_pages() -> list[tuple[str, str]]:
    """(URL path, demo name) of every demo directive of the page plan, both languages."""
    found = []
    for page, directive in SitePlan.read(PROJECT_ROOT / "docs").directives("demo"):
        slug = page.src_uri.rsplit(".", 2)[0]
        url = ("" if page.lang == "fr" else f"{page.lang}/") + ("" if slug == "index" else f"{slug}/")
        found.append((url, directive.args[0]))
    return found


def _axe_or_reason() -> Path | str:
    try:
        return qa_browser.axe_script()
    except qa_browser.BrowserUnavailable as error:
        return str(error)


@pytest.fixture(scope="session")
def axe_js():
    """axe-core's script, for the accessibility gates only: the other audits never need it."""
    found = _axe_or_reason()
    if isinstance(found, str):
        pytest.skip(found)
    return found


@pytest.fixture(scope="session")
def quality_site_dir(site_server) -> Path:
    return site_server.site_dir


@pytest.fixture(scope="session")
def served_site(site_server):
    return site_server


@pytest.fixture(scope="session")
def site_audits(quality_site_dir, served_site, chromium) -> dict:
    """Every page, visited once: requests, bytes by kind, console errors, and axe's violations
    when axe-core is installed (without it, only the accessibility gate skips)."""
    axe = _axe_or_reason()
    context = chromium.new_context(viewport=qa_browser.DESKTOP)
    if not isinstance(axe, str):
        context.add_init_script(path=str(axe))
    recorder = qa_audit.Recorder(context, served_site.origin)
    page = context.new_page()
    audits = {path: qa_audit.visit(page, recorder, path, run_axe=not isinstance(axe, str))
              for path in qa_browser.site_pages(quality_site_dir)}
    context.close()
    return audits


def _shown(path: str) -> str:
    return "/" + path


def test_every_page_was_audited_in_both_languages(site_audits):
    paths = set(site_audits)
    assert "" in paths and "en/" in paths
    french = {path for path in paths if not path.startswith("en/") and path != "404.html"}
    missing = sorted(path for path in french if f"en/{path}" not in paths)
    assert not missing, f"pages without an English twin: {missing}"


def test_no_serious_accessibility_violation_on_any_page(site_audits, axe_js):
    failures = [f"{_shown(path)}:\n{qa_audit.describe_violations(audit.serious_violations())}"
                for path, audit in site_audits.items() if audit.serious_violations()]
    assert not failures, "axe-core, serious or critical:\n" + "\n".join(failures)


def test_page_weight_within_budget(site_audits):
    failures = []
    for path, audit in site_audits.items():
        for problem in over_budget(path, audit.bytes_by_kind):
            failures.append(f"{_shown(path)}: {problem}")
    assert not failures, "over budget (lectureutils/qa/budgets.py):\n" + "\n".join(failures)


def test_no_web_font_is_fetched(site_audits):
    fonts = {path: audit.bytes_by_kind.get("fonts", 0) for path, audit in site_audits.items()}
    assert not any(fonts.values()), {path: size for path, size in fonts.items() if size}
    assert all(budget_for(path)["fonts"] == 0 for path in site_audits)


def test_no_console_error_nor_failed_request_on_load(site_audits):
    failures = []
    for path, audit in site_audits.items():
        failures += [f"{_shown(path)}: console: {message}" for message in audit.console_errors]
        failures += [f"{_shown(path)}: request {url}: {why}" for url, why in audit.failed]
    assert not failures, "\n".join(failures)


def test_no_request_to_another_host_on_load(site_audits, served_site):
    failures = {path: audit.foreign_requests(served_site.origin) for path, audit in site_audits.items()}
    failures = {path: urls for path, urls in failures.items() if urls}
    assert not failures, failures


# -- demos -----------------------------------------------------------------------------------

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const section = el.closest("section.lecture-demo");
  return {
    tag: el.tagName.toLowerCase(), cls: el.className || "", id: el.id || "", name: el.name || "",
    key: el.id || el.classList[0] || el.tagName,
    type: el.type || "", value: "value" in el ? String(el.value) : "", checked: !!el.checked,
    inDemo: section ? section.id : null,
    visible: el.matches(":focus-visible") && ((style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
             || style.boxShadow !== "none"),
  };
}"""


def _serious_in(page, selector):
    return [v for v in qa_audit.run_axe(page, selector) if v["impact"] in qa_audit.SERIOUS]


@pytest.mark.parametrize("path,demo", demo_pages() or [pytest.param("", "", marks=pytest.mark.skip("not applicable: no demo"))])
def test_demo_accessible_and_keyboard_operable(chromium, served_site, axe_js, path, demo):
    """axe after start (before start, the page audit covers it); Tab, Enter, arrows and Space only."""
    context = chromium.new_context(viewport=qa_browser.DESKTOP)
    context.add_init_script(path=str(axe_js))
    # Offline: Pyodide's host (and any other) is unreachable, so the demo reaches its failure state.
    context.route(lambda url: not url.startswith(served_site.origin + "/"),
                  lambda route: route.abort("internetdisconnected"))
    page = context.new_page()
    selector = f"section#demo-{demo}"
    try:
        page.goto(served_site.url(path), wait_until="load")
        page.wait_for_selector(f"{selector}.lecture-demo--js .lecture-demo__start", state="visible")
        # The demo as rendered before start is checked with its page (test above).

        # Start from the demo's heading, as a reader who has just read it, and Tab to the button.
        page.evaluate("""(sel) => { const h = document.querySelector(sel + " .lecture-demo__heading");
                                     h.setAttribute("tabindex", "-1"); h.focus(); }""", selector)
        visited = []
        for _ in range(6):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            visited.append(state)
            if state and "lecture-demo__start" in state["cls"]:
                break
        else:
            pytest.fail(f"{_shown(path)} demo {demo}: Tab never reaches the start button: {visited}")
        assert state["visible"], f"{_shown(path)} demo {demo}: the focused start button shows no focus ring"
        # Before start, the buttons that cannot act yet look disabled, and the settings are disabled.
        play_opacity = page.eval_on_selector(f"{selector} .lecture-demo__play", "b => getComputedStyle(b).opacity")
        assert float(play_opacity) <= 0.6, f"{_shown(path)} demo {demo}: a disabled Play looks enabled"
        assert page.eval_on_selector(f"{selector} .lecture-demo__controls fieldset", "f => f.disabled")
        page.keyboard.press("Enter")
        page.wait_for_selector(f"{selector}[data-state='failed']", timeout=60_000)
        error = page.locator(f"{selector} .lecture-demo__error")
        assert error.is_visible() and error.inner_text().strip()
        # The failure is announced where the reader is: focus on the message, which offers a retry;
        # the settings stay disabled (they would do nothing).
        assert page.evaluate("(sel) => document.activeElement === document.querySelector(sel + ' .lecture-demo__error')",
                             selector), f"{_shown(path)} demo {demo}: focus not on the failure message"
        assert page.locator(f"{selector} .lecture-demo__retry").is_visible()
        assert page.eval_on_selector(f"{selector} .lecture-demo__controls fieldset", "f => f.disabled")
        after = _serious_in(page, selector)
        assert not after, f"{_shown(path)} demo {demo} after start:\n{qa_audit.describe_violations(after)}"

        # Every enabled control is reached by Tab, shows its focus, and works from the keyboard.
        controls = page.eval_on_selector_all(
            f"{selector} .lecture-demo__controls :is(select, input, button):not(:disabled)",
            "els => els.map(e => e.id || e.classList[0] || e.tagName)")
        reached, changed, toggled, linked = set(), False, False, False
        for _ in range(len(controls) + 8):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if not state or state["inDemo"] != f"demo-{demo}":
                break
            if state["tag"] in ("select", "input", "button"):
                assert state["visible"], f"{_shown(path)} demo {demo}: no visible focus on {state}"
            reached.add(state["key"])
            if state["tag"] == "select" and not changed:
                page.keyboard.press("ArrowDown")
                changed = page.evaluate("() => document.activeElement.value") != state["value"]
                assert changed, f"{_shown(path)} demo {demo}: ArrowDown does not change {state['id']}"
            elif state["type"] == "checkbox" and not toggled:
                page.keyboard.press("Space")
                toggled = page.evaluate("() => document.activeElement.checked") != state["checked"]
                assert toggled, f"{_shown(path)} demo {demo}: Space does not toggle {state['id']}"
            elif "lecture-demo__link" in state["cls"] and not linked:
                page.keyboard.press("Enter")  # the clipboard answers asynchronously
                page.wait_for_function(
                    "(sel) => document.querySelector(sel + ' .lecture-demo__status').textContent.trim()",
                    arg=selector, timeout=5_000)
                linked = True
        missing = [control for control in controls if control not in reached]
        assert not missing, f"{_shown(path)} demo {demo}: not reachable by Tab: {missing}"
        if any(control.startswith("demo-") for control in controls):
            assert changed or toggled, f"{_shown(path)} demo {demo}: no setting could be changed"
    finally:
        context.close()


def test_no_page_fetches_the_search_index_before_search_is_opened(site_audits):
    """The index (hundreds of kB) and the search worker wait for the reader to open search
    (overrides/partials/lazy-search.html); tests/test_search.py opens it and checks that each
    language then loads its own index."""
    failures = []
    for path, audit in site_audits.items():
        fetched = [url for url, _, _ in audit.requests if url.endswith("search_index.json") or "/workers/search" in url]
        if fetched:
            failures.append(f"{_shown(path)} fetched {fetched} on load")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["transformeur/", "en/transformeur/", "tokenisation/", "en/tokenisation/"])
def test_wide_tables_on_a_phone_are_keyboard_reachable(chromium, served_site, axe_js, path):
    """At 390 px the similarity table (transformeur) and the tokenisers' tables scroll sideways:
    each scrolling box has a tab stop and a name (assets/scrollable.js), and axe agrees."""
    context = chromium.new_context(viewport=qa_browser.MOBILE)
    context.add_init_script(path=str(axe_js))
    page = context.new_page()
    try:
        page.goto(served_site.url(path), wait_until="load")
        boxes = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.md-content .md-typeset__scrollwrap, .md-content .lecture-scroll, .md-content .lecture-compute'))
            .filter(e => e.scrollWidth > e.clientWidth + 1
                    && !e.querySelector('[data-lecture-scrollable]'))
            .map(e => ({tabindex: e.getAttribute('tabindex'), role: e.getAttribute('role'),
                        label: e.getAttribute('aria-label')}))""")
        assert boxes, "nothing scrolls sideways at 390 px: the test no longer covers its case"
        assert all(box["tabindex"] == "0" and box["role"] == "region" and box["label"] for box in boxes), boxes
        found = [v for v in qa_audit.run_axe(page, ".md-content") if v["id"] == "scrollable-region-focusable"]
        assert not found, qa_audit.describe_violations(found)
    finally:
        context.close()
