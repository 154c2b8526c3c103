"""``{{ compute("next_tokens", model="smollm2", prompt="The boy went to the", k=10) }}``.

Shows a real-model result read from the committed cache (``make precompute`` fills it): the
build never imports torch. The French and English pages share one entry; only the rendering is
localised (labels, decimal comma, narrow no-break spaces). Charts are inline SVG with
``role="img"``, a ``<title>``, a ``<desc>`` and the same numbers as a table in a ``<details>``;
colours come from the Okabe-Ito palette (safe for colour-blind readers). Under each output, a
provenance line: model, library versions, device, date; and Gemma's terms where Gemma spoke.
"""

from __future__ import annotations

import html
import math
from typing import Any

from lectureutils.compute import COMPUTATIONS, ComputeRequestError, canonical_arguments
from lectureutils.compute.engine import ComputeEngine, ComputeMissingError
from lectureutils.compute.environment import EnvironmentMissingError
from lectureutils.compute.models import MODELS
from lectureutils.compute.tiny import TEXTS as BIBLE_TEXTS
from lectureutils.site.context import DirectiveContext, DirectiveError
from lectureutils.site.directives import token_cost, tokenizer_playground
from lectureutils.textformat import colon, integer, millions, number, percent

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

LABELS = {
    "fr": {
        "data": "Les données du graphique",
        "rank": "Rang",
        "token": "Jeton",
        "id": "Identifiant",
        "probability": "Probabilité",
        "next_title": "{model} : jeton suivant après « {prompt} »",
        "next_desc": "Diagramme en barres des {k} jetons les plus probables. {summary}",
        "next_note": "Les {k} premiers jetons totalisent {mass} ; sur tout le vocabulaire ({vocab} jetons), "
        "les probabilités somment à {total}. ␣ marque une espace.",
        "prompt_tokens": "Le contexte découpé en jetons",
        "space": "␣ marque une espace.",
        "greedy": "Glouton (toujours le plus probable)",
        "temperature": "Température {t}, tirage {n}",
        "decoding": "Décodage",
        "continuation": "Suite générée",
        "continuations_caption": "{model} prolonge « {prompt} » ({n} jetons au plus, graine {seed})",
        "fill_title": "{model} : candidats pour « {template} »",
        "fill_desc": "Diagramme en barres de la part de probabilité de chaque phrase complétée. {summary}",
        "fill_note": "Classement par un modèle causal (de gauche à droite) : chaque candidat est placé dans "
        "le trou et la phrase entière est notée ; la part renormalise ces probabilités sur les seuls "
        "candidats. Ce n’est pas la tête « mot masqué » d’un BERT (aucune n’est disponible hors ligne).",
        "candidate": "Candidat",
        "share": "Part",
        "log_probability": "log-probabilité de la phrase",
        "tokens": "Jetons",
        "tokenizer": "Tokeniseur",
        "pieces": "Découpage",
        "count": "Jetons",
        "per_word": "Jetons par mot",
        "vocabulary": "vocabulaire de {n}",
        "tok_title": "Jetons par mot selon le tokeniseur",
        "tok_desc": "Diagramme en barres groupées : pour chaque tokeniseur, le nombre de jetons par mot "
        "de chaque phrase. {summary}",
        "sentence": "Phrase",
        "similarity_title": "Cosinus entre les phrases ({model})",
        "map_title": "Les phrases sur un plan (deux premières composantes principales)",
        "map_desc": "Nuage de points : chaque phrase est un point numéroté ; des phrases proches "
        "de sens sont proches sur le plan. {summary}",
        "map_note": "Le plan garde {var} de la variance des vecteurs ({dims} dimensions).",
        "most_similar": "Paire la plus proche : {a} et {b} (cosinus {c}).",
        "annotate_caption": "Annotation de « {sentence} » par {model}",
        "form": "Forme",
        "lemma": "Lemme",
        "pos": "Catégorie",
        "morph": "Morphologie",
        "dep": "Relation",
        "head": "Tête",
        "entities": "Entités nommées",
        "none": "aucune",
        "loss_title": "Courbe d’apprentissage du {what}",
        "loss_desc": "Courbe de la perte (entropie croisée) en fonction des étapes d’entraînement : "
        "entraînement en bleu, validation en orange, hasard uniforme en pointillés. {summary}",
        "gpt": "petit GPT (mot suivant)",
        "mlm": "petit modèle à mots masqués (façon BERT)",
        "step": "Étape",
        "train": "Perte d’entraînement",
        "validation": "Perte de validation",
        "uniform": "Hasard uniforme",
        "loss": "Perte",
        "loss_summary": "La perte de validation passe de {first} à {last} en {steps} étapes.",
        "facts": "{params} paramètres, vocabulaire de {vocab} mots, {words} mots d’entraînement "
        "({texts}). Entraînement : {seconds} s pour {tokens} mots vus, soit {rate} mots par seconde "
        "({device}, préréglage « {preset} »).",
        "prompt": "Début imposé",
        "before": "Avant l’entraînement",
        "after": "Après l’entraînement",
        "masked_sentence": "Phrase à trou",
        "samples_caption": "Textes générés (température 0,8, même graine avant et après)",
        "predictions_caption": "Les cinq mots proposés pour [MASK], avec leur probabilité",
        "ft_title": "Affiner un modèle pré-entraîné ou partir de zéro",
        "ft_desc": "Courbes de la perte de validation sur le français : en bleu le modèle pré-entraîné "
        "sur l’anglais puis affiné, en vert le même modèle entraîné à partir de zéro, hasard uniforme en "
        "pointillés. {summary}",
        "ft_finetuned": "Pré-entraîné (anglais) puis affiné",
        "ft_scratch": "À partir de zéro",
        "ft_summary": "Après {steps} étapes sur la tranche française, perte de validation {a} pour le modèle "
        "affiné contre {b} pour le modèle parti de zéro (au départ : {a0} contre {b0}).",
        "ft_facts": "Pré-entraînement : {psteps} étapes sur la Bible anglaise ({pwords} mots), {pseconds} s. "
        "Tranche française : {swords} mots. Affinage : {fseconds} s ; à partir de zéro : {sseconds} s. "
        "{params} paramètres, vocabulaire de {vocab} mots ({device}, préréglage « {preset} »).",
        "ft_samples": "Textes générés après l’entraînement sur la tranche française",
        "model_column": "Modèle",
        "provenance": "Provenance",
        "parameters": "paramètres : {n}",
        "vocabulary_of": "vocabulaire : {n}",
        "libraries": "bibliothèques",
        "device": "appareil",
        "computed_in": "calcul en {dtype}",
        "date": "calculé le {date} en {seconds} s",
        "licence": "licence",
        "freq_caption": "Les {top} tokens les plus fréquents de la {name} ({tokens} tokens en tout ; les cinq premiers en font {top5})",
        "freq_token": "Token",
        "freq_count": "Occurrences",
        "freq_share": "Part des tokens",
    },
    "en": {
        "data": "The chart's data",
        "rank": "Rank",
        "token": "Token",
        "id": "Id",
        "probability": "Probability",
        "next_title": "{model}: next token after “{prompt}”",
        "next_desc": "Bar chart of the {k} most probable tokens. {summary}",
        "next_note": "The top {k} tokens add up to {mass}; over the whole vocabulary ({vocab} tokens) "
        "the probabilities sum to {total}. ␣ marks a space.",
        "prompt_tokens": "The context cut into tokens",
        "space": "␣ marks a space.",
        "greedy": "Greedy (always the most probable)",
        "temperature": "Temperature {t}, sample {n}",
        "decoding": "Decoding",
        "continuation": "Generated continuation",
        "continuations_caption": "{model} continues “{prompt}” (at most {n} tokens, seed {seed})",
        "fill_title": "{model}: candidates for “{template}”",
        "fill_desc": "Bar chart of the probability share of each completed sentence. {summary}",
        "fill_note": "Ranked by a causal (left-to-right) model: each candidate is put in the blank and "
        "the whole sentence is scored; the share renormalises those probabilities over the candidates "
        "only. This is not a BERT masked-word head (none is available offline).",
        "candidate": "Candidate",
        "share": "Share",
        "log_probability": "sentence log-probability",
        "tokens": "Tokens",
        "tokenizer": "Tokenizer",
        "pieces": "Pieces",
        "count": "Tokens",
        "per_word": "Tokens per word",
        "vocabulary": "vocabulary of {n}",
        "tok_title": "Tokens per word by tokenizer",
        "tok_desc": "Grouped bar chart: for each tokenizer, the number of tokens per word of each "
        "sentence. {summary}",
        "sentence": "Sentence",
        "similarity_title": "Cosine between the sentences ({model})",
        "map_title": "The sentences on a plane (first two principal components)",
        "map_desc": "Scatter plot: each sentence is a numbered point; sentences close in meaning are "
        "close on the plane. {summary}",
        "map_note": "The plane keeps {var} of the variance of the vectors ({dims} dimensions).",
        "most_similar": "Closest pair: {a} and {b} (cosine {c}).",
        "annotate_caption": "Annotation of “{sentence}” by {model}",
        "form": "Form",
        "lemma": "Lemma",
        "pos": "Part of speech",
        "morph": "Morphology",
        "dep": "Relation",
        "head": "Head",
        "entities": "Named entities",
        "none": "none",
        "loss_title": "Learning curve of the {what}",
        "loss_desc": "Line chart of the loss (cross-entropy) against training steps: training in blue, "
        "validation in orange, uniform guessing dashed. {summary}",
        "gpt": "tiny GPT (next word)",
        "mlm": "tiny masked-word model (BERT style)",
        "step": "Step",
        "train": "Training loss",
        "validation": "Validation loss",
        "uniform": "Uniform guess",
        "loss": "Loss",
        "loss_summary": "The validation loss goes from {first} to {last} in {steps} steps.",
        "facts": "{params} parameters, a vocabulary of {vocab} words, {words} training words "
        "({texts}). Training: {seconds} s for {tokens} words seen, that is {rate} words per second "
        "({device}, preset “{preset}”).",
        "prompt": "Given start",
        "before": "Before training",
        "after": "After training",
        "masked_sentence": "Sentence with a blank",
        "samples_caption": "Generated texts (temperature 0.8, same seed before and after)",
        "predictions_caption": "The five words proposed for [MASK], with their probability",
        "ft_title": "Fine-tuning a pretrained model or starting from scratch",
        "ft_desc": "Curves of the validation loss on French: in blue the model pretrained on English then "
        "fine-tuned, in green the same model trained from scratch, uniform guessing dashed. {summary}",
        "ft_finetuned": "Pretrained (English) then fine-tuned",
        "ft_scratch": "From scratch",
        "ft_summary": "After {steps} steps on the French slice, validation loss {a} for the fine-tuned model "
        "against {b} for the model trained from scratch (at the start: {a0} against {b0}).",
        "ft_facts": "Pretraining: {psteps} steps on the English Bible ({pwords} words), {pseconds} s. "
        "French slice: {swords} words. Fine-tuning: {fseconds} s; from scratch: {sseconds} s. "
        "{params} parameters, a vocabulary of {vocab} words ({device}, preset “{preset}”).",
        "ft_samples": "Texts generated after training on the French slice",
        "model_column": "Model",
        "provenance": "Provenance",
        "parameters": "parameters: {n}",
        "vocabulary_of": "vocabulary: {n}",
        "libraries": "libraries",
        "device": "device",
        "computed_in": "computed in {dtype}",
        "date": "computed on {date} in {seconds} s",
        "licence": "licence",
        "freq_caption": "The {top} most frequent tokens of the {name} ({tokens} tokens in all; the first five make {top5} of them)",
        "freq_token": "Token",
        "freq_count": "Occurrences",
        "freq_share": "Share of the tokens",
    },
}


