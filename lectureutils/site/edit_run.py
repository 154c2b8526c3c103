"""« Modifier et exécuter » / "Edit and run": what the browser needs to run a snippet, decided at build time.

Used by the snippet directive (``lectureutils.site.directives.snippet``), which puts under every
snippet's output either the configuration of its Edit and run button or the reason it cannot run
in the browser, and by the plugin, which adds the Python files those runs import to the site
(``assets/demos/py/``, next to the demos' toy code: the same files as at build time, one source).

A snippet runs in the browser when everything it imports, directly or through the ``lectureutils``
modules it imports, is the standard library, numpy (Pyodide's wheel) or a ``lectureutils`` module
that itself needs nothing else. The decision reads the imports statically (``ast``), so a snippet
that needs torch or a model says so on the page instead of offering a run that would fail.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PACKAGE = PACKAGE_DIR.name
RUNNER = PACKAGE_DIR / "reader_run.py"
"""The module the page's Python worker runs a reader's code with (``lectureutils.reader_run``)."""
BROWSER_PACKAGES = frozenset({"numpy"})
"""Packages of the Pyodide distribution a snippet may import (pinned like the build's numpy)."""
SOURCES_FOLDER = "assets/demos/py/"


@dataclass(frozen=True)
class BrowserNeeds:
    files: tuple[Path, ...]
    """The ``lectureutils`` files the run imports (with the package's ``__init__.py`` files)."""
    packages: tuple[str, ...]
    """Pyodide packages to load first (``numpy``)."""
    missing: tuple[str, ...]
    """Top-level modules the browser cannot have (``torch``, ``transformers``…): empty if it runs."""

    @property
    def runnable(self) -> bool:
        return not self.missing


def _imports(tree: ast.AST, module: str) -> set[str]:
    """Absolute names of the modules ``tree`` imports (relative imports resolved against ``module``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.split(".")[: -node.level]
                base = ".".join(parent + ([base] if base else []))
            if base:
                names.add(base)
                # ``from lectureutils import glue`` imports the module lectureutils.glue.
                names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


@lru_cache(maxsize=512)
def _imported_names(text: str, module: str) -> tuple[str, ...]:
    """``_imports`` of a module's text, sorted; parsed once per text (every build asks it of every
    snippet and of the modules they import, in each language)."""
    return tuple(sorted(_imports(ast.parse(text), module)))


def _module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    if not parts:
        return PACKAGE_DIR / "__init__.py"
    relative = Path(*parts)
    for candidate in (PACKAGE_DIR / relative.with_suffix(".py"), PACKAGE_DIR / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=256)
def needs(source: str) -> BrowserNeeds:
    """What running ``source`` (a snippet) imports: package files, Pyodide packages, missing modules.

    Worked out once per snippet text in a process (each page and each language asks it): the
    package's own files do not change under a running build or server, as the build memo's
    ``renderer_version`` already assumes."""
    files: set[Path] = set()
    packages: set[str] = set()
    missing: set[str] = set()
    queue = [(source, "__main__")]
    seen: set[str] = set()
    while queue:
        text, module = queue.pop()
        for name in _imported_names(text, module):
            top = name.split(".")[0]
            if top == PACKAGE:
                path = _module_file(name)
                if path is None or path in files:
                    continue  # an attribute imported from a module (``from x import name``), or known
                files.add(path)
                # Every package above the module runs its __init__.py first.
                for parent in path.relative_to(PACKAGE_DIR).parents:
                    init = PACKAGE_DIR / parent / "__init__.py"
                    if init.is_file() and init not in files:
                        files.add(init)
                        queue.append((init.read_text(encoding="utf-8"), _dotted(init)))
                if name not in seen:
                    seen.add(name)
                    queue.append((path.read_text(encoding="utf-8"), _dotted(path)))
            elif top in BROWSER_PACKAGES:
                packages.add(top)
            elif top not in sys.stdlib_module_names and top != "__future__":
                missing.add(top)
    return BrowserNeeds(tuple(sorted(files)), tuple(sorted(packages)), tuple(sorted(missing)))


def _dotted(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def site_path(path: Path) -> str:
    """Where the build puts a package file in the site (the Python worker fetches it from there)."""
    return f"{PACKAGE}/{path.relative_to(PACKAGE_DIR).as_posix()}"


def browser_sources(sources: list[str]) -> list[tuple[str, Path]]:
    """(path in the site, file) of every file the runs of these snippets import, and the runner."""
    files = {RUNNER, PACKAGE_DIR / "__init__.py"}
    for source in sources:
        files.update(needs(source).files)
    return [(SOURCES_FOLDER + site_path(path), path) for path in sorted(files)]
