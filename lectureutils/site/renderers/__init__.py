"""How each real-model result is shown: one module per computation, sharing ``common`` (numbers,
tables, the folded data block with provenance and licence) and ``lectureutils.charts``.

``RENDERERS[name](lang, uid, args, result)`` returns a :class:`~.common.Rendered`; the ``compute``
directive (``lectureutils/site/directives/compute.py``) wraps it with its folded block.

The renderer modules draw with ``lectureutils.charts``, which imports numpy (a tenth of a second):
they are imported when ``RENDERERS`` is first read, that is when a build draws a result that its
memo lacks. A warm build takes every drawing from the memo and imports neither.
"""

from __future__ import annotations

from typing import Any

from lectureutils.site.renderers.common import Rendered, folded


def _renderers() -> dict[str, Any]:
    from lectureutils.site.renderers import (
        annotate,
        continuations,
        corpus_frequencies,
        fill_blank,
        finetune,
        next_tokens,
        similarity,
        tiny,
        token_cost,
        tokenize,
    )
    return {
        "next_tokens": next_tokens.render,
        "continuations": continuations.render,
        "fill_blank": fill_blank.render,
        "tokenize": tokenize.render,
        "token_cost": token_cost.render,
        "similarity": similarity.render,
        "annotate": annotate.render,
        "tiny_gpt": tiny.render,
        "tiny_mlm": tiny.render,
        "tiny_finetune": finetune.render,
        "corpus_frequencies": corpus_frequencies.render,
    }


def __getattr__(name: str) -> Any:
    if name == "RENDERERS":
        renderers = globals()["RENDERERS"] = _renderers()
        return renderers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["RENDERERS", "Rendered", "folded"]
