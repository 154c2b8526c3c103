"""The build-time execution engine: outputs under the code, one cache for both languages,
clear failures, and a warm build that executes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT, executions, page_slugs, run_build
from lectureutils.site.snippet_display import displayed_source

MINIMAL_CONFIG = """
site_name: Test
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: fr, name: Français, default: true}
        - {locale: en, name: English}
  - lecture:
      snippet_timeout: 5
markdown_extensions:
  - attr_list
  - pymdownx.highlight
  - pymdownx.superfences
"""


def minimal_project(root: Path, snippets: dict[str, str], page_body: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    for lang in ("fr", "en"):
        (root / "docs" / f"index.{lang}.md").write_text(f"# Page {lang}\n\n{page_body}\n", encoding="utf-8")
    for name, source in snippets.items():
        path = root / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return root


def fresh_run(name: str, workdir: Path, lang: str | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "PYTHONHASHSEED": "0",
           "LECTUREUTILS_FIGURE_DIR": str(workdir)}
    if lang is not None:
        env["LECTURE_LANG"] = lang
    completed = subprocess.run([sys.executable, str(PROJECT_ROOT / "snippets" / name)], cwd=workdir,
                               env=env, capture_output=True, text=True, timeout=120, check=True)
    return completed.stdout


def shown_outputs(html_path: Path) -> dict[str, str]:
    """snippet name → the output the page shows under its code."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    shown = {}
    for output in soup.select(".lecture-output"):
        # The file name heads the code, or, for a folded program (its code fetched when opened),
        # the link to its source file.
        code = output.find_previous(
            lambda tag: bool({"filename", "lecture-listing__source"} & set(tag.get("class") or ())))
        name = code.get_text(strip=True).removeprefix("snippets/")
        shown[name] = output.select_one("pre").get_text()
    return shown


def test_a_readers_build_executes_nothing(built_site):
    """Everything the pages need is in the committed cache."""
    assert built_site.executed == [], f"snippets executed during a warm build: {built_site.executed}"


def test_outputs_are_shown_and_equal_a_fresh_run(built_site, tmp_path):
    checked = set()
    for slug in page_slugs():
        for prefix in ("", "en/"):
            url = prefix + ("" if slug == "index" else f"{slug}/")
            for name, shown in shown_outputs(built_site.page(url)).items():
                assert shown.strip(), f"{url}: empty output for {name}"
                # A snippet whose output has words runs once per language (LECTURE_LANG).
                source = (PROJECT_ROOT / "snippets" / name).read_text(encoding="utf-8")
                lang = ("en" if prefix else "fr") if "LECTURE_LANG" in source else None
                if (name, lang) not in checked:
                    workdir = tmp_path / f"{name.replace('/', '_')}-{lang}"
                    workdir.mkdir()
                    assert shown.rstrip("\n") == fresh_run(name, workdir, lang).rstrip("\n"), (
                        f"{url}: the output shown for {name} differs from a fresh run"
                    )
                    checked.add((name, lang))
    assert {("fonction-usine/factory.py", "fr"), ("fonction-usine/factory.py", "en"),
            ("fonction-usine/beers.py", "fr"),
            # Folded programs too (their code is fetched when the fold opens).
            ("precautions/early_stopping.py", "fr"), ("pre-entrainement/cross_entropy.py", "en")} <= checked


def test_factory_chapter_shows_outputs_in_both_languages(built_site):
    labels = {"": "Sortie", "en/": "Output"}
    expected = {
        "": ("x = 3 bière(s)  ->  y = f(x) = 18,00 EUR", "??? (aucune règle dans le mode d'emploi)"),
        "en/": ("x = 3 beer(s)  ->  y = f(x) = 18.00 EUR", "??? (no rule in the manual)"),
    }
    for prefix, label in labels.items():
        shown = shown_outputs(built_site.page(prefix + "fonction-usine/"))
        beers, factory = expected[prefix]
        assert beers in shown["fonction-usine/beers.py"]
        assert factory in shown["fonction-usine/factory.py"]
        soup = BeautifulSoup(built_site.page(prefix + "fonction-usine/").read_text(), "html.parser")
        assert {tag.get_text() for tag in soup.select(".lecture-output__label")} == {label}


