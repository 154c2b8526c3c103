"""``tiny_gpt`` and ``tiny_mlm``: a tiny model trained from scratch, its learning curve and what it
writes (or guesses) before and after training.

Used in: docs/pre-entrainement.*.md.
"""

from __future__ import annotations

from lectureutils import charts
from lectureutils.compute.tiny import TEXTS as BIBLE_TEXTS
from lectureutils.site.renderers.common import Rendered, integer, line_figure, number, percent, table
from lectureutils.site.renderers.labels import LABELS


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
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
        (labels["train"], steps, curve["train"], charts.BLUE, False),
        (labels["validation"], validation["step"], validation["loss"], charts.ORANGE, False),
        (labels["uniform"], [0, steps[-1]], [result["uniform_loss"]] * 2, charts.GREY, True),
    ]
    title = labels["loss_title"].format(what=what)
    figure = line_figure(uid, title, labels["loss_desc"].format(summary=summary), series, labels["step"],
                         labels["loss"], lang)
    # The registry's name of each text: an entry computed before a correction of the wording
    # (the King James is the 1769 Oxford text, not the 1611 edition) still shows the right one.
    texts = ", ".join(BIBLE_TEXTS.get(t.get("code"), (None, t["name"]))[1] for t in result["corpus"]["texts"])
    figure.note(summary)
    figure.note(labels["facts"].format(
        params=integer(result["parameters"], lang), vocab=integer(result["corpus"]["vocabulary"], lang),
        words=integer(result["corpus"]["train_words"], lang), texts=texts,
        seconds=number(result["training_seconds"], lang, 0), tokens=integer(result["tokens_seen"], lang),
        rate=integer(round(result["tokens_per_second"]), lang), device=result["device"].upper(),
        preset=result["preset"],
    ))
    data = table(
        [labels["step"], labels["train"]],
        [[integer(s, lang), number(v, lang, 3)] for s, v in zip(steps, curve["train"])],
    ) + table(
        [labels["step"], labels["validation"]],
        [[integer(s, lang), number(v, lang, 3)] for s, v in zip(validation["step"], validation["loss"])],
    )
    if result["objective"] == "next-word":
        rows = [[b["prompt"], b["text"], a["text"]] for b, a in zip(result["before"], result["after"])]
        samples = table([labels["prompt"], labels["before"], labels["after"]], rows, caption=labels["samples_caption"])
    else:
        def guesses(predictions):
            return ", ".join(f"{p['word']} ({percent(p['probability'], lang)})" for p in predictions)

        rows = [[b["sentence"], guesses(b["predictions"]), guesses(a["predictions"])]
                for b, a in zip(result["before"], result["after"])]
        samples = table([labels["masked_sentence"], labels["before"], labels["after"]], rows,
                        caption=labels["predictions_caption"])
    return Rendered(figure.render() + samples, data)
