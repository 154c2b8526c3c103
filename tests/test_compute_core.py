"""lectureutils.compute without models: keys, requests, device choice, check/prune, rendering.

Fast: nothing here loads a model. Cache entries are written with synthetic results.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from lectureutils import __main__ as cli
from lectureutils.cache import CacheStore, Results, make_key
from lectureutils.compute import COMPUTATIONS, ComputeRequestError, canonical_arguments, environment
from lectureutils.compute import device as devices
from lectureutils.compute.engine import KIND, ComputeEngine, Request, key_parts, scan_docs
from lectureutils.errors import CorruptEntryError, EntryMissingError, EntryStaleError, ResultShapeError
from lectureutils.site.directives import HANDLERS
from lectureutils.site.directives import compute as directive

ENV = {
    "format": environment.FORMAT,
    "libraries": {"torch": "2.13", "transformers": "5.24", "tokenizers": "0.23", "spacy": "3.8",
                  "mistral-common": "1.13", "numpy": "2.3"},
    "models": {m: {"sha256": f"{i:064x}", "package": m} for i, m in enumerate(
        ["smollm2", "gemma", "minilm", "xlmr", "tekken", "fr_core_news_sm", "bible"], start=1)},
}

NEXT = {"model": "smollm2", "prompt": "The boy went to the", "k": 3}
NEXT_RESULT = {
    "model": "smollm2", "prompt": "The boy went to the",
    "prompt_tokens": ["The", " boy", " went", " to", " the"],
    "top": [{"token": " local", "id": 2216, "probability": 0.115},
            {"token": " bathroom", "id": 9, "probability": 0.0971},
            {"token": " market", "id": 10, "probability": 0.0713}],
    "top_mass": 0.2834, "probability_sum": 1.0, "vocabulary_size": 49152, "entropy_bits": 8.1,
}
PROVENANCE = {
    "device": "cpu", "device_name": "test CPU", "dtype": "float32", "duration_s": 0.42,
    "date": "2026-11-26T12:00:00+00:00", "python": "3.11.2",
    "libraries": {"torch": "2.13.0+cpu", "transformers": "5.24.0"},
    "models": {"smollm2": {"name": "SmolLM2-135M-Instruct", "sha256": "b179c9523d0e6a0f" + "0" * 48,
                           "licence": "Apache-2.0", "parameters": 134515008, "vocabulary": 49152}},
}


def write_entry(store: CacheStore, name: str, args: dict, result: dict, env=ENV, provenance=PROVENANCE):
    args = canonical_arguments(name, args)
    return store.save(KIND, key_parts(name, args, env), result, provenance, Request(name, args).describe())


@pytest.fixture
def store(tmp_path) -> CacheStore:
    root = tmp_path / "cache"
    environment.write(root, ENV)
    return CacheStore(root)


def test_defaults_are_filled_so_equal_requests_share_a_key():
    assert canonical_arguments("next_tokens", {"model": "smollm2", "prompt": "x"})["k"] == 10
    a = key_parts("next_tokens", canonical_arguments("next_tokens", {"model": "smollm2", "prompt": "x"}), ENV)
    b = key_parts("next_tokens", canonical_arguments("next_tokens", {"prompt": "x", "k": 10, "model": "smollm2"}), ENV)
    assert make_key(KIND, a) == make_key(KIND, b)


def test_key_is_stable_and_names_what_matters():
    parts = key_parts("next_tokens", canonical_arguments("next_tokens", NEXT), ENV)
    assert parts == {
        "computation": "next_tokens", "version": COMPUTATIONS["next_tokens"].version,
        "args": {"model": "smollm2", "prompt": "The boy went to the", "k": 3},
        "models": {"smollm2": ENV["models"]["smollm2"]["sha256"]},
        "libraries": ENV["libraries"],
    }
    # A fixed key for fixed inputs: the format of keys must not drift silently.
    assert make_key(KIND, parts) == make_key(KIND, json.loads(json.dumps(parts)))
    # Only the model the computation uses enters its key.
    other = json.loads(json.dumps(ENV))
    other["models"]["gemma"]["sha256"] = "f" * 64
    assert make_key(KIND, key_parts("next_tokens", parts["args"], other)) == make_key(KIND, parts)
    for change in ("model", "library"):
        changed = json.loads(json.dumps(ENV))
        if change == "model":
            changed["models"]["smollm2"]["sha256"] = "e" * 64
        else:
            changed["libraries"]["torch"] = "2.14"
        assert make_key(KIND, key_parts("next_tokens", parts["args"], changed)) != make_key(KIND, parts)


def test_bad_requests_are_reported():
    with pytest.raises(ComputeRequestError, match="unknown computation"):
        canonical_arguments("next_word", {})
    with pytest.raises(ComputeRequestError, match="unknown argument"):
        canonical_arguments("next_tokens", {"model": "smollm2", "prompt": "x", "top": 3})
    with pytest.raises(ComputeRequestError, match="missing argument 'prompt'"):
        canonical_arguments("next_tokens", {"model": "smollm2"})
    with pytest.raises(ComputeRequestError, match="causal-lm"):
        canonical_arguments("next_tokens", {"model": "minilm", "prompt": "x"})


def test_french_and_english_pages_share_one_request(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    line = '{{ compute("next_tokens", model="smollm2", prompt="The boy went to the", k=3) }}'
    (docs / "p.fr.md").write_text(f"# Titre\n\n{line}\n", encoding="utf-8")
    (docs / "p.en.md").write_text(f"# Title\n\n```\n{line.replace('k=3', 'k=4')}\n```\n\n{line}\n", encoding="utf-8")
    requests = scan_docs(docs)
    assert len(requests) == 1  # the fenced example is not a request
    assert sorted(Path(loc).name.split(":")[0] for loc in requests[0].locations) == ["p.en.md", "p.fr.md"]


def test_device_choice_covers_the_cuda_path_without_a_gpu():
    """The CUDA branch runs here with the capabilities forced (this machine has no GPU)."""
    assert devices.choose(None, cuda_available=True, bf16_supported=True).dtype == "bfloat16"
    assert devices.choose(None, cuda_available=True, bf16_supported=False).dtype == "float16"
    assert devices.choose(None, cuda_available=True, bf16_supported=True).device == "cuda"
    assert devices.choose(None, cuda_available=False, bf16_supported=False) .device == "cpu"
    assert devices.choose("cpu", cuda_available=True, bf16_supported=True).dtype == "float32"
    assert devices.choose("cuda:1", cuda_available=True, bf16_supported=True).device == "cuda:1"
    with pytest.raises(RuntimeError, match="no CUDA device"):
        devices.choose("cuda", cuda_available=False, bf16_supported=False)
    with pytest.raises(RuntimeError, match="expected cpu"):
        devices.choose("tpu", cuda_available=False, bf16_supported=False)
    from lectureutils.compute import tiny

    assert tiny.resolve_preset("auto", "cuda") == "gpu"
    assert tiny.resolve_preset("auto", "cpu") == "cpu"


def test_auto_preset_is_resolved_before_keying():
    """On a CUDA machine "auto" trained the gpu preset: it must never share the cpu preset's key."""
    for name in ("tiny_gpt", "tiny_mlm", "tiny_finetune"):
        assert canonical_arguments(name, {})["preset"] == "cpu"
        assert canonical_arguments(name, {"preset": "auto"}) == canonical_arguments(name, {"preset": "cpu"})
        gpu = key_parts(name, canonical_arguments(name, {"preset": "gpu"}), ENV)
        assert make_key(KIND, gpu) != make_key(KIND, key_parts(name, canonical_arguments(name, {}), ENV))


