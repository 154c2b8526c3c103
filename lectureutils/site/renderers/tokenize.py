"""``tokenize``: the same sentences cut by several tokenizers, a table per sentence and a grouped
bar chart of tokens per word.

Used in: docs/tokenisation.*.md.
"""

from __future__ import annotations

from lectureutils import charts
from lectureutils.site.renderers.common import (
    NARROW,
    WIDE,
    Rendered,
    esc,
    integer,
    number,
    table,
    tokenizer_name,
    visible,
)
from lectureutils.site.renderers.labels import LABELS


def chips(pieces: list[str]) -> str:
    """The pieces of a text as boxes (spaces made visible); the stylesheet draws them."""
    return "".join(f'<span class="lecture-chip">{esc(visible(piece))}</span>' for piece in pieces)


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    sentences = result["sentences"]
    parts = []
    for s_index, sentence in enumerate(sentences):
        rows = []
        for entry in result["tokenizers"]:
            one = entry["sentences"][s_index]
            name = (
                f"<strong>{esc(tokenizer_name(entry))}</strong><br><small>{esc(entry['algorithm'])}, "
                f"{esc(labels['vocabulary'].format(n=integer(entry['vocabulary'] or 0, lang)))}</small>"
            )
            rows.append([name, chips(one["pieces"]), str(one["count"]), number(one["tokens_per_word"] or 0, lang, 2)])
        parts.append(table([labels["tokenizer"], labels["pieces"], labels["count"], labels["per_word"]], rows,
                           caption=f"« {sentence} »" if lang == "fr" else f"“{sentence}”", raw=True))
    groups = [tokenizer_name(entry).split(" (")[0] for entry in result["tokenizers"]]
    values = [[one["tokens_per_word"] or 0 for one in entry["sentences"]] for entry in result["tokenizers"]]
    shown = [[number(v, lang, 2) for v in row] for row in values]
    summary = "; ".join(f"{g}: " + ", ".join(row) for g, row in zip(groups, shown))
    ticks = charts.nice_ticks(0, max((v for row in values for v in row), default=1.0) or 1.0)
    title = labels["tok_title"]
    desc = labels["tok_desc"].format(summary=summary)
    figure = charts.Figure(title)
    figure.panel(*[charts.grouped_bar_panel(f"{uid}-{size}", title, desc, groups, values, shown, ticks[-1], width,
                                            lambda v: number(v, lang, 1 if ticks[1] - ticks[0] < 1 else 0), ticks)
                   for size, width in (("wide", WIDE), ("narrow", NARROW))])
    figure.legend(*[charts.LegendItem(f"« {s} »" if lang == "fr" else f"“{s}”", charts.PALETTE[i % len(charts.PALETTE)], "box")
                    for i, s in enumerate(sentences)])
    figure.note(labels["space"])
    data = table(
        [labels["tokenizer"]] + sentences,
        [[g] + [f"{v} ({one['count']})" for v, one in zip(row, entry["sentences"])]
         for g, row, entry in zip(groups, shown, result["tokenizers"])],
    )
    return Rendered("".join(parts) + figure.render(), data)
