"""``corpus_frequencies``: the most frequent tokens of the tiny models' training texts, one table each.

Used in: docs/pre-entrainement.*.md.
"""

from __future__ import annotations

from lectureutils.site.renderers.common import Rendered, integer, percent, table, visible
from lectureutils.site.renderers.labels import LABELS


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    tables = []
    for text in result["texts"]:
        caption = labels["freq_caption"].format(
            top=integer(len(text["top"]), lang), name=text["name"], tokens=integer(text["tokens"], lang),
            top5=percent(text["top5_share"], lang))
        rows = [[integer(rank, lang), visible(item["token"]), integer(item["count"], lang), percent(item["share"], lang)]
                for rank, item in enumerate(text["top"], start=1)]
        tables.append(table(["#", labels["freq_token"], labels["freq_count"], labels["freq_share"]], rows, caption=caption))
    return Rendered("".join(tables))
