"""``tiny_finetune``: a tiny model pretrained on the King James Bible then fine-tuned on a slice of
the World English Bible, against the same model trained on that slice from scratch, over several
seeds: the mean validation curves, each seed's start, best point and end, and what each writes.

Used in: docs/vraie-vie.*.md.
"""

from __future__ import annotations

from lectureutils import charts
from lectureutils.compute.tiny import TEXTS as BIBLE_TEXTS
from lectureutils.site.renderers.common import Rendered, integer, line_figure, number, table
from lectureutils.site.renderers.labels import LABELS


def _mean_curve(runs: list[dict], kind: str) -> tuple[list[int], list[float]]:
    curves = [run[kind]["validation"] for run in runs]
    return curves[0]["step"], [sum(values) / len(values) for values in zip(*(c["loss"] for c in curves))]


def render(lang: str, uid: str, args: dict, result: dict) -> Rendered:
    labels = LABELS[lang]
    summary, runs = result["summary"], result["runs"]
    # The registry's name of each text, as in the tiny renderer: an entry computed before a correction
    # of the wording (the King James is the 1769 Oxford text, not the 1611 edition) still shows the right one.
    source, target = (BIBLE_TEXTS.get(result[side].get("code"), (None, result[side]["name"]))[1]
                      for side in ("source", "target"))
    fine_steps, fine_mean = _mean_curve(runs, "finetuned")
    scratch_steps, scratch_mean = _mean_curve(runs, "scratch")
    text = labels["ft_summary"].format(
        seeds=integer(summary["seeds"], lang), steps=integer(summary["steps"], lang), target=target,
        a=number(summary["finetuned_final"]["mean"], lang, 2), best=number(summary["finetuned_best"]["mean"], lang, 2),
        b=number(summary["scratch_final"]["mean"], lang, 2), a0=number(summary["pretrained_start"]["mean"], lang, 2),
        b0=number(summary["scratch_start"]["mean"], lang, 2), won=integer(summary["seeds_won"], lang),
    )
    series = [
        (labels["ft_finetuned"], fine_steps, fine_mean, charts.BLUE, False),
        (labels["ft_scratch"], scratch_steps, scratch_mean, charts.GREEN, False),
        (labels["uniform"], [0, fine_steps[-1]], [result["uniform_loss"]] * 2, charts.GREY, True),
    ]
    figure = line_figure(uid, labels["ft_title"], labels["ft_desc"].format(summary=text, source=source, target=target),
                         series, labels["step"], labels["validation"], lang)
    figure.note(text)
    figure.note(labels["ft_facts"].format(
        psteps=integer(result["pretraining"]["steps"], lang), source=source,
        pwords=integer(result["source"]["words"], lang), pseconds=number(result["pretraining"]["seconds"], lang, 0),
        target=target, swords=integer(result["target"]["slice_words"], lang),
        vwords=integer(result["target"]["validation_words"], lang), params=integer(result["parameters"], lang),
        vocab=integer(result["vocabulary"], lang), device=result["device"].upper(), preset=result["preset"],
    ))
    per_seed = table(
        [labels["ft_seed"], labels["ft_start"], labels["ft_best"], labels["ft_end_fine"], labels["ft_end_scratch"],
         labels["ft_gain"]],
        [[integer(run["seed"], lang), number(run["finetuned"]["validation"]["loss"][0], lang, 2),
          number(min(run["finetuned"]["validation"]["loss"]), lang, 2),
          number(run["finetuned"]["validation"]["loss"][-1], lang, 2),
          number(run["scratch"]["validation"]["loss"][-1], lang, 2), number(run["gain"], lang, 2)]
         for run in runs],
        caption=labels["ft_runs"],
    )
    data = table(
        [labels["step"]] + [f"{labels[f'ft_{kind}']} ({labels['ft_seed'].lower()} {run['seed']})"
                            for kind in ("finetuned", "scratch") for run in runs],
        [[integer(step, lang)] + [number(run[kind]["validation"]["loss"][i], lang, 3)
                                  for kind in ("finetuned", "scratch") for run in runs]
         for i, step in enumerate(fine_steps)],
    )
    rows = [[labels[f"ft_{key}"], sample["prompt"], sample["text"]]
            for key in ("finetuned", "scratch") for sample in result["samples"][key]]
    samples = table([labels["model_column"], labels["prompt"], labels["after"]], rows, caption=labels["ft_samples"])
    # Six columns do not fit a phone: the table scrolls sideways, not the page.
    return Rendered(figure.render() + f'<div class="lecture-scroll">{per_seed}</div>' + samples, data)
