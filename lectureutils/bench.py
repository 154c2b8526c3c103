"""``make bench``: the project's measured figures, in one committed file with the machine's description.

Each module contributes a *section* (a function returning a JSON-serialisable dict) registered
in ``SECTIONS``; ``python -m lectureutils.bench`` runs them (``--only NAME,...`` for some) and
merges the results into ``benchmarks.json`` (sections not re-run keep their last figures, with
the machine they were measured on), then writes ``BENCHMARKS.md`` from it.

Sections:
- ``compute`` (this module): cold precompute of every compute request of the pages on the CPU
  (empty result cache; model conversions already made, unless ``--cold-models``), per-model load
  times, tiny-model training throughput (tokens/s), and the same on a GPU when one is present;
- ``site`` (``lectureutils.bench_site``): warm build time and page weights;
- ``toy`` (``lectureutils.toy.bench``): the Mini-Playground's training step in CPython, the cost of
  one request through the demos' backend interface, the transfer lesson over seeds, and the bytes a
  demo page loads before and after its demo starts;
- ``tokenizers`` (``lectureutils.bench_tokenizers``): the tokeniser playground's file sizes and
  encoding time per 1,000-character paragraph, in CPython and in Pyodide (Node.js).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
OUTPUT_JSON = PROJECT_ROOT / "benchmarks.json"
OUTPUT_MD = PROJECT_ROOT / "BENCHMARKS.md"


def machine() -> dict[str, Any]:
    """CPU, cores, memory, GPU, Python and key library versions of the machine measuring."""
    from lectureutils.compute import environment
    from lectureutils.compute.device import cpu_name

    memory = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as stream:
            for line in stream:
                if line.startswith("MemTotal"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    gpu = "none"
    try:
        import torch

        if torch.cuda.is_available():
            gpu = torch.cuda.get_device_name(0)
    except ImportError:
        gpu = "unknown (torch not installed)"
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {
        "cpu": cpu_name(),
        "cores": os.cpu_count(),
        "memory": memory,
        "gpu": gpu,
        "load_average_1min": round(load, 2) if load is not None else None,
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "libraries": {k: v for k, v in environment.library_versions(
            environment.KEY_LIBRARIES + environment.EXTRA_LIBRARIES).items() if v},
    }


# --- the compute section -----------------------------------------------------------------------


def _tiny_figures(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "preset": result["preset"],
        "device": result["device"],
        "parameters": result["parameters"],
        "steps": result["config"]["steps"],
        "training_seconds": result["training_seconds"],
        "tokens_per_second": result["tokens_per_second"],
        "final_validation_loss": result["validation"]["loss"][-1],
    }


def compute_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils.cache import CacheStore
    from lectureutils.compute import models
    from lectureutils.compute.engine import ComputeEngine, scan_docs

    figures: dict[str, Any] = {}
    saved_device = os.environ.get("LECTUREUTILS_DEVICE")
    saved_home = os.environ.get(models.HOME_VARIABLE)
    with tempfile.TemporaryDirectory(prefix="lecture-bench-") as scratch:
        os.environ["LECTUREUTILS_DEVICE"] = "cpu"
        if options.cold_models:
            os.environ[models.HOME_VARIABLE] = str(Path(scratch) / "home")
        try:
            engine = ComputeEngine(CacheStore(Path(scratch) / "cache"))
            requests = scan_docs(PROJECT_ROOT / "docs")
            started = time.perf_counter()
            summary = engine.precompute(requests, stream=sys.stderr)
            figures["cold_precompute_cpu"] = {
                "seconds": round(time.perf_counter() - started, 1),
                "requests": summary["requests"],
                "model_conversions_included": bool(options.cold_models),
                "model_load_seconds": summary["load_seconds"],
                "slowest": sorted(summary["durations"], key=lambda d: -d[1])[:5],
            }
            tiny = {}
            for key in engine.store.keys("compute"):
                body = engine.store.load("compute", key)
                if body["key_parts"]["computation"] in ("tiny_gpt", "tiny_mlm"):
                    tiny[body["key_parts"]["computation"]] = _tiny_figures(body["result"])
            figures["tiny_models_cpu"] = tiny
        finally:
            for name, value in (("LECTUREUTILS_DEVICE", saved_device), (models.HOME_VARIABLE, saved_home)):
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    figures["warm_build"] = _warm_build()
    figures["gpu"] = _gpu_figures()
    return figures


def _warm_build() -> dict[str, Any]:
    """``mkdocs build --strict`` from the committed cache (the compute cache is warm)."""
    with tempfile.TemporaryDirectory(prefix="lecture-bench-site-") as site:
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(PROJECT_ROOT / "mkdocs.yml"),
             "-d", site], cwd=PROJECT_ROOT, capture_output=True, text=True,
        )
        seconds = time.perf_counter() - started
    result = {"command": "mkdocs build --strict (fr + en, committed cache)", "seconds": round(seconds, 1),
              "ok": completed.returncode == 0}
    if completed.returncode:
        result["error"] = (completed.stderr.strip().splitlines() or [""])[-1][:300]
    return result


def _gpu_figures() -> dict[str, Any]:
    try:
        import torch
    except ImportError:
        return {"available": False, "note": "torch not installed"}
    if not torch.cuda.is_available():
        return {"available": False, "note": "no CUDA device on this machine; the CUDA path is covered by a CPU "
                "test with the device forced (tests/test_compute_core.py)"}
    from lectureutils.compute import tiny

    saved = os.environ.get("LECTUREUTILS_DEVICE")
    os.environ["LECTUREUTILS_DEVICE"] = "cuda"
    try:
        figures = {"available": True, "device": torch.cuda.get_device_name(0)}
        for name, function in (("tiny_gpt", tiny.tiny_gpt), ("tiny_mlm", tiny.tiny_mlm)):
            for preset in ("cpu", "gpu"):
                figures[f"{name}_{preset}_preset"] = _tiny_figures(function(seed=0, preset=preset))
        return figures
    finally:
        if saved is None:
            os.environ.pop("LECTUREUTILS_DEVICE", None)
        else:
            os.environ["LECTUREUTILS_DEVICE"] = saved


def site_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils import bench_site

    return bench_site.section()


def toy_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils import bench_site
    from lectureutils.toy import bench as toy_bench

    with tempfile.TemporaryDirectory(prefix="lecture-bench-toy-") as temporary:
        site_dir = Path(temporary) / "site"
        bench_site.time_build(site_dir)
        return toy_bench.section(site_dir)


def tokenizers_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils import bench_tokenizers

    return bench_tokenizers.section()


SECTIONS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "compute": compute_section,
    "site": site_section,
    "toy": toy_section,
    "tokenizers": tokenizers_section,
}


# --- output --------------------------------------------------------------------------------------


def _markdown_value(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_markdown_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_markdown_value(v) for v in value)
    return str(value)


def render_markdown(data: dict[str, Any]) -> str:
    lines = ["# Benchmarks", "",
             "Written by `make bench` (`python -m lectureutils.bench`) from `benchmarks.json`; do not edit by hand.", ""]
    for name, section in data.get("sections", {}).items():
        lines += [f"## {name}", "", f"Measured {section.get('date', '?')} on: {_markdown_value(section.get('machine', {}))}", ""]
        figures = section.get("figures", {})
        lines += ["| figure | value |", "|---|---|"]
        for key, value in figures.items():
            if isinstance(value, dict) and all(not isinstance(v, (dict, list)) for v in value.values()):
                shown = _markdown_value(value)
            else:
                shown = f"`{json.dumps(value, ensure_ascii=False)}`"
            lines.append(f"| {key} | {shown.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help=f"comma-separated sections ({', '.join(SECTIONS)})")
    parser.add_argument("--cold-models", action="store_true",
                        help="compute: also time the one-off model conversions (a fresh LECTUREUTILS_HOME)")
    parser.add_argument("--output", default=str(OUTPUT_JSON))
    options = parser.parse_args(argv)
    names = [n.strip() for n in options.only.split(",")] if options.only else list(SECTIONS)
    output = Path(options.output)
    try:
        data = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {"sections": {}}
    description = machine()
    failures = 0
    for name in names:
        if name not in SECTIONS:
            parser.error(f"unknown section {name!r} (known: {', '.join(SECTIONS)})")
        print(f"bench: {name}...", file=sys.stderr, flush=True)
        try:
            figures = SECTIONS[name](options)
        except Exception as error:  # noqa: BLE001 - one broken section must not lose the others
            failures += 1
            figures = {"error": f"{type(error).__name__}: {error}"[:500]}
        data["sections"][name] = {
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": description,
            "figures": figures,
        }
        output.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md = output.with_name("BENCHMARKS.md") if output != OUTPUT_JSON else OUTPUT_MD
    md.write_text(render_markdown(data), encoding="utf-8")
    print(f"wrote {output} and {md}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
