"""Benchmark section of the live demos, for ``make bench`` (``lectureutils.bench`` collects it).

``section(site_dir)`` measures:
- the per-step (per-epoch) training time of the default Mini-Playground in CPython, and the cost of
  one request through the page's backend interface (``lectureutils.toy.demos.api.call``);
- the "swap the last layer" lesson: test accuracy of transfer versus training from scratch, in the
  default setting, mean and spread over seeds;
- the bytes a page with a demo loads before the reader starts it (the HTML and the same-site
  stylesheets, scripts and images it references) and after (plus the Pyodide core files that
  ``loadPyodide`` fetches, numpy's wheel, and the toy model's Python files).

Pyodide core sizes are read from the npm package ``pyodide`` when it is installed
(``node_modules/pyodide`` or ``.cache/pyodide-npm/node_modules/pyodide``); numpy's wheel is not
available offline, so its size is an estimate and says so.
Run alone: ``python -m lectureutils.toy.bench [SITE_DIR]``.
"""

from __future__ import annotations

import json
import platform
import re
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# Measured on pyodide 314.0.7 from npm; used when the package is not installed here.
CORE_FALLBACK_BYTES = {"pyodide.mjs": 17_931, "pyodide.asm.mjs": 1_250_344, "pyodide.asm.wasm": 9_598_218,
                       "python_stdlib.zip": 2_545_637, "pyodide-lock.json": 119_077}
NUMPY_WHEEL_ESTIMATE_BYTES = 3_000_000


def playground_step_seconds(steps: int = 200, runs: int = 5) -> dict:
    """The default Playground's training step (one epoch), median of ``runs`` runs of ``steps``."""
    import statistics

    from lectureutils.toy.demos import create

    per_step, per_step_cpu, render = [], [], []
    for _ in range(runs):
        demo = create("playground")
        demo.advance(5)  # warm up
        started, cpu = time.perf_counter(), time.process_time()
        demo.advance(steps)
        per_step.append((time.perf_counter() - started) / steps)
        per_step_cpu.append((time.process_time() - cpu) / steps)
        started = time.perf_counter()
        for _ in range(5):
            demo.render("en", "bench")
        render.append((time.perf_counter() - started) / 5)
    return {"per_step_ms": round(statistics.median(per_step) * 1000, 3),
            "per_step_ms_runs": [round(value * 1000, 3) for value in per_step],
            # CPU time per step: what the step costs the processor, whatever else the machine runs.
            "per_step_cpu_ms": round(statistics.median(per_step_cpu) * 1000, 3),
            "render_ms": round(statistics.median(render) * 1000, 2), "steps": steps, "runs": runs,
            "network": "-".join(map(str, demo.model.sizes)), "python": platform.python_version()}


PYODIDE_STEP_SCRIPT = r"""
const {loadPyodide} = await import(process.argv[2] + "/pyodide.mjs");
const pyodide = await loadPyodide({indexURL: process.argv[2] + "/"});
await pyodide.loadPackage("numpy");
pyodide.FS.mkdirTree("/toy");
pyodide.mountNodeFS("/toy", process.argv[3]);
const result = pyodide.runPython(`
import sys, time, json
sys.path.insert(0, "/toy")
from lectureutils.toy.demos import create
runs = []
for _ in range(5):
    demo = create("playground")
    demo.advance(5)
    started = time.perf_counter()
    demo.advance(100)
    runs.append((time.perf_counter() - started) / 100 * 1000)
runs.sort()
json.dumps({"per_step_ms": round(runs[2], 3), "per_step_ms_runs": [round(r, 3) for r in runs]})
`);
console.log(result);
"""


def pyodide_step() -> dict:
    """The same step in real Pyodide (Node), when ``LECTURE_PYODIDE_DIR`` names a local Pyodide
    distribution with numpy's wheel (the npm package alone has no numpy: see README)."""
    import os
    import shutil
    import subprocess
    import tempfile

    folder = os.environ.get("LECTURE_PYODIDE_DIR", "")
    if not folder:
        return {"measured": False, "reason": "LECTURE_PYODIDE_DIR is not set: no local Pyodide distribution "
                "with numpy (numpy's wasm wheel is not on PyPI or npm; offline it cannot be fetched)"}
    if not Path(folder, "pyodide.mjs").is_file() or not list(Path(folder).glob("numpy-*.whl")):
        return {"measured": False, "reason": f"{folder} lacks pyodide.mjs or a numpy-*.whl"}
    node = shutil.which("node")
    if node is None:
        return {"measured": False, "reason": "node is missing"}
    with tempfile.TemporaryDirectory(prefix="lecture-pyodide-") as scratch:
        script = Path(scratch) / "step.mjs"
        script.write_text(PYODIDE_STEP_SCRIPT, encoding="utf-8")
        completed = subprocess.run([node, str(script), str(Path(folder).resolve()), str(PROJECT_ROOT)],
                                   capture_output=True, text=True, timeout=600)
    if completed.returncode:
        return {"measured": False, "reason": f"pyodide run failed: {completed.stderr[-500:]}"}
    return {"measured": True, "distribution": folder, **json.loads(completed.stdout.strip().splitlines()[-1])}


