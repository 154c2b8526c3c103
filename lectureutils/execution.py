"""Runs snippets at build time, one subprocess each, and caches what they print and draw.

Used by the site plugin for every ``{{ snippet("...") }}`` of every page. The cache key is the
snippet's source, the source of the ``lectureutils`` modules it imports, the interpreter's
major.minor version and numpy's: a reader's build with the same files executes nothing.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lectureutils.cache import CacheStore, CorruptEntryError, make_key
from lectureutils.figures import FIGURE_DIR_VARIABLE
from lectureutils.glue import VALUES_FILE

ENGINE_VERSION = 1
CACHE_KIND = "snippets"
# The page's language, for the snippets whose output has words (lectureutils/site/snippet_display.py).
LANGUAGE_VARIABLE = "LECTURE_LANG"
# Set by the tests: each real execution appends the snippet's path to this file.
EXECUTION_LOG_VARIABLE = "LECTUREUTILS_EXECUTION_LOG"

log = logging.getLogger(__name__)


class SnippetError(Exception):
    """A snippet is missing, failed or timed out; the message names the file and the line."""

    def __init__(self, snippet: str, message: str):
        super().__init__(message)
        self.snippet = snippet


@dataclass(frozen=True)
class SnippetResult:
    stdout: str
    figures: tuple[str, ...]
    executed: bool
    values: dict[str, Any] = field(default_factory=dict)
    """What the snippet passed to ``lectureutils.glue.glue``: the prose quotes these."""


def _major_minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def _library_versions() -> dict[str, str]:
    import numpy

    return {"python": _major_minor(platform.python_version()), "numpy": _major_minor(numpy.__version__)}


def _local_module_sources(source: str, package_root: Path) -> dict[str, str]:
    """sha256 of each ``lectureutils`` module the snippet imports, so editing one re-runs it."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    digests = {}
    for module in sorted(name for name in modules if name.split(".")[0] == "lectureutils"):
        relative = Path(*module.split("."))
        for candidate in (relative.with_suffix(".py"), relative / "__init__.py"):
            path = package_root / candidate
            if path.is_file():
                digests[module] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def snippet_key_parts(source: str, package_root: Path) -> dict[str, Any]:
    return {
        "engine": ENGINE_VERSION,
        "source_sha256": hashlib.sha256(source.encode()).hexdigest(),
        "local_modules": _local_module_sources(source, package_root),
        "versions": _library_versions(),
    }


def _failure_location(stderr: str, script: Path) -> str:
    """The last ``File "<snippet>", line N`` of a traceback, or an empty string."""
    lines = re.findall(rf'File "{re.escape(str(script))}", line (\d+)', stderr)
    return f", line {lines[-1]}" if lines else ""


class SnippetRunner:
    """Executes snippets under ``snippets_dir`` and memoises them in the cache store."""

    def __init__(self, snippets_dir: Path, store: CacheStore, timeout: float, package_root: Path):
        self.snippets_dir = Path(snippets_dir)
        self.store = store
        self.timeout = timeout
        self.package_root = Path(package_root)

    def resolve(self, name: str) -> Path:
        path = (self.snippets_dir / name).resolve()
        if self.snippets_dir.resolve() not in path.parents or path.suffix != ".py":
            raise SnippetError(name, f"snippet {name!r}: must be a .py file inside {self.snippets_dir}")
        if not path.is_file():
            available = sorted(
                str(p.relative_to(self.snippets_dir)) for p in self.snippets_dir.rglob("*.py")
            )
            hint = f" Known snippets: {', '.join(available)}." if available else ""
            raise SnippetError(name, f"snippet {name!r} not found in {self.snippets_dir}.{hint}")
        return path

    def run(self, name: str, lang: str | None = None) -> SnippetResult:
        """The snippet's result; one per language (``lang``) when its output has words, that is when
        it reads the language variable (``lectureutils.site.snippet_display``)."""
        path = self.resolve(name)
        source = path.read_text(encoding="utf-8")
        key_parts = snippet_key_parts(source, self.package_root)
        if lang is not None and LANGUAGE_VARIABLE in source:
            key_parts["lang"] = lang
        else:
            lang = None
        key = make_key(CACHE_KIND, key_parts)
        try:
            body = self.store.load(CACHE_KIND, key)
        except CorruptEntryError as error:
            log.warning("%s; running snippet %s again", error, name)
            body = None
        if body is not None:
            result = body["result"]
            return SnippetResult(result["stdout"], tuple(result["figures"]), executed=False,
                                 values=result.get("values", {}))
        stdout, figures, values, seconds = self._execute(name, path, lang)
        provenance = {
            "snippet": name,
            "python": platform.python_version(),
            "platform": platform.platform(terse=True),
            "duration_s": round(seconds, 3),
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        self.store.save(CACHE_KIND, key_parts, {"stdout": stdout, "figures": figures, "values": values},
                        provenance)
        return SnippetResult(stdout, tuple(figures), executed=True, values=values)

    def _execute(self, name: str, path: Path, lang: str | None = None) -> tuple[str, list[str], dict[str, Any], float]:
        execution_log = os.environ.get(EXECUTION_LOG_VARIABLE)
        if execution_log:
            with open(execution_log, "a", encoding="utf-8") as stream:
                stream.write(name + "\n")
        with tempfile.TemporaryDirectory(prefix="lecture-snippet-") as workdir:
            env = {
                **os.environ,
                FIGURE_DIR_VARIABLE: workdir,
                "PYTHONHASHSEED": "0",
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(self.package_root), os.environ.get("PYTHONPATH")])
                ),
                "PYTHONIOENCODING": "utf-8",
            }
            if lang is not None:
                env[LANGUAGE_VARIABLE] = lang
            started = time.perf_counter()
            try:
                completed = subprocess.run(
                    [sys.executable, str(path)],
                    cwd=workdir,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=self.timeout,
                )
            except subprocess.TimeoutExpired as error:
                raise SnippetError(
                    name, f"snippet {name} timed out after {self.timeout:g} s (file {path})"
                ) from error
            seconds = time.perf_counter() - started
            if completed.returncode != 0:
                last_line = (completed.stderr.strip().splitlines() or ["(no error message)"])[-1]
                raise SnippetError(
                    name,
                    f"snippet {name} failed (file {path}{_failure_location(completed.stderr, path)}): "
                    f"{last_line}"
                )
            figures = [
                figure.read_text(encoding="utf-8") for figure in sorted(Path(workdir).glob("*.svg"))
            ]
            glued = Path(workdir) / VALUES_FILE
            values = json.loads(glued.read_text(encoding="utf-8")) if glued.is_file() else {}
        return completed.stdout, figures, values, seconds


def unused_snippet_entries(snippets_dir: Path, store: CacheStore, package_root: Path) -> list[str]:
    """Keys of snippet entries that no current snippet file would look up (``prune`` removes them)."""
    current = set()
    for path in Path(snippets_dir).rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        parts = snippet_key_parts(source, package_root)
        if LANGUAGE_VARIABLE in source:
            # Looked up once per language; the languages are the pages'.
            current.update(make_key(CACHE_KIND, {**parts, "lang": lang}) for lang in ("fr", "en"))
        else:
            current.add(make_key(CACHE_KIND, parts))
    return [key for key in store.keys(CACHE_KIND) if key not in current]
