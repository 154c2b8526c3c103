"""The one result layer (``lectureutils.cache``) for snippets, demo figures and computations.

Unit tests of the key, corruption and provenance policies, then the promises on the real,
committed cache: a build only reads it (a corrupt entry of any kind fails the build with its page,
line and fixing command, and nothing else changes under git), and a reader on another Python or
numpy minor version neither runs anything nor loses an entry to ``prune``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, copy_project, executions, run_build
from lectureutils import demo_figures, execution, project
from lectureutils.cache import FORMAT_VERSION, CacheStore, Results, make_key, write_requested
from lectureutils.errors import (
    CorruptEntryError,
    EntryMissingError,
    EntryStaleError,
    LectureError,
    ResultShapeError,
)
from lectureutils.schema import check

# --- unit: the policies ---------------------------------------------------------------------------


def produce_counting(calls: list, value="result"):
    def produce():
        calls.append(value)
        return {"stdout": value, "figures": []}, {"snippet": "x.py"}

    return produce


def test_golden_key():
    """The key format is pinned: a change here silently orphans every committed entry."""
    parts = {"engine": 1, "source_sha256": "0" * 64, "local_modules": {}}
    assert make_key("snippets", parts) == "2f9df94544b5a7d38232d80261ecb2e19080b1774da1394d5ffd3dba7925adb5"


def test_read_only_never_produces_and_names_the_fix(tmp_path):
    calls: list = []
    results = Results(CacheStore(tmp_path / "cache"))
    with pytest.raises(EntryMissingError, match="no cache entry for snippet x.py") as raised:
        results.get_or_produce("snippets", {"a": 1}, subject="snippet x.py",
                               produce=produce_counting(calls), fix="python -m lectureutils precompute")
    assert "fix: run `python -m lectureutils precompute`" in str(raised.value.at("docs/p.md:3"))
    assert str(raised.value).startswith("docs/p.md:3: ")
    assert calls == [] and not (tmp_path / "cache").exists()


def test_writable_produces_once_then_reads(tmp_path):
    calls: list = []
    store = CacheStore(tmp_path / "cache")
    entry = Results(store, writable=True).get_or_produce(
        "snippets", {"a": 1}, subject="snippet x.py", produce=produce_counting(calls))
    assert entry.produced and calls == ["result"]
    provenance = entry.body["provenance"]
    assert {"date", "duration_s", "python", "numpy", "platform", "snippet"} <= set(provenance)
    assert entry.body["format"] == FORMAT_VERSION and entry.body["subject"] == "snippet x.py"
    again = Results(store).get_or_produce("snippets", {"a": 1}, subject="snippet x.py", produce=None)
    assert not again.produced and again.result == entry.result and calls == ["result"]


def test_stale_corrupt_and_misshapen_entries(tmp_path):
    store = CacheStore(tmp_path / "cache")
    calls: list = []
    Results(store, writable=True).get_or_produce(
        "snippets", {"v": 1}, subject="snippet x.py", produce=produce_counting(calls))
    with pytest.raises(EntryStaleError, match="stale cache entry for snippet x.py"):
        Results(store).get_or_produce("snippets", {"v": 2}, subject="snippet x.py", produce=None)
    path = store.path("snippets", make_key("snippets", {"v": 1}))
    damaged = path.read_text()[:-30]
    path.write_text(damaged)
    with pytest.raises(CorruptEntryError, match="unreadable cache entry"):
        Results(store).get_or_produce("snippets", {"v": 1}, subject="snippet x.py", produce=None)
    assert path.read_text() == damaged
    # Asked to write, the layer replaces the corrupt entry.
    entry = Results(store, writable=True).get_or_produce(
        "snippets", {"v": 1}, subject="snippet x.py", produce=produce_counting(calls))
    assert entry.produced and json.loads(path.read_text())["body"]["result"]["stdout"] == "result"
    with pytest.raises(ResultShapeError, match=r"result\['figures'\]: expected str, found list"):
        Results(store).get_or_produce(
            "snippets", {"v": 1}, subject="snippet x.py", produce=None,
            validate=lambda result: check(result, {"stdout": str, "figures": str}))


def test_schema_names_the_first_difference():
    shape = {"top": [{"token": str, "p": float}], "note?": str, "n": (int, None)}
    check({"top": [{"token": "a", "p": 1}], "n": None}, shape)
    with pytest.raises(ResultShapeError, match=r"result\['top'\]\[1\]\['p'\]: expected float, found str"):
        check({"top": [{"token": "a", "p": 0.5}, {"token": "b", "p": "x"}], "n": 1}, shape)
    with pytest.raises(ResultShapeError, match="missing key 'n'"):
        check({"top": []}, shape)
    with pytest.raises(ResultShapeError, match="expected float, found bool"):
        check({"top": [{"token": "a", "p": True}], "n": 1}, shape)


def test_write_is_an_explicit_request(monkeypatch):
    monkeypatch.delenv("LECTUREUTILS_WRITE_CACHE", raising=False)
    assert write_requested() is False
    for value, expected in (("1", True), ("true", True), ("0", False), ("no", False), ("", False)):
        monkeypatch.setenv("LECTUREUTILS_WRITE_CACHE", value)
        assert write_requested() is expected


def test_committed_entries_are_current_and_keyed_without_the_interpreter():
    """Every committed entry has the current format, its file name is its key, and no key part
    is read from the machine (interpreter, numpy, platform, device). A computation's key holds the
    library versions recorded in the committed compute-environment.json, never the reader's."""
    store = CacheStore(PROJECT_ROOT / "cache")
    machine = {"python", "numpy", "platform", "device", "versions"}
    for kind in project.KINDS:
        for key, body in store.bodies(kind):
            assert body is not None, f"cache/{kind}/{key}.json is corrupt"
            assert body["format"] == FORMAT_VERSION and body["subject"]
            assert not machine & set(body["key_parts"]), f"cache/{kind}/{key}.json keys on the machine"