# --- formatting --------------------------------------------------------------------------------


def visible(token: str) -> str:
    """A token with its spaces made visible (␣) and line breaks shown as ⏎."""
    return token.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥") or "∅"


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


# --- SVG pieces ----------------------------------------------------------------------------------


def _svg_open(uid: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        'font-family="system-ui, sans-serif" font-size="13" fill="currentColor">'
        f'<title id="{uid}-t">{esc(title)}</title><desc id="{uid}-d">{esc(desc)}</desc>'
    )


def bar_chart(uid: str, title: str, desc: str, labels: list[str], values: list[float],
              value_labels: list[str], colour: str = PALETTE[0]) -> str:
    label_width = min(230, 16 + 7.5 * max((len(label) for label in labels), default=4))
    width, bar_area, row = 640, 640 - label_width - 80, 24
    height = 12 + row * len(labels)
    top = max(values) if values and max(values) > 0 else 1.0
    parts = [_svg_open(uid, width, height, title, desc)]
    for index, (label, value, shown) in enumerate(zip(labels, values, value_labels)):
        y = 6 + index * row
        length = max(1.0, bar_area * value / top)
        parts.append(
            f'<text x="{label_width - 8:.0f}" y="{y + 16}" text-anchor="end" '
            f'font-family="ui-monospace, monospace">{esc(label)}</text>'
            f'<rect x="{label_width:.0f}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" fill="{colour}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 16}">{esc(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def grouped_bar_chart(uid: str, title: str, desc: str, groups: list[str], series: list[str],
                      values: list[list[float]], value_labels: list[list[str]]) -> str:
    """``values[g][s]``: one group per tokenizer, one bar per sentence."""
    width, row_gap, bar = 640, 10, 16
    label_width = min(200, 16 + 7.5 * max(len(g) for g in groups))
    legend = 20 * len(series) + 6
    group_height = bar * len(series) + row_gap
    height = legend + 8 + group_height * len(groups)
    top = max((v for row in values for v in row), default=1.0) or 1.0
    area = width - label_width - 70
    parts = [_svg_open(uid, width, height, title, desc)]
    for index, name in enumerate(series):
        short = name if len(name) <= 60 else name[:59] + "…"
        y = 6 + 20 * index
        parts.append(
            f'<rect x="{label_width:.0f}" y="{y}" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{label_width + 18:.0f}" y="{y + 11}">{esc(short)}</text>'
        )
    for g, group in enumerate(groups):
        y0 = legend + 8 + g * group_height
        parts.append(
            f'<text x="{label_width - 8:.0f}" y="{y0 + bar * len(series) / 2 + 4:.0f}" text-anchor="end">'
            f"{esc(group)}</text>"
        )
        for s in range(len(series)):
            y = y0 + s * bar
            length = max(1.0, area * values[g][s] / top)
            parts.append(
                f'<rect x="{label_width:.0f}" y="{y + 1}" width="{length:.1f}" height="{bar - 2}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"/>'
                f'<text x="{label_width + length + 5:.1f}" y="{y + bar - 4}" font-size="11">'
                f"{esc(value_labels[g][s])}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(uid: str, title: str, desc: str, series: list[tuple[str, list[float], list[float], str, bool]],
               x_label: str, y_label: str, lang: str) -> str:
    """``series``: (name, xs, ys, colour, dashed)."""
    width, height = 640, 320
    left, right, top_margin, bottom = 56, 16, 34, 44
    xs = [x for _, sx, _, _, _ in series for x in sx]
    ys = [y for _, _, sy, _, _ in series for y in sy]
    x_max = max(xs) or 1
    y_min, y_max = 0.0, max(ys) * 1.05
    plot_w, plot_h = width - left - right, height - top_margin - bottom

    def px(x):
        return left + plot_w * x / x_max

    def py(y):
        return top_margin + plot_h * (1 - (y - y_min) / (y_max - y_min))

    parts = [_svg_open(uid, width, height, title, desc)]
    step = 10 ** math.floor(math.log10(max(y_max, 1e-9)))
    step = step if y_max / step >= 4 else step / 2
    tick = 0.0
    while tick <= y_max:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{py(tick):.1f}" y2="{py(tick):.1f}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
            f'<text x="{left - 6}" y="{py(tick) + 4:.1f}" text-anchor="end" font-size="11">'
            f"{esc(number(tick, lang, 0 if step >= 1 else 1))}</text>"
        )
        tick += step
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = round(x_max * fraction)
        parts.append(
            f'<text x="{px(value):.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11">'
            f"{esc(integer(value, lang))}</text>"
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{py(0):.1f}" y2="{py(0):.1f}" stroke="currentColor"/>'
        f'<line x1="{left}" x2="{left}" y1="{top_margin}" y2="{py(0):.1f}" stroke="currentColor"/>'
        f'<text x="{left + plot_w / 2:.0f}" y="{height - 8}" text-anchor="middle">{esc(x_label)}</text>'
        f'<text x="14" y="{top_margin + plot_h / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {top_margin + plot_h / 2:.0f})">{esc(y_label)}</text>'
    )
    x = left
    for name, sx, sy, colour, dashed in series:
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        points = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(sx, sy))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>')
        if not dashed and len(sx) <= 12:
            parts.extend(
                f'<circle cx="{px(a):.1f}" cy="{py(b):.1f}" r="3.5" fill="{colour}"/>' for a, b in zip(sx, sy)
            )
        parts.append(
            f'<line x1="{x}" x2="{x + 22}" y1="14" y2="14" stroke="{colour}" stroke-width="2.5"{dash}/>'
            f'<text x="{x + 27}" y="18">{esc(name)}</text>'
        )
        x += 40 + 7 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def table(headers: list[str], rows: list[list[str]], caption: str | None = None, raw: bool = False) -> str:
    """An HTML table; cells are escaped unless ``raw``."""
    cell = (lambda v: str(v)) if raw else esc
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def details(summary: str, content: str) -> str:
    return f'<details class="lecture-data"><summary>{esc(summary)}</summary>{content}</details>'


