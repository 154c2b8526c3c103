"""The compute environment's fingerprint: model sha256s and major library versions.

The interpreter is not part of it: the Python that ran a computation is in the entry's provenance.

``make precompute`` measures it and writes it to ``cache/compute-environment.json`` (committed).
The site build reads that file to compute cache keys, so it needs neither torch nor the model
packages. When precompute finds a different environment (a new model file, torch 2.14 instead of
2.13), it rewrites the file: every key changes, the old entries become stale and are recomputed,
and ``python -m lectureutils prune`` removes them.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from lectureutils.compute import models
from lectureutils.errors import EntryMissingError

FILE_NAME = "compute-environment.json"
FORMAT = 1
# The libraries whose major.minor version enters every key (a patch release does not).
KEY_LIBRARIES = ("torch", "transformers", "tokenizers", "spacy", "mistral-common", "numpy")
# Also shown in provenance lines (not in keys).
EXTRA_LIBRARIES = ("gguf", "accelerate", "sentencepiece", "safetensors")


class EnvironmentMissingError(EntryMissingError):
    """The committed environment file is missing or unreadable: no compute key can be made."""


def major_minor(version: str) -> str:
    return ".".join(version.split("+")[0].split(".")[:2])


def library_versions(names=KEY_LIBRARIES) -> dict[str, str | None]:
    """Installed versions, read from package metadata (nothing is imported)."""
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def measure(model_ids=None) -> dict[str, Any]:
    """The live environment (needs the model packages installed, not torch imported)."""
    ids = list(model_ids or models.MODELS)
    found: dict[str, Any] = {}
    for model_id in ids:
        if not models.is_installed(model_id):
            continue
        found[model_id] = {
            "sha256": models.fingerprint(model_id),
            "package": f"{models.spec(model_id).package}=={models.package_version(model_id)}",
        }
    full = library_versions()
    return {
        "format": FORMAT,
        "libraries": {name: major_minor(v) if v else None for name, v in full.items()},
        "models": found,
    }


def path(cache_root: Path) -> Path:
    return Path(cache_root) / FILE_NAME


def read(cache_root: Path) -> dict[str, Any]:
    file = path(cache_root)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EnvironmentMissingError(
            f"{file} is missing: run `make precompute` to compute the real-model results "
            "and record the models and library versions they used"
        ) from None
    except ValueError as error:
        raise EnvironmentMissingError(f"{file} is not valid JSON ({error}): run `make precompute`") from None
    if data.get("format") != FORMAT:
        raise EnvironmentMissingError(f"{file} has an unknown format: run `make precompute`")
    return data


def write(cache_root: Path, environment: dict[str, Any]) -> bool:
    """Write the file if it changed; True when it did."""
    file = path(cache_root)
    text = json.dumps(environment, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if file.exists() and file.read_text(encoding="utf-8") == text:
        return False
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, file)
    return True


def merged(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """``new``, keeping models it did not see (not installed here) from ``old``."""
    if not old:
        return new
    result = dict(new)
    result["models"] = {**old.get("models", {}), **new["models"]}
    return result
