"""What every real-model renderer shares: numbers in the page's language, tables, the folded data
block with the provenance and the model's licence, and the chart sizes."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lectureutils.compute.models import MODELS
from lectureutils.site.renderers.labels import LABELS
from lectureutils.textformat import NNBSP, colon, integer, millions, number, percent  # noqa: F401 (NNBSP, percent: re-exported to the renderers)

if TYPE_CHECKING:
    from lectureutils import charts

# lectureutils.charts (and numpy) is imported by the functions that draw, not here: the folded
# block is written on every build, a chart only when the build memo lacks it (renderers/__init__.py).


def esc(value) -> str:
    """HTML-escaped text, quotes included (``charts.esc``, without importing the charts)."""
    return html.escape(str(value), quote=True)

# A chart's wide variant fits the text column of a desktop page (686 px at 1280 px); its narrow
# variant fits a 390 px phone's (356 px): both are shown at their natural size.
WIDE = 660
NARROW = 340
# Probabilities are always drawn on 0-100 %: two models' charts compared in the prose then draw the
# same probability at the same length.
PROBABILITY_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass
class Rendered:
    """A computation's output: ``body`` shown on the page, ``data`` (tables) folded under it with
    the provenance."""

    body: str
    data: str = ""


def visible(token: str) -> str:
    """A token with its spaces made visible (␣) and line breaks shown as ⏎."""
    return token.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥") or "∅"


def model_name(model_id: str) -> str:
    return MODELS[model_id].name if model_id in MODELS else model_id


def tokenizer_name(entry: dict) -> str:
    """A tokenizer of a cached result as the page names it: the model table's name (it may have
    changed since the entry was computed), the name in the entry for a tokenizer it does not know."""
    return MODELS[entry["tokenizer"]].name if entry.get("tokenizer") in MODELS else entry["name"]


def table(headers: list[str], rows: list[list[str]], caption: str | None = None, raw: bool = False) -> str:
    """An HTML table; cells are escaped unless ``raw``."""
    cell = (lambda v: str(v)) if raw else esc
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def probability_axis(lang: str):
    from lectureutils import charts

    return lambda value: charts.percent(value, lang, 0)


LIBRARIES_SHOWN = {
    "tokenize": ("transformers", "tokenizers", "mistral-common"),
    "tokenizer_playground": ("transformers", "tokenizers"),
    "token_cost": ("transformers", "tokenizers", "mistral-common"),
    "annotate": ("spacy",),
    "tiny_gpt": ("torch",),
    "tiny_mlm": ("torch",),
    "tiny_finetune": ("torch",),
}


def provenance(lang: str, body: dict[str, Any]) -> str:
    """Model (size, vocabulary, checksum, licence), libraries, device and date; the model's terms
    of use where it has any (Gemma)."""
    labels = LABELS[lang]
    record = body["provenance"]
    described = []
    for model_id, info in record.get("models", {}).items():
        facts = []
        if info.get("parameters"):
            facts.append(labels["parameters"].format(n=millions(info["parameters"], lang)))
        if info.get("vocabulary"):
            facts.append(labels["vocabulary_of"].format(n=integer(info["vocabulary"], lang)))
        if model_id in MODELS and MODELS[model_id].weights:
            facts.append(MODELS[model_id].weights[lang])
        facts.append(f"sha256 {info.get('sha256', '')[:12]}…")
        facts.append(f"{labels['licence']}{colon(lang)} {info.get('licence', '')}")
        # The registry's name: the entry's own may predate a correction of the wording.
        name = MODELS[model_id].name if model_id in MODELS else info.get("name", model_id)
        described.append(f"{esc(name)} ({esc(', '.join(facts))})")
    libraries = record.get("libraries", {})
    shown = ", ".join(
        f"{name} {libraries[name]}"
        for name in LIBRARIES_SHOWN.get(body.get("key_parts", {}).get("computation"), ("torch", "transformers"))
        if name in libraries
    )
    device = record.get("device", "?").upper() if record.get("device") == "cpu" else record.get("device", "?")
    device_text = f"{device}, {labels['computed_in'].format(dtype=record.get('dtype', ''))}"
    date = record.get("date", "")[:10]
    if lang == "fr" and len(date) == 10:
        date = f"{date[8:10]}/{date[5:7]}/{date[0:4]}"
    seconds = number(record.get("duration_s", 0.0), lang, 1)
    text = (
        f"{labels['provenance']}{colon(lang)} {'; '.join(described)} · "
        f"{labels['libraries']}{colon(lang)} {esc(shown)} · {labels['device']}{colon(lang)} {esc(device_text)} · "
        f"{esc(labels['date'].format(date=date, seconds=seconds))}"
    )
    notices = [f'<p class="lecture-terms">{MODELS[m].terms[lang]}</p>'
               for m in record.get("models", {}) if m in MODELS and MODELS[m].terms]
    return f'<p class="lecture-provenance">{text}</p>' + "".join(notices)


def folded(lang: str, rendered: Rendered, body: dict[str, Any]) -> str:
    """The folded block under an output: its data (if any), then where it comes from."""
    labels = LABELS[lang]
    summary = labels["data_and_provenance"] if rendered.data else labels["provenance_only"]
    return (f'<details class="lecture-data"><summary>{esc(summary)}</summary>'
            f"{rendered.data}{provenance(lang, body)}</details>")


def line_figure(uid: str, title: str, desc: str, series, x_title: str, y_title: str, lang: str) -> charts.Figure:
    """Curves ``(name, xs, ys, colour, dashed)`` on one pair of axes, wide and narrow, legend below.

    The x domain runs 4 % past the first and last steps, so their markers clear the frame."""
    from lectureutils import charts

    xs = [x for _, sx, _, _, _ in series for x in sx]
    ys = [y for _, _, sy, _, _ in series for y in sy]
    figure = charts.Figure(title)
    panels = []
    y_ticks = charts.nice_ticks(0, max(ys) * 1.05, most=6)
    y_digits = 0 if y_ticks[1] - y_ticks[0] >= 1 else 1
    for size, width, height in (("wide", WIDE, 300), ("narrow", NARROW, 260)):
        canvas = charts.Canvas(width, height, title, f"{uid}-{size}", desc)
        axes = charts.Axes(canvas, (0, 0, width, height), charts.padded(0, max(xs) or 1, 0.04), (0, y_ticks[-1]),
                           x_title=x_title, y_title=y_title, x_format=lambda v: integer(v, lang),
                           x_ticks=charts.nice_ticks(0, max(xs) or 1), y_ticks=y_ticks,
                           y_format=lambda v: number(v, lang, y_digits))
        for _, sx, sy, colour, dashed in series:
            axes.line(sx, sy, colour, "6 4" if dashed else "", width=2.5)
            if not dashed and len(sx) <= 12:
                axes.points(sx, sy, [colour] * len(sx), ["circle"] * len(sx), radius=3.5)
        axes.finish()
        panels.append(canvas.render())
    figure.panel(*panels)
    figure.legend(*[charts.LegendItem(name, colour, dash="6 4" if dashed else "") for name, _, _, colour, dashed in series])
    return figure