def figure(svg: str, caption_html: str = "") -> str:
    caption = f"<figcaption>{caption_html}</figcaption>" if caption_html else ""
    return f'<figure class="lecture-figure lecture-compute">{svg}{caption}</figure>'


# --- provenance --------------------------------------------------------------------------------


LIBRARIES_SHOWN = {
    "tokenize": ("transformers", "tokenizers", "mistral-common"),
    "tokenizer_playground": ("transformers", "tokenizers"),
    "token_cost": ("transformers", "tokenizers", "mistral-common"),
    "annotate": ("spacy",),
    "tiny_gpt": ("torch",),
    "tiny_mlm": ("torch",),
    "tiny_finetune": ("torch",),
}


def provenance_line(lang: str, body: dict[str, Any]) -> str:
    labels = LABELS[lang]
    provenance = body["provenance"]
    described = []
    for model_id, info in provenance.get("models", {}).items():
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
    libraries = provenance.get("libraries", {})
    shown = ", ".join(
        f"{name} {libraries[name]}"
        for name in LIBRARIES_SHOWN.get(body.get("key_parts", {}).get("computation"), ("torch", "transformers"))
        if name in libraries
    )
    device = provenance.get("device", "?").upper() if provenance.get("device") == "cpu" else provenance.get("device", "?")
    device_text = f"{device}, {labels['computed_in'].format(dtype=provenance.get('dtype', ''))}"
    date = provenance.get("date", "")[:10]
    if lang == "fr" and len(date) == 10:
        date = f"{date[8:10]}/{date[5:7]}/{date[0:4]}"
    seconds = number(provenance.get("duration_s", 0.0), lang, 1)
    separator = colon(lang)
    text = (
        f"{labels['provenance']}{separator} {'; '.join(described)} · "
        f"{labels['libraries']}{separator} {esc(shown)} · {labels['device']}{separator} {esc(device_text)} · "
        f"{esc(labels['date'].format(date=date, seconds=seconds))}"
    )
    notices = [
        f'<p class="lecture-terms" style="font-size:0.7rem">{MODELS[m].terms[lang]}</p>'
        for m in provenance.get("models", {})
        if m in MODELS and MODELS[m].terms
    ]
    return (
        f'<p class="lecture-provenance" style="font-size:0.7rem;opacity:0.85">{text}</p>' + "".join(notices)
    )


