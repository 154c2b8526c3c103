"""The one door between a page's JavaScript and the toy demos: JSON text in, JSON text out.

``docs/assets/demos/demos.js`` never holds a Python object. It sends a request, a small JSON
object, to ``call`` and reads the reply. In a reader's browser ``call`` runs inside Pyodide (the
only backend readers get). The browser tests send the very same requests to their local HTTP
server, which passes them to this same function running in CPython, loaded from the files the
site ships in ``assets/demos/py/``. So one set of tests covers the whole page: buttons, the step
loop, the URL, the keyboard and the messages.

Requests (``lang`` is ``"fr"`` or ``"en"``; ``uid`` prefixes the SVG's ids):

- ``{"op": "ping"}`` → ``{"ok": true, "demos": [...]}``
- ``{"op": "create", "demo": NAME, "settings": {...}, "lang", "uid"}`` → a state with an ``id``
- ``{"op": "advance", "id", "count", "lang", "uid"}``: run ``count`` steps (or fewer if it stops)
- ``{"op": "run", "id", "seconds", "render", "lang", "uid"}``: train for about ``seconds``, then
  hand control back (the browser stays responsive); the SVG comes only when ``render`` is true
- ``{"op": "render", "id", "lang", "uid"}``: the current state and its figure
- ``{"op": "destroy", "id"}`` → ``{"ok": true}``

A state is ``{"id", "ran", "steps", "counter", "done", "message", "description", "svg"}``
(``svg`` is null when it was not asked for). A bad request answers ``{"error": "..."}``.
"""

from __future__ import annotations

import json

from . import DEMOS, create

MAX_LIVE = 16  # demos kept alive at once (a page shows one; old ones are dropped first)
MAX_COUNT = 1000  # steps per "advance"
MAX_SECONDS = 0.25  # seconds per "run"

_live: dict[int, object] = {}
_next_id = [1]


def _lang(request) -> str:
    return "en" if request.get("lang") == "en" else "fr"


def _state(demo_id: int, demo, request, ran: int = 0, svg: bool = True) -> dict:
    lang = _lang(request)
    state = demo.status(lang)
    state["id"] = demo_id
    state["ran"] = ran
    state["svg"] = demo.render(lang, str(request.get("uid") or f"demo-{demo.name}-live")) if svg else None
    return state


def _demo(request):
    demo_id = request.get("id")
    if demo_id not in _live:
        raise KeyError(f"no live demo with id {demo_id!r}")
    return demo_id, _live[demo_id]


def handle(request: dict) -> dict:
    """The reply to one request (a dict); ``call`` is the same on JSON text."""
    op = request.get("op")
    if op == "ping":
        return {"ok": True, "demos": sorted(DEMOS)}
    if op == "create":
        demo = create(str(request.get("demo")), request.get("settings") or {})
        demo_id = _next_id[0]
        _next_id[0] += 1
        _live[demo_id] = demo
        while len(_live) > MAX_LIVE:
            _live.pop(next(iter(_live)))
        return _state(demo_id, demo, request)
    if op == "destroy":
        _live.pop(request.get("id"), None)
        return {"ok": True}
    demo_id, demo = _demo(request)
    if op == "advance":
        count = max(0, min(int(request.get("count", 1)), MAX_COUNT))
        return _state(demo_id, demo, request, demo.advance(count))
    if op == "run":
        seconds = max(0.0, min(float(request.get("seconds", 0.025)), MAX_SECONDS))
        ran = demo.run_for(seconds)
        return _state(demo_id, demo, request, ran, svg=bool(request.get("render", True)))
    if op == "render":
        return _state(demo_id, demo, request)
    raise ValueError(f"unknown request {op!r}")


def call(request_json: str) -> str:
    """Answer one JSON request with JSON text (what demos.js calls, in Pyodide or through a test)."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise ValueError("a request is a JSON object")
        reply = handle(request)
    except Exception as error:  # noqa: BLE001 - the page shows the message, never a Python traceback
        reply = {"error": f"{type(error).__name__}: {error}"}
    return json.dumps(reply, ensure_ascii=False)


__all__ = ["call", "handle"]
