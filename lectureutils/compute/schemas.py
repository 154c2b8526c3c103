"""The typed shape of each computation's result (see ``lectureutils.schema``), checked on load.

A shape lists what the page's renderer reads. Change a computation's output: change its shape
here and bump its ``version`` in ``COMPUTATIONS`` (its entries then become stale and
``make precompute`` recomputes them). An entry that no longer has its shape fails the build with
its page and line instead of a ``KeyError`` in a renderer.
"""

from __future__ import annotations

from typing import Any

from lectureutils.schema import Shape

_CURVE = {"step": [int], "loss": [float]}
_SAMPLE = {"prompt": str, "text": str}
_TINY = {
    "objective": str,
    "preset": str,
    "device": str,
    "parameters": int,
    "uniform_loss": float,
    "training_seconds": float,
    "tokens_seen": int,
    "tokens_per_second": float,
    "curve": {"step": [int], "train": [float]},
    "validation": _CURVE,
    "corpus": {"texts": [{"name": str}], "vocabulary": int, "train_words": int},
}

_SPREAD = {"p10": float, "p25": float, "median": float, "p75": float, "p90": float}

SHAPES: dict[str, Shape] = {
    "next_tokens": {
        "model": str,
        "prompt": str,
        "prompt_tokens": [str],
        "top": [{"id": int, "probability": float, "token": str}],
        "top_mass": float,
        "probability_sum": float,
        "vocabulary_size": int,
    },
    "continuations": {
        "model": str,
        "prompt": str,
        "greedy": str,
        "max_new_tokens": int,
        "seed": int,
        "sampled": [{"temperature": float, "texts": [str]}],
    },
    "fill_blank": {
        "model": str,
        "template": str,
        "candidates": [
            {"candidate": str, "sentence": str, "rank": int, "share": float,
             "log_probability": float, "tokens": int}
        ],
    },
    "tokenize": {
        "sentences": [str],
        "tokenizers": [
            {"name": str, "sentences": [{"pieces": [str], "count": int, "tokens_per_word": (float, None)}]}
        ],
    },
    "similarity": {
        "model": str,
        "sentences": [str],
        "cosine": [[float]],
        "projection": [[float]],
        "explained_variance": [float],
        "dimensions": int,
    },
    "annotate": {
        "model": str,
        "sentence": str,
        "tokens": [
            {"i": int, "text": str, "lemma": str, "pos": str, "morph": str, "dep": str, "head": int}
        ],
        "entities": [{"text": str, "label": str}],
    },
    "tiny_gpt": {**_TINY, "before": [_SAMPLE], "after": [_SAMPLE]},
    "tiny_mlm": {
        **_TINY,
        "before": [{"sentence": str, "predictions": [{"word": str, "probability": float}]}],
        "after": [{"sentence": str, "predictions": [{"word": str, "probability": float}]}],
    },
    "tiny_finetune": {
        "device": str,
        "preset": str,
        "parameters": int,
        "vocabulary": int,
        "uniform_loss": float,
        "source": {"name": str, "words": int},
        "target": {"name": str, "slice_words": int, "validation_words": int},
        "pretraining": {"steps": int, "seconds": float},
        "runs": [{"seed": int, "gain": float, "finetuned": {"seconds": float, "validation": _CURVE},
                  "scratch": {"seconds": float, "validation": _CURVE}}],
        "summary": {str: Any},
        "samples": {str: [_SAMPLE]},
    },
    "tokenizer_playground": {
        "tokenizers": {str: {"data": str, "sha256": str, "bytes": int, "vocabulary": int, "kind": str}},
    },
    "token_cost": {
        "pairs": [
            {"french_name": str, "english_name": str, "verses": int, "fr_words": int, "en_words": int,
             "tokenizers": [
                 {"name": str, "ratio": float, "fr_tokens_per_word": float, "en_tokens_per_word": float,
                  "verse_ratio": _SPREAD}
             ]}
        ],
    },
    "corpus_frequencies": {
        "texts": [{"name": str, "tokens": int, "top5_share": float,
                   "top": [{"token": str, "count": int, "share": float}]}],
    },
}
