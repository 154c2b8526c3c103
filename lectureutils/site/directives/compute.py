"""``{{ compute("next_tokens", model="smollm2", prompt="The boy went to the", k=10) }}``.

Shows a real-model result read from the committed cache (``make precompute`` fills it): the
build never imports torch. The French and English pages share one entry; only the rendering is
localised (labels, decimal comma, narrow no-break spaces). Each computation has its renderer in
``lectureutils/site/renderers/`` (charts drawn by ``lectureutils.charts``: title above, a wide
and a narrow variant, the same numbers as a table); under each output, one folded block holds the
data, the provenance (model, library versions, device, date) and the model's licence and terms.
"""

from __future__ import annotations

from typing import Any

from lectureutils.compute import COMPUTATIONS, ComputeRequestError, canonical_arguments
from lectureutils.compute.engine import ComputeEngine, ComputeMissingError
from lectureutils.compute.environment import EnvironmentMissingError
from lectureutils.site.context import DirectiveContext, DirectiveError
from lectureutils.site.directives import tokenizer_playground
from lectureutils.site.renderers import RENDERERS, Rendered, folded
from lectureutils.site.renderers.common import esc

# Renderers that need the page's context (they write static files and link scripts).
CONTEXT_RENDERERS = {"tokenizer_playground": tokenizer_playground.render}
assert set(RENDERERS) | set(CONTEXT_RENDERERS) == set(COMPUTATIONS)


def engine_for(plugin) -> ComputeEngine:
    engine = getattr(plugin, "compute_engine", None)
    if engine is None or engine.store is not plugin.store:
        engine = ComputeEngine(plugin.store)
        plugin.compute_engine = engine
    return engine


def render_html(lang: str, uid: str, name: str, args: dict[str, Any], body: dict[str, Any]) -> str:
    rendered = RENDERERS[name](lang, uid, args, body["result"])
    return (f'<div class="lecture-compute" data-computation="{esc(name)}">'
            f"{rendered.body}{folded(lang, rendered, body)}</div>")


def render(context: DirectiveContext, *args: Any, **kwargs: Any) -> str:
    if len(args) != 1 or not isinstance(args[0], str):
        raise DirectiveError('compute() takes the computation\'s name first: compute("next_tokens", ...)')
    name = args[0]
    try:
        canonical = canonical_arguments(name, kwargs)
        body = engine_for(context.plugin).get(name, canonical)
    except (ComputeRequestError, ComputeMissingError, EnvironmentMissingError) as error:
        raise DirectiveError(str(error)) from None
    context.publish(name, body["result"])
    uid = f"lc{body['key'][:8]}-{len(context.plugin.stash_store)}"
    if name in CONTEXT_RENDERERS:
        content = CONTEXT_RENDERERS[name](context, uid, canonical, body)
        return context.stash(f'<div class="lecture-compute" data-computation="{esc(name)}">{content}'
                             f"{folded(context.lang, Rendered(content), body)}</div>")
    return context.stash(render_html(context.lang, uid, name, canonical, body))
