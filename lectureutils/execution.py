"""Runs snippets, one subprocess each, and keeps what they print and draw in the result layer.

Used by the site plugin for every ``{{ snippet("...") }}`` of every page, by the lab notebooks and
by ``python -m lectureutils precompute``. The cache key is the snippet's source and the source of
the ``lectureutils`` modules it imports; the interpreter and numpy versions that ran it are
provenance (numpy is pinned in pyproject.toml). A build only reads: a snippet runs when the author
asks (``make precompute``, ``LECTUREUTILS_WRITE_CACHE=1``).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lectureutils.cache import Results, make_key
from lectureutils.errors import DirectiveError, ExecutionError
from lectureutils.figures import FIGURE_DIR_VARIABLE
from lectureutils.glue import VALUES_FILE

ENGINE_VERSION = 1
CACHE_KIND = "snippets"
FIX = "python -m lectureutils precompute --kinds snippets"
# The page's language, for the snippets whose output has words (lectureutils/site/snippet_display.py).
LANGUAGE_VARIABLE = "LECTURE_LANG"
# Set by the tests: each real execution appends the snippet's path to this file.
EXECUTION_LOG_VARIABLE = "LECTUREUTILS_EXECUTION_LOG"


class SnippetError(ExecutionError):
    """A snippet failed or timed out; the message names the file and the line."""

    def __init__(self, snippet: str, message: str):
        super().__init__(message)
        self.snippet = snippet


class UnknownSnippetError(DirectiveError):
    """A page names a snippet file that does not exist."""


@dataclass(frozen=True)
class SnippetResult:
    stdout: str
    figures: tuple[str, ...]
    executed: bool
    values: dict[str, Any] = field(default_factory=dict)
    """What the snippet passed to ``lectureutils.glue.glue``: the prose quotes these."""


def _local_module_sources(source: str, package_root: Path) -> dict[str, str]:
    """sha256 of each ``lectureutils`` module the snippet imports, so editing one re-runs it."""
    digests = {}
    for module in _lectureutils_imports(source):
        relative = Path(*module.split("."))
        for candidate in (relative.with_suffix(".py"), relative / "__init__.py"):
            path = package_root / candidate
            if path.is_file():
                digests[module] = _file_sha256(path)
    return digests


@lru_cache(maxsize=1024)
def _lectureutils_imports(source: str) -> tuple[str, ...]:
    """The ``lectureutils`` modules ``source`` imports, sorted (parsed once per source text: every
    build asks for each snippet's key several times)."""
    if "lectureutils" not in source:
        return ()  # no import statement can name it
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return tuple(sorted(name for name in modules if name.split(".")[0] == "lectureutils"))


_FILE_DIGESTS: dict[Path, tuple[int, int, str]] = {}


def _file_sha256(path: Path) -> str:
    """sha256 of the file, hashed again only when its size or modification time changed."""
    status = path.stat()
    known = _FILE_DIGESTS.get(path)
    if known is not None and known[:2] == (status.st_mtime_ns, status.st_size):
        return known[2]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    _FILE_DIGESTS[path] = (status.st_mtime_ns, status.st_size, digest)
    return digest


def snippet_key_parts(source: str, package_root: Path) -> dict[str, Any]:
    return {
        "engine": ENGINE_VERSION,
        "source_sha256": hashlib.sha256(source.encode()).hexdigest(),
        "local_modules": _local_module_sources(source, package_root),
    }


def subject(name: str, lang: str | None = None) -> str:
    return f"snippet {name}" + (f" ({lang})" if lang else "")


def speaks(source: str) -> bool:
    """Whether the snippet's output has words in the page's language (it reads LANGUAGE_VARIABLE):
    then it has one entry per language (lectureutils/site/snippet_display.py)."""
    return LANGUAGE_VARIABLE in source


def validate(result: Any) -> None:
    from lectureutils.schema import check

    check(result, {"stdout": str, "figures": [str], "values?": {str: Any}})


def _failure_location(stderr: str, script: Path) -> str:
    """The last ``File "<snippet>", line N`` of a traceback, or an empty string."""
    lines = re.findall(rf'File "{re.escape(str(script))}", line (\d+)', stderr)
    return f", line {lines[-1]}" if lines else ""


class SnippetRunner:
    """Snippets under ``snippets_dir``, read from (or, when asked, run into) the result layer."""

    def __init__(self, snippets_dir: Path, results: Results, timeout: float, package_root: Path):
        self.snippets_dir = Path(snippets_dir)
        self.results = results
        self.timeout = timeout
        self.package_root = Path(package_root)
        self.snippets_root = self.snippets_dir.resolve()

    def resolve(self, name: str) -> Path:
        path = (self.snippets_root / name).resolve()
        if self.snippets_root not in path.parents or path.suffix != ".py":
            raise UnknownSnippetError(f"snippet {name!r}: must be a .py file inside {self.snippets_dir}")
        if not path.is_file():
            available = sorted(
                str(p.relative_to(self.snippets_dir)) for p in self.snippets_dir.rglob("*.py")
            )
            hint = f" Known snippets: {', '.join(available)}." if available else ""
            raise UnknownSnippetError(f"snippet {name!r} not found in {self.snippets_dir}.{hint}")
        return path

    def language_of(self, name: str, lang: str | None) -> str | None:
        """``lang`` when the snippet's output depends on it, else None (one entry for both)."""
        return lang if lang is not None and speaks(self.resolve(name).read_text(encoding="utf-8")) else None

    def key_parts(self, name: str, lang: str | None = None) -> dict[str, Any]:
        parts = snippet_key_parts(self.resolve(name).read_text(encoding="utf-8"), self.package_root)
        lang = self.language_of(name, lang)
        return {**parts, "lang": lang} if lang else parts

    def run(self, name: str, lang: str | None = None) -> SnippetResult:
        """The snippet's result; one per language (``lang``) when its output has words, that is when
        it reads the language variable (``lectureutils.site.snippet_display``)."""
        path = self.resolve(name)
        source = path.read_text(encoding="utf-8")
        lang = lang if lang is not None and speaks(source) else None
        parts = snippet_key_parts(source, self.package_root)
        if lang:
            parts["lang"] = lang

        def produce():
            stdout, figures, values = self._execute(name, path, lang)
            return {"stdout": stdout, "figures": figures, "values": values}, {"snippet": name}

        entry = self.results.get_or_produce(
            CACHE_KIND, parts, subject=subject(name, lang), produce=produce, fix=FIX,
            validate=validate,
        )
        result = entry.result
        return SnippetResult(result["stdout"], tuple(result["figures"]), entry.produced, result.get("values", {}))

    def _execute(self, name: str, path: Path, lang: str | None = None) -> tuple[str, list[str], dict[str, Any]]:
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
        return completed.stdout, figures, values


def current_keys(snippets_dir: Path, package_root: Path, languages=("fr", "en")) -> set[str]:
    """The keys every snippet file would look up now (per language when its output has words),
    whatever the interpreter."""
    current = set()
    for path in Path(snippets_dir).rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        parts = snippet_key_parts(source, package_root)
        if speaks(source):
            current.update(make_key(CACHE_KIND, {**parts, "lang": lang}) for lang in languages)
        else:
            current.add(make_key(CACHE_KIND, parts))
    return current


def rekey_v1(key_parts: dict[str, Any], body: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Format 1 keyed the interpreter's and numpy's minor versions: they are provenance now."""
    parts = {k: v for k, v in key_parts.items() if k != "versions"}
    return parts, subject(body["provenance"]["snippet"], parts.get("lang"))
