"""``next_tokens``: a model's most probable next tokens, as a bar chart on a 0-100 % axis.

Used in: docs/pre-entrainement.*.md, docs/preconisations.*.md, docs/vraie-vie.*.md.
"""

from __future__ import annotations

from lectureutils import charts
from lectureutils.site.renderers.common import (
    NARROW,
    PROBABILITY_TICKS,
    WIDE,
    Rendered,
    colon,
    esc,
    integer,
    model_name,
    number,
    percent,
    probability_axis,
    table,
    visible,
)
from lectureutils.site.renderers.labels import LABELS


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    rows = result["top"]
    tokens = [visible(row["token"]) for row in rows]
    probabilities = [row["probability"] for row in rows]
    shown = [percent(p, lang) for p in probabilities]
    summary = ", ".join(f"{t} {s}" for t, s in zip(tokens[:3], shown[:3]))
    title = labels["next_title"].format(model=model_name(result["model"]), prompt=result["prompt"])
    desc = labels["next_desc"].format(k=len(rows), summary=summary)
    figure = charts.Figure(title)
    panels = [charts.bar_panel(f"{uid}-{size}", title, desc, tokens, probabilities, shown, 1.0, width,
                               probability_axis(lang), PROBABILITY_TICKS)
              for size, width in (("wide", WIDE), ("narrow", NARROW))]
    figure.panel(*panels)
    figure.note(labels["next_note"].format(
        k=len(rows), mass=percent(result["top_mass"], lang), vocab=integer(result["vocabulary_size"], lang),
        total=number(result["probability_sum"], lang, 3)))
    context = " ".join(f"<code>{esc(visible(t))}</code>" for t in result["prompt_tokens"])
    figure.note(f"{esc(labels['prompt_tokens'])}{colon(lang)} {context}", html=True)
    data = table(
        [labels["rank"], labels["token"], labels["id"], labels["probability"]],
        [[str(i + 1), t, str(r["id"]), number(r["probability"], lang, 4)] for i, (t, r) in enumerate(zip(tokens, rows))],
    )
    return Rendered(figure.render(), data)
