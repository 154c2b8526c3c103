"""``annotate``: a French sentence analysed by spaCy (lemmas, parts of speech, dependencies, entities).

Used in: docs/preconisations.*.md.
"""

from __future__ import annotations

from lectureutils.site.renderers.common import Rendered, colon, esc, model_name, table
from lectureutils.site.renderers.labels import LABELS


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    rows = [
        [str(t["i"] + 1), t["text"], t["lemma"], t["pos"], t["morph"].replace("|", " | ") or "—", t["dep"],
         str(t["head"] + 1)]
        for t in result["tokens"]
    ]
    caption = labels["annotate_caption"].format(sentence=result["sentence"], model=model_name(result["model"]))
    entities = ", ".join(f"{e['text']} ({e['label']})" for e in result["entities"]) or labels["none"]
    return Rendered(
        table(["#", labels["form"], labels["lemma"], labels["pos"], labels["morph"], labels["dep"], labels["head"]],
              rows, caption=caption)
        + f"<p>{esc(labels['entities'])}{colon(lang)} {esc(entities)}</p>"
    )
