"""``fill_blank``: candidates for a blank ranked by a causal model, as a bar chart of their shares.

Used in: docs/pre-entrainement.*.md.
"""

from __future__ import annotations

from lectureutils import charts
from lectureutils.site.renderers.common import (
    NARROW,
    PROBABILITY_TICKS,
    WIDE,
    Rendered,
    model_name,
    number,
    percent,
    probability_axis,
    table,
)
from lectureutils.site.renderers.labels import LABELS


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    rows = result["candidates"]
    names = [row["candidate"] for row in rows]
    shares = [row["share"] for row in rows]
    shown = [percent(s, lang) for s in shares]
    title = labels["fill_title"].format(model=model_name(result["model"]), template=result["template"])
    desc = labels["fill_desc"].format(summary=", ".join(f"{n} {s}" for n, s in zip(names[:3], shown[:3])))
    figure = charts.Figure(title)
    figure.panel(*[charts.bar_panel(f"{uid}-{size}", title, desc, names, shares, shown, 1.0, width,
                                    probability_axis(lang), PROBABILITY_TICKS, colour=charts.GREEN,
                                    mono_labels=False)
                   for size, width in (("wide", WIDE), ("narrow", NARROW))])
    figure.note(labels["fill_note"])
    data = table(
        [labels["rank"], labels["candidate"], labels["share"], labels["log_probability"], labels["tokens"]],
        [[str(r["rank"]), r["sentence"], number(r["share"], lang, 4), number(r["log_probability"], lang, 2),
          str(r["tokens"])] for r in rows],
    )
    return Rendered(figure.render(), data)
