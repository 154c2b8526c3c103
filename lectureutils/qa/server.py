"""A tiny threaded HTTP server for a built site, on 127.0.0.1: the one server of the tests.

Every response says ``Cache-Control: no-store``: each page visit then fetches everything it needs,
so the bytes counted for a page are those of a first visit. ``route(path, answer)`` adds a POST
endpoint (the toy demos' CPython test backend), answered with ``answer(request_text)``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    routes: dict[str, Callable[[str], str]] = {}

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_POST(self):
        answer = self.routes.get(self.path)
        if answer is None:
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        data = answer(body).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


_Handler.extensions_map = {
    **SimpleHTTPRequestHandler.extensions_map,
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


class SiteServer:
    """``with SiteServer(site_dir) as server: server.url("en/")`` → ``http://127.0.0.1:PORT/en/``."""

    handler_class = _Handler
    """The request handler; ``lectureutils.qa.static_host`` swaps in one that serves as a host does."""

    def __init__(self, site_dir: Path, port: int = 0):
        self.site_dir = Path(site_dir)
        self.routes: dict[str, Callable[[str], str]] = {}
        handler_class = type("_SiteHandler", (self.handler_class,), {"routes": self.routes})
        handler = partial(handler_class, directory=str(self.site_dir))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def route(self, path: str, answer: Callable[[str], str]) -> None:
        """Answer POST requests to ``path`` with ``answer(request_text)`` (JSON text)."""
        self.routes[path] = answer

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