def test_the_pages_use_only_fresh_entries_and_prune_has_nothing_to_remove():
    services = project.open_project(PROJECT_ROOT / "docs", PROJECT_ROOT / "snippets", PROJECT_ROOT / "cache")
    uses = project.wanted(services)
    assert {use.kind for use in uses} == set(project.KINDS)
    assert project.check(services) == []
    assert project.unused(services) == []


def test_migration_rekeys_without_running_anything(tmp_path):
    """A format-1 entry (keyed on the interpreter) is re-keyed; its result is kept as it was."""
    store = CacheStore(tmp_path / "cache")
    old_parts = {"engine": 1, "source_sha256": "a" * 64, "local_modules": {},
                 "versions": {"python": "3.11", "numpy": "2.3"}}
    old_key = make_key("snippets", old_parts)
    body = {"format": 1, "kind": "snippets", "key": old_key, "key_parts": old_parts,
            "result": {"stdout": "42\n", "figures": []},
            "provenance": {"snippet": "ch/x.py", "python": "3.11.7"}}
    from lectureutils.cache import _checksum

    (tmp_path / "cache" / "snippets").mkdir(parents=True)
    store.path("snippets", old_key).write_text(json.dumps({"checksum": _checksum(body), "body": body}))
    assert project.migrate(store) == 1
    new_parts = {k: v for k, v in old_parts.items() if k != "versions"}
    migrated = store.load("snippets", make_key("snippets", new_parts))
    assert migrated["result"] == body["result"] and migrated["subject"] == "snippet ch/x.py"
    assert migrated["provenance"]["key_parts_before_migration"] == {"versions": old_parts["versions"]}
    assert not store.path("snippets", old_key).exists()
    assert project.migrate(store) == 0


# --- build: the committed cache, in a git copy of the project -------------------------------------

OTHER_INTERPRETER = '''
import platform
platform.python_version = lambda: "3.99.0"
platform.python_version_tuple = lambda: ("3", "99", "0")
import numpy
numpy.__version__ = "2.99.0"
from importlib import metadata
_version = metadata.version
metadata.version = lambda name: "2.99.0" if name == "numpy" else _version(name)
'''


