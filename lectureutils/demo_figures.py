"""The static figures of the live demos, kept in the result layer (kind ``demos``).

``{{ demo("playground") }}`` shows, before and without JavaScript, the figure the very code the
browser runs later (``lectureutils.toy.demos``) draws with the default settings. The key is the
demo, the page's language and the sha256 of the sources the browser runs (the toy package and the
modules it imports); numpy and the interpreter
that drew it are provenance. A build only reads: a figure is drawn when the author asks
(``make precompute``, ``LECTUREUTILS_WRITE_CACHE=1``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from lectureutils.cache import Results, make_key

CACHE_KIND = "demos"
ENGINE_VERSION = 1
FIX = "python -m lectureutils precompute --kinds demos"
PACKAGE_DIR = Path(__file__).resolve().parent
TOY_DIR = PACKAGE_DIR / "toy"
CHARTS_DIR = PACKAGE_DIR / "charts"
# Modules of the package outside toy/ that the toy code imports (numbers and typography).
SHARED_MODULES = ("__init__.py", "textformat.py")
SHAPE = {"svg": str, "description": str, "counter": str, "steps": (str, None), "message": (str, None),
         "values?": {str: Any}}


def toy_sources() -> list[Path]:
    """Every Python file of ``lectureutils.toy``, the code the browser runs."""
    return sorted(path for path in TOY_DIR.rglob("*.py") if "__pycache__" not in path.parts)


def browser_sources() -> list[Path]:
    """What the browser runs: the toy package, the chart module it draws with and the package
    modules they import."""
    charts = sorted(path for path in CHARTS_DIR.rglob("*.py") if "__pycache__" not in path.parts)
    return [PACKAGE_DIR / name for name in SHARED_MODULES] + charts + toy_sources()


def code_version() -> str:
    digest = hashlib.sha256()
    for path in browser_sources():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key_parts(name: str, lang: str) -> dict[str, Any]:
    return {"engine": ENGINE_VERSION, "demo": name, "lang": lang, "code_sha256": code_version()}


def subject(name: str, lang: str) -> str:
    return f"demo figure {name} ({lang})"


def validate(result: Any) -> None:
    from lectureutils.schema import check

    check(result, SHAPE)


def static_figure(results: Results, name: str, lang: str) -> dict[str, Any]:
    """The build-time figure of demo ``name`` in ``lang``."""

    def produce():
        from lectureutils.toy import demos

        return demos.static_figure(name, lang, uid=f"demo-{name}-static"), {"device": "cpu"}

    return results.get_or_produce(
        CACHE_KIND, key_parts(name, lang), subject=subject(name, lang), produce=produce, fix=FIX,
        validate=validate,
    ).result


# --- the tokeniser playground's static figure: the default sentence pair cut by each tokenizer ---

PLAYGROUND = "tokenizer-playground"
PLAYGROUND_VERSION = 1
PLAYGROUND_SHAPE = {"html": str, "summary": Any}


def playground_key_parts(files: dict[str, Any], lang: str) -> dict[str, Any]:
    """``files``: the tokenizers' exported data (the ``tokenizer_playground`` computation's
    ``tokenizers``); their sha256 enter the key with the toy code and the sentences."""
    from lectureutils.toy.tokenize import playground

    _, _, french, english = next(p for p in playground.PRESETS if p[0] == playground.DEFAULT_PRESET)
    return {"engine": PLAYGROUND_VERSION, "demo": PLAYGROUND, "lang": lang, "code_sha256": code_version(),
            "data": {name: entry["sha256"] for name, entry in files.items()}, "texts": [french, english]}


def validate_playground(result: Any) -> None:
    from lectureutils.schema import check

    check(result, PLAYGROUND_SHAPE)


def playground_figure(results: Results, files: dict[str, Any], lang: str) -> dict[str, Any]:
    """The tokeniser playground's figure in ``lang``, drawn by the code the browser runs."""

    def produce():
        import base64

        from lectureutils.toy.tokenize import decode_file, from_data, playground

        parts = playground_key_parts(files, lang)
        tokenizers = {name: from_data(decode_file(base64.b64decode(entry["data"]))) for name, entry in files.items()}
        figure = playground.run(tokenizers, list(files), parts["texts"], lang, "tokens-static")
        return {"html": figure["html"], "summary": figure["summary"]}, {"device": "cpu"}

    return results.get_or_produce(
        CACHE_KIND, playground_key_parts(files, lang), subject=subject(PLAYGROUND, lang), produce=produce,
        fix=FIX, validate=validate_playground,
    ).result


def current_keys(requests: set[tuple[str, str]]) -> set[str]:
    """Keys of the figures the pages show, ``requests`` being (demo, language) pairs."""
    return {make_key(CACHE_KIND, key_parts(name, lang)) for name, lang in requests}


def rekey_v1(key_parts: dict[str, Any], body: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Format 1 keyed the interpreter's and numpy's minor versions: they are provenance now."""
    parts = {k: v for k, v in key_parts.items() if k not in ("python", "numpy")}
    return parts, subject(parts["demo"], parts["lang"])
