"""Renderer of ``token_cost``: tokens per word and the FR/EN ratio on aligned verses.

A table for the first pair (Segond / King James), a table of the ratios of every pair, and an
interval chart of the per-verse ratio (10th to 90th percentile, quartiles, median) per tokenizer
and pair, with the same numbers as a table under it. Used in: docs/tokenisation.*.md.
"""

from __future__ import annotations

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
    return entry["name"].split(" (")[0]


def _pair_name(pair: dict) -> str:
    return f"{pair['french_name'].split(' (')[0]} / {pair['english_name'].split(' (')[0]}"


def interval_chart(charts, uid: str, title: str, desc: str, rows: list[str], series: list[str],
                   spreads: list[list[dict]], lang: str) -> str:
    """``spreads[row][series]``: p10, p25, median, p75, p90 of one distribution."""
    width, line, gap = 640, 14, 12
    label_width = min(230, 16 + 7.5 * max(len(name) for name in rows))
    legend = 20 * len(series) + 8
    group = line * len(series) + gap
    height = legend + group * len(rows) + 30
    values = [s[key] for row in spreads for s in row for key in ("p10", "p90")] + [1.0]
    low, high = min(values), max(values)
    low, high = max(0.0, low - 0.05 * (high - low)), high + 0.05 * (high - low)
    area = width - label_width - 20

    def x(value):
        return label_width + area * (value - low) / (high - low)

    parts = [charts._svg_open(uid, width, height, title, desc)]
    for index, name in enumerate(series):
        colour = charts.PALETTE[index % len(charts.PALETTE)]
        parts.append(f'<rect x="{label_width}" y="{6 + 20 * index}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{label_width + 18}" y="{17 + 20 * index}">{charts.esc(name)}</text>')
    bottom = legend + group * len(rows)
    parts.append(f'<line x1="{x(1.0):.1f}" x2="{x(1.0):.1f}" y1="{legend}" y2="{bottom}" stroke="currentColor" '
                 f'stroke-dasharray="4 3"/>')
    tick = round(low * 4) / 4
    while tick <= high:
        if tick >= low:
            parts.append(f'<text x="{x(tick):.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11">'
                         f'{charts.esc(charts.number(tick, lang, 2))}</text>'
                         f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{bottom}" y2="{bottom + 4}" '
                         f'stroke="currentColor"/>')
        tick += 0.25
    for r, name in enumerate(rows):
        y0 = legend + r * group
        parts.append(f'<text x="{label_width - 8}" y="{y0 + line * len(series) / 2 + 4:.0f}" text-anchor="end">'
                     f'{charts.esc(name)}</text>')
        for s, spread in enumerate(spreads[r]):
            colour = charts.PALETTE[s % len(charts.PALETTE)]
            y = y0 + s * line + line / 2
            parts.append(
                f'<line x1="{x(spread["p10"]):.1f}" x2="{x(spread["p90"]):.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="2"/>'
                f'<line x1="{x(spread["p25"]):.1f}" x2="{x(spread["p75"]):.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="7"/>'
                f'<circle cx="{x(spread["median"]):.1f}" cy="{y:.1f}" r="4.5" fill="#fff" stroke="{colour}" '
                f'stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)


def render(lang, uid, args, result):
    from lectureutils.site.directives import compute as charts

    labels = LABELS[lang]
    number, integer, esc = charts.number, charts.integer, charts.esc
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
    first = charts.table([labels["tokenizer"], labels["fr_per_word"], labels["en_per_word"], labels["ratio"],
                          labels["median"], labels["spread"]], rows, caption=caption, raw=True)
    names = [_short(entry) for entry in main["tokenizers"]]
    pair_names = [_pair_name(pair) for pair in pairs]
    by_pair = charts.table(
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
    chart = interval_chart(charts, uid, labels["chart_title"], labels["chart_desc"].format(summary=summary), names,
                           pair_names, spreads, lang)
    data = charts.table(
        [labels["tokenizer"], labels["pair"]] + [charts.percent(q, lang, 0) for q in (0.1, 0.25)]
        + [labels["median_short"]] + [charts.percent(q, lang, 0) for q in (0.75, 0.9)],
        [[name, pair_name] + [number(spread[key], lang) for key in ("p10", "p25", "median", "p75", "p90")]
         for name, row in zip(names, spreads) for pair_name, spread in zip(pair_names, row)])
    chart_html = charts.figure(chart, f"<strong>{esc(labels['chart_title'])}</strong>")
    return first + by_pair + chart_html + charts.details(labels["data"], data)
