"""``{{ snippet("chapter/name.py") }}``: a snippet's source, then what it printed and drew.

``{{ snippet("chapter/name.py", fold=True) }}`` folds a long program behind « Voir le programme »
(« Show the program »): for a listing whose output is the point of the section. Its code is then
fetched when the reader opens it (``lectureutils/site/listings.py``, at the end of the build).

Under the output, « Modifier et exécuter » / "Edit and run" (``lectureutils.site.edit_run``): the
output carries the configuration of that button (a JSON script, read by
``docs/assets/editrun/boot.js``, which draws the button; everything else loads on its click), or,
for a snippet whose imports the browser cannot have (torch, a model), a sentence saying so.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url

from lectureutils import textformat
from lectureutils.site import edit_run
from lectureutils.site.context import DirectiveContext, DirectiveError
from lectureutils.site.directives.demo import pyodide_url
from lectureutils.site.snippet_display import displayed_source

LABELS = {
    "fr": {"output": "Sortie", "figure": "Figure produite par", "show": "Voir le programme",
           "lines": "{n} lignes", "edit": "Modifier et exécuter",
           "cannot": ("Ce programme ne peut pas tourner dans le navigateur : il importe {modules}, que "
                      "Python dans le navigateur (Pyodide) n'a pas. Pour l'exécuter, clonez le dépôt, "
                      "puis : python snippets/{name}")},
    "en": {"output": "Output", "figure": "Figure made by", "show": "Show the program", "lines": "{n} lines",
           "edit": "Edit and run",
           "cannot": ("This program cannot run in the browser: it imports {modules}, which Python in the "
                      "browser (Pyodide) does not have. To run it, clone the repository, then: "
                      "python snippets/{name}")},
}
# A row of aligned columns: two runs of 2+ spaces between words (« park        p = 0,312   perte = 1,16 »),
# or one run of 4+ (« the boy went        -> to »).
_COLUMN_GAP = re.compile(r"\S( {2,})(?=\S)")


def _is_row(line: str) -> bool:
    gaps = _COLUMN_GAP.findall(line.strip())
    return len(gaps) >= 2 or any(len(gap) >= 4 for gap in gaps)


def _columns(line: str) -> set[tuple[str, int]]:
    """Where each word after a run of 2+ spaces in ``line`` starts (a left-aligned column) and ends
    (a right-aligned one, numbers): its columns, if it is a row."""
    columns = set()
    for match in _COLUMN_GAP.finditer(line):
        start = match.end(1)
        end = start + len(line[start:].split(" ", 1)[0])
        columns |= {("left", start), ("right", end)}
    return columns


def output_markup(output: str) -> str:
    """A program's output as the content of ``<code>``: its prose wraps on a narrow screen (the
    answer is often at the end of a long line), but a row of aligned columns is marked
    ``lecture-output__row`` and keeps its line, so the columns still line up. A line next to a
    row whose one narrow gap opens onto the same column is a row of that table too (the longest
    entry of a padded column leaves only two spaces before the next: « l' école  -> . »)."""
    lines = output.split("\n")
    rows = [_is_row(line) for line in lines]
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if rows[i] or not _columns(line):
                continue
            if any(0 <= j < len(lines) and rows[j] and _columns(line) & _columns(lines[j]) for j in (i - 1, i + 1)):
                rows[i] = changed = True
    return "\n".join(
        f'<span class="lecture-output__row">{html.escape(line)}</span>' if row else html.escape(line)
        for line, row in zip(lines, rows))


def _edit_run(context: DirectiveContext, name: str, source: str, labels: dict) -> str:
    """The Edit and run configuration (or the reason there is none), inside the output block."""
    needs = edit_run.needs(source)
    if not needs.runnable:
        modules = ", ".join(needs.missing)
        text = textformat.typeset(labels["cannot"].format(modules=modules, name=name), context.lang)
        return f'<p class="lecture-run__cannot">{html.escape(text)}</p>'
    # No address of our own assets here: boot.js knows them from its own address.
    config = {
        "name": name, "lang": context.lang, "label": labels["edit"], "pyodide": pyodide_url(context),
        "packages": list(needs.packages),
        "sources": [edit_run.site_path(path) for path in
                    sorted({edit_run.RUNNER, edit_run.PACKAGE_DIR / "__init__.py", *needs.files})],
    }
    config_json = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" class="lecture-run__config">{config_json}</script>'


def render(context: DirectiveContext, name: str, fold: bool = False) -> str:
    if not isinstance(fold, bool):
        raise DirectiveError("snippet(): fold is True or False")
    labels = context.text(LABELS)
    runner = context.services.snippets
    result = runner.run(name, context.lang)
    full_source = runner.resolve(name).read_text(encoding="utf-8")
    source = displayed_source(full_source, context.lang)
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
        f"<pre><code>{output_markup(output)}</code></pre>{_edit_run(context, name, full_source, labels)}</div>"
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
    if _first_snippet_of_page(context):
        # The one script a page loads for Edit and run; it draws every snippet's button.
        assets = get_relative_url("assets/", context.page.url or "./").rstrip("/") + "/"
        parts.append(context.stash(f'<script src="{assets}editrun/boot.js" defer></script>'))
    return "\n".join(parts)


def _first_snippet_of_page(context: DirectiveContext) -> bool:
    plan = context.services.plan.pages.get(context.page.file.src_uri)
    first = next(iter(plan.uses("snippet")), None) if plan is not None else None
    return first is None or first.location == context.location
