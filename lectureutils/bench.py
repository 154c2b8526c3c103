"""``make bench``: the project's measured figures, in one committed file with the machine's description.

Each module contributes a *section* (a function returning a JSON-serialisable dict) registered
in ``SECTIONS``; ``python -m lectureutils.bench`` runs them (``--only NAME,...`` for some) and
merges the results into ``benchmarks.json`` (sections not re-run keep their last figures, with
the machine they were measured on), then writes ``BENCHMARKS.md`` from it.

Sections (``--only build,site`` runs some; the whole bench takes about 10 minutes idle on 2 cores):
- ``compute`` (this module): cold precompute of every compute request of the pages on the CPU
  (empty result cache; model conversions already made, unless ``--cold-models``), per-model load
  times, tiny-model training throughput (tokens/s), and the same on a GPU when one is present;
- ``build`` (``lectureutils.bench_build``): the warm bilingual build against a plain Material build
  of the same Markdown (paired runs, median ratio), and edit-to-reload in ``mkdocs serve``;
- ``site`` (``lectureutils.bench_site``): page weights of a first visit, raw and gzip, the search
  index, the lab pages;
- ``lighthouse`` (``lectureutils.qa.lighthouse``): Lighthouse 12.2.3 scores, mobile, on a chapter,
  the tokenisation chapter and a lab page, the site served precompressed as from a static host;
- ``toy`` (``lectureutils.toy.bench``): the Mini-Playground's training step in CPython (and in
  Pyodide when ``LECTURE_PYODIDE_DIR`` is set), the cost of one request through the demos' backend
  interface, the transfer lesson over seeds, and the bytes a demo page loads;
- ``tokenizers`` (``lectureutils.bench_tokenizers``): the tokeniser playground's file sizes and
  encoding time per 1,000-character paragraph, in CPython and in Pyodide (Node.js).

Honesty rules: each figure waits (up to 5 minutes) for the machine to settle, then records the
1-minute load average before and after it and the CPU other processes used meanwhile; a figure
taken while the load per core was above 0.5 before it, or while other processes used more than
half of the cores, is flagged ``busy`` (and shown so in BENCHMARKS.md), since timings from a busy
machine mean little; timings are medians of at least 3 runs; comparisons are
ratios of paired runs. BENCHMARKS.md opens with the goals of issue 16 and the figure for each.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
OUTPUT_JSON = PROJECT_ROOT / "benchmarks.json"
OUTPUT_MD = PROJECT_ROOT / "BENCHMARKS.md"
BUSY_LOAD_PER_CORE = 0.5


IDLE_WAIT_LIMIT_S = 300


def load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def machine_busy_cpu_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (``/proc/stat``; steal included,
    since a noisy neighbour on the host slows a figure as much as a local process)."""
    try:
        with open("/proc/stat", encoding="ascii") as stream:
            fields = [int(value) for value in stream.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU seconds of this process and of the children it has waited for (builds, servers,
    browsers started by the figure)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def wait_for_idle(limit_s: float = IDLE_WAIT_LIMIT_S) -> float:
    """Seconds spent waiting, up to ``limit_s``, for the 1-minute load per core to fall to the busy
    threshold, so that one figure's own work does not count as the next figure's background."""
    cores, start = os.cpu_count() or 1, time.monotonic()
    while time.monotonic() - start < limit_s:
        load = load_average()
        if load is None or load / cores <= BUSY_LOAD_PER_CORE:
            break
        time.sleep(5)
    return round(time.monotonic() - start, 1)


def with_load(function: Callable[[], Any]) -> dict[str, Any]:
    """``function()``'s figure (a dict) with the machine's load around it, flagged if busy.

    Recorded: the 1-minute load average before and after (the after value includes the figure's
    own work: a build keeps a core busy), and the CPU that *other* processes used while it ran,
    per core (the machine's busy CPU time from ``/proc/stat`` minus this process's and its
    children's). Busy means a load per core above ``BUSY_LOAD_PER_CORE`` before the figure, or
    other processes using more than that share of the cores during it; where ``/proc/stat`` is
    missing, the load after counts instead."""
    waited = wait_for_idle()
    before = load_average()
    machine_before, own_before, start = machine_busy_cpu_seconds(), own_cpu_seconds(), time.monotonic()
    try:
        figure = function()
    except Exception as error:  # noqa: BLE001 - one broken figure must not lose the others
        figure = {"error": f"{type(error).__name__}: {error}"[:800]}
    wall = time.monotonic() - start
    machine_after, own_after = machine_busy_cpu_seconds(), own_cpu_seconds()
    after = load_average()
    cores = os.cpu_count() or 1
    others = None
    if machine_before is not None and machine_after is not None and wall > 0:
        others = round(max(0.0, (machine_after - machine_before) - (own_after - own_before)) / (wall * cores), 3)
    busy = ((before is not None and before / cores > BUSY_LOAD_PER_CORE)
            or (others is not None and others > BUSY_LOAD_PER_CORE)
            or (others is None and after is not None and after / cores > BUSY_LOAD_PER_CORE))
    return {**figure, "load_before": before, "load_after": after, "other_cpu_per_core": others,
            "waited_for_idle_s": waited, "busy": busy}


_SHARED_SITE: Path | None = None


def shared_site() -> Path:
    """One fresh build of the site for the sections that read it (site, lighthouse, toy), made once
    per bench run and precompressed as ``make release`` does (the static host serves the copies)."""
    global _SHARED_SITE
    if _SHARED_SITE is None:
        from lectureutils import bench_site
        from lectureutils.site.release import precompress

        scratch = Path(tempfile.mkdtemp(prefix="lecture-bench-site-"))
        atexit.register(shutil.rmtree, scratch, True)
        bench_site.time_build(scratch / "site")
        precompress(scratch / "site", 0)
        _SHARED_SITE = scratch / "site"
    return _SHARED_SITE


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
    from lectureutils.cache import CacheStore, Results
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
            engine = ComputeEngine(Results(CacheStore(Path(scratch) / "cache"), writable=True))
            requests = scan_docs(PROJECT_ROOT / "docs")

            def cold_precompute() -> dict[str, Any]:
                started = time.perf_counter()
                summary = engine.precompute(requests, stream=sys.stderr)
                return {
                    "seconds": round(time.perf_counter() - started, 1),
                    "goal_seconds": 600,
                    "runs": 1,
                    "requests": summary["requests"],
                    "model_conversions_included": bool(options.cold_models),
                    "model_load_seconds": summary["load_seconds"],
                    "slowest": sorted(summary["durations"], key=lambda d: -d[1])[:5],
                }

            figures["cold_precompute_cpu"] = with_load(cold_precompute)
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
    figures["gpu"] = _gpu_figures()
    return figures


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


def build_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils import bench_build

    return {"warm_build_vs_plain_material": with_load(bench_build.warm_build_ratio),
            "serve_edit_to_reload": with_load(bench_build.serve_reload)}


def site_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils import bench_site

    site = shared_site()
    return with_load(lambda: bench_site.page_weights(site))


def lighthouse_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils.qa import lighthouse

    site = shared_site()
    return with_load(lambda: {
        "what": f"Lighthouse {lighthouse.LIGHTHOUSE_VERSION}, mobile (its default: simulated slow 4G, 4x CPU "
                "slowdown), median of 3 runs per page; site precompressed and served as from a static host",
        **lighthouse.measure(site, runs=3)})


def toy_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils.toy import bench as toy_bench

    return with_load(lambda: toy_bench.section(shared_site()))


def tokenizers_section(options: argparse.Namespace) -> dict[str, Any]:
    from lectureutils import bench_tokenizers

    return with_load(bench_tokenizers.section)


SECTIONS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "compute": compute_section,
    "build": build_section,
    "site": site_section,
    "lighthouse": lighthouse_section,
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


def _figure(data: dict[str, Any], section: str, name: str) -> dict[str, Any] | None:
    figures = data.get("sections", {}).get(section, {}).get("figures", {})
    if not figures:
        return None
    value = figures.get(name) if name else figures
    return value if isinstance(value, dict) and "error" not in value else None


def _load_note(figure: dict[str, Any] | None) -> str:
    if not figure or "load_before" not in figure:
        return "?"
    note = f"{figure['load_before']} → {figure['load_after']}"
    if figure.get("other_cpu_per_core") is not None:
        note += f", others {figure['other_cpu_per_core']}"
    return note + " **busy: not an idle figure**" if figure.get("busy") else note


def goals(data: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(goal, target, measured, met, load before → after) for each goal of issue 16."""
    rows = []

    def met(ok: bool | None) -> str:
        return "not measured" if ok is None else ("yes" if ok else "**no**")

    build = _figure(data, "build", "warm_build_vs_plain_material")
    rows.append(("1. warm bilingual build / plain Material build (median of paired ratios)", "≤ 1.5",
                 f"{build['ratio_median']} ({build['lecture_seconds_median']} s / "
                 f"{build['plain_material_seconds_median']} s, {build['runs']} pairs; CPU time ratio "
                 f"{build.get('cpu_ratio_median', '?')})" if build else "–",
                 met(build and build["ratio_median"] <= 1.5), _load_note(build)))
    serve = _figure(data, "build", "serve_edit_to_reload")
    rows.append(("2. `make serve`: edit of one page → reloaded page (median)", "≤ 2 s",
                 f"{serve['seconds_median']} s (runs {serve['seconds']}; server CPU per rebuild "
                 f"{serve.get('rebuild_cpu_seconds', '?')} s; printable followed: "
                 f"{serve['printable_edition_followed']}; French page unchanged: {serve['french_page_unchanged']})"
                 if serve else "–", met(serve and serve["seconds_median"] <= 2.0), _load_note(serve)))
    site = _figure(data, "site", "")
    visit = site and site.get("first visit, gzip, chapters and other pages")
    pairs = site and site.get("first visit, gzip, side-by-side bilingual pages")
    rows.append(("3a. first visit of any chapter, gzip, before interaction (largest page)", "≤ 100 kB",
                 f"{visit['max_bytes'] / 1000:.1f} kB ({visit['max_page']}; median {visit['median_bytes'] / 1000:.1f} kB; "
                 f"over: {', '.join(visit['over_goal']) or 'none'})"
                 + (f"; side-by-side bilingual pages (two chapters each), apart: max {pairs['max_bytes'] / 1000:.1f} kB "
                    f"({pairs['max_page']}), median {pairs['median_bytes'] / 1000:.1f} kB, "
                    f"{len(pairs['over_goal'])} of {pairs['pages']} over 100 kB" if pairs else "")
                 if visit else "–",
                 met(visit and visit["max_bytes"] <= 100_000), _load_note(site)))
    index = site and site.get("search index")
    rows.append(("3b. search index fetched only when search is first opened", "no page fetches it on load",
                 f"fetched on load by: {index['fetched_before_interaction_on']}; gzip fr "
                 f"{index.get('fr_gzip_bytes', 0) / 1000:.0f} kB, en {index.get('en_gzip_bytes', 0) / 1000:.0f} kB"
                 if index else "–", met(index and index["fetched_before_interaction_on"] == "no page"),
                 _load_note(site)))
    labs = site and site.get("lab pages, HTML bytes")
    rows.append(("3c. lab pages' HTML (largest), styles in one shared stylesheet", "≤ 150 kB",
                 f"{labs['max_bytes'] / 1000:.1f} kB (median {labs['median_bytes'] / 1000:.1f} kB; "
                 f"assets/notebook.css {labs['shared_stylesheet_bytes']} B)" if labs else "–",
                 met(labs and labs["max_bytes"] <= 150_000 and bool(labs["shared_stylesheet_bytes"])),
                 _load_note(site)))
    lighthouse = _figure(data, "lighthouse", "")
    pages = {key: value for key, value in (lighthouse or {}).items() if isinstance(value, dict) and "performance" in value}
    rows.append(("4. Lighthouse mobile performance, each page (median of 3)", "≥ 90",
                 "; ".join(f"{page} {value['performance']} (a11y {value['accessibility']}, BP "
                           f"{value['best-practices']}, SEO {value['seo']})" for page, value in pages.items()) or "–",
                 met(bool(pages) and all(value["performance"] >= 90 for value in pages.values()) if pages else None),
                 _load_note(lighthouse)))
    toy = _figure(data, "toy", "")
    step = toy and toy.get("playground_cpython")
    pyodide = toy and toy.get("playground_pyodide")
    pyodide_text = (f"; Pyodide {pyodide['per_step_ms']} ms" if pyodide and pyodide.get("measured")
                    else "; Pyodide: not configured (LECTURE_PYODIDE_DIR)")
    rows.append(("5. default Playground step in CPython (median)", "< 1 ms",
                 f"{step['per_step_ms']} ms (CPU time {step.get('per_step_cpu_ms', '?')} ms){pyodide_text}"
                 if step else "–",
                 met(step and step["per_step_ms"] < 1.0), _load_note(toy)))
    cold = _figure(data, "compute", "cold_precompute_cpu")
    rows.append(("6a. cold precompute on the CPU, measured idle", "< 10 min",
                 f"{cold['seconds']} s" if cold else "–",
                 met(cold["seconds"] < 600 and not cold.get("busy") if cold else None), _load_note(cold)))
    flagged = [f"{name}/{key}" for name, section in data.get("sections", {}).items()
               for key, figure in ([("", section.get("figures", {}))] + list(section.get("figures", {}).items()))
               if isinstance(figure, dict) and figure.get("busy")]
    rows.append(("6b. every figure idle (load per core ≤ 0.5 before, others ≤ 0.5 during)", "none flagged",
                 ", ".join(sorted(set(f.rstrip("/") for f in flagged))) or "none flagged",
                 met(not flagged), "–"))
    return rows


README = PROJECT_ROOT / "README.md"
README_START, README_END = "<!-- bench-goals:start -->", "<!-- bench-goals:end -->"


def goals_table(data: dict[str, Any]) -> list[str]:
    lines = ["| goal | target | measured | met | load |", "|---|---|---|---|---|"]
    for row in goals(data):
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
    return lines


def update_readme(data: dict[str, Any], readme: Path = README) -> bool:
    """Rewrite the README's goals table (between its markers) from the same figures."""
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return False
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(head + README_START + "\n" + "\n".join(goals_table(data)) + "\n" + README_END + tail,
                      encoding="utf-8")
    return True


def render_markdown(data: dict[str, Any]) -> str:
    lines = ["# Benchmarks", "",
             "Written by `make bench` (`python -m lectureutils.bench`) from `benchmarks.json`; do not edit by hand.",
             "Every figure waits for the machine to settle, then records the 1-minute load average before → after "
             "it (after includes the figure's own work) and the share of the cores other processes used meanwhile "
             f"(others); one measured with a load per core above {BUSY_LOAD_PER_CORE} before it, or with others "
             f"above {BUSY_LOAD_PER_CORE}, is marked busy and is not an idle figure.", "",
             "## Goals (issue 16)", "", *goals_table(data), ""]
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
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": description,
            "figures": figures,
        }
        output.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md = output.with_name("BENCHMARKS.md") if output != OUTPUT_JSON else OUTPUT_MD
    md.write_text(render_markdown(data), encoding="utf-8")
    if output == OUTPUT_JSON and update_readme(data):
        print("updated the goals table of README.md", file=sys.stderr)
    print(f"wrote {output} and {md}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