def git(project_dir: Path, *args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=project_dir, capture_output=True, text=True, check=True)
    return completed.stdout


@pytest.fixture(scope="module")
def git_project(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = copy_project(tmp_path_factory.mktemp("git-project") / "project")
    shutil.copy2(PROJECT_ROOT / ".gitignore", root / ".gitignore")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy")
    return root


def locations_of(services: project.Services, use: project.Use) -> set[str]:
    """Every page line that uses the entry (the build reports whichever it renders first)."""
    found = set()
    for page in services.plan.pages.values():
        for directive in page.directives:
            if use.kind == execution.CACHE_KIND and directive.name == "snippet":
                # A snippet that speaks the page's language has one entry per language.
                name = directive.args[0]
                lang = services.snippets.language_of(name, page.lang)
                if execution.subject(name, lang) == use.subject:
                    found.add(directive.location)
            elif use.kind == demo_figures.CACHE_KIND and directive.name == "demo":
                if demo_figures.subject(directive.args[0], page.lang) == use.subject:
                    found.add(directive.location)
            elif use.kind == "compute" and directive.name == "compute":
                found.add(directive.location)
    return found


@pytest.mark.build
@pytest.mark.parametrize("kind", project.KINDS)
def test_a_corrupt_committed_entry_fails_the_build_and_nothing_else_changes(git_project, tmp_path, kind):
    from lectureutils.compute.engine import torch_available

    assert torch_available(), "this test needs the compute extra: the build could recompute, and must not"
    services = project.open_project(git_project / "docs", git_project / "snippets", git_project / "cache")
    use = next(use for use in project.wanted(services, [kind]))
    entry = services.store.path(kind, use.key)
    entry.write_text(entry.read_text(encoding="utf-8")[:-50], encoding="utf-8")
    log = tmp_path / "executions.log"
    try:
        completed = run_build(git_project, tmp_path / "site", log)
        assert completed.returncode != 0, "a corrupt entry did not fail the build"
        error = completed.stderr
        assert any(f"{location}:" in error for location in locations_of(services, use)), error[-2000:]
        assert "unreadable cache entry" in error and "(fix: run `" in error
        assert ("make precompute" if kind == "compute" else f"precompute --kinds {kind}") in error
        assert executions(log) == []
        status = git(git_project, "status", "--porcelain", "--untracked-files=all").splitlines()
        assert status == [f" M cache/{kind}/{use.key}.json"], status
    finally:
        git(git_project, "checkout", "-q", "--", "cache")


@pytest.mark.build
def test_another_python_and_numpy_minor_version_runs_nothing_and_prunes_nothing(git_project, tmp_path):
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(OTHER_INTERPRETER, encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(shim), str(PROJECT_ROOT)])}
    probe = subprocess.run([sys.executable, "-c", "import platform, numpy; print(platform.python_version(), numpy.__version__)"],
                           capture_output=True, text=True, env={**os.environ, **env})
    assert probe.stdout.split() == ["3.99.0", "2.99.0"], "the simulated interpreter is not in effect"
    log = tmp_path / "executions.log"
    completed = run_build(git_project, tmp_path / "site", log, extra_env=env)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert executions(log) == []
    for command in (["check"], ["prune"]):
        done = subprocess.run([sys.executable, "-m", "lectureutils", *command], cwd=git_project,
                              capture_output=True, text=True, env={**os.environ, **env})
        assert done.returncode == 0, done.stdout + done.stderr
    assert "0 unused entries" in done.stdout
    assert git(git_project, "status", "--porcelain", "--untracked-files=all") == ""


def test_errors_form_one_hierarchy():
    from lectureutils.compute import ComputeRequestError
    from lectureutils.compute.environment import EnvironmentMissingError
    from lectureutils.compute.models import ModelMissingError
    from lectureutils.errors import DirectiveSyntaxError, ExecutionError

    for error in (CorruptEntryError, EntryMissingError, EntryStaleError, ResultShapeError,
                  ModelMissingError, ComputeRequestError, EnvironmentMissingError,
                  DirectiveSyntaxError, ExecutionError, execution.SnippetError):
        assert issubclass(error, LectureError), error
