"""``python -m lectureutils``: the build-time results of the pages (snippet runs, demo figures,
real-model computations), all kept in the committed ``cache/``.

    precompute  produce every entry the pages use that is missing, stale or corrupt
                (--kinds snippets,demos,compute; --force: all of them; --only NAME,...:
                computations or model ids; --device). The only command that runs and writes.
    check       every entry the pages use is present, intact and of the right shape (exit 1
                otherwise); nothing runs, no torch needed
    prune       delete the entries no current page or snippet uses (--dry-run: only list them);
                an entry a page uses is never removed, whatever the interpreter
    migrate     re-key entries of an older cache format (nothing is recomputed)
    info        device, models found, library versions, cache contents
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _services(args, writable: bool = False):
    from lectureutils.project import open_project

    return open_project(Path(args.docs), Path(args.snippets), Path(args.cache), writable=writable)


def _kinds(args) -> list[str]:
    from lectureutils.project import KINDS

    wanted = [kind.strip() for kind in (getattr(args, "kinds", None) or ",".join(KINDS)).split(",") if kind.strip()]
    unknown = sorted(set(wanted) - set(KINDS))
    if unknown:
        raise SystemExit(f"unknown kind(s) {', '.join(unknown)} (known: {', '.join(KINDS)})")
    return wanted


def _compute_requests(args, services):
    from lectureutils.compute import COMPUTATIONS
    from lectureutils.compute.engine import requests_of

    requests = requests_of(services.plan)
    if getattr(args, "only", None):
        wanted = {item.strip() for item in args.only.split(",") if item.strip()}
        requests = [
            r for r in requests if r.name in wanted or wanted & set(COMPUTATIONS[r.name].uses(r.args))
        ]
    return requests


def cmd_precompute(args) -> int:
    if args.device:
        os.environ["LECTUREUTILS_DEVICE"] = args.device
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from lectureutils import project
    from lectureutils.compute.engine import KIND, torch_available

    kinds = _kinds(args)
    services = _services(args, writable=True)
    produced = project.produce_missing(services, kinds, force=args.force)
    print(f"snippets and demo figures: {produced} produced")
    if KIND not in kinds:
        return 0
    requests = _compute_requests(args, services)
    if not torch_available():
        stale = [r for r, _, state in services.compute.status(requests) if state != "fresh"]
        if stale or args.force:
            print(
                "the computations need the compute extra (torch, transformers) and the model packages: "
                "run `make precompute`",
                file=sys.stderr,
            )
            return 2
        print(f"{len(requests)} compute request(s), all fresh")
        return 0
    summary = services.compute.precompute(requests, force=args.force)
    print(
        f"{summary['requests']} compute request(s): {summary['computed']} computed, "
        f"{summary['fresh']} already fresh ({summary['seconds']} s)"
    )
    for model_id, seconds in summary["load_seconds"].items():
        print(f"  loaded {model_id} in {seconds} s")
    unused = project.unused(services)
    if unused:
        print(f"{len(unused)} unused entr{'y' if len(unused) == 1 else 'ies'}: `python -m lectureutils prune` removes them")
    return 0


def cmd_check(args) -> int:
    from lectureutils import project

    kinds = _kinds(args)
    services = _services(args)
    problems = project.check(services, kinds)
    for use, state in problems:
        print(f"{use.location}: {state} {use.kind} entry for {use.subject} (key {use.key[:12]})")
    unused = project.unused(services, kinds)
    if unused:
        print(f"note: {len(unused)} unused entr{'y' if len(unused) == 1 else 'ies'} (python -m lectureutils prune)")
    total = len(project.wanted(services, kinds))
    if problems:
        print(
            f"{len(problems)} of {total} entr{'y' if total == 1 else 'ies'} missing, stale, corrupt or "
            "wrongly shaped: run `make precompute` (python -m lectureutils precompute)",
            file=sys.stderr,
        )
        return 1
    print(f"all {total} entries the pages use ({', '.join(kinds)}) are present and intact")
    return 0


def cmd_prune(args) -> int:
    from lectureutils import project

    services = _services(args)
    unused = project.unused(services, _kinds(args))
    for kind, key in unused:
        path = services.store.path(kind, key)
        print(("would remove " if args.dry_run else "removed ") + str(path))
        if not args.dry_run:
            services.store.remove(kind, key)
    print(f"{len(unused)} unused entr{'y' if len(unused) == 1 else 'ies'}")
    return 0


def cmd_migrate(args) -> int:
    from lectureutils import project
    from lectureutils.cache import CacheStore

    moved = project.migrate(CacheStore(Path(args.cache)), stream=sys.stdout)
    print(f"{moved} entr{'y' if moved == 1 else 'ies'} re-keyed")
    return 0


def cmd_info(args) -> int:
    from lectureutils.compute import environment, models
    from lectureutils.compute.engine import torch_available

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
    from lectureutils.cache import CacheStore
    from lectureutils.project import KINDS

    store = CacheStore(Path(args.cache))
    try:
        recorded = environment.read(store.root)
        print(f"committed fingerprint ({environment.path(store.root)}): "
              + ", ".join(f"{k} {v}" for k, v in recorded["libraries"].items()))
    except environment.EnvironmentMissingError as error:
        print(f"committed fingerprint: {error}")
    for kind in KINDS:
        entries = list(store.keys(kind))
        size = sum(store.path(kind, key).stat().st_size for key in entries)
        print(f"cache: {len(entries)} {kind} entries, {size / 1024:.0f} KiB in {store.root / kind}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lectureutils", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", default="docs", help="the pages to scan (default: docs)")
    parser.add_argument("--cache", default="cache", help="the committed cache (default: cache)")
    parser.add_argument("--snippets", default="snippets", help="the snippets folder (default: snippets)")
    commands = parser.add_subparsers(dest="command", required=True)
    kinds_help = "comma-separated kinds among snippets, demos, compute (default: all)"
    pre = commands.add_parser("precompute", help="produce missing, stale or corrupt entries")
    pre.add_argument("--kinds", help=kinds_help)
    pre.add_argument("--force", action="store_true", help="produce every entry the pages use again")
    pre.add_argument("--only", help="computations: comma-separated names or model ids")
    pre.add_argument("--device", help="cpu, cuda, cuda:N (overrides LECTUREUTILS_DEVICE)")
    check = commands.add_parser("check", help="every entry the pages use is fresh and intact")
    check.add_argument("--kinds", help=kinds_help)
    prune = commands.add_parser("prune", help="delete entries no page or snippet uses")
    prune.add_argument("--kinds", help=kinds_help)
    prune.add_argument("--dry-run", action="store_true", help="only list them")
    commands.add_parser("migrate", help="re-key entries of an older cache format")
    commands.add_parser("info", help="device, models, versions, cache")
    args = parser.parse_args(argv)
    handler = {
        "precompute": cmd_precompute, "check": cmd_check, "prune": cmd_prune,
        "migrate": cmd_migrate, "info": cmd_info,
    }[args.command]
    from lectureutils.errors import LectureError

    try:
        return handler(args)
    except LectureError as error:  # a clear message, not a traceback, for known errors
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