# --- renderers (one per computation) ----------------------------------------------------------------


def _model_name(model_id: str) -> str:
    return MODELS[model_id].name if model_id in MODELS else model_id


def render_next_tokens(lang, uid, args, result):
    labels = LABELS[lang]
    rows = result["top"]
    tokens = [visible(row["token"]) for row in rows]
    probabilities = [row["probability"] for row in rows]
    shown = [percent(p, lang) for p in probabilities]
    summary = ", ".join(f"{t} {s}" for t, s in zip(tokens[:3], shown[:3]))
    title = labels["next_title"].format(model=_model_name(result["model"]), prompt=result["prompt"])
    desc = labels["next_desc"].format(k=len(rows), summary=summary)
    chart = bar_chart(uid, title, desc, tokens, probabilities, shown)
    note = labels["next_note"].format(
        k=len(rows),
        mass=percent(result["top_mass"], lang),
        vocab=integer(result["vocabulary_size"], lang),
        total=number(result["probability_sum"], lang, 3),
    )
    context = " ".join(f"<code>{esc(visible(t))}</code>" for t in result["prompt_tokens"])
    data = table(
        [labels["rank"], labels["token"], labels["id"], labels["probability"]],
        [[str(i + 1), t, str(r["id"]), number(r["probability"], lang, 4)] for i, (t, r) in enumerate(zip(tokens, rows))],
    )
    caption = f"<strong>{esc(title)}</strong><br>{esc(note)}<br>{esc(labels['prompt_tokens'])} : {context}"
    if lang == "en":
        caption = caption.replace(" : ", ": ")
    return figure(chart, caption) + details(labels["data"], data)


