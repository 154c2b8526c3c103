"""The one door between a page's JavaScript and the Python of the live demos: JSON in, JSON out.

``docs/assets/demos/demos.js`` imports this module (in Pyodide) and sends every request to
``call``. Requests whose ``op`` starts with ``tokens-`` go to the tokeniser playground
(``lectureutils.toy.tokenize.api``, standard library only: that page loads no numpy); the others
go to the numpy demos (``lectureutils.toy.demos.api``, imported on first use).
"""

from __future__ import annotations

import json


def handle(request: dict) -> dict:
    if str(request.get("op", "")).startswith("tokens-"):
        from .tokenize import api as tokens

        return tokens.handle(request)
    from .demos import api as demos

    return demos.handle(request)


def call(request_json: str) -> str:
    """Answer one JSON request with JSON text; an error becomes ``{"error": "..."}``."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise TypeError("a request is a JSON object")
        reply = handle(request)
    except Exception as error:  # noqa: BLE001 - the page shows the message; it must never get a Python traceback object
        reply = {"error": f"{type(error).__name__}: {error}"}
    return json.dumps(reply, ensure_ascii=False)
