"""One visit of each page: what it fetched (bytes by kind, hosts), what it logged, what axe says.

A page is measured as a first visit: the server forbids caching, so every visit fetches all it
needs. "Before any interaction" means: until the page has loaded and the network has been idle
for half a second (the search index, fetched by Material's search worker, included).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

# Playwright's resource types, grouped in the kinds the budgets name.
KINDS = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "fonts",
    "image": "images",
}
SERIOUS = ("serious", "critical")

AXE_RUN = """async (selector) => {
  const context = selector ? {include: [selector]} : document;
  const result = await axe.run(context, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))
  }));
}"""


@dataclass
class PageAudit:
    path: str
    load_seconds: float = 0.0
    bytes_by_kind: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)  # (url, resource type, bytes)
    failed: list = field(default_factory=list)  # (url, failure)
    console_errors: list = field(default_factory=list)
    violations: list = field(default_factory=list)

    def foreign_requests(self, origin: str) -> list[str]:
        host = urlparse(origin).netloc
        return [url for url, _, _ in self.requests
                if urlparse(url).scheme not in ("data", "blob", "about")
                and urlparse(url).netloc != host]

    def serious_violations(self) -> list:
        return [v for v in self.violations if v["impact"] in SERIOUS]


class Recorder:
    """Listens to a browser context; ``start()`` before a visit, ``stop()`` after it."""

    def __init__(self, context, origin: str):
        self.origin = origin
        self.current: PageAudit | None = None
        self.inflight = 0
        self.last_activity = time.perf_counter()
        context.on("request", self._on_request)
        context.on("requestfinished", self._on_finished)
        context.on("requestfailed", self._on_failed)
        context.on("console", self._on_console)
        context.on("weberror", self._on_weberror)
        # Nothing leaves the machine: a request to any other host is recorded, then refused.
        context.route(lambda url: not url.startswith(origin + "/"), lambda route: route.abort())

    def start(self, path: str) -> PageAudit:
        self.current = PageAudit(path=path)
        return self.current

    def stop(self) -> PageAudit:
        audit, self.current = self.current, None
        return audit

    def _on_request(self, request):
        self.inflight += 1
        self.last_activity = time.perf_counter()
        if self.current is not None:
            self.current.requests.append([request.url, request.resource_type, 0])

    def _on_finished(self, request):
        self._settle()
        if self.current is None:
            return
        response = request.response()
        size = 0
        if response is not None:
            length = response.headers.get("content-length")
            size = int(length) if length and length.isdigit() else 0
        for entry in reversed(self.current.requests):
            if entry[0] == request.url and entry[2] == 0:
                entry[2] = size
                break
        kind = KINDS.get(request.resource_type, "other")
        if urlparse(request.url).scheme in ("http", "https"):
            self.current.bytes_by_kind[kind] = self.current.bytes_by_kind.get(kind, 0) + size
        if response is not None and response.status >= 400:
            self.current.failed.append((request.url, f"HTTP {response.status}"))

    def _on_failed(self, request):
        self._settle()
        if self.current is not None:
            self.current.failed.append((request.url, request.failure or "failed"))

    def _settle(self):
        self.inflight = max(0, self.inflight - 1)
        self.last_activity = time.perf_counter()

    def wait_idle(self, page, quiet: float = 0.25, timeout: float = 10.0):
        """Until no request has been pending for ``quiet`` seconds (Playwright's "networkidle"
        waits 0.5 s; a quarter is plenty on a local server and halves the suite's waiting)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.inflight == 0 and time.perf_counter() - self.last_activity >= quiet:
                return True
            page.wait_for_timeout(50)
        return False

    def _on_console(self, message):
        if self.current is not None and message.type == "error":
            self.current.console_errors.append(message.text)

    def _on_weberror(self, error):
        if self.current is not None:
            self.current.console_errors.append(f"uncaught: {error.error}")


def visit(page, recorder: Recorder, url_path: str, run_axe: bool = True) -> PageAudit:
    """Loads ``url_path`` as a first visit, waits for the network to rest, then runs axe."""
    audit = recorder.start(url_path)
    began = time.perf_counter()
    recorder.inflight = 0
    page.goto(recorder.origin + "/" + url_path, wait_until="load")
    recorder.wait_idle(page)  # a page that never rests is still audited; its bytes tell the story
    audit.load_seconds = time.perf_counter() - began
    recorder.stop()
    if run_axe:
        audit.violations = page.evaluate(AXE_RUN, None)
    return audit


def run_axe(page, selector: str | None = None) -> list:
    return page.evaluate(AXE_RUN, selector)


def describe_violations(violations: list, limit: int = 3) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(n["target"] for n in v["nodes"][:limit])
        more = f" (+{len(v['nodes']) - limit} more)" if len(v["nodes"]) > limit else ""
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} — {targets}{more}")
    return "\n".join(lines)


def audit_site(site_dir, paths=None, run_axe: bool = True, viewport=None, progress=None) -> dict:
    """Visits every page of ``site_dir`` (or ``paths``) once, in one browser and one context."""
    from playwright.sync_api import sync_playwright

    from lectureutils.qa import browser as qa_browser
    from lectureutils.qa.server import SiteServer

    paths = list(paths) if paths is not None else qa_browser.site_pages(site_dir)
    audits = {}
    with SiteServer(site_dir) as server, sync_playwright() as playwright:
        chromium = qa_browser.launch(playwright)
        try:
            context = chromium.new_context(viewport=viewport or qa_browser.DESKTOP)
            if run_axe:
                context.add_init_script(path=str(qa_browser.axe_script()))
            recorder = Recorder(context, server.origin)
            page = context.new_page()
            for path in paths:
                audits[path] = visit(page, recorder, path, run_axe=run_axe)
                if progress:
                    progress(audits[path])
            context.close()
        finally:
            chromium.close()
    return audits
