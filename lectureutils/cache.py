"""Content-addressed store of build-time results (snippet runs and real-model computations).

One JSON file per entry, named by the sha256 of its key parts, so the French and English builds,
a reader's laptop and CI all find the same entry for the same work. Each file carries a checksum
of its content: a truncated or hand-edited entry is detected instead of being rendered.
Provenance (device, duration, date) is stored beside the result but never enters the key.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1


class CorruptEntryError(Exception):
    """An entry exists on disk but cannot be trusted (bad JSON, wrong checksum, wrong key)."""


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: equal values always give equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def make_key(kind: str, key_parts: dict[str, Any]) -> str:
    """The sha256 naming an entry: what ran, its code version, its inputs, library versions."""
    return hashlib.sha256(canonical_json({"kind": kind, **key_parts}).encode()).hexdigest()


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


class CacheStore:
    """The committed cache folder: ``<root>/<kind>/<key>.json``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{key}.json"

    def load(self, kind: str, key: str) -> dict[str, Any] | None:
        """The entry's body (``key_parts``, ``result``, ``provenance``), or None if absent.

        Raises CorruptEntryError when the file exists but is damaged.
        """
        path = self.path(kind, key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            record = json.loads(text)
            body = record["body"]
            stored_checksum = record["checksum"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise CorruptEntryError(f"{path}: unreadable cache entry ({error})") from error
        if _checksum(body) != stored_checksum:
            raise CorruptEntryError(f"{path}: checksum mismatch (truncated or edited by hand)")
        if body.get("key") != key:
            raise CorruptEntryError(f"{path}: the entry's key does not match its file name")
        return body

    def save(
        self,
        kind: str,
        key_parts: dict[str, Any],
        result: Any,
        provenance: dict[str, Any],
    ) -> dict[str, Any]:
        """Write an entry atomically (a temporary file renamed into place) and return its body."""
        key = make_key(kind, key_parts)
        body = {
            "format": FORMAT_VERSION,
            "kind": kind,
            "key": key,
            "key_parts": key_parts,
            "result": result,
            "provenance": provenance,
        }
        record = {"checksum": _checksum(body), "body": body}
        path = self.path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump(record, stream, ensure_ascii=False, indent=1, sort_keys=True)
                stream.write("\n")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return body

    def keys(self, kind: str) -> Iterator[str]:
        """Keys of every entry of one kind on disk."""
        folder = self.root / kind
        if folder.is_dir():
            for path in sorted(folder.glob("*.json")):
                yield path.stem

    def remove(self, kind: str, key: str) -> None:
        self.path(kind, key).unlink(missing_ok=True)
