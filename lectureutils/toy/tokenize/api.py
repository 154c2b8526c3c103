"""The tokeniser playground's requests (JSON in, JSON out), answered in Pyodide or CPython.

Reached through ``lectureutils.toy.api.call``, the one door of every live demo (see
``lectureutils/toy/demos/api.py`` for the transport). Requests:

- ``{"op": "tokens-load", "name": NAME, "data": TEXT}``: build tokenizer NAME from the text of its
  exported JSON file (the page fetched and decompressed it) → ``{"ok", "name", "vocabulary", "seconds"}``
- ``{"op": "tokens-run", "tokenizers": [...], "texts": [one] or [french, english], "lang", "uid"}``
  → ``{"html", "summary", "results"}`` (results: ids, pieces, counts, words per text)
- ``{"op": "tokens-loaded"}`` → ``{"loaded": [...]}``
"""

from __future__ import annotations

import json
import time

from . import NAMES, from_data
from .playground import run

_tokenizers: dict = {}


def handle(request: dict) -> dict:
    op = request.get("op")
    if op == "tokens-load":
        name = request.get("name")
        if name not in NAMES:
            raise ValueError(f"unknown tokenizer {name!r} (known: {', '.join(NAMES)})")
        started = time.perf_counter()
        data = json.loads(request.get("data") or "null")
        if not isinstance(data, dict) or data.get("name") != name:
            raise ValueError(f"the file fetched for {name!r} holds another tokenizer's data")
        _tokenizers[name] = from_data(data)
        return {"ok": True, "name": name, "vocabulary": _tokenizers[name].vocabulary_size,
                "seconds": round(time.perf_counter() - started, 3)}
    if op == "tokens-loaded":
        return {"loaded": sorted(_tokenizers)}
    if op == "tokens-run":
        names = [str(name) for name in request.get("tokenizers") or []]
        missing = [name for name in names if name not in _tokenizers]
        if missing:
            raise KeyError(f"tokenizer(s) not loaded: {', '.join(missing)}")
        texts = request.get("texts")
        if not isinstance(texts, list) or not 1 <= len(texts) <= 2:
            raise ValueError("texts: one sentence, or a French and an English one")
        return run(_tokenizers, names, [str(text) for text in texts], str(request.get("lang")),
                   str(request.get("uid") or "tokens-live"))
    raise ValueError(f"unknown request {op!r}")