def render_continuations(lang, uid, args, result):
    labels = LABELS[lang]
    rows = [[f"<strong>{esc(labels['greedy'])}</strong>", esc(result["greedy"])]]
    for group in result["sampled"]:
        for n, text in enumerate(group["texts"], start=1):
            rows.append([esc(labels["temperature"].format(t=number(group["temperature"], lang, 1), n=n)), esc(text)])
    rows = [[a, f"<em>{esc(result['prompt'])}</em>{b.replace(chr(10), ' ⏎ ')}"] for a, b in rows]
    caption = labels["continuations_caption"].format(
        model=_model_name(result["model"]), prompt=result["prompt"], n=result["max_new_tokens"], seed=result["seed"]
    )
    return table([labels["decoding"], labels["continuation"]], rows, caption=caption, raw=True)


def render_fill_blank(lang, uid, args, result):
    labels = LABELS[lang]
    rows = result["candidates"]
    names = [row["candidate"] for row in rows]
    shares = [row["share"] for row in rows]
    shown = [percent(s, lang) for s in shares]
    title = labels["fill_title"].format(model=_model_name(result["model"]), template=result["template"])
    desc = labels["fill_desc"].format(summary=", ".join(f"{n} {s}" for n, s in zip(names[:3], shown[:3])))
    chart = bar_chart(uid, title, desc, names, shares, shown, colour=PALETTE[2])
    data = table(
        [labels["rank"], labels["candidate"], labels["share"], labels["log_probability"], labels["tokens"]],
        [[str(r["rank"]), r["sentence"], number(r["share"], lang, 4), number(r["log_probability"], lang, 2),
          str(r["tokens"])] for r in rows],
    )
    caption = f"<strong>{esc(title)}</strong><br>{esc(labels['fill_note'])}"
    return figure(chart, caption) + details(labels["data"], data)


