"""``{{ compute("next_tokens", model="smollm2", prompt="The boy went to the", k=10) }}``.

Shows a real-model result read from the committed cache (``make precompute`` fills it): the
build never imports torch. The French and English pages share one entry; only the rendering is
localised (labels, decimal comma, narrow no-break spaces). Each computation has its renderer in
``lectureutils/site/renderers/`` (charts drawn by ``lectureutils.charts``: title above, a wide
and a narrow variant, the same numbers as a table); under each output, one folded block holds the
data, the provenance (model, library versions, device, date) and the model's licence and terms.
The entry comes from the result layer through ``context.services.compute`` (read-only in a
build), validated against the computation's typed shape (``lectureutils.compute.schemas``).
"""

from __future__ import annotations

import json
from typing import Any

from lectureutils.compute import canonical_arguments
from lectureutils.site.context import DirectiveContext
from lectureutils.site.directives import tokenizer_playground
from lectureutils.site.renderers import Rendered, folded
from lectureutils.site.renderers.common import esc

# Renderers that need the page's context (they write static files and link scripts).
CONTEXT_RENDERERS = {"tokenizer_playground": tokenizer_playground.render}


def render_html(lang: str, uid: str, name: str, args: dict[str, Any], body: dict[str, Any]) -> str:
    # Imported here: the charts (numpy) are needed only to draw, on a memo miss.
    from lectureutils.site.renderers import RENDERERS

    rendered = RENDERERS[name](lang, uid, args, body["result"])
    return (f'<div class="lecture-compute" data-computation="{esc(name)}">'
            f"{rendered.body}{folded(lang, rendered, body)}</div>")


def render(context: DirectiveContext, name: str, **arguments: Any) -> str:
    entry = context.services.compute.get(name, arguments)
    context.publish(name, entry.result)
    canonical = canonical_arguments(name, arguments)
    uid = context.unique_id(f"lc{entry.key[:8]}")
    if name in CONTEXT_RENDERERS:
        content = CONTEXT_RENDERERS[name](context, uid, canonical, entry.body)
        return context.stash(f'<div class="lecture-compute" data-computation="{esc(name)}">{content}'
                             f"{folded(context.lang, Rendered(content), entry.body)}</div>")
    if context.memo is None:
        return context.stash(render_html(context.lang, uid, name, canonical, entry.body))
    # Drawn once per entry, arguments and place on the page (the build memo): charts are costly.
    html = context.memo.text(
        "compute", lambda: render_html(context.lang, uid, name, canonical, entry.body),
        context.lang, uid, name, json.dumps(canonical, sort_keys=True, default=str),
        json.dumps(entry.body, sort_keys=True, default=str),
    )
    return context.stash(html)