@pytest.mark.build
def test_one_execution_serves_both_languages_and_the_next_build(tmp_path):
    project = minimal_project(
        tmp_path / "project", {"hello.py": 'print("hello", 6 * 3)\n'}, '{{ snippet("hello.py") }}'
    )
    log = tmp_path / "log"
    first = run_build(project, tmp_path / "site1", log, write=True)
    assert first.returncode == 0, first.stderr
    assert executions(log) == ["hello.py"], "one run must serve the French and English pages"
    second = run_build(project, tmp_path / "site2", log, write=True)
    assert second.returncode == 0, second.stderr
    assert executions(log) == ["hello.py"], "a warm build executed a snippet again"
    for prefix in ("", "en/"):
        assert "hello 18" in (tmp_path / "site2" / prefix / "index.html").read_text()


@pytest.mark.build
def test_a_failing_snippet_fails_the_build_naming_file_line_and_error(tmp_path):
    source = """\
    numerator = 1
    denominator = 0
    print("about to divide")
    print(numerator / denominator)
    """
    project = minimal_project(tmp_path / "p", {"ch/broken.py": source}, 'Texte.\n\n{{ snippet("ch/broken.py") }}')
    completed = run_build(project, tmp_path / "site", write=True)
    assert completed.returncode != 0
    assert "docs/index.fr.md:5" in completed.stderr
    assert "snippet ch/broken.py failed" in completed.stderr
    assert "broken.py, line 4" in completed.stderr
    assert "ZeroDivisionError: division by zero" in completed.stderr


@pytest.mark.build
def test_a_snippet_that_hangs_fails_the_build(tmp_path):
    project = minimal_project(tmp_path / "p", {"slow.py": "import time\ntime.sleep(60)\n"},
                              '{{ snippet("slow.py") }}')
    completed = run_build(project, tmp_path / "site", write=True)
    assert completed.returncode != 0
    assert "snippet slow.py timed out after 5 s" in completed.stderr


@pytest.mark.build
def test_an_unknown_snippet_or_directive_is_named(tmp_path):
    project = minimal_project(tmp_path / "p", {"real.py": "print(1)\n"}, '{{ snippet("typo.py") }}')
    completed = run_build(project, tmp_path / "site")
    assert completed.returncode != 0
    assert "docs/index.fr.md:3: snippet 'typo.py' not found" in completed.stderr
    assert "Known snippets: real.py" in completed.stderr
    project = minimal_project(tmp_path / "q", {}, '{{ snipet("real.py") }}')
    completed = run_build(project, tmp_path / "site2")
    assert "unknown directive 'snipet'" in completed.stderr


@pytest.mark.build
def test_a_readers_build_runs_nothing_and_names_the_fixing_command(tmp_path):
    project = minimal_project(tmp_path / "p", {"hello.py": 'print("hello")\n'}, 'Texte.\n\n{{ snippet("hello.py") }}')
    log = tmp_path / "log"
    completed = run_build(project, tmp_path / "site", log)
    assert completed.returncode != 0
    assert "docs/index.fr.md:5: no cache entry for snippet hello.py" in completed.stderr, completed.stderr
    assert "python -m lectureutils precompute" in completed.stderr
    assert executions(log) == [] and not (project / "cache").exists(), "a read-only build ran or wrote"
    # The author's command produces the entry; the next read-only build finds it.
    produced = subprocess.run(
        [sys.executable, "-m", "lectureutils", "precompute", "--kinds", "snippets"],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "LECTUREUTILS_EXECUTION_LOG": str(log)},
    )
    assert produced.returncode == 0, produced.stderr
    assert run_build(project, tmp_path / "site2", log).returncode == 0
    assert executions(log) == ["hello.py"]


