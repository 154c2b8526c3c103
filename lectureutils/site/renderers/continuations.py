"""``continuations``: what a model writes after a prompt, greedy and sampled, as a table.

Used in: docs/preconisations.*.md.
"""

from __future__ import annotations

from lectureutils.site.renderers.common import Rendered, esc, model_name, number, table
from lectureutils.site.renderers.labels import LABELS


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    rows = [[f"<strong>{esc(labels['greedy'])}</strong>", esc(result["greedy"])]]
    for group in result["sampled"]:
        for n, text in enumerate(group["texts"], start=1):
            rows.append([esc(labels["temperature"].format(t=number(group["temperature"], lang, 1), n=n)), esc(text)])
    rows = [[a, f"<em>{esc(result['prompt'])}</em>{b.replace(chr(10), ' ⏎ ')}"] for a, b in rows]
    caption = labels["continuations_caption"].format(
        model=model_name(result["model"]), prompt=result["prompt"], n=result["max_new_tokens"], seed=result["seed"]
    )
    return Rendered(table([labels["decoding"], labels["continuation"]], rows, caption=caption, raw=True))
