"""Cache keys, look-ups, runs, and the page plan's requests behind ``python -m lectureutils``.

Key of an entry (kind ``compute`` of the result layer, ``lectureutils.cache``): the computation's
name, its code version, its canonical arguments (``preset="auto"`` resolved), the sha256 of the
models it uses and the major.minor versions of the key libraries, read from the committed
``cache/compute-environment.json``. Nothing here imports torch: the site build and
``python -m lectureutils check`` work in the base install. Interpreter, device, dtype, exact
versions and duration go into the provenance, never into the key.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lectureutils.cache import Entry, Results, canonical_json, make_key
from lectureutils.compute import COMPUTATIONS, canonical_arguments, environment
from lectureutils.errors import PRECOMPUTE, LectureError
from lectureutils.plan import SitePlan

KIND = "compute"


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
                f"the compute environment file has no fingerprint for model {model_id!r}",
                fix=PRECOMPUTE,
            ) from None
    return {
        "computation": name,
        "version": computation.version,
        "args": args,
        "models": model_hashes,
        "libraries": env["libraries"],
    }


def requests_of(plan: SitePlan) -> list[Request]:
    """Every ``{{ compute(...) }}`` of the pages, merged by identity (FR and EN share one)."""
    found: dict[str, Request] = {}
    for _, directive in plan.directives("compute"):
        try:
            if len(directive.args) != 1 or not isinstance(directive.args[0], str):
                raise LectureError("compute() takes the computation's name, then keyword arguments")
            # id="..." names the result for the prose (glue); it is not an argument.
            arguments = {k: v for k, v in directive.kwargs.items() if k != "id"}
            request = Request(directive.args[0], canonical_arguments(directive.args[0], arguments))
        except LectureError as error:
            raise error.at(directive.location) from None
        found.setdefault(request.identity, request).locations.append(directive.location)
    return list(found.values())


def scan_docs(docs_dir: Path) -> list[Request]:
    return requests_of(SitePlan.read(Path(docs_dir)))


def rekey_v1(key_parts: dict[str, Any], body: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Format 1 keyed the interpreter's minor version (provenance now) and an unresolved
    ``preset="auto"``: the preset the entry really trained is in its result."""
    parts = {k: v for k, v in key_parts.items() if k != "python"}
    args = dict(parts["args"])
    if args.get("preset") == "auto":
        args["preset"] = body["result"]["preset"]
    parts["args"] = args
    return parts, Request(parts["computation"], args).describe()


class ComputeEngine:
    def __init__(self, results: Results, env: dict[str, Any] | None = None):
        self.results = results
        self.store = results.store
        self._env = env

    @property
    def environment(self) -> dict[str, Any]:
        if self._env is None:
            self._env = environment.read(self.store.root)
        return self._env

    def key(self, name: str, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        parts = key_parts(name, args, self.environment)
        return make_key(KIND, parts), parts

    def get(self, name: str, args: dict[str, Any]) -> Entry:
        """The entry, validated against the computation's shape; produced only when the result
        layer is writable and torch is installed, else a clear error naming ``make precompute``."""
        args = canonical_arguments(name, args)
        _, parts = self.key(name, args)
        # A read-only build never produces: it need not look for torch (64 look-ups a build).
        produce = (lambda: self._produce(name, args)) if self.results.writable and torch_available() else None
        return self.results.get_or_produce(
            KIND, parts, subject=Request(name, args).describe(), produce=produce, fix=PRECOMPUTE,
            validate=COMPUTATIONS[name].validate,
        )

    def _produce(self, name: str, args: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Run one computation now (imports torch): its result and its provenance."""
        from lectureutils.compute import device as devices
        from lectureutils.compute import models

        computation = COMPUTATIONS[name]
        choice = devices.current()
        result = computation.function()(**args)
        return result, {
            "device": choice.device,
            "device_name": choice.name,
            "dtype": choice.dtype,
            "libraries": {
                k: v
                for k, v in environment.library_versions(
                    environment.KEY_LIBRARIES + environment.EXTRA_LIBRARIES
                ).items()
                if v
            },
            "models": {model_id: models.provenance(model_id) for model_id in computation.uses(args)},
        }

    def run(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        """Run one computation now and store it, whatever is on disk (``precompute --force``)."""
        _, parts = self.key(name, args)
        return self.results.produce(
            KIND, parts, subject=Request(name, args).describe(),
            produce=lambda: self._produce(name, args), validate=COMPUTATIONS[name].validate,
        ).body

    # --- the CLI's commands ----------------------------------------------------------------

    def status(self, requests: list[Request]) -> list[tuple[Request, str, str]]:
        """(request, key, state) with state fresh, missing, corrupt or shape."""
        rows = []
        for request in requests:
            key, parts = self.key(request.name, request.args)
            state = self.results.status(KIND, parts, COMPUTATIONS[request.name].validate)
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
