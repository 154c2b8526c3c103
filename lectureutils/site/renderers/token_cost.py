"""``token_cost``: tokens per word and the FR/EN ratio on aligned verses.

A table for the first pair (Segond / King James), a table of the ratios of every pair, and an
interval chart of the per-verse ratio (10th to 90th percentile, quartiles, median) per tokenizer
and pair (``lectureutils.charts``), with the same numbers folded under it.

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
    percent,
    table,
    tokenizer_name,
)

LABELS = {
    "fr": {
        "tokenizer": "Tokeniseur",
        "fr_per_word": "Jetons par mot (français)",
        "en_per_word": "Jetons par mot (anglais)",
        "ratio": "Rapport FR/EN (total)",
        "median": "Rapport par verset\u202f: médiane [quartiles]",
        "spread": "10e – 90e centile",
        "caption": "{french} face à {english}\u202f: {verses} versets alignés ({fr_words} mots français, "
                   "{en_words} mots anglais)",
        "pairs_caption": "Rapport FR/EN du total des jetons, pour chaque paire de Bibles",
        "chart_title": "Rapport FR/EN par verset, selon le tokeniseur et la paire de Bibles",
        "chart_desc": "Pour chaque tokeniseur, une ligne par paire de Bibles : le trait fin va du 10e au "
                      "90e centile du rapport entre jetons français et anglais d'un même verset, le trait "
                      "épais du 1er au 3e quartile, le point marque la médiane ; la ligne verticale marque "
                      "l'égalité (1). {summary}",
        "data": "Les données du graphique",
        "pair": "Paire",
        "median_short": "Médiane",
    },
    "en": {
        "tokenizer": "Tokenizer",
        "fr_per_word": "Tokens per word (French)",
        "en_per_word": "Tokens per word (English)",
        "ratio": "FR/EN ratio (total)",
        "median": "Per-verse ratio: median [quartiles]",
        "spread": "10th – 90th percentile",
        "caption": "{french} against {english}: {verses} aligned verses ({fr_words} French words, "
                   "{en_words} English words)",
        "pairs_caption": "FR/EN ratio of the token totals, for each pair of Bibles",
        "chart_title": "Per-verse FR/EN ratio, by tokenizer and pair of Bibles",
        "chart_desc": "For each tokenizer, one line per pair of Bibles: the thin stroke runs from the 10th "
                      "to the 90th percentile of the ratio between the French and English tokens of the "
                      "same verse, the thick stroke from the first to the third quartile, the dot marks the "
                      "median; the vertical line marks equality (1). {summary}",
        "data": "The chart's data",
        "pair": "Pair",
        "median_short": "Median",
    },
}


def _short(entry: dict) -> str:
    return tokenizer_name(entry).split(" (")[0]


def _pair_name(pair: dict) -> str:
    return f"{pair['french_name'].split(' (')[0]} / {pair['english_name'].split(' (')[0]}"


BAND = 16  # one tokenizer/pair line


def interval_panel(uid: str, title: str, desc: str, rows: list[str], spreads: list[list[dict]], lang: str,
                   width: float) -> str:
    """``spreads[row][series]``: p10, p25, median, p75, p90 of one distribution; each row's name
    on its own line above its strokes, the series told apart by colour (named in the legend)."""
    series = len(spreads[0]) if spreads else 0
    group = charts.text.FONT_PX + 8 + BAND * series + 8
    values = [s[key] for row in spreads for s in row for key in ("p10", "p90")] + [1.0]
    ticks = charts.nice_ticks(min(values), max(values), most=5 if width > 400 else 4)
    height = group * len(rows) + charts.text.TICK_PX + 16
    canvas = charts.Canvas(width, height, title, uid, desc)
    axes = charts.Axes(canvas, (4, 0, width - 8, height), (ticks[0], ticks[-1]), (0, 1),
                       x_format=lambda v: number(v, lang, 2), x_ticks=ticks, y_numbers=False, background=None,
                       frame=False)
    axes.vline(1.0, charts.INK, "4 3", 1.2)
    for r, name in enumerate(rows):
        top = axes.y + r * group
        canvas.text(axes.x, top + charts.text.FONT_PX, name, weight="bold")
        for s, spread in enumerate(spreads[r]):
            colour = charts.PALETTE[s % len(charts.PALETTE)]
            y = top + charts.text.FONT_PX + 8 + s * BAND + BAND / 2
            axes.mark(f'<line x1="{axes.px(spread["p10"]):.1f}" x2="{axes.px(spread["p90"]):.1f}" y1="{y:.1f}" '
                      f'y2="{y:.1f}" stroke="{colour}" stroke-width="2"/>'
                      f'<line x1="{axes.px(spread["p25"]):.1f}" x2="{axes.px(spread["p75"]):.1f}" y1="{y:.1f}" '
                      f'y2="{y:.1f}" stroke="{colour}" stroke-width="7"/>'
                      f'<circle cx="{axes.px(spread["median"]):.1f}" cy="{y:.1f}" r="4.5" fill="#fff" '
                      f'stroke="{colour}" stroke-width="2"/>')
    axes.finish()
    return canvas.render()


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    pairs = result["pairs"]
    main = pairs[0]
    rows = []
    for entry in main["tokenizers"]:
        spread = entry["verse_ratio"]
        rows.append([
            f"<strong>{esc(_short(entry))}</strong><br><small>{esc(entry['algorithm'])}</small>",
            number(entry["fr_tokens_per_word"], lang), number(entry["en_tokens_per_word"], lang),
            f"<strong>{number(entry['ratio'], lang)}</strong>",
            f"{number(spread['median'], lang)} [{number(spread['p25'], lang)} – {number(spread['p75'], lang)}]",
            f"{number(spread['p10'], lang)} – {number(spread['p90'], lang)}",
        ])
    caption = labels["caption"].format(
        french=main["french_name"], english=main["english_name"], verses=integer(main["verses"], lang),
        fr_words=integer(main["fr_words"], lang), en_words=integer(main["en_words"], lang))
    first = table([labels["tokenizer"], labels["fr_per_word"], labels["en_per_word"], labels["ratio"],
                   labels["median"], labels["spread"]], rows, caption=caption, raw=True)
    names = [_short(entry) for entry in main["tokenizers"]]
    pair_names = [_pair_name(pair) for pair in pairs]
    by_pair = table(
        [labels["tokenizer"]] + [f"{name} ({integer(pair['verses'], lang)})" for name, pair in zip(pair_names, pairs)],
        [[name] + [number(pair["tokenizers"][index]["ratio"], lang) for pair in pairs]
         for index, name in enumerate(names)],
        caption=labels["pairs_caption"])
    spreads = [[pair["tokenizers"][index]["verse_ratio"] for pair in pairs] for index in range(len(names))]
    summary = "; ".join(
        f"{name}{' :' if lang == 'fr' else ':'} " + ", ".join(
            f"{pair_name} {number(spread['median'], lang)} ({number(spread['p10'], lang)}–{number(spread['p90'], lang)})"
            for pair_name, spread in zip(pair_names, row))
        for name, row in zip(names, spreads))
    title = labels["chart_title"]
    desc = labels["chart_desc"].format(summary=summary)
    figure = charts.Figure(title)
    figure.panel(interval_panel(f"{uid}-wide", title, desc, names, spreads, lang, WIDE),
                 interval_panel(f"{uid}-narrow", title, desc, names, spreads, lang, NARROW))
    figure.legend(*[charts.LegendItem(name, charts.PALETTE[i % len(charts.PALETTE)], "box")
                    for i, name in enumerate(pair_names)])
    data = table(
        [labels["tokenizer"], labels["pair"]] + [percent(q, lang, 0) for q in (0.1, 0.25)]
        + [labels["median_short"]] + [percent(q, lang, 0) for q in (0.75, 0.9)],
        [[name, pair_name] + [number(spread[key], lang) for key in ("p10", "p25", "median", "p75", "p90")]
         for name, row in zip(names, spreads) for pair_name, spread in zip(pair_names, row)])
    return Rendered(first + by_pair + figure.render(), data)
