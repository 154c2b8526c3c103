"""The chapters' lab notebooks in JupyterLite: a static Jupyter site at ``lab/``, no server.

Built by ``jupyterlite-core`` with the Pyodide kernel (``jupyterlite-pyodide-kernel``), the
``lab`` extra of ``pyproject.toml``, and only when both are installed: without them the site
builds as before, with no link to a lab that is not there. The lecture plugin calls ``install``
once per build, after every language is built (the chapters link to ``lab/`` and each lab page
says so). It holds, per language, the chapter notebooks (the same cells as ``labs/<chapter>/``)
and the ``lectureutils`` modules their code imports.

What needs the network: nothing to open a notebook (the app, the notebooks and the kernel's own
Python wheels are all under ``lab/``); running a cell does, as the kernel then loads Pyodide from
the lecture plugin's ``pyodide_url`` (the demos' Pyodide, a CDN by default; self-hosting it makes
the lab work offline too).

A JupyterLite build takes seconds and writes ~20 MB: it is kept under ``.cache/jupyterlite/<key>/``
(git-ignored), the key a hash of everything that goes into it (notebooks, modules, settings,
package versions), and hard-linked into each build's ``site/lab/``: a warm build only hashes the
notebooks and links ~500 files.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lectureutils.errors import LectureError

FOLDER = "lab"
"""Where the JupyterLite site goes in the built site."""
# Bump when what this module puts into a build changes: cached builds are then made again.
BUILD_VERSION = "1"
PACKAGES = ("jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyter-server")
_MODULES = ("jupyterlite_core", "jupyterlite_pyodide_kernel", "jupyter_server")
# The Notebook app for the chapters' links, its file browser, and the text editor the browser
# opens a module with; JupyterLab, consoles and the REPL would add weight no link leads to.
APPS = ("notebooks", "tree", "edit")
KERNEL_EXTENSION = "@jupyterlite/pyodide-kernel-extension"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
CACHE_FOLDER = Path(".cache") / "jupyterlite"
SWITCH_VARIABLE = "LECTUREUTILS_JUPYTERLITE"
"""``0`` turns the lab off for one build (the lecture plugin's ``jupyterlite`` setting)."""

TEXT = {
    "fr": {
        "open": "Ouvrir dans JupyterLite",
        "about": (
            "le carnet s'exécute entièrement dans votre navigateur, sans serveur ni installation "
            "(l'interface de JupyterLite est en anglais) ; la première cellule exécutée télécharge "
            "Python (Pyodide, plusieurs Mo) depuis Internet. Vos modifications restent dans ce navigateur."
        ),
        "language_cell": (
            "# Les programmes de ce carnet écrivent leurs textes dans sa langue.\n"
            "import os\n\n"
            'os.environ["LECTURE_LANG"] = "fr"'
        ),
    },
    "en": {
        "open": "Open in JupyterLite",
        "about": (
            "the notebook runs entirely in your browser, with no server and nothing to install; "
            "the first cell you run downloads Python (Pyodide, several MB) from the Internet. "
            "Your changes stay in this browser."
        ),
        "language_cell": (
            "# The programs of this notebook write their texts in its language.\n"
            "import os\n\n"
            'os.environ["LECTURE_LANG"] = "en"'
        ),
    },
}


class LabBuildError(LectureError):
    pass


def in_lab(relative: str) -> bool:
    """Whether a path of the built site (``lab/index.html``) is part of the JupyterLite app: its
    pages are JupyterLab's, not the lecture's, so the site's page checks leave them out (the links
    into it are still checked)."""
    return relative == FOLDER or relative.startswith(FOLDER + "/")


def missing_packages() -> list[str]:
    """The packages of the ``lab`` extra that are not installed (none: the lab can be built)."""
    return [package for package, module in zip(PACKAGES, _MODULES) if importlib.util.find_spec(module) is None]


def notebook_href(lang: str, slug: str, page_url: str) -> str:
    """The link from the page at ``page_url`` (``"modele/"``, ``"en/labs/modele/"``) to the
    chapter's notebook in the Notebook app of ``lab/``."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return f"{'../' * depth}{FOLDER}/notebooks/?path={lang}/{slug}.ipynb"


def open_paragraph(lang: str, href: str) -> str:
    """The "Open in JupyterLite" link, with what it does and what it needs, as HTML."""
    text = TEXT[lang]
    return f'<p class="lecture-jupyterlite"><a href="{href}">{text["open"]}</a> : {text["about"]}</p>' \
        if lang == "fr" else f'<p class="lecture-jupyterlite"><a href="{href}">{text["open"]}</a>: {text["about"]}</p>'


def with_open_link(html: str, lang: str, page_url: str) -> str:
    """A lab page's HTML with the link to the same notebook in JupyterLite under its title."""
    slug = page_url.strip("/").split("/")[-1]
    paragraph = open_paragraph(lang, notebook_href(lang, slug, page_url))
    end = html.find("</h1>")
    if end < 0:
        return paragraph + "\n" + html
    end += len("</h1>")
    return f"{html[:end]}\n{paragraph}\n{html[end:]}"


def lab_notebook(notebook_text: str, lang: str) -> str:
    """The lab's copy of a chapter notebook: the same cells, with one first code cell that sets
    the language the programs print in (they read ``LECTURE_LANG``, English when unset).

    Plain JSON, not nbformat: a warm build does this for every notebook, and nbformat's
    validation would cost more than everything else this module does on a warm build."""
    notebook = json.loads(notebook_text)
    cell = {"cell_type": "code", "execution_count": None, "id": "lecture-language", "metadata": {},
            "outputs": [], "source": TEXT[lang]["language_cell"]}
    cells = notebook["cells"]
    cells.insert(1 if cells and cells[0]["cell_type"] == "markdown" else 0, cell)
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def imported_modules(sources: list[str]) -> list[Path]:
    """The ``lectureutils`` files that ``sources`` import, with what those import in turn and
    their packages' ``__init__.py``: the lab holds them so that the code runs as at build time."""
    wanted = [name for source in sources for name in _lectureutils_imports(source)]
    found: dict[str, Path] = {}
    while wanted:
        name = wanted.pop()
        if name in found:
            continue
        parts = name.split(".")[1:]
        package = PACKAGE_DIR.joinpath(*parts)
        path = package / "__init__.py" if package.is_dir() else package.with_suffix(".py")
        if not path.is_file():
            continue  # a name imported from a module (from lectureutils.glue import glue)
        found[name] = path
        wanted.extend(".".join(["lectureutils", *parts[:end]]) for end in range(len(parts)))
        wanted.extend(_lectureutils_imports(path.read_text(encoding="utf-8")))
    return sorted(found.values())


_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(lectureutils(?:\.\w+)*)[ \t]+import[ \t]+\(?([\w, \t]+)"
    r"|import[ \t]+(lectureutils(?:\.\w+)*))",
    re.MULTILINE,
)


def _lectureutils_imports(source: str) -> list[str]:
    """The ``lectureutils`` modules (and names, which may be modules) that ``source`` imports.
    A line scan, not the ``ast``: a warm build scans every cell, and a parse costs ~50 times more."""
    names = []
    for module, imported, plain in _IMPORT.findall(source):
        if plain:
            names.append(plain)
        else:
            names.append(module)
            names += [f"{module}.{name.split()[0]}" for name in imported.split(",") if name.strip()]
    return names


def contents(notebooks: dict[tuple[str, str], Path]) -> dict[str, bytes]:
    """The lab's files, by path under ``files/``: ``<lang>/<slug>.ipynb`` for each
    ``(lang, slug)`` notebook, and ``<lang>/lectureutils/…`` beside them. Where the browser lets
    JupyterLite sync its files with the kernel (a service worker: not in private windows), the
    notebook's folder is the kernel's working directory and the imports resolve as in the
    project; elsewhere the programs' own ``except ImportError`` fallback applies."""
    files: dict[str, bytes] = {}
    codes: dict[str, list[str]] = {}
    for (lang, slug), path in sorted(notebooks.items()):
        text = path.read_text(encoding="utf-8")
        files[f"{lang}/{slug}.ipynb"] = lab_notebook(text, lang).encode("utf-8")
        codes.setdefault(lang, []).extend(
            "".join(cell["source"]) for cell in json.loads(text)["cells"] if cell["cell_type"] == "code"
        )
    for lang, sources in codes.items():
        for module in imported_modules(sources):
            files[f"{lang}/{module.relative_to(PACKAGE_DIR.parent).as_posix()}"] = module.read_bytes()
    return files


def settings(pyodide_url: str) -> dict:
    """``jupyter-lite.json`` of the site: the file browser as home, the demos' Pyodide."""
    base = pyodide_url if pyodide_url.endswith("/") else pyodide_url + "/"
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "JupyterLite",
            "appUrl": "./tree",
            "litePluginSettings": {
                f"{KERNEL_EXTENSION}:kernel": {"pyodideUrl": f"{base}pyodide.mjs"},
            },
        },
    }


