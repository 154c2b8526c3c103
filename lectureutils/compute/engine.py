"""Cache keys, look-ups, runs, and the docs scan behind ``python -m lectureutils``.

Key of an entry (kind ``compute`` of the shared ``CacheStore``): the computation's name, its code
version, its canonical arguments, the sha256 of the models it uses and the major.minor versions of
Python and the key libraries, the last two read from the committed
``cache/compute-environment.json``. Nothing here imports torch: the site build and
``python -m lectureutils check`` work in the base install. Device, dtype, exact versions and
duration go into the provenance, never into the key.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lectureutils.cache import CacheStore, CorruptEntryError, canonical_json, make_key
from lectureutils.compute import COMPUTATIONS, ComputeRequestError, canonical_arguments, environment
from lectureutils.directive_syntax import find_directives, parse_call

KIND = "compute"
log = logging.getLogger(__name__)



class ComputeMissingError(LookupError):
    """No fresh entry for a request; the message names ``make precompute``."""


@dataclass
class Request:
    name: str
    args: dict[str, Any]
    locations: list[str] = field(default_factory=list)

    @property
    def identity(self) -> str:
        return canonical_json({"name": self.name, "args": self.args})

    def describe(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.args.items())
        return f"compute({self.name!r}, {shown})"


def torch_available() -> bool:
    """Whether the compute extra is installed (checked without importing torch)."""
    import importlib.util

    try:
        return all(importlib.util.find_spec(name) is not None for name in ("torch", "transformers"))
    except (ImportError, ValueError):
        return False


def key_parts(name: str, args: dict[str, Any], env: dict[str, Any]) -> dict[str, Any]:
    computation = COMPUTATIONS[name]
    model_hashes = {}
    for model_id in computation.uses(args):
        try:
            model_hashes[model_id] = env["models"][model_id]["sha256"]
        except KeyError:
            raise environment.EnvironmentMissingError(
                f"the compute environment file has no fingerprint for model {model_id!r}: "
                "run `make precompute`"
            ) from None
    return {
        "computation": name,
        "version": computation.version,
        "args": args,
        "models": model_hashes,
        "python": env["python"],
        "libraries": env["libraries"],
    }


def scan_docs(docs_dir: Path) -> list[Request]:
    """Every ``{{ compute(...) }}`` of the pages, merged by identity (FR and EN share one)."""
    found: dict[str, Request] = {}
    for page in sorted(Path(docs_dir).rglob("*.md")):
        for directive in find_directives(page.read_text(encoding="utf-8")):
            location = f"{page}:{directive.index + 1}"
            try:
                name, args, kwargs = parse_call(directive.call)
                if name != "compute":
                    continue
                if len(args) != 1 or not isinstance(args[0], str):
                    raise ComputeRequestError("compute() takes the computation's name, then keyword arguments")
                kwargs.pop("id", None)  # the result's name for the prose (glue), not an argument
                request = Request(args[0], canonical_arguments(args[0], kwargs))
            except Exception as error:  # noqa: BLE001 - report the page and line
                raise ComputeRequestError(f"{location}: {error}") from None
            found.setdefault(request.identity, request).locations.append(location)
    return list(found.values())


class ComputeEngine:
    def __init__(self, store: CacheStore, env: dict[str, Any] | None = None):
        self.store = store
        self._env = env

    @property
    def environment(self) -> dict[str, Any]:
        if self._env is None:
            self._env = environment.read(self.store.root)
        return self._env

    def key(self, name: str, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        parts = key_parts(name, args, self.environment)
        return make_key(KIND, parts), parts

    def lookup(self, name: str, args: dict[str, Any]) -> dict[str, Any] | None:
        """The entry's body, None when absent; raises CorruptEntryError when damaged."""
        key, _ = self.key(name, args)
        return self.store.load(KIND, key)

    def get(self, name: str, args: dict[str, Any], allow_compute: bool | None = None) -> dict[str, Any]:
        """For the build: the entry, or a clear error naming ``make precompute``.

        A corrupted entry is recomputed when torch is installed (``allow_compute`` None means
        "if torch is available"), else reported.
        """
        args = canonical_arguments(name, args)
        request = Request(name, args)
        try:
            body = self.lookup(name, args)
        except CorruptEntryError as error:
            if allow_compute is None:
                allow_compute = torch_available()
            if not allow_compute:
                raise ComputeMissingError(
                    f"{error}. Run `make precompute` to compute {request.describe()} again "
                    "(it needs the compute extra: torch, transformers and the model packages)"
                ) from None
            log.warning("%s; computing %s again", error, request.describe())
            return self.run(name, args)
        if body is None:
            key, _ = self.key(name, args)
            raise ComputeMissingError(
                f"no cached result for {request.describe()} (key {key[:12]}): run `make precompute` "
                "to compute it with the real models, then commit cache/compute/"
            )
        return body

    def run(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        """Run one computation now (imports torch) and store it."""
        from lectureutils.compute import device as devices
        from lectureutils.compute import models

        computation = COMPUTATIONS[name]
        _, parts = self.key(name, args)
        choice = devices.current()
        started = time.perf_counter()
        result = computation.function()(**args)
        seconds = time.perf_counter() - started
        provenance = {
            "device": choice.device,
            "device_name": choice.name,
            "dtype": choice.dtype,
            "duration_s": round(seconds, 3),
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "python": sys.version.split()[0],
            "libraries": {
                k: v
                for k, v in environment.library_versions(
                    environment.KEY_LIBRARIES + environment.EXTRA_LIBRARIES
                ).items()
                if v
            },
            "models": {model_id: models.provenance(model_id) for model_id in computation.uses(args)},
        }
        return self.store.save(KIND, parts, result, provenance)

    # --- the CLI's commands ----------------------------------------------------------------

    def status(self, requests: list[Request]) -> list[tuple[Request, str, str]]:
        """(request, key, state) with state fresh, missing or corrupt."""
        rows = []
        for request in requests:
            key, _ = self.key(request.name, request.args)
            try:
                state = "fresh" if self.store.load(KIND, key) is not None else "missing"
            except CorruptEntryError:
                state = "corrupt"
            rows.append((request, key, state))
        return rows

    def unused(self, requests: list[Request]) -> list[str]:
        wanted = {self.key(r.name, r.args)[0] for r in requests}
        return [key for key in self.store.keys(KIND) if key not in wanted]

    def precompute(
        self,
        requests: list[Request],
        force: bool = False,
        stream=sys.stderr,
    ) -> dict[str, Any]:
        """Measure the environment, record it, run what is missing or stale; a summary."""
        from lectureutils.compute import models

        needed = sorted({m for r in requests for m in COMPUTATIONS[r.name].uses(r.args)})
        for model_id in needed:
            models.package_dir(model_id)  # a clear error naming the install command
        try:
            old = environment.read(self.store.root)
        except environment.EnvironmentMissingError:
            old = None
        live = environment.merged(old, environment.measure())
        changed = environment.write(self.store.root, live)
        if changed and old is not None:
            print("compute environment changed (models or library versions): entries are recomputed", file=stream)
        self._env = live
        rows = self.status(requests)
        todo = [(r, key) for r, key, state in rows if force or state != "fresh"]
        # Group by model so that each loads once.
        todo.sort(key=lambda item: (COMPUTATIONS[item[0].name].uses(item[0].args), item[0].name))
        started = time.perf_counter()
        durations = []
        for index, (request, _) in enumerate(todo, start=1):
            label = request.describe()
            label = label if len(label) <= 90 else label[:87] + "..."
            bar = "#" * int(24 * (index - 1) / len(todo))
            print(f"[{bar:<24}] {index}/{len(todo)} {label}", file=stream, flush=True)
            t0 = time.perf_counter()
            self.run(request.name, request.args)
            durations.append((request.describe(), round(time.perf_counter() - t0, 2)))
        if todo:
            print(f"[{'#' * 24}] {len(todo)}/{len(todo)} done in {time.perf_counter() - started:.1f} s", file=stream)
        return {
            "requests": len(requests),
            "computed": len(todo),
            "fresh": len(requests) - len(todo),
            "seconds": round(time.perf_counter() - started, 2),
            "durations": durations,
            "load_seconds": {k: round(v, 2) for k, v in models.load_seconds().items()},
            "environment_changed": changed,
        }
