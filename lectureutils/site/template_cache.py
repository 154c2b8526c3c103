"""The theme's Jinja templates compiled once, not at every build.

MkDocs makes a new Jinja environment for every build (each language of a static-i18n build, each
rebuild of ``mkdocs serve``) and compiles Material's templates in it again: about 85 templates, a
large share of a warm build's template time. Jinja's own bytecode cache keeps the compiled code on
disk (``.cache/jinja-bytecode/``, git-ignored), checked against each template's source: a changed
template (``overrides/``, a new Material) is compiled again. What Jinja's key leaves out, the
environment's settings and extensions (static-i18n adds ``loopcontrols``), names the folder, so
code compiled under other settings is never read.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jinja2

FOLDER = Path(".cache") / "jinja-bytecode"
_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
             "autoescape", "finalize", "undefined", "is_async")


def _named(value) -> str:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return json.dumps(value)
    kind = value if hasattr(value, "__qualname__") else type(value)
    return f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', '')}"


def install(env: jinja2.Environment, project_root: Path) -> None:
    """Give ``env`` a bytecode cache under ``project_root``'s ``.cache/`` (nothing on a read-only
    checkout: the templates are then compiled as before)."""
    signature = json.dumps({
        "jinja": jinja2.__version__,
        "settings": {name: _named(getattr(env, name, None)) for name in _SETTINGS},
        "extensions": sorted(env.extensions),
    }, sort_keys=True)
    folder = Path(project_root) / FOLDER / hashlib.sha256(signature.encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
