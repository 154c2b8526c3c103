"""The build memo: what the build's costly, deterministic steps produced, kept by their input.

A warm ``mkdocs build`` and every rebuild of ``mkdocs serve`` run the same steps on the same input:
Markdown to HTML, the glossary marks, the French typography pass over every page, the pairing of
the side-by-side pages. Each such step is a function of its input (the text it transforms and the
few settings it reads); the memo keeps its output under a key made of

- the step's name and everything it reads (the caller passes each part: the page's Markdown, its
  address, the glossary file…),
- the renderer's version: a hash of the ``lectureutils`` sources and the versions of the libraries
  that write HTML (MkDocs, Material, Python-Markdown, PyMdown Extensions, Pygments, static-i18n).

So an entry can only be reused for the very input that produced it, with the same code. Entries
live in memory (the ``mkdocs serve`` process keeps them between rebuilds) and under
``.cache/build-memo/<step>/`` next to ``mkdocs.yml`` (git-ignored, a build artefact like
``site/``: deleting it only makes the next build slower): ``<key>.txt``, the UTF-8 text, for a
step that keeps text (:meth:`Memo.text`: whole pages, read back without decoding JSON escapes),
``<key>.json`` for one that keeps data. The committed ``cache/`` is never
touched. After each full build, the entries that build did not use are deleted (:meth:`prune`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

FOLDER = Path(".cache") / "build-memo"
# The libraries whose output the memoised steps keep.
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "mkdocs-static-i18n")
_PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A hash of the ``lectureutils`` sources and the HTML-writing libraries' versions."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


def _digest(step: str, parts: tuple[str | bytes, ...]) -> str:
    digest = hashlib.sha256(f"{step}\0{renderer_version()}".encode())
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        # Length-prefixed: ("ab", "c") and ("a", "bc") are different inputs.
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class Memo:
    """One project's memo (``root``: its ``.cache/build-memo``; None keeps it in memory only)."""

    def __init__(self, root: Path | None):
        self.root = root
        self.memory: dict[tuple[str, str], Any] = {}
        self.used: dict[str, set[str]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, step: str, key: str) -> Any | None:
        self.used.setdefault(step, set()).add(key)
        value = self.memory.get((step, key))
        if value is None and self.root is not None:
            try:
                value = json.loads((self.root / step / f"{key}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                value = None
            if value is not None:
                self.memory[(step, key)] = value
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, step: str, key: str, value: Any) -> None:
        self.used.setdefault(step, set()).add(key)
        self.memory[(step, key)] = value
        self._write(step, f"{key}.json", json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def _write(self, step: str, name: str, data: bytes) -> None:
        if self.root is None:
            return
        folder = self.root / step
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary = folder / f"{name}.{os.getpid()}.tmp"
            temporary.write_bytes(data)
            temporary.replace(folder / name)
        except OSError:
            pass  # a read-only checkout: the memo stays in memory

    def text(self, step: str, compute: Callable[[], str], *parts: str | bytes) -> str:
        """``compute()`` (a string), or what it returned before for the same ``parts`` and code."""
        key = _digest(step, parts)
        self.used.setdefault(step, set()).add(key)
        value = self.memory.get((step, key))
        if value is None and self.root is not None:
            try:
                # Bytes, not text mode: a page's "\r" must come back as it was written.
                value = (self.root / step / f"{key}.txt").read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                value = None
        if isinstance(value, str):
            self.memory[(step, key)] = value
            self.hits += 1
            return value
        self.misses += 1
        value = compute()
        self.memory[(step, key)] = value
        self._write(step, f"{key}.txt", value.encode("utf-8"))
        return value

    def value(self, step: str, compute: Callable[[], Any], *parts: str | bytes) -> Any:
        """``compute()`` (JSON data: lists, dicts, strings, numbers), or what it returned before
        for the same ``parts`` and code."""
        key = _digest(step, parts)
        value = self.get(step, key)
        if value is not None:
            return value
        value = compute()
        self.put(step, key, value)
        return value

    def key(self, step: str, *parts: str | bytes) -> str:
        return _digest(step, parts)

    def prune(self, *steps: str) -> int:
        """Forget the entries of ``steps`` that the build now ending did not use; returns how many."""
        removed = 0
        for step in steps:
            used = self.used.pop(step, set())
            for key in [key for (name, key) in self.memory if name == step and key not in used]:
                del self.memory[(step, key)]
            folder = self.root / step if self.root is not None else None
            if folder is None or not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.suffix in (".json", ".txt") and path.stem not in used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


_MEMOS: dict[Path, Memo] = {}


def for_project(config_file_path: str | os.PathLike) -> Memo:
    """The memo of the project whose ``mkdocs.yml`` is ``config_file_path``, shared by the
    plugins and kept for the life of the process (every rebuild of ``mkdocs serve``)."""
    root = Path(config_file_path).resolve().parent / FOLDER
    memo = _MEMOS.get(root)
    if memo is None:
        memo = _MEMOS[root] = Memo(root)
    return memo
