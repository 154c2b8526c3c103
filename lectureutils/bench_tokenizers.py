"""Benchmark section of the tokeniser playground, for ``make bench`` (``lectureutils.bench`` collects it).

``section()`` measures, for each pure-Python tokenizer of ``lectureutils.toy.tokenize``:
- the size of its exported file (what the page downloads when the reader ticks it: gzip bytes),
  and the total against the 4 MB budget;
- the time to build it from its data, and to encode a 1,000-character paragraph (French and
  English Bible verses and the lecture's prose, cut at 1,000 characters; the per-word memo is
  cleared before each paragraph, so every word is new), median over the paragraphs, in CPython and
  in Pyodide (the npm package ``pyodide``, run by Node.js, the same bare core as in the browser);
  wall-clock time (what the targets are about) and, beside it, processor time, which a busy
  machine inflates less.

Targets (issue 12): under 5 ms in CPython and under 50 ms in Pyodide per paragraph and tokenizer.
Run alone: ``python -m lectureutils.bench_tokenizers``.
"""

from __future__ import annotations

import base64
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH_CHARS = 1000
PARAGRAPHS = 24
BUDGET_BYTES = 4_000_000
TARGET_MS = {"cpython": 5.0, "pyodide": 50.0}

# Run by Node.js: loads the bare Pyodide core, the toy package and each tokenizer, then the same
# measurement as in CPython (``_measure`` below, shipped as text).
NODE_SCRIPT = r"""
const path = require("path");
const fs = require("fs");
const [core, work] = process.argv.slice(2);
(async () => {
  const { loadPyodide } = require(path.join(core, "pyodide.js"));
  const pyodide = await loadPyodide({ indexURL: core + "/" });
  pyodide.FS.mkdirTree("/work");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: work }, "/work");
  pyodide.runPython("import sys; sys.path.insert(0, '/work/src')");
  const out = pyodide.runPython(fs.readFileSync(path.join(work, "measure.py"), "utf8"));
  console.log(out);
})().catch((error) => { console.error(String(error)); process.exit(1); });
"""

MEASURE = r"""
import json, statistics, time
from lectureutils.toy.tokenize import from_data

def _measure(files, paragraphs):
    figures = {}
    for name, path in files.items():
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
        started = time.perf_counter()
        tokenizer = from_data(json.loads(text))
        build = time.perf_counter() - started
        tokenizer.encode(paragraphs[0])  # warm up
        times, cpu = [], []
        for paragraph in paragraphs:
            for attribute in ("_memo", "_word_memo"):
                if hasattr(tokenizer, attribute):
                    getattr(tokenizer, attribute).clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            tokenizer.encode(paragraph)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        figures[name] = {"build_s": round(build, 3), "encode_ms_median": round(1000 * statistics.median(times), 2),
                         "encode_ms_max": round(1000 * max(times), 2),
                         "encode_cpu_ms_median": round(1000 * statistics.median(cpu), 2)}
    return figures
"""


