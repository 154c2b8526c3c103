"""The build memo (``lectureutils/site/memo.py``): a warm build and every ``mkdocs serve`` rebuild
reuse what earlier builds produced, and the site they write is the site a cold build writes."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, copy_project
from lectureutils.site.memo import Memo

# The pages' last-update dates come from the files' times in a copy without git: pinned.
FIXED_DATE = {"SOURCE_DATE_EPOCH": "1716768000"}


def test_a_memo_entry_is_reused_only_for_the_same_input(tmp_path):
    memo = Memo(tmp_path / "memo")
    calls = []

    def compute(text):
        calls.append(text)
        return text.upper()

    assert memo.text("step", lambda: compute("ab"), "ab", "c") == "AB"
    assert memo.text("step", lambda: compute("ab"), "ab", "c") == "AB"
    # The parts are length-prefixed: ("a", "bc") is another input than ("ab", "c").
    assert memo.text("step", lambda: compute("a"), "a", "bc") == "A"
    assert calls == ["ab", "a"]
    # A new process (an empty memory) reads the entry back from the disk.
    again = Memo(tmp_path / "memo")
    assert again.text("step", lambda: compute("never"), "ab", "c") == "AB"
    assert calls == ["ab", "a"]


def test_prune_forgets_what_the_last_build_did_not_use(tmp_path):
    memo = Memo(tmp_path / "memo")
    memo.text("step", lambda: "old", "old page")
    memo.prune("step")
    memo.text("step", lambda: "new", "new page")
    assert memo.prune("step") == 1  # "old page": not used by this build
    assert len(list((tmp_path / "memo" / "step").glob("*.json"))) == 1
    assert Memo(tmp_path / "memo").text("step", lambda: "again", "old page") == "again"


def _serve_like_builds(project: Path, site: Path, edit) -> None:
    """What ``mkdocs serve`` does: load the configuration and build, in one process, twice,
    with ``edit()`` between the two builds."""
    script = f"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
project, site = {str(project)!r}, {str(site)!r}
for round in (1, 2):
    config = load_config(project + "/mkdocs.yml", site_dir=site + str(round), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    if round == 1:
        open(project + "/edited.flag", "w").close()
        import os, time
        while os.path.exists(project + "/edited.flag"):
            time.sleep(0.05)
"""
    env = {key: value for key, value in os.environ.items() if key != "LECTUREUTILS_WRITE_CACHE"}
    env.update(FIXED_DATE)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    process = subprocess.Popen([sys.executable, "-c", script], cwd=project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    flag = project / "edited.flag"
    try:
        while not flag.exists():
            if process.poll() is not None:
                raise AssertionError(f"the first build failed:\n{process.stderr.read()[-5000:]}")
            time.sleep(0.05)
        edit()
        flag.unlink()
        _, stderr = process.communicate(timeout=900)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, f"the rebuild failed:\n{stderr[-5000:]}"


def _cold_build(project: Path, site: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "LECTUREUTILS_WRITE_CACHE"}
    env.update(FIXED_DATE)
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, timeout=900,
    )
    assert completed.returncode == 0, completed.stderr[-5000:]


def _different_files(left: Path, right: Path) -> list[str]:
    differences = []
    comparison = filecmp.dircmp(left, right)
    stack = [("", comparison)]
    while stack:
        prefix, current = stack.pop()
        differences += [f"{prefix}{name} (only on one side)" for name in current.left_only + current.right_only]
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        differences += [prefix + name for name in mismatch + errors]
        stack += [(f"{prefix}{name}/", sub) for name, sub in current.subdirs.items()]
    return sorted(differences)


@pytest.mark.build
def test_an_edit_between_two_serve_builds_reaches_its_page_and_the_pages_that_include_it(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "modele.en.md"
    original = page.read_text(encoding="utf-8")
    marker = "Edited between two builds."
    exercise_marker = "Exercise edited between two builds."

    def edit():
        lines = original.split("\n")
        paragraph = next(index for index, line in enumerate(lines)
                         if line[:1].isalpha() and not lines[index + 1].strip())
        lines[paragraph] += " " + marker
        exercises = lines.index(next(line for line in lines if line.startswith("## ") and "{#exercises" in line))
        question = next(index for index in range(exercises, len(lines)) if lines[index].lstrip().startswith("???"))
        body = next(index for index in range(question + 1, len(lines))
                    if lines[index].strip() and lines[index].lstrip()[:1].isalpha())
        lines[body] += " " + exercise_marker
        page.write_text("\n".join(lines), encoding="utf-8")

    _serve_like_builds(project, tmp_path / "site", edit)
    before, after = tmp_path / "site1", tmp_path / "site2"
    assert marker not in (before / "en" / "modele" / "index.html").read_text(encoding="utf-8")
    for url in ("en/modele/", "en/imprimer/", "en/bilingue/modele/"):
        assert marker in (after / url / "index.html").read_text(encoding="utf-8"), f"{url} did not follow the edit"
    assert exercise_marker in (after / "en" / "exercices" / "index.html").read_text(encoding="utf-8")
    assert marker not in (after / "modele" / "index.html").read_text(encoding="utf-8")
    english_index = json.loads((after / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(marker in doc["text"] for doc in english_index["docs"]), "the search index did not follow"

    # The rebuild, made mostly from the memo, is the site a cold build of the edited sources makes.
    cold_project = copy_project(tmp_path / "cold")
    (cold_project / "docs" / "modele.en.md").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    _cold_build(cold_project, tmp_path / "cold-site")
    assert _different_files(after, tmp_path / "cold-site") == []


@pytest.mark.build
def test_a_warm_build_does_not_import_the_notebook_libraries(tmp_path):
    """mkdocs-jupyter's plugin module imports jupytext and nbconvert (nbformat, jsonschema); a
    warm build of this site needs none of them (lectureutils/site/lazy_imports.py). Nor does it
    need numpy: the charts and the toy model draw only what the build memo lacks."""
    project = copy_project(tmp_path / "project")
    _cold_build(project, tmp_path / "site")
    script = (
        "import sys, runpy\n"
        "sys.argv = ['mkdocs', 'build', '--strict', '-q', '-d', sys.argv[1]]\n"
        "try:\n    runpy.run_module('mkdocs', run_name='__main__')\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "loaded = [name for name in ('nbformat.validator', 'jsonschema', 'nbconvert', 'jupytext.formats', "
        "'numpy', 'lectureutils.charts', 'lectureutils.toy.demos') "
        "if name in sys.modules]\n"
        "print('loaded:', loaded)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "LECTUREUTILS_WRITE_CACHE"}
    env.update(FIXED_DATE)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    completed = subprocess.run([sys.executable, "-c", script, str(tmp_path / "site2")], cwd=project, env=env,
                               capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stderr[-5000:]
    assert "loaded: []" in completed.stdout, completed.stdout
    assert _different_files(tmp_path / "site", tmp_path / "site2") == []