@pytest.mark.build
def test_a_corrupted_cache_entry_fails_a_build_and_is_produced_again_when_asked(tmp_path):
    project = minimal_project(tmp_path / "p", {"hello.py": 'print("hello")\n'}, '{{ snippet("hello.py") }}')
    log = tmp_path / "log"
    assert run_build(project, tmp_path / "site1", log, write=True).returncode == 0
    (entry,) = (project / "cache" / "snippets").glob("*.json")
    damaged = entry.read_text()[:-40]
    entry.write_text(damaged, encoding="utf-8")
    completed = run_build(project, tmp_path / "site2", log)
    assert completed.returncode != 0
    assert "docs/index.fr.md:3" in completed.stderr and "unreadable cache entry" in completed.stderr
    assert "python -m lectureutils precompute --kinds snippets" in completed.stderr
    assert entry.read_text() == damaged, "a read-only build rewrote the entry"
    completed = run_build(project, tmp_path / "site3", log, write=True)
    assert completed.returncode == 0, completed.stderr
    assert executions(log) == ["hello.py", "hello.py"]
    record = json.loads(entry.read_text())
    assert record["body"]["result"]["stdout"] == "hello\n"


@pytest.mark.build
def test_a_figure_is_shown_under_the_output(tmp_path):
    source = """\
    from lectureutils.figures import save
    save('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>A dot</title>'
         '<circle cx="5" cy="5" r="4"/></svg>')
    print("drawn")
    """
    project = minimal_project(tmp_path / "p", {"dot.py": source}, '{{ snippet("dot.py") }}')
    assert run_build(project, tmp_path / "site", write=True).returncode == 0
    soup = BeautifulSoup((tmp_path / "site" / "en" / "index.html").read_text(), "html.parser")
    figure = soup.select_one(".lecture-figure")
    assert figure.select_one("svg title").get_text() == "A dot"
    assert "Figure made by" in figure.select_one("figcaption").get_text()


def test_lab_notebooks_are_rendered_not_raw(built_site):
    for prefix, title in (("", "Carnet de travaux pratiques"), ("en/", "Lab notebook")):
        page = built_site.page(prefix + "labs/fonction-usine/")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == (prefix.rstrip("/") or "fr")
        assert title in soup.select_one("h1").get_text()
        text = soup.select_one("article").get_text(" ")
        assert '"cell_type"' not in text and '"nbformat"' not in text, "notebook shown as raw JSON"
        assert len(soup.select(".jp-OutputArea-output")) == 3, "one output per snippet of the chapter"
        assert ("18.00 EUR" if prefix else "18,00 EUR") in text  # the outputs speak the page's language
        download = built_site.site_dir / prefix / "labs" / "fonction-usine" / "fonction-usine.ipynb"
        notebook = json.loads(download.read_text(encoding="utf-8"))
        code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
        # The program as the chapter shows it: the page's language, without the repository notes.
        shown = displayed_source((PROJECT_ROOT / "snippets/fonction-usine/factory.py").read_text(), prefix.rstrip("/") or "fr")
        assert "".join(code[0]["source"]) == shown.rstrip("\n")
    chapter = BeautifulSoup(built_site.page("fonction-usine/").read_text(), "html.parser")
    assert chapter.select_one('a[href="../labs/fonction-usine/fonction-usine.ipynb"][download]')


def test_prune_lists_only_entries_no_current_snippet_uses(tmp_path):
    from lectureutils import project

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.fr.md").write_text('{{ snippet("a.py") }}\n', encoding="utf-8")
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    (snippets / "a.py").write_text('print("first")\n', encoding="utf-8")
    (snippets / "draft.py").write_text('print("not shown yet")\n', encoding="utf-8")
    services = project.open_project(tmp_path / "docs", snippets, tmp_path / "cache", writable=True)
    first = services.snippets.run("a.py")
    services.snippets.run("draft.py")
    old_key = services.results.get_or_produce(
        "snippets", services.snippets.key_parts("a.py"), subject="snippet a.py", produce=None
    ).key
    assert first.executed
    assert project.unused(services) == [], "a snippet file's entry is kept even before a page shows it"
    (snippets / "a.py").write_text('print("second")\n', encoding="utf-8")
    services.snippets.run("a.py")
    assert project.unused(services) == [("snippets", old_key)]
