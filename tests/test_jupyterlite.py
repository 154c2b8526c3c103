"""The chapters' lab notebooks in JupyterLite (``lab/``): built with the site when the ``lab`` extra
is installed, linked from every chapter and lab page in its language, and opening offline in
Chromium up to the kernel's download of Pyodide (the one thing that needs the network)."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT
from lectureutils.qa import browser as qa_browser
from lectureutils.site import jupyterlite, notebooks
from lectureutils.site.directives import demo

LOCAL = "http://site.invalid/"
_LINK_PARAGRAPH = re.compile(r'<p class="lecture-jupyterlite">.*?</p>', re.DOTALL)


def _require_lab() -> None:
    missing = jupyterlite.missing_packages()
    if missing:
        pytest.skip(f"the lab extra is not installed ({', '.join(missing)}): pip install -e '.[lab]'")


def _pyodide_url() -> str:
    """The Pyodide the site's build was given: the demos' (``pyodide_url`` of the lecture plugin)."""
    if os.environ.get(demo.PYODIDE_URL_VARIABLE):
        return os.environ[demo.PYODIDE_URL_VARIABLE]
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return next(plugin["lecture"]["pyodide_url"] for plugin in config["plugins"]
                if isinstance(plugin, dict) and "lecture" in plugin)


def _code(notebook_path: Path) -> list[str]:
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_every_chapter_and_lab_page_opens_its_notebook_in_jupyterlite(built_site):
    _require_lab()
    site = built_site.site_dir
    lab = site / jupyterlite.FOLDER
    chapters = sorted(path.parent.name for path in (site / "labs").glob("*/index.html"))
    assert len(chapters) >= 10
    for lang, prefix in (("fr", ""), ("en", "en/")):
        listed = {item["name"] for item in json.loads(
            (lab / "api" / "contents" / lang / "all.json").read_text(encoding="utf-8"))["content"]}
        for slug in chapters:
            for url in (f"{prefix}{slug}/", f"{prefix}labs/{slug}/"):
                # Only the link's paragraph is parsed: 48 whole pages would take seconds.
                paragraphs = _LINK_PARAGRAPH.findall(built_site.page(url).read_text(encoding="utf-8"))
                links = [link for paragraph in paragraphs
                         for link in BeautifulSoup(paragraph, "html.parser").select("a")]
                assert len(links) == 1, f"{url}: {len(links)} JupyterLite link(s)"
                assert links[0].get_text() == jupyterlite.TEXT[lang]["open"], url
                target = urlparse(urljoin(LOCAL + url, links[0]["href"]))
                assert target.path == f"/{jupyterlite.FOLDER}/notebooks/", url
                assert parse_qs(target.query) == {"path": [f"{lang}/{slug}.ipynb"]}, url
            assert (lab / "notebooks" / "index.html").is_file()
            assert f"{slug}.ipynb" in listed, f"{lang}/{slug}.ipynb is not in the lab's contents index"
            # The lab's notebook is the site's, after one cell that sets the programs' language.
            in_lab = _code(lab / "files" / lang / f"{slug}.ipynb")
            assert in_lab[0] == jupyterlite.TEXT[lang]["language_cell"]
            assert f'os.environ["LECTURE_LANG"] = "{lang}"' in in_lab[0]
            assert in_lab[1:] == _code(site / f"{prefix}labs" / slug / f"{slug}.ipynb"), f"{lang}/{slug}"
        # The lectureutils modules the programs import, as in the project.
        for name in ("__init__.py", "glue.py", "figures.py"):
            copy = lab / "files" / lang / "lectureutils" / name
            assert copy.read_bytes() == (PROJECT_ROOT / "lectureutils" / name).read_bytes(), copy
    settings = json.loads((lab / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    # Only the Pyodide kernel's extension: none of the environment's other JupyterLab extensions.
    assert [extension["name"] for extension in settings["federated_extensions"]] == [jupyterlite.KERNEL_EXTENSION]
    kernel = settings["litePluginSettings"][f"{jupyterlite.KERNEL_EXTENSION}:kernel"]
    assert kernel["pyodideUrl"] == _pyodide_url().rstrip("/") + "/pyodide.mjs"


def test_a_lab_notebook_opens_offline_up_to_the_kernel_download(built_site, site_server, chromium):
    """From the lab page's and the chapter's links, with every request off this machine refused:
    the app and the notebook's cells load; the only request refused is the kernel's Pyodide."""
    _require_lab()
    context = chromium.new_context(viewport=qa_browser.DESKTOP)
    refused: list[str] = []

    def offline(route):
        if route.request.url.startswith(site_server.url("")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    try:
        for lang, start in (("fr", "labs/modele/"), ("en", "en/modele/")):
            cells = nbformat.read(built_site.site_dir / jupyterlite.FOLDER / "files" / lang / "modele.ipynb",
                                  as_version=4).cells
            page.goto(site_server.url(start))
            with page.expect_navigation():
                page.click("p.lecture-jupyterlite a")
            page.wait_for_function(
                "n => document.querySelectorAll('.jp-Notebook .jp-Cell').length === n",
                arg=len(cells), timeout=60_000,
            )
            text = page.inner_text(".jp-Notebook")
            heading = cells[0].source.splitlines()[0].lstrip("# ").strip()
            assert heading in text, f"{lang}: the notebook's title is not shown"
            assert f'os.environ["LECTURE_LANG"] = "{lang}"' in text
            assert notebooks.TEXT[lang]["cell"].split(" ")[0] + " 1" in text  # "Programme 1", "Program 1"
            # The kernel starts by fetching Pyodide: wait until it has asked for it.
            deadline = time.monotonic() + 60
            while not any("pyodide" in url for url in refused) and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            assert any("pyodide" in url for url in refused), f"{lang}: the kernel never asked for Pyodide"
    finally:
        context.close()
    base = _pyodide_url().rstrip("/") + "/"
    assert all(url.startswith(base) for url in refused), f"requests off the site besides Pyodide: {refused}"


def test_the_lab_takes_the_modules_the_programs_import():
    found = {path.relative_to(PROJECT_ROOT).as_posix() for path in jupyterlite.imported_modules(
        ["try:\n    from lectureutils.glue import glue  # the page's numbers\nexcept ImportError:\n    pass\n"])}
    assert found == {"lectureutils/__init__.py", "lectureutils/glue.py", "lectureutils/figures.py"}
    assert jupyterlite.imported_modules(["import os\nimport numpy as np\n"]) == []


def test_the_lab_notebook_sets_its_language_first(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Titre"),
                                               nbformat.v4.new_code_cell("print(1)")])
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    copy = nbformat.reads(jupyterlite.lab_notebook(nbformat.writes(notebook), "fr"), as_version=4)
    nbformat.validate(copy)
    assert [cell.cell_type for cell in copy.cells] == ["markdown", "code", "code"]
    assert copy.cells[1].source == jupyterlite.TEXT["fr"]["language_cell"]
    assert copy.cells[2].source == "print(1)"


def test_a_built_lab_is_reused_without_running_jupyterlite(tmp_path, monkeypatch):
    files = {"fr/a.ipynb": b"{}"}
    settings = jupyterlite.settings("https://example.invalid/pyodide/")
    cached = tmp_path / jupyterlite.build_key(files, settings)
    (cached / "files").mkdir(parents=True)
    (cached / "jupyter-lite.json").write_text("{}", encoding="utf-8")
    (cached / "files" / "a.ipynb").write_text("{}", encoding="utf-8")

    def no_build(*args, **kwargs):
        raise AssertionError("jupyter lite build ran for a cached lab")

    monkeypatch.setattr(jupyterlite.subprocess, "run", no_build)
    assert jupyterlite.build(files, settings, tmp_path) == cached
    assert jupyterlite.install(cached, tmp_path / "site") == 2
    assert (tmp_path / "site" / jupyterlite.FOLDER / "files" / "a.ipynb").is_file()
    assert jupyterlite.install(cached, tmp_path / "site") == 0  # already linked: nothing to do
    # Another content is another build.
    assert jupyterlite.build_key({"fr/a.ipynb": b"{ }"}, settings) != cached.name


def test_no_link_to_a_lab_that_is_not_built():
    lab = notebooks.ChapterLab(slug="modele", title="Modèles", snippets=("modele/a.py",))
    for lang in ("fr", "en"):
        assert "JupyterLite" not in notebooks.link_admonition(lab, lang)
        linked = notebooks.link_admonition(lab, lang, jupyterlite.notebook_href(lang, "modele", "modele/"))
        assert jupyterlite.TEXT[lang]["open"] in linked
    assert jupyterlite.notebook_href("fr", "modele", "modele/") == "../lab/notebooks/?path=fr/modele.ipynb"
    assert jupyterlite.notebook_href("en", "modele", "en/labs/modele/") == "../../../lab/notebooks/?path=en/modele.ipynb"