def paragraphs(count: int = PARAGRAPHS) -> list[str]:
    """1,000-character paragraphs: French and English verses (Segond, King James), and the prose."""
    import sqlite3

    from lectureutils.compute import models

    texts: list[str] = []
    with sqlite3.connect(f"file:{models.corpus_path()}?mode=ro", uri=True) as connection:
        for code in ("l", "k"):
            verses = [t for (t,) in connection.execute(
                "SELECT vText FROM bible WHERE bbName = ? AND bNumber = 40 ORDER BY cNumber, vNumber", (code,))]
            texts += _cut(" ".join(verses), count // 3)
    prose = " ".join(
        line for page in sorted((PROJECT_ROOT / "docs").glob("*.md"))
        for line in page.read_text(encoding="utf-8").splitlines() if line and not line.startswith(("{{", "|", "!!!")))
    return texts + _cut(prose, count - len(texts))


def _cut(text: str, count: int) -> list[str]:
    return [text[i * PARAGRAPH_CHARS:(i + 1) * PARAGRAPH_CHARS] for i in range(count)
            if len(text) >= (i + 1) * PARAGRAPH_CHARS]


def _pyodide_core() -> Path | None:
    for folder in (PROJECT_ROOT / "node_modules/pyodide", PROJECT_ROOT / ".cache/pyodide-npm/node_modules/pyodide"):
        if (folder / "pyodide.asm.wasm").is_file():
            return folder
    return None


def pyodide_figures(files: dict[str, bytes], texts: list[str]) -> dict:
    core, node = _pyodide_core(), shutil.which("node")
    if core is None or node is None:
        return {"skipped": "needs Node.js and the npm package pyodide (npm install --prefix .cache/pyodide-npm pyodide)"}
    import gzip

    with tempfile.TemporaryDirectory(prefix="lecture-bench-tokens-") as temporary:
        work = Path(temporary)
        shutil.copytree(PROJECT_ROOT / "lectureutils/toy", work / "src/lectureutils/toy",
                        ignore=shutil.ignore_patterns("__pycache__"))
        for shared in ("__init__.py", "textformat.py"):
            shutil.copy(PROJECT_ROOT / "lectureutils" / shared, work / "src/lectureutils" / shared)
        paths = {}
        for name, blob in files.items():
            (work / f"{name}.json").write_bytes(gzip.decompress(blob))
            paths[name] = f"/work/{name}.json"
        (work / "measure.py").write_text(MEASURE + f"\njson.dumps(_measure({paths!r}, {texts!r}))\n", encoding="utf-8")
        (work / "run.js").write_text(NODE_SCRIPT, encoding="utf-8")
        completed = subprocess.run([node, str(work / "run.js"), str(core), str(work)], check=False, capture_output=True,
                                   text=True, timeout=900)
        if completed.returncode != 0:
            return {"error": completed.stderr[-800:]}
        figures = json.loads(completed.stdout.strip().splitlines()[-1])
        version = json.loads((core / "package.json").read_text())["version"]
        return {"pyodide": version, **figures}


def section() -> dict:
    from lectureutils.toy import tokenize

    entries = tokenize.cached_files()
    files = {name: base64.b64decode(entry["data"]) for name, entry in entries.items()}
    sizes = {name: {"gzip_bytes": entry["bytes"], "json_bytes": entry["raw_bytes"], "vocabulary": entry["vocabulary"]}
             for name, entry in entries.items()}
    total = sum(entry["bytes"] for entry in entries.values())
    texts = paragraphs()
    namespace: dict = {}
    exec(MEASURE, namespace)  # noqa: S102 - the very code the Pyodide run executes, from this file
    with tempfile.TemporaryDirectory(prefix="lecture-bench-tokens-") as temporary:
        import gzip

        paths = {}
        for name, blob in files.items():
            path = Path(temporary) / f"{name}.json"
            path.write_bytes(gzip.decompress(blob))
            paths[name] = str(path)
        cpython = namespace["_measure"](paths, texts)
    pyodide = pyodide_figures(files, texts)
    checks = {}
    for runtime, figures in (("cpython", cpython), ("pyodide", pyodide)):
        for name in files:
            if isinstance(figures.get(name), dict):
                checks[f"{runtime}_{name}_under_{TARGET_MS[runtime]:g}_ms"] = (
                    figures[name]["encode_ms_median"] < TARGET_MS[runtime])
    return {
        "title": "Tokeniser playground (pure Python, CPython and Pyodide)",
        "sizes": sizes,
        "total_gzip_bytes": total,
        "within_4_MB": total <= BUDGET_BYTES,
        "paragraphs": {"count": len(texts), "characters": PARAGRAPH_CHARS},
        "cpython": {"python": platform.python_version(), **cpython},
        "pyodide": pyodide,
        "targets_met": checks,
    }


if __name__ == "__main__":
    started = time.perf_counter()
    result = section()
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=1))
    sys.exit(0)
