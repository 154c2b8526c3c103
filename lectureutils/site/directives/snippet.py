"""``{{ snippet("chapter/name.py") }}``: a snippet's source, then what it printed and drew.

``{{ snippet("chapter/name.py", fold=True) }}`` folds a long program behind « Voir le programme »
(« Show the program »): for a listing whose output is the point of the section.
"""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath

from lectureutils.site.context import DirectiveContext, DirectiveError
from lectureutils.site.snippet_display import displayed_source

LABELS = {
    "fr": {"output": "Sortie", "figure": "Figure produite par", "show": "Voir le programme",
           "lines": "{n} lignes"},
    "en": {"output": "Output", "figure": "Figure made by", "show": "Show the program", "lines": "{n} lines"},
}
# A row of aligned columns: two runs of 2+ spaces between words (« park        p = 0,312   perte = 1,16 »),
# or one run of 4+ (« the boy went        -> to »).
_COLUMN_GAP = re.compile(r"\S( {2,})(?=\S)")


def _is_row(line: str) -> bool:
    gaps = _COLUMN_GAP.findall(line.strip())
    return len(gaps) >= 2 or any(len(gap) >= 4 for gap in gaps)


def output_markup(output: str) -> str:
    """A program's output as the content of ``<code>``: its prose wraps on a narrow screen (the
    answer is often at the end of a long line), but a row of aligned columns is marked
    ``lecture-output__row`` and keeps its line, so the columns still line up."""
    return "\n".join(
        f'<span class="lecture-output__row">{html.escape(line)}</span>'
        if _is_row(line) else html.escape(line)
        for line in output.split("\n"))


def render(context: DirectiveContext, name: str, fold: bool = False) -> str:
    if not isinstance(fold, bool):
        raise DirectiveError("snippet(): fold is True or False")
    labels = context.text(LABELS)
    runner = context.services.snippets
    result = runner.run(name, context.lang)
    source = displayed_source(runner.resolve(name).read_text(encoding="utf-8"), context.lang)
    context.publish(PurePosixPath(name).stem, result.values)
    fence = "````" if "```" in source else "```"
    listing = f'{fence}python title="snippets/{name}"\n{source.rstrip()}\n{fence}'
    if fold:
        lines = source.rstrip().count("\n") + 1
        summary = f"{labels['show']} ({labels['lines'].format(n=lines)})"
        listing = f'??? lecture-listing "{summary}"\n\n' + "\n".join(
            f"    {line}" if line else "" for line in listing.split("\n"))
    parts = [listing]
    output = result.stdout.rstrip("\n")
    output_html = (
        f'<div class="lecture-output" role="group" aria-label="{labels["output"]}">'
        f'<p class="lecture-output__label">{labels["output"]}</p>'
        f"<pre><code>{output_markup(output)}</code></pre></div>"
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