def _chips(pieces: list[str]) -> str:
    spans = []
    for index, piece in enumerate(pieces):
        colour = PALETTE[index % 2 * 4]  # alternate blue / light blue edges
        spans.append(
            f'<span style="display:inline-block;margin:1px;padding:0 3px;border:1px solid {colour};'
            f'border-radius:3px;font-family:ui-monospace,monospace;white-space:pre">{esc(visible(piece))}</span>'
        )
    return "".join(spans)


def render_tokenize(lang, uid, args, result):
    labels = LABELS[lang]
    sentences = result["sentences"]
    parts = []
    for s_index, sentence in enumerate(sentences):
        rows = []
        for entry in result["tokenizers"]:
            one = entry["sentences"][s_index]
            name = (
                f"<strong>{esc(entry['name'])}</strong><br><small>{esc(entry['algorithm'])}, "
                f"{esc(labels['vocabulary'].format(n=integer(entry['vocabulary'] or 0, lang)))}</small>"
            )
            rows.append([name, _chips(one["pieces"]), str(one["count"]), number(one["tokens_per_word"] or 0, lang, 2)])
        parts.append(
            table(
                [labels["tokenizer"], labels["pieces"], labels["count"], labels["per_word"]],
                rows,
                caption=f"« {sentence} »" if lang == "fr" else f"“{sentence}”",
                raw=True,
            )
        )
    groups = [entry["name"].split(" (")[0] for entry in result["tokenizers"]]
    values = [[one["tokens_per_word"] or 0 for one in entry["sentences"]] for entry in result["tokenizers"]]
    shown = [[number(v, lang, 2) for v in row] for row in values]
    summary = "; ".join(
        f"{g}: " + ", ".join(s for s in row) for g, row in zip(groups, shown)
    )
    chart = grouped_bar_chart(
        uid, labels["tok_title"], labels["tok_desc"].format(summary=summary), groups, sentences, values, shown
    )
    data = table(
        [labels["tokenizer"]] + sentences,
        [[g] + [f"{v} ({one['count']})" for v, one in zip(row, entry["sentences"])]
         for g, row, entry in zip(groups, shown, result["tokenizers"])],
    )
    chart_html = figure(chart, f"<strong>{esc(labels['tok_title'])}</strong> — {esc(labels['space'])}")
    return "".join(parts) + chart_html + details(labels["data"], data)


def _shade(value: float) -> str:
    # Blue scale (Okabe-Ito blue), lighter for lower cosines; text stays dark.
    alpha = max(0.0, min(1.0, value))
    return f"background:rgba(0,114,178,{0.08 + 0.55 * alpha:.2f})"


def render_similarity(lang, uid, args, result):
    labels = LABELS[lang]
    sentences = result["sentences"]
    n = len(sentences)
    header = "".join(f'<th scope="col">{i + 1}</th>' for i in range(n))
    body = []
    for i, row in enumerate(result["cosine"]):
        cells = "".join(f'<td style="{_shade(v)}">{esc(number(v, lang, 2))}</td>' for v in row)
        body.append(f'<tr><th scope="row">{i + 1}. {esc(sentences[i])}</th>{cells}</tr>')
    caption = labels["similarity_title"].format(model=_model_name(result["model"]))
    matrix = (
        f"<table><caption>{esc(caption)}</caption><thead><tr><th scope=\"col\">{esc(labels['sentence'])}</th>"
        f"{header}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
    best = max(((result["cosine"][i][j], i, j) for i in range(n) for j in range(i + 1, n)), default=None)
    summary = (
        labels["most_similar"].format(a=best[1] + 1, b=best[2] + 1, c=number(best[0], lang, 2)) if best else ""
    )
    # Scatter plot.
    width, height, pad = 640, 360, 40
    xs = [p[0] for p in result["projection"]]
    ys = [p[1] if len(p) > 1 else 0.0 for p in result["projection"]]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    svg = [_svg_open(uid, width, height, labels["map_title"], labels["map_desc"].format(summary=summary))]
    svg.append(
        f'<rect x="{pad / 2}" y="{pad / 2}" width="{width - pad}" height="{height - pad}" fill="none" '
        'stroke="currentColor" stroke-opacity="0.2"/>'
    )
    for i, (x, y) in enumerate(zip(xs, ys)):
        cx = pad + (width - 2 * pad) * (x - min(xs)) / span_x
        cy = height - pad - (height - 2 * pad) * (y - min(ys)) / span_y
        colour = PALETTE[i % len(PALETTE)]
        svg.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="7" fill="{colour}"/>'
            f'<text x="{cx + 10:.1f}" y="{cy + 5:.1f}" font-weight="bold">{i + 1}</text>'
        )
    svg.append("</svg>")
    variance = sum(result["explained_variance"])
    note = labels["map_note"].format(var=percent(variance, lang, 0), dims=result["dimensions"])
    legend = "".join(f"<li>{esc(s)}</li>" for s in sentences)
    data = table(
        ["#", labels["sentence"], "x", "y"],
        [[str(i + 1), s, number(x, lang, 3), number(y, lang, 3)] for i, (s, x, y) in enumerate(zip(sentences, xs, ys))],
    )
    return (
        matrix
        + figure("".join(svg), f"<strong>{esc(labels['map_title'])}</strong>. {esc(note)} {esc(summary)}<ol>{legend}</ol>")
        + details(labels["data"], data)
    )


