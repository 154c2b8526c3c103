"""A built site served on 127.0.0.1 as a production static host serves it.

Like the README's recipe for a real host: precompressed siblings (``page.html.br``, ``.gz``, written
by ``make release``) are sent when the browser accepts them, with ``Vary: Accept-Encoding``; files
whose name carries a content hash (Material's ``main.484c7ddc.min.css``…) are cacheable for a year
and immutable, everything else revalidates. Lighthouse measures the site through it
(``lectureutils.qa.lighthouse``); the test server of the quality gates, which forbids caching and
compression to count raw bytes, is ``lectureutils.qa.server``.
"""

from __future__ import annotations

import re
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from lectureutils.qa.server import SiteServer

HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=0, must-revalidate"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def cache_control(path: str) -> str:
    return LONG_CACHE if HASHED.search(path) else SHORT_CACHE


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
        ".svg": "image/svg+xml", ".wasm": "application/wasm", ".woff2": "font/woff2",
    }

    def send_head(self):
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        accepted = self.headers.get("Accept-Encoding", "")
        self._encoding = None
        for encoding, suffix in ENCODINGS:
            if encoding in accepted and Path(path + suffix).is_file() and Path(path).is_file():
                self._encoding = (encoding, path + suffix, self.guess_type(path))
                break
        if self._encoding is None:
            return super().send_head()
        encoding, compressed, content_type = self._encoding
        handle = open(compressed, "rb")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(Path(compressed).stat().st_size))
        self.end_headers()
        return handle

    def end_headers(self):
        self.send_header("Cache-Control", cache_control(self.path.split("?")[0]))
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class StaticHost(SiteServer):
    """``with StaticHost(site_dir) as host: host.url("en/")``."""

    handler_class = _Handler
