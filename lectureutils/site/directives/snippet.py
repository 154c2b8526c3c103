"""``{{ snippet("chapter/name.py") }}``: a snippet's source, then what it printed and drew."""

from __future__ import annotations

import html
from pathlib import PurePosixPath

from lectureutils.execution import SnippetError
from lectureutils.site.context import DirectiveContext, DirectiveError

LABELS = {
    "fr": {"output": "Sortie", "figure": "Figure produite par"},
    "en": {"output": "Output", "figure": "Figure made by"},
}


def render(context: DirectiveContext, name: str) -> str:
    labels = context.text(LABELS)
    runner = context.plugin.snippet_runner
    try:
        result = runner.run(name)
        source = runner.resolve(name).read_text(encoding="utf-8")
    except SnippetError as error:
        raise DirectiveError(str(error)) from error
    context.plugin.record_snippet(context.page, name, result.executed)
    context.publish(PurePosixPath(name).stem, result.values)
    fence = "````" if "```" in source else "```"
    parts = [
        f'{fence}python title="snippets/{name}"\n{source.rstrip()}\n{fence}',
    ]
    output = result.stdout.rstrip("\n")
    output_html = (
        f'<div class="lecture-output" role="group" aria-label="{labels["output"]}">'
        f'<p class="lecture-output__label">{labels["output"]}</p>'
        f"<pre><code>{html.escape(output)}</code></pre></div>"
    )
    parts.append(context.stash(output_html))
    for figure in result.figures:
        parts.append(
            context.stash(
                f'<figure class="lecture-figure">{figure}'
                f"<figcaption>{labels['figure']} <code>snippets/{html.escape(name)}</code>"
                "</figcaption></figure>"
            )
        )
    return "\n".join(parts)