def render_annotate(lang, uid, args, result):
    labels = LABELS[lang]
    rows = [
        [str(t["i"] + 1), t["text"], t["lemma"], t["pos"], t["morph"].replace("|", " | ") or "—", t["dep"],
         str(t["head"] + 1)]
        for t in result["tokens"]
    ]
    caption = labels["annotate_caption"].format(sentence=result["sentence"], model=_model_name(result["model"]))
    entities = ", ".join(f"{e['text']} ({e['label']})" for e in result["entities"]) or labels["none"]
    separator = colon(lang)
    return table(
        ["#", labels["form"], labels["lemma"], labels["pos"], labels["morph"], labels["dep"], labels["head"]],
        rows, caption=caption,
    ) + f"<p>{esc(labels['entities'])}{separator} {esc(entities)}</p>"


def render_tiny(lang, uid, args, result):
    labels = LABELS[lang]
    what = labels["gpt"] if result["objective"] == "next-word" else labels["mlm"]
    validation = result["validation"]
    summary = labels["loss_summary"].format(
        first=number(validation["loss"][0], lang, 2), last=number(validation["loss"][-1], lang, 2),
        steps=integer(validation["step"][-1], lang),
    )
    curve = result["curve"]
    steps = curve["step"]
    series = [
        (labels["train"], steps, curve["train"], PALETTE[0], False),
        (labels["validation"], validation["step"], validation["loss"], PALETTE[1], False),
        (labels["uniform"], [0, steps[-1]], [result["uniform_loss"]] * 2, "#888888", True),
    ]
    title = labels["loss_title"].format(what=what)
    chart = line_chart(uid, title, labels["loss_desc"].format(summary=summary), series,
                       labels["step"], labels["loss"], lang)
    # The registry's name of each text: an entry computed before a correction of the wording
    # (the King James is the 1769 Oxford text, not the 1611 edition) still shows the right one.
    texts = ", ".join(BIBLE_TEXTS.get(t.get("code"), (None, t["name"]))[1] for t in result["corpus"]["texts"])
    facts = labels["facts"].format(
        params=integer(result["parameters"], lang), vocab=integer(result["corpus"]["vocabulary"], lang),
        words=integer(result["corpus"]["train_words"], lang), texts=texts,
        seconds=number(result["training_seconds"], lang, 0), tokens=integer(result["tokens_seen"], lang),
        rate=integer(round(result["tokens_per_second"]), lang), device=result["device"].upper(),
        preset=result["preset"],
    )
    data = table(
        [labels["step"], labels["train"]],
        [[integer(s, lang), number(v, lang, 3)] for s, v in zip(steps, curve["train"])],
    ) + table(
        [labels["step"], labels["validation"]],
        [[integer(s, lang), number(v, lang, 3)] for s, v in zip(validation["step"], validation["loss"])],
    )
    parts = [figure(chart, f"<strong>{esc(title)}</strong>. {esc(summary)} {esc(facts)}"), details(labels["data"], data)]
    if result["objective"] == "next-word":
        rows = [[b["prompt"], b["text"], a["text"]] for b, a in zip(result["before"], result["after"])]
        parts.append(table([labels["prompt"], labels["before"], labels["after"]], rows,
                           caption=labels["samples_caption"]))
    else:
        def fmt(predictions):
            return ", ".join(f"{p['word']} ({percent(p['probability'], lang)})" for p in predictions)

        rows = [[b["sentence"], fmt(b["predictions"]), fmt(a["predictions"])]
                for b, a in zip(result["before"], result["after"])]
        parts.append(table([labels["masked_sentence"], labels["before"], labels["after"]], rows,
                           caption=labels["predictions_caption"]))
    return "".join(parts)


