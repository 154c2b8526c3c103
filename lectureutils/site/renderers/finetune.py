"""``tiny_finetune``: the same tiny model fine-tuned on French after English pretraining, or trained
on French from scratch: both validation curves, and what each writes.

Used in: docs/vraie-vie.*.md.
"""

from __future__ import annotations

from lectureutils import charts
from lectureutils.site.renderers.common import Rendered, integer, line_figure, number, table
from lectureutils.site.renderers.labels import LABELS


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    fine, scratch = result["finetuned"]["validation"], result["scratch"]["validation"]
    summary = labels["ft_summary"].format(
        steps=integer(fine["step"][-1], lang), a=number(fine["loss"][-1], lang, 2), b=number(scratch["loss"][-1], lang, 2),
        a0=number(fine["loss"][0], lang, 2), b0=number(scratch["loss"][0], lang, 2),
    )
    series = [
        (labels["ft_finetuned"], fine["step"], fine["loss"], charts.BLUE, False),
        (labels["ft_scratch"], scratch["step"], scratch["loss"], charts.GREEN, False),
        (labels["uniform"], [0, fine["step"][-1]], [result["uniform_loss"]] * 2, charts.GREY, True),
    ]
    figure = line_figure(uid, labels["ft_title"], labels["ft_desc"].format(summary=summary), series,
                         labels["step"], labels["validation"], lang)
    figure.note(summary)
    figure.note(labels["ft_facts"].format(
        psteps=integer(result["pretraining"]["steps"], lang), pwords=integer(result["english_words"], lang),
        pseconds=number(result["pretraining"]["seconds"], lang, 0), swords=integer(result["slice_words"], lang),
        fseconds=number(result["finetuned"]["seconds"], lang, 0), sseconds=number(result["scratch"]["seconds"], lang, 0),
        params=integer(result["parameters"], lang), vocab=integer(result["vocabulary"], lang),
        device=result["device"].upper(), preset=result["preset"],
    ))
    data = table(
        [labels["step"], labels["ft_finetuned"], labels["ft_scratch"]],
        [[integer(s, lang), number(a, lang, 3), number(b, lang, 3)]
         for s, a, b in zip(fine["step"], fine["loss"], scratch["loss"])],
    )
    rows = [[labels[f"ft_{key}"], sample["prompt"], sample["text"]]
            for key in ("finetuned", "scratch") for sample in result["samples"][key]]
    samples = table([labels["model_column"], labels["prompt"], labels["after"]], rows, caption=labels["ft_samples"])
    return Rendered(figure.render() + samples, data)
