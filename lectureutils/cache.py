"""The one result layer: snippet runs, real-model computations and demo figures, all three stored,
keyed, checked and produced the same way.

Storage. One JSON file per entry, ``<cache>/<kind>/<key>.json``, named by the sha256 of its key
parts, so the French and English builds, a reader's laptop and CI all find the same entry for the
same work. Each file carries a checksum of its content.

Key policy. The key holds what was produced and from what: the kind, the producer's code version,
the inputs (source, arguments), the models' fingerprints, and for computations the library versions
recorded in the committed ``cache/compute-environment.json``. It never holds anything read from the
machine that reads it (interpreter, numpy, platform, device): a reader on another Python or numpy
minor version finds the same entries. Those go into the provenance.

Provenance format. ``provenance()`` below: date, duration, Python, numpy, platform, plus what the
producer adds (device, dtype, library and model versions for a computation).

Corruption policy. A corrupt entry (bad JSON, wrong checksum, key not matching its name) is never
rendered. A build only reads (``Results(writable=False)``, the default): a missing, stale, corrupt
or wrongly shaped entry is an error naming the fixing command, and nothing is written. When the
author asks (``make precompute``, or ``LECTUREUTILS_WRITE_CACHE=1``, or the plugin's
``write_cache: true``), ``get_or_produce`` runs the producer and writes the entry in place of a
missing, stale or corrupt one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lectureutils.errors import (
    PRECOMPUTE,
    CorruptEntryError,
    EntryMissingError,
    EntryStaleError,
    ResultShapeError,
)

FORMAT_VERSION = 2
# An explicit request to let a build produce and write entries (any non-empty value but 0/false/no).
WRITE_VARIABLE = "LECTUREUTILS_WRITE_CACHE"

log = logging.getLogger("mkdocs.plugins.lecture.results")

__all__ = [
    "CacheStore",
    "CorruptEntryError",
    "Entry",
    "Results",
    "canonical_json",
    "make_key",
    "provenance",
    "write_requested",
]


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: equal values always give equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def make_key(kind: str, key_parts: dict[str, Any]) -> str:
    """The sha256 naming an entry."""
    return hashlib.sha256(canonical_json({"kind": kind, **key_parts}).encode()).hexdigest()


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


def write_requested(default: bool = False) -> bool:
    """Whether the environment asks builds to produce and write missing entries."""
    value = os.environ.get(WRITE_VARIABLE)
    if value is None or value == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


def provenance(duration_s: float, **extra: Any) -> dict[str, Any]:
    """The one provenance format: when, how long, on what interpreter; the producer adds the rest."""
    try:
        from importlib.metadata import version

        numpy_version = version("numpy")
    except Exception:  # noqa: BLE001 - provenance never fails a run
        numpy_version = None
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(duration_s, 3),
        "python": platform.python_version(),
        "numpy": numpy_version,
        "platform": platform.platform(terse=True),
        **extra,
    }


class CacheStore:
    """The committed cache folder: ``<root>/<kind>/<key>.json``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{key}.json"

    def read_body(self, path: Path) -> dict[str, Any]:
        """A file's checked body; CorruptEntryError when damaged."""
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            body = record["body"]
            stored_checksum = record["checksum"]
        except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as error:
            raise CorruptEntryError(f"{path}: unreadable cache entry ({error})") from error
        if not isinstance(body, dict) or _checksum(body) != stored_checksum:
            raise CorruptEntryError(f"{path}: checksum mismatch (truncated or edited by hand)")
        if body.get("key") != path.stem:
            raise CorruptEntryError(f"{path}: the entry's key does not match its file name")
        return body

    def load(self, kind: str, key: str) -> dict[str, Any] | None:
        """The entry's body (``key_parts``, ``result``, ``provenance``...), or None if absent.

        Raises CorruptEntryError when the file exists but is damaged.
        """
        path = self.path(kind, key)
        if not path.exists():
            return None
        return self.read_body(path)

    def save(
        self,
        kind: str,
        key_parts: dict[str, Any],
        result: Any,
        provenance: dict[str, Any],
        subject: str,
    ) -> dict[str, Any]:
        """Write an entry atomically (a temporary file renamed into place) and return its body."""
        key = make_key(kind, key_parts)
        body = {
            "format": FORMAT_VERSION,
            "kind": kind,
            "key": key,
            "subject": subject,
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

    def bodies(self, kind: str) -> Iterator[tuple[str, dict[str, Any] | None]]:
        """(key, body) of every entry of one kind; body None when the file is corrupt."""
        for key in self.keys(kind):
            try:
                yield key, self.read_body(self.path(kind, key))
            except CorruptEntryError:
                yield key, None


@dataclass(frozen=True)
class Entry:
    body: dict[str, Any]
    produced: bool
    """True when this call ran the producer (never in a read-only build)."""

    @property
    def result(self) -> Any:
        return self.body["result"]

    @property
    def key(self) -> str:
        return self.body["key"]


class Results:
    """Reads entries, and produces them only when asked: one ``get_or_produce`` for every kind.

    ``writable`` False (every build, unless the author asks): a missing, stale, corrupt or
    wrongly shaped entry raises an error naming ``fix``; nothing runs and nothing is written.
    """

    def __init__(self, store: CacheStore, writable: bool = False):
        self.store = store
        self.writable = writable
        self.produced = 0
        self.read = 0
        self._memory: dict[tuple[str, str], Entry] = {}

    def get_or_produce(
        self,
        kind: str,
        key_parts: dict[str, Any],
        *,
        subject: str,
        produce: Callable[[], tuple[Any, dict[str, Any]]] | None,
        fix: str = PRECOMPUTE,
        validate: Callable[[Any], None] | None = None,
    ) -> Entry:
        """The entry for ``key_parts``; ``produce()`` returns ``(result, provenance extras)``.

        ``validate`` raises ResultShapeError when a result does not have its typed shape.
        """
        key = make_key(kind, key_parts)
        remembered = self._memory.get((kind, key))
        if remembered is not None:
            return remembered
        problem: Exception | None = None
        try:
            body = self.store.load(kind, key)
            if body is not None and validate is not None:
                try:
                    validate(body["result"])
                except ResultShapeError as error:
                    raise ResultShapeError(
                        f"{self.store.path(kind, key)}: {subject}: {error.message}", fix=fix
                    ) from None
        except (CorruptEntryError, ResultShapeError) as error:
            error.fix = fix
            problem, body = error, None
        if body is not None:
            entry = Entry(body, produced=False)
            self.read += 1
        else:
            if not self.writable or produce is None:
                raise problem or self._missing(kind, key, subject, fix)
            if problem is not None:
                log.info("%s; producing %s again", problem, subject)
            entry = self.produce(kind, key_parts, subject=subject, produce=produce, validate=validate)
        self._memory[(kind, key)] = entry
        return entry

    def produce(
        self,
        kind: str,
        key_parts: dict[str, Any],
        *,
        subject: str,
        produce: Callable[[], tuple[Any, dict[str, Any]]],
        validate: Callable[[Any], None] | None = None,
    ) -> Entry:
        """Run the producer and write its entry, whatever is on disk (``precompute --force``)."""
        started = time.perf_counter()
        result, extra = produce()
        if validate is not None:
            validate(result)
        body = self.store.save(
            kind, key_parts, result, provenance(time.perf_counter() - started, **extra), subject
        )
        self.produced += 1
        entry = Entry(body, produced=True)
        self._memory[(kind, make_key(kind, key_parts))] = entry
        return entry

    def _missing(self, kind: str, key: str, subject: str, fix: str) -> EntryMissingError:
        """Missing, or stale when an entry for the same subject exists under other inputs."""
        bodies = [body for _, body in self.store.bodies(kind) if body]
        older = [body["key"] for body in bodies if body.get("subject") == subject]
        old_format = any(body.get("format") != FORMAT_VERSION for body in bodies)
        hint = (
            "; entries of an older cache format exist: `python -m lectureutils migrate` re-keys them"
            if old_format else ""
        )
        if older:
            return EntryStaleError(
                f"stale cache entry for {subject}: its inputs changed (old key {older[0][:12]}, "
                f"new key {key[:12]}){hint}",
                fix=fix,
            )
        return EntryMissingError(f"no cache entry for {subject} (key {key[:12]}){hint}", fix=fix)

    def status(self, kind: str, key_parts: dict[str, Any], validate=None) -> str:
        """fresh, missing, corrupt or shape (wrongly shaped result), without producing anything."""
        key = make_key(kind, key_parts)
        try:
            body = self.store.load(kind, key)
        except CorruptEntryError:
            return "corrupt"
        if body is None:
            return "missing"
        if validate is not None:
            try:
                validate(body["result"])
            except ResultShapeError:
                return "shape"
        return "fresh"

    def forget(self) -> None:
        """Drop what this build read (``mkdocs serve`` rebuilds read again from disk)."""
        self._memory.clear()
        self.produced = self.read = 0
