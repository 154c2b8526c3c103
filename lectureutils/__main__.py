"""``python -m lectureutils``: the real-model results of the pages.

    precompute  run every compute request of docs/ whose entry is missing or stale
                (--force: all of them; --only NAME,...: computations or model ids; --device)
    check       every request of docs/ has a fresh, intact entry (exit 1 otherwise); no torch needed
    prune       delete the entries no page requests any more, and snippet results no current
                snippet would look up (--dry-run: only list them)
    info        device, models found, library versions, cache contents
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _requests(args):
    from lectureutils.compute.engine import scan_docs

    requests = scan_docs(Path(args.docs))
    if getattr(args, "only", None):
        from lectureutils.compute import COMPUTATIONS

        wanted = {item.strip() for item in args.only.split(",") if item.strip()}
        requests = [
            r for r in requests if r.name in wanted or wanted & set(COMPUTATIONS[r.name].uses(r.args))
        ]
    return requests


def _engine(args):
    from lectureutils.cache import CacheStore
    from lectureutils.compute.engine import ComputeEngine

    return ComputeEngine(CacheStore(Path(args.cache)))


def cmd_precompute(args) -> int:
    if args.device:
        os.environ["LECTUREUTILS_DEVICE"] = args.device
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from lectureutils.compute.engine import torch_available
    from lectureutils.compute.models import ModelMissingError

    if not torch_available():
        print(
            "precompute needs the compute extra (torch, transformers) and the model packages: "
            "run `make precompute`",
            file=sys.stderr,
        )
        return 2
    requests = _requests(args)
    engine = _engine(args)
    try:
        summary = engine.precompute(requests, force=args.force)
    except ModelMissingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"{summary['requests']} request(s): {summary['computed']} computed, {summary['fresh']} already fresh "
        f"({summary['seconds']} s)"
    )
    for model_id, seconds in summary["load_seconds"].items():
        print(f"  loaded {model_id} in {seconds} s")
    unused = engine.unused(_requests(argparse.Namespace(docs=args.docs, only=None)))
    if unused:
        print(f"{len(unused)} unused entr{'y' if len(unused) == 1 else 'ies'}: `python -m lectureutils prune` removes them")
    return 0


def cmd_check(args) -> int:
    from lectureutils.compute.environment import EnvironmentMissingError

    requests = _requests(args)
    engine = _engine(args)
    try:
        rows = engine.status(requests)
    except EnvironmentMissingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    problems = [(r, key, state) for r, key, state in rows if state != "fresh"]
    for request, key, state in problems:
        print(f"{state}: {request.describe()} (key {key[:12]}) requested at {', '.join(request.locations)}")
    unused = engine.unused(requests) if not args.only else []
    if unused:
        print(f"note: {len(unused)} unused entr{'y' if len(unused) == 1 else 'ies'} (python -m lectureutils prune)")
    if problems:
        print(f"{len(problems)} of {len(rows)} request(s) lack a fresh entry: run `make precompute`", file=sys.stderr)
        return 1
    print(f"all {len(rows)} compute request(s) have a fresh entry")
    return 0


def cmd_prune(args) -> int:
    from lectureutils.compute.engine import KIND
    from lectureutils.execution import CACHE_KIND as SNIPPET_KIND
    from lectureutils.execution import unused_snippet_entries

    engine = _engine(args)
    unused = [(KIND, key) for key in engine.unused(_requests(args))]
    package_root = Path(__file__).resolve().parent.parent
    unused += [
        (SNIPPET_KIND, key)
        for key in unused_snippet_entries(Path(args.snippets), engine.store, package_root)
    ]
    for kind, key in unused:
        path = engine.store.path(kind, key)
        print(("would remove " if args.dry_run else "removed ") + str(path))
        if not args.dry_run:
            engine.store.remove(kind, key)
    print(f"{len(unused)} unused entr{'y' if len(unused) == 1 else 'ies'}")
    return 0


def cmd_info(args) -> int:
    from lectureutils.compute import environment, models
    from lectureutils.compute.engine import KIND, torch_available

    print("compute environment")
    if torch_available():
        from lectureutils.compute import device

        choice = device.current()
        print(f"  device: {choice.device} ({choice.dtype}; {choice.reason}) {choice.name}")
    else:
        print("  torch/transformers not installed: the build reads the cache only (make precompute installs them)")
    for name, version in environment.library_versions(
        environment.KEY_LIBRARIES + environment.EXTRA_LIBRARIES
    ).items():
        print(f"  {name}: {version or 'not installed'}")
    print(f"  conversions kept in {models.home()}")
    print("models")
    for model_id, spec in models.MODELS.items():
        if models.is_installed(model_id):
            state = f"installed ({spec.package}=={models.package_version(model_id)}), sha256 {models.fingerprint(model_id)[:12]}"
        else:
            state = f"missing: {spec.install_command}"
        print(f"  {model_id:16} {spec.name} [{spec.licence}]: {state}")
    engine = _engine(args)
    try:
        recorded = environment.read(engine.store.root)
        print(f"committed fingerprint ({environment.path(engine.store.root)}): python {recorded['python']}, "
              + ", ".join(f"{k} {v}" for k, v in recorded["libraries"].items()))
    except environment.EnvironmentMissingError as error:
        print(f"committed fingerprint: {error}")
    entries = list(engine.store.keys(KIND))
    size = sum(engine.store.path(KIND, key).stat().st_size for key in entries)
    print(f"cache: {len(entries)} compute entries, {size / 1024:.0f} KiB in {engine.store.root / KIND}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lectureutils", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", default="docs", help="the pages to scan (default: docs)")
    parser.add_argument("--cache", default="cache", help="the committed cache (default: cache)")
    commands = parser.add_subparsers(dest="command", required=True)
    pre = commands.add_parser("precompute", help="compute missing or stale entries")
    pre.add_argument("--force", action="store_true", help="recompute every requested entry")
    pre.add_argument("--only", help="comma-separated computation names or model ids")
    pre.add_argument("--device", help="cpu, cuda, cuda:N (overrides LECTUREUTILS_DEVICE)")
    check = commands.add_parser("check", help="every request has a fresh entry")
    check.add_argument("--only", help="comma-separated computation names or model ids")
    prune = commands.add_parser("prune", help="delete entries no page requests")
    prune.add_argument("--dry-run", action="store_true", help="only list them")
    prune.add_argument("--snippets", default="snippets", help="the snippets folder (default: snippets)")
    commands.add_parser("info", help="device, models, versions, cache")
    args = parser.parse_args(argv)
    if args.command == "prune":
        args.only = None
    handler = {"precompute": cmd_precompute, "check": cmd_check, "prune": cmd_prune, "info": cmd_info}[args.command]
    try:
        return handler(args)
    except Exception as error:  # a clear message, not a traceback, for known errors
        from lectureutils.compute import ComputeRequestError

        if isinstance(error, ComputeRequestError):
            print(f"error: {error}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