def build_key(files: dict[str, bytes], lite_settings: dict) -> str:
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for package in PACKAGES:
        try:
            digest.update(f"\0{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"\0{package}=-".encode())
    digest.update(json.dumps([lite_settings, APPS], sort_keys=True).encode())
    for name in sorted(files):
        digest.update(f"\0{name}\0{len(files[name])}\0".encode())
        digest.update(files[name])
    return digest.hexdigest()[:32]


def build(files: dict[str, bytes], lite_settings: dict, cache_root: Path) -> Path:
    """The JupyterLite site of ``files``, built at most once per content (``cache_root/<key>``)."""
    key = build_key(files, lite_settings)
    output = Path(cache_root) / key
    if (output / "jupyter-lite.json").is_file():
        return output
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lecture-jupyterlite-", dir=output.parent) as work:
        work = Path(work)
        lite_dir, content_dir, built = work / "lite", work / "contents", work / "output"
        lite_dir.mkdir()
        for name, data in files.items():
            (content_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (content_dir / name).write_bytes(data)
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(lite_settings, indent=2), encoding="utf-8")
        (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(_build_config(), indent=2), encoding="utf-8")
        command = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir),
                   "--contents", str(content_dir), "--output-dir", str(built)]
        # jupyterlite-core writes its task database into the working folder: the scratch one.
        completed = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=600,
                                   env={**os.environ, "PYTHONWARNINGS": "ignore"})
        if completed.returncode != 0 or not (built / "jupyter-lite.json").is_file():
            tail = (completed.stdout + completed.stderr)[-3000:]
            raise LabBuildError(f"the JupyterLite build of {FOLDER}/ failed ({' '.join(command[1:5])}):\n{tail}")
        try:
            built.replace(output)
        except OSError:
            if not (output / "jupyter-lite.json").is_file():  # not another build's finished copy
                raise
    for stale in Path(cache_root).iterdir():
        if stale.is_dir() and stale.name != key and not stale.name.startswith("lecture-jupyterlite-"):
            shutil.rmtree(stale, ignore_errors=True)
    return output


