"""The committed entries are what the code produces now: the cheap ones are recomputed here and
compared with what the pages show (snippets are compared in test_snippets.py, through the page).

Demo figures (numpy, a second or so each) in the unit tier; the cheap real-model computations
(tokenizers, spaCy, MiniLM) in the models tier. The expensive ones (the language models' outputs,
the tiny models' training) are checked for shape and freshness only (test_results.py).
"""

from __future__ import annotations

import math

import pytest

from conftest import PROJECT_ROOT
from lectureutils import demo_figures, project
from lectureutils.cache import CacheStore, Results
from lectureutils.compute import COMPUTATIONS
from lectureutils.compute.engine import requests_of

SERVICES = project.open_project(PROJECT_ROOT / "docs", PROJECT_ROOT / "snippets", PROJECT_ROOT / "cache")
CHEAP_COMPUTATIONS = ("tokenize", "annotate", "similarity")


def committed(use: project.Use):
    body = SERVICES.store.load(use.kind, use.key)
    assert body is not None, f"{use.location}: no committed entry for {use.subject}"
    return body["result"]


def close(fresh, stored, path="result"):
    """Equal, floats within 1e-4 (another CPU's last digits); the first difference otherwise."""
    if isinstance(stored, float) or isinstance(fresh, float):
        assert math.isclose(fresh, stored, rel_tol=1e-4, abs_tol=1e-6), f"{path}: {fresh} != {stored}"
    elif isinstance(stored, dict):
        assert set(fresh) == set(stored), f"{path}: keys {sorted(fresh)} != {sorted(stored)}"
        for key in stored:
            close(fresh[key], stored[key], f"{path}[{key!r}]")
    elif isinstance(stored, list):
        assert len(fresh) == len(stored), f"{path}: {len(fresh)} items != {len(stored)}"
        for index, (a, b) in enumerate(zip(fresh, stored)):
            close(a, b, f"{path}[{index}]")
    else:
        assert fresh == stored, f"{path}: {fresh!r} != {stored!r}"


DEMO_USES = project.demo_uses(SERVICES)


@pytest.mark.parametrize("use", DEMO_USES, ids=[use.subject for use in DEMO_USES])
def test_demo_figures_are_what_the_toy_code_draws(use, tmp_path):
    from lectureutils.toy import demos

    name, lang = use.subject.removeprefix("demo figure ").rstrip(")").split(" (")
    assert demo_figures.subject(name, lang) == use.subject
    if name == demo_figures.PLAYGROUND:
        files = SERVICES.compute.get("tokenizer_playground", {}).result["tokenizers"]
        fresh = demo_figures.playground_figure(Results(CacheStore(tmp_path), writable=True), files, lang)
    else:
        fresh = demos.static_figure(name, lang, uid=f"demo-{name}-static")
    assert fresh == committed(use), f"{use.location}: the committed figure of {use.subject} is not what the code draws"


CHEAP_USES = [use for use in project.compute_uses(SERVICES) if use.subject.split("'")[1] in CHEAP_COMPUTATIONS]


@pytest.mark.models
@pytest.mark.parametrize("use", CHEAP_USES, ids=[use.subject[:60] for use in CHEAP_USES])
def test_cheap_computations_are_what_the_models_compute(use, monkeypatch):
    pytest.importorskip("torch")
    monkeypatch.setenv("LECTUREUTILS_DEVICE", "cpu")
    request = next(r for r in requests_of(SERVICES.plan) if r.describe() == use.subject)
    fresh = COMPUTATIONS[request.name].function()(**request.args)
    close(fresh, committed(use))


def test_the_cheap_list_covers_pages():
    assert {use.subject.split("'")[1] for use in CHEAP_USES} == set(CHEAP_COMPUTATIONS)