def api_request_ms(requests: int = 50) -> dict:
    """One "run" request of the page's loop (25 ms of training, no figure) and one render, in CPython."""
    import json

    from lectureutils.toy.demos import api

    created = json.loads(api.call(json.dumps({"op": "create", "demo": "playground", "lang": "en"})))
    run = json.dumps({"op": "run", "id": created["id"], "seconds": 0.025, "render": False, "lang": "en"})
    started = time.perf_counter()
    steps = sum(json.loads(api.call(run))["ran"] for _ in range(requests))
    per_run = (time.perf_counter() - started) / requests
    render = json.dumps({"op": "render", "id": created["id"], "lang": "en"})
    started = time.perf_counter()
    for _ in range(10):
        api.call(render)
    per_render = (time.perf_counter() - started) / 10
    api.call(json.dumps({"op": "destroy", "id": created["id"]}))
    return {"run_request_ms": round(per_run * 1000, 2), "epochs_per_run_request": round(steps / requests, 1),
            "render_request_ms": round(per_render * 1000, 2)}


def transfer_lesson(seeds: int = 10) -> dict:
    from lectureutils.toy.demos.transfer import compare

    started = time.perf_counter()
    result = compare(seeds=range(1, seeds + 1))
    result["seconds"] = round(time.perf_counter() - started, 1)
    return {key: round(value, 3) if isinstance(value, float) else value for key, value in result.items()}


def _core_sizes() -> tuple[dict, str]:
    for folder in (PROJECT_ROOT / "node_modules/pyodide", PROJECT_ROOT / ".cache/pyodide-npm/node_modules/pyodide"):
        if (folder / "pyodide.asm.wasm").is_file():
            return {name: (folder / name).stat().st_size for name in CORE_FILES}, "npm package"
    return dict(CORE_FALLBACK_BYTES), "recorded sizes of pyodide 314.0.7"


def page_bytes(site_dir: Path, page: str = "reseaux-neurones/") -> dict:
    html_path = site_dir / page / "index.html"
    text = html_path.read_text(encoding="utf-8")
    page_url = "http://site/" + page
    seen, before = set(), html_path.stat().st_size
    pattern = r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"'
    for reference in re.findall(pattern, text):
        url = urlparse(urljoin(page_url, reference))
        if url.netloc != "site" or url.path in seen:
            continue
        seen.add(url.path)
        path = site_dir / url.path.lstrip("/")
        if path.is_file():
            before += path.stat().st_size
    core, origin = _core_sizes()
    sources = sum(p.stat().st_size for p in (site_dir / "assets/demos/py").rglob("*.py"))
    after = before + sum(core.values()) + NUMPY_WHEEL_ESTIMATE_BYTES + sources
    return {"page": page, "before_start_bytes": before, "after_start_bytes": after,
            "pyodide_core_bytes": sum(core.values()), "pyodide_core_sizes_from": origin,
            "numpy_wheel_bytes_estimate": NUMPY_WHEEL_ESTIMATE_BYTES, "toy_sources_bytes": sources,
            "note": "uncompressed sizes; the HTML includes the inline static figure"}


def section(site_dir: Path | None = None) -> dict:
    result = {"title": "Live toy demos (Pyodide + numpy)", "playground_cpython": playground_step_seconds(),
              "playground_pyodide": pyodide_step(),
              "backend_api_cpython": api_request_ms(), "swap_last_layer": transfer_lesson()}
    if site_dir is not None and (Path(site_dir) / "reseaux-neurones/index.html").is_file():
        result["page_bytes"] = page_bytes(Path(site_dir))
    return result


if __name__ == "__main__":
    print(json.dumps(section(Path(sys.argv[1]) if len(sys.argv) > 1 else None), indent=1))