def test_missing_stale_corrupt_and_misshapen_entries_fail_clearly(store):
    engine = ComputeEngine(Results(store))  # read-only, as every build
    with pytest.raises(EntryMissingError, match="make precompute"):
        engine.get("next_tokens", NEXT)
    body = write_entry(store, "next_tokens", NEXT, NEXT_RESULT)
    assert engine.get("next_tokens", NEXT).result == NEXT_RESULT
    # Inputs changed (here the code version): the old entry is named as stale.
    bumped = dataclasses.replace(COMPUTATIONS["next_tokens"], version=COMPUTATIONS["next_tokens"].version + 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(COMPUTATIONS, "next_tokens", bumped)
        with pytest.raises(EntryStaleError, match="stale cache entry.*make precompute"):
            ComputeEngine(Results(store)).get("next_tokens", NEXT)
    path = store.path(KIND, body["key"])
    text = path.read_text()
    path.write_text(text[:-40])  # truncated
    with pytest.raises(CorruptEntryError, match="make precompute"):
        ComputeEngine(Results(store)).get("next_tokens", NEXT)
    assert path.read_text() == text[:-40], "a read-only look-up rewrote the entry"
    # A result whose shape no longer matches its renderer: named, not a KeyError.
    broken = {key: value for key, value in NEXT_RESULT.items() if key != "top_mass"}
    write_entry(store, "next_tokens", NEXT, broken)
    with pytest.raises(ResultShapeError, match=r"missing key 'top_mass'.*make precompute"):
        ComputeEngine(Results(store)).get("next_tokens", NEXT)


def test_missing_environment_file_names_precompute(tmp_path):
    engine = ComputeEngine(Results(CacheStore(tmp_path / "empty")))
    with pytest.raises(environment.EnvironmentMissingError, match="make precompute"):
        engine.get("next_tokens", NEXT)


def test_check_fails_on_a_stale_entry_and_prune_removes_unused(store, tmp_path, monkeypatch, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.fr.md").write_text(
        '{{ compute("next_tokens", model="smollm2", prompt="The boy went to the", k=3) }}\n', encoding="utf-8"
    )
    argv = ["--docs", str(docs), "--cache", str(store.root), "--snippets", str(tmp_path / "snippets")]
    assert cli.main(argv + ["check"]) == 1  # nothing computed yet
    write_entry(store, "next_tokens", NEXT, NEXT_RESULT)
    unused = write_entry(store, "next_tokens", {**NEXT, "k": 5}, NEXT_RESULT)
    assert cli.main(argv + ["check"]) == 0
    # The computation's code changes: its entries are stale.
    bumped = dataclasses.replace(COMPUTATIONS["next_tokens"], version=COMPUTATIONS["next_tokens"].version + 1)
    monkeypatch.setitem(COMPUTATIONS, "next_tokens", bumped)
    assert cli.main(argv + ["check"]) == 1
    assert "p.fr.md:1: stale compute entry for compute('next_tokens'" in capsys.readouterr().out
    monkeypatch.undo()
    # A new torch was recorded by precompute: stale again.
    changed = json.loads(json.dumps(ENV))
    changed["libraries"]["torch"] = "2.14"
    environment.write(store.root, changed)
    assert cli.main(argv + ["check"]) == 1
    environment.write(store.root, ENV)
    assert cli.main(argv + ["check"]) == 0
    # prune: lists, then removes, the entry no page requests.
    capsys.readouterr()
    assert cli.main(argv + ["prune", "--dry-run"]) == 0
    assert unused["key"] in capsys.readouterr().out
    assert store.path(KIND, unused["key"]).exists()
    assert cli.main(argv + ["prune"]) == 0
    assert not store.path(KIND, unused["key"]).exists()
    assert cli.main(argv + ["check"]) == 0


def test_directive_is_registered():
    assert HANDLERS["compute"] is directive.render


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rendering_is_localised_and_accessible(lang):
    body = {"key": "0" * 64, "result": NEXT_RESULT, "provenance": PROVENANCE,
            "kind": "compute", "key_parts": {"computation": "next_tokens"}}
    html = directive.render_html(lang, "u1", "next_tokens", NEXT, body)
    for variant in ("wide", "narrow"):
        assert f'<title id="u1-{variant}-title">' in html and f'<desc id="u1-{variant}-desc">' in html
    assert html.count('role="img"') == 2
    # The model's name titles the chart, above it; the data, the provenance and the licence are folded.
    assert html.index('class="lecture-chart__title">SmolLM2-135M-Instruct') < html.index("<svg")
    folded = html[html.index("<details"):]
    assert "<table>" in folded and "Provenance" in folded and "licen" in folded
    assert "SmolLM2-135M-Instruct" in html and "torch 2.13.0+cpu" in html
    # float32 is the computation's precision, never presented as the weights' (4-bit GGUF files).
    assert ("CPU, calcul en float32" if lang == "fr" else "CPU, computed in float32") in html
    assert ("poids quantifiés sur 4 bits" if lang == "fr" else "weights quantised to 4 bits") in html
    if lang == "fr":
        assert "11,5\u202f%" in html and "0,1150" in html and "49\u202f152" in html
        assert "Provenance\u202f:" in html and "calculé le 26/11/2026" in html and "computed on" not in html
    else:
        assert "11.5%" in html and "0.1150" in html and "49,152" in html and "computed on 2026-11-26" in html
    assert "Gemma" not in html


def test_gemma_outputs_carry_its_terms():
    provenance = {**PROVENANCE, "models": {"gemma": {"name": "Gemma 3 270M", "sha256": "a" * 64,
                                                     "licence": "Gemma Terms of Use"}}}
    body = {"key": "1" * 64, "result": {**NEXT_RESULT, "model": "gemma"}, "provenance": provenance,
            "kind": "compute", "key_parts": {"computation": "next_tokens"}}
    for lang in ("fr", "en"):
        html = directive.render_html(lang, "u2", "next_tokens", NEXT, body)
        assert "https://ai.google.dev/gemma/terms" in html[html.index("<details"):]
        assert html.count("https://ai.google.dev/gemma/terms") == 1


def test_every_computation_has_a_renderer_a_shape_and_a_used_in_docstring():
    from lectureutils.compute.schemas import SHAPES
    from lectureutils.site.renderers import RENDERERS

    assert set(RENDERERS) | set(directive.CONTEXT_RENDERERS) == set(COMPUTATIONS)
    for name, computation in COMPUTATIONS.items():
        assert name in SHAPES
        assert "Used in: docs/" in (computation.function().__doc__ or ""), name