def _build_config() -> dict:
    """Only the apps the links lead to, no source maps, and no extension but the kernel's: the
    environment's other JupyterLab extensions (jupytext's, from mkdocs-jupyter) stay out."""
    extension = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / KERNEL_EXTENSION
    if not (extension / "package.json").is_file():
        raise LabBuildError(
            f"the Pyodide kernel's JupyterLab extension is not at {extension}; "
            "reinstall it: pip install -e '.[lab]'"
        )
    return {
        "LiteBuildConfig": {
            "apps": list(APPS),
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            "ignore_sys_prefix": ["federated_extensions"],
            "federated_extensions": [str(extension)],
        }
    }


def install(built: Path, site_dir: Path) -> int:
    """Put the built lab at ``site_dir/lab``: hard links to the cached build (copies across file
    systems), so that a warm build writes no byte of it. Returns the number of files placed: none
    when ``site_dir`` already holds links to this very build (a dirty rebuild of ``mkdocs serve``)."""
    target = Path(site_dir) / FOLDER
    marker = target / "jupyter-lite.json"
    if marker.is_file() and os.path.samefile(marker, built / "jupyter-lite.json"):
        return 0
    if target.exists():
        shutil.rmtree(target)
    count = 0
    link = os.link
    for folder, _, names in os.walk(built):
        destination = os.path.join(target, os.path.relpath(folder, built))
        os.makedirs(destination, exist_ok=True)
        for name in names:
            source = os.path.join(folder, name)
            try:
                link(source, os.path.join(destination, name))
            except OSError:
                link = shutil.copy2  # another file system: copies from now on
                link(source, os.path.join(destination, name))
            count += 1
    return count
