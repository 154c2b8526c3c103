"""How each real-model result is shown: one module per computation, sharing ``common`` (numbers,
tables, the folded data block with provenance and licence) and ``lectureutils.charts``.

``RENDERERS[name](lang, uid, args, result)`` returns a :class:`~.common.Rendered`; the ``compute``
directive (``lectureutils/site/directives/compute.py``) wraps it with its folded block.
"""

from __future__ import annotations

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
from lectureutils.site.renderers.common import Rendered, folded

RENDERERS = {
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

__all__ = ["RENDERERS", "Rendered", "folded"]