def render_finetune(lang, uid, args, result):
    labels = LABELS[lang]
    fine, scratch = result["finetuned"]["validation"], result["scratch"]["validation"]
    summary = labels["ft_summary"].format(
        steps=integer(fine["step"][-1], lang), a=number(fine["loss"][-1], lang, 2), b=number(scratch["loss"][-1], lang, 2),
        a0=number(fine["loss"][0], lang, 2), b0=number(scratch["loss"][0], lang, 2),
    )
    series = [
        (labels["ft_finetuned"], fine["step"], fine["loss"], PALETTE[0], False),
        (labels["ft_scratch"], scratch["step"], scratch["loss"], PALETTE[2], False),
        (labels["uniform"], [0, fine["step"][-1]], [result["uniform_loss"]] * 2, "#888888", True),
    ]
    chart = line_chart(uid, labels["ft_title"], labels["ft_desc"].format(summary=summary), series,
                       labels["step"], labels["validation"], lang)
    facts = labels["ft_facts"].format(
        psteps=integer(result["pretraining"]["steps"], lang), pwords=integer(result["english_words"], lang),
        pseconds=number(result["pretraining"]["seconds"], lang, 0), swords=integer(result["slice_words"], lang),
        fseconds=number(result["finetuned"]["seconds"], lang, 0), sseconds=number(result["scratch"]["seconds"], lang, 0),
        params=integer(result["parameters"], lang), vocab=integer(result["vocabulary"], lang),
        device=result["device"].upper(), preset=result["preset"],
    )
    data = table(
        [labels["step"], labels["ft_finetuned"], labels["ft_scratch"]],
        [[integer(s, lang), number(a, lang, 3), number(b, lang, 3)]
         for s, a, b in zip(fine["step"], fine["loss"], scratch["loss"])],
    )
    rows = [[labels[f"ft_{key}"], sample["prompt"], sample["text"]]
            for key in ("finetuned", "scratch") for sample in result["samples"][key]]
    return (
        figure(chart, f"<strong>{esc(labels['ft_title'])}</strong>. {esc(summary)} {esc(facts)}")
        + details(labels["data"], data)
        + table([labels["model_column"], labels["prompt"], labels["after"]], rows, caption=labels["ft_samples"])
    )


def render_frequencies(lang, uid, args, result):
    labels = LABELS[lang]
    tables = []
    for text in result["texts"]:
        caption = labels["freq_caption"].format(
            top=integer(len(text["top"]), lang), name=text["name"], tokens=integer(text["tokens"], lang),
            top5=percent(text["top5_share"], lang))
        rows = [[integer(rank, lang), visible(item["token"]), integer(item["count"], lang), percent(item["share"], lang)]
                for rank, item in enumerate(text["top"], start=1)]
        tables.append(table(["#", labels["freq_token"], labels["freq_count"], labels["freq_share"]], rows, caption=caption))
    return "".join(tables)


RENDERERS = {
    "next_tokens": render_next_tokens,
    "continuations": render_continuations,
    "fill_blank": render_fill_blank,
    "tokenize": render_tokenize,
    "token_cost": token_cost.render,
    "similarity": render_similarity,
    "annotate": render_annotate,
    "tiny_gpt": render_tiny,
    "tiny_mlm": render_tiny,
    "tiny_finetune": render_finetune,
    "corpus_frequencies": render_frequencies,
}
# Renderers that need the page's context (they write static files and link scripts).
CONTEXT_RENDERERS = {"tokenizer_playground": tokenizer_playground.render}
assert set(RENDERERS) | set(CONTEXT_RENDERERS) == set(COMPUTATIONS)


def engine_for(plugin) -> ComputeEngine:
    engine = getattr(plugin, "compute_engine", None)
    if engine is None or engine.store is not plugin.store:
        engine = ComputeEngine(plugin.store)
        plugin.compute_engine = engine
    return engine


def render_html(lang: str, uid: str, name: str, args: dict[str, Any], body: dict[str, Any]) -> str:
    content = RENDERERS[name](lang, uid, args, body["result"])
    return f'<div class="lecture-compute" data-computation="{esc(name)}">{content}{provenance_line(lang, body)}</div>'


def render(context: DirectiveContext, *args: Any, **kwargs: Any) -> str:
    if len(args) != 1 or not isinstance(args[0], str):
        raise DirectiveError('compute() takes the computation\'s name first: compute("next_tokens", ...)')
    name = args[0]
    try:
        canonical = canonical_arguments(name, kwargs)
        body = engine_for(context.plugin).get(name, canonical)
    except (ComputeRequestError, ComputeMissingError, EnvironmentMissingError) as error:
        raise DirectiveError(str(error)) from None
    context.publish(name, body["result"])
    uid = f"lc{body['key'][:8]}-{len(context.plugin.stash_store)}"
    if name in CONTEXT_RENDERERS:
        content = CONTEXT_RENDERERS[name](context, uid, canonical, body)
        return context.stash(f'<div class="lecture-compute" data-computation="{esc(name)}">{content}'
                             f'{provenance_line(context.lang, body)}</div>')
    return context.stash(render_html(context.lang, uid, name, canonical, body))
