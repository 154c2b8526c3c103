"""Three real tokenizers in pure Python (standard library only), identical to Hugging Face's.

- ``minilm``: WordPiece with all-MiniLM-L6-v2's BERT vocabulary (``wordpiece``);
- ``smollm2``: byte-level BPE with SmolLM2's vocabulary and merges (``bytebpe``);
- ``xlmr``: SentencePiece Unigram with XLM-R's vocabulary and scores (``unigram``).

``load(NAME).encode(text)`` gives the ids the Hugging Face tokenizer of the project gives
(``lectureutils.compute.models.load_tokenizer(NAME)``, called without special tokens). The
vocabulary data is exported from those very tokenizers by ``make precompute`` (computation
``tokenizer_playground`` in ``lectureutils.compute.vocabulary``) into the committed cache; in
CPython ``load`` reads it from there. In the reader's browser the same files run on the bare
Pyodide core: the page fetches one tokenizer's data when the reader selects it and hands it to
``from_data`` (see ``api.py``).

Used in: docs/tokenisation.*.md (the tokeniser playground).
"""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

from .base import Tokenizer
from .bytebpe import ByteLevelBPE
from .unigram import Unigram
from .wordpiece import WordPiece

NAMES = ("minilm", "smollm2", "xlmr")
FORMAT = 1
COMPUTATION = "tokenizer_playground"
_KINDS = {"wordpiece": WordPiece, "bytelevel-bpe": ByteLevelBPE, "unigram": Unigram}
_LOADED: dict[str, Tokenizer] = {}


def from_data(data: dict) -> Tokenizer:
    """A tokenizer from its exported data (the dict of one decompressed JSON file)."""
    if data.get("format") != FORMAT:
        raise ValueError(f"tokenizer data of format {data.get('format')!r}; this code reads format {FORMAT}")
    try:
        kind = _KINDS[data["kind"]]
    except KeyError:
        raise ValueError(f"unknown tokenizer kind {data.get('kind')!r}") from None
    return kind(data)


def decode_file(blob: bytes) -> dict:
    """The data of one exported file (gzip-compressed JSON)."""
    return json.loads(gzip.decompress(blob).decode("utf-8"))


def cached_files(cache_root: Path | None = None) -> dict:
    """The committed export: ``{name: {"data": base64 gzip, "sha256", "bytes", ...}}`` (CPython only)."""
    from lectureutils.cache import CacheStore, Results
    from lectureutils.compute.engine import ComputeEngine

    root = Path(cache_root) if cache_root else Path(__file__).resolve().parents[3] / "cache"
    return ComputeEngine(Results(CacheStore(root))).get(COMPUTATION, {}).result["tokenizers"]


def load(name: str, cache_root: Path | None = None) -> Tokenizer:
    """The tokenizer ``name`` (one of ``NAMES``), built from the committed cache (CPython only)."""
    if name not in NAMES:
        raise ValueError(f"unknown tokenizer {name!r} (known: {', '.join(NAMES)})")
    key = f"{cache_root}|{name}"
    if key not in _LOADED:
        entry = cached_files(cache_root)[name]
        _LOADED[key] = from_data(decode_file(base64.b64decode(entry["data"])))
    return _LOADED[key]


__all__ = ["NAMES", "Tokenizer", "decode_file", "from_data", "load"]
