"""The test suite's own promises: every test has a tier, and under CI a skip for a missing tool fails."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import PROJECT_ROOT

TESTS_DIR = Path(__file__).resolve().parent

SAMPLE = '''
import pytest

def test_runs():
    assert True

def test_needs_npm():
    pytest.skip("npm is missing")

def test_not_applicable():
    pytest.skip("not applicable: no demo on this page")

def test_optional():
    pytest.skip("optional: no GPU here")
'''


def run_sample(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(textwrap.dedent(SAMPLE), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS_DIR), str(PROJECT_ROOT)])
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "strict_skips", "-q", "-rs", "-p", "no:cacheprovider",
         str(tmp_path / "test_sample.py")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )


def test_a_missing_tool_skips_outside_ci_and_fails_under_ci(tmp_path):
    outside = run_sample(tmp_path, None)
    assert outside.returncode == 0, outside.stdout
    assert "1 passed, 3 skipped" in outside.stdout
    under_ci = run_sample(tmp_path, "true")
    assert under_ci.returncode == 1, under_ci.stdout
    assert "1 failed, 1 passed, 2 skipped" in under_ci.stdout
    assert "npm is missing" in under_ci.stdout and "Fix .ci/run" in under_ci.stdout


def test_a_module_skipped_at_import_fails_under_ci(tmp_path):
    (tmp_path / "test_sample.py").write_text(
        'import pytest\npytest.importorskip("no_such_module_here")\n\ndef test_x():\n    pass\n', encoding="utf-8")
    env = {**os.environ, "CI": "true", "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), str(PROJECT_ROOT)])}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "strict_skips", "-q", "-p", "no:cacheprovider", "test_sample.py"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert completed.returncode != 0 and "no_such_module_here" in completed.stdout, completed.stdout


def test_ci_installs_node_and_npm_and_runs_strict():
    script = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    packages = next(line for line in script.splitlines() if line.startswith("APT_PACKAGES="))
    for package in ("chromium", "nodejs", "npm"):
        assert f" {package} " in packages.replace("(", " ").replace(")", " "), package
    assert script.index("export CI=true") < script.index("make test")
