"""``similarity``: sentence embeddings compared, a cosine table and the sentences on a plane.

Used in: docs/transformeur.*.md.
"""

from __future__ import annotations

from lectureutils import charts
from lectureutils.site.renderers.common import NARROW, WIDE, Rendered, esc, model_name, number, percent, table
from lectureutils.site.renderers.labels import LABELS

RADIUS = 7


def _shade(value: float) -> str:
    # Blue scale (Okabe-Ito blue), lighter for lower cosines; text stays dark.
    alpha = max(0.0, min(1.0, value))
    return f"background:rgba(0,114,178,{0.08 + 0.55 * alpha:.2f})"


def _overlaps(box, boxes) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes)


def scatter_panel(uid: str, title: str, desc: str, xs, ys, width: float, height: float, axis_titles) -> str:
    """Numbered points; each number goes where it overlaps neither another number nor a point."""
    canvas = charts.Canvas(width, height, title, uid, desc)
    x_domain = charts.padded(min(xs), max(xs), 0.12)
    y_domain = charts.padded(min(ys), max(ys), 0.12)
    axes = charts.Axes(canvas, (0, 0, width, height), x_domain, y_domain, x_title=axis_titles[0],
                       y_title=axis_titles[1], x_numbers=False, y_numbers=False, grid=False)
    centres = [(axes.px(x), axes.py(y)) for x, y in zip(xs, ys)]
    taken = [(cx - RADIUS, cy - RADIUS, cx + RADIUS, cy + RADIUS) for cx, cy in centres]
    for i, (cx, cy) in enumerate(centres):
        axes.mark(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIUS}" fill="{charts.PALETTE[i % len(charts.PALETTE)]}"/>')
    labels = []
    for i, (cx, cy) in enumerate(centres):
        text = str(i + 1)
        w, h = charts.text_width(text, bold=True) + 2, 14
        options = [(cx + RADIUS + 3, cy - h / 2), (cx - RADIUS - 3 - w, cy - h / 2),
                   (cx - w / 2, cy - RADIUS - 3 - h), (cx - w / 2, cy + RADIUS + 3)]
        inside = [o for o in options if axes.x <= o[0] and o[0] + w <= axes.x + axes.width
                  and axes.y <= o[1] and o[1] + h <= axes.y + axes.height]
        choice = next((o for o in inside if not _overlaps((o[0], o[1], o[0] + w, o[1] + h), taken + labels)),
                      inside[0] if inside else options[0])
        labels.append((choice[0], choice[1], choice[0] + w, choice[1] + h))
        axes.mark(f'<text x="{choice[0] + 1:.1f}" y="{choice[1] + h / 2:.1f}" font-size="13" font-weight="bold" '
                  f'dominant-baseline="middle" fill="{charts.INK}">{text}</text>')
    axes.finish()
    return canvas.render()


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    sentences = result["sentences"]
    n = len(sentences)
    header = "".join(f'<th scope="col">{i + 1}</th>' for i in range(n))
    body = []
    for i, row in enumerate(result["cosine"]):
        cells = "".join(f'<td style="{_shade(v)}">{esc(number(v, lang, 2))}</td>' for v in row)
        body.append(f'<tr><th scope="row">{i + 1}. {esc(sentences[i])}</th>{cells}</tr>')
    caption = labels["similarity_title"].format(model=model_name(result["model"]))
    matrix = (
        f'<div class="lecture-scroll"><table><caption>{esc(caption)}</caption><thead><tr>'
        f"<th scope=\"col\">{esc(labels['sentence'])}</th>{header}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
    best = max(((result["cosine"][i][j], i, j) for i in range(n) for j in range(i + 1, n)), default=None)
    summary = labels["most_similar"].format(a=best[1] + 1, b=best[2] + 1, c=number(best[0], lang, 2)) if best else ""
    xs = [p[0] for p in result["projection"]]
    ys = [p[1] if len(p) > 1 else 0.0 for p in result["projection"]]
    title = labels["map_title"]
    desc = labels["map_desc"].format(summary=summary)
    axis_titles = (labels["component"].format(n=1), labels["component"].format(n=2))
    figure = charts.Figure(title)
    figure.panel(scatter_panel(f"{uid}-wide", title, desc, xs, ys, WIDE, 360, axis_titles),
                 scatter_panel(f"{uid}-narrow", title, desc, xs, ys, NARROW, 300, axis_titles))
    variance = sum(result["explained_variance"])
    figure.note(f"{labels['map_note'].format(var=percent(variance, lang, 0), dims=result['dimensions'])} {summary}")
    figure.block("<ol>" + "".join(f"<li>{esc(s)}</li>" for s in sentences) + "</ol>")
    data = table(
        ["#", labels["sentence"], "x", "y"],
        [[str(i + 1), s, number(x, lang, 3), number(y, lang, 3)] for i, (s, x, y) in enumerate(zip(sentences, xs, ys))],
    )
    return Rendered(matrix + figure.render(), data)
