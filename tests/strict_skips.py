"""Under CI (``CI=true``), a test that skips because the machine lacks a tool fails instead.

``.ci/run`` installs everything the suite needs (Node/npm, Chromium, the model packages,
cffconvert, the transcript beside the clone); a skip there means the installation is broken, and
a silent skip would hide it. Outside CI a skip stays a skip, with its printed reason.

Two kinds of skip pass under CI, each saying so at the start of its reason: ``not applicable:``
(the test does not apply here, e.g. a page without a demo) and ``optional:`` (a resource CI does
not install by design: a GPU, a full Pyodide distribution).
"""

from __future__ import annotations

import os

import pytest

ALLOWED = ("not applicable:", "optional:")


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (under_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if _allowed(reason):
        return
    report.outcome = "failed"
    report.longrepr = (
        f"CI=true: a test skipped for lack of a tool or file the CI must install ({reason}). "
        f"Fix .ci/run, or, if this skip is not about a missing tool, start its reason with one of {ALLOWED}."
    )


def _allowed(reason: str) -> bool:
    text = reason.removeprefix("Skipped: ").strip()
    return text.startswith(ALLOWED)


def pytest_terminal_summary(terminalreporter):
    if under_ci():
        terminalreporter.write_line("CI=true: environment skips count as failures (tests/strict_skips.py)")


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """A whole module skipped at import (``pytest.importorskip``) fails too under CI."""
    outcome = yield
    report = outcome.get_result()
    if under_ci() and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not _allowed(reason):
            report.outcome = "failed"
            report.longrepr = f"CI=true: {collector.nodeid} skipped for lack of a tool ({reason}): fix .ci/run"
