"""What a decoder (SmolLM2, Gemma) predicts: next-token distributions, continuations, blanks.

Used in: docs/pre-entrainement.*.md (next-token probabilities, fill-in-the-blank),
docs/preconisations.*.md (probabilities and continuations for a factual question) and
docs/vraie-vie.*.md (a bias probe).
"""

from __future__ import annotations

import math
from typing import Any

from lectureutils.compute import device as devices
from lectureutils.compute import models


def _prepare(model: str):
    import torch

    choice = devices.current()
    tokenizer, lm = models.load_causal_lm(model, choice.device, choice.dtype)
    return torch, choice, tokenizer, lm


def _pieces(tokenizer, ids) -> list[str]:
    return [tokenizer.decode([int(i)]) for i in ids]


def next_tokens(model: str, prompt: str, k: int = 10) -> dict[str, Any]:
    """The ``k`` most probable next tokens after ``prompt``, with their probabilities.

    The softmax runs over the model's whole vocabulary in float32; ``probability_sum`` (which
    should be 1) and ``entropy_bits`` describe that full distribution, ``top`` its head.
    Used in: docs/pre-entrainement.*.md, docs/preconisations.*.md, docs/vraie-vie.*.md.
    """
    torch, choice, tokenizer, lm = _prepare(model)
    devices.seed_everything(0)
    encoded = tokenizer(prompt, return_tensors="pt").to(choice.device)
    with torch.inference_mode():
        logits = lm(**encoded).logits[0, -1].float()
    probabilities = torch.softmax(logits, dim=-1)
    top = torch.topk(probabilities, k)
    log_p = torch.log2(probabilities.clamp_min(1e-30))
    entropy = float(-(probabilities * log_p).sum())
    ids = [int(i) for i in top.indices]
    return {
        "model": model,
        "prompt": prompt,
        "prompt_tokens": _pieces(tokenizer, encoded["input_ids"][0]),
        "top": [
            {"token": piece, "id": token_id, "probability": round(float(p), 6)}
            for piece, token_id, p in zip(_pieces(tokenizer, ids), ids, top.values)
        ],
        "top_mass": round(float(top.values.sum()), 6),
        "probability_sum": round(float(probabilities.double().sum()), 6),
        "vocabulary_size": int(probabilities.numel()),
        "entropy_bits": round(entropy, 3),
    }


def continuations(
    model: str,
    prompt: str,
    max_new_tokens: int = 16,
    temperatures: list[float] = (0.7, 1.0, 1.5),
    samples: int = 2,
    seed: int = 0,
) -> dict[str, Any]:
    """The greedy continuation of ``prompt``, then ``samples`` sampled ones per temperature.

    Sampling uses the full distribution (no top-k, no top-p) divided by the temperature, with a
    fixed seed per temperature; the samples of one temperature are generated as one batch.
    Used in: docs/preconisations.*.md.
    """
    torch, choice, tokenizer, lm = _prepare(model)
    encoded = tokenizer(prompt, return_tensors="pt").to(choice.device)
    start = encoded["input_ids"].shape[1]
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    common = {"max_new_tokens": max_new_tokens, "pad_token_id": pad}

    def decode(rows) -> list[str]:
        return [tokenizer.decode(row[start:], skip_special_tokens=True) for row in rows]

    with torch.inference_mode():
        devices.seed_everything(seed)
        greedy = lm.generate(**encoded, do_sample=False, **common)
        sampled = []
        for index, temperature in enumerate(temperatures):
            devices.seed_everything(seed + index)
            rows = lm.generate(
                **encoded,
                do_sample=True,
                temperature=float(temperature),
                top_k=0,
                top_p=1.0,
                num_return_sequences=samples,
                **common,
            )
            sampled.append({"temperature": temperature, "texts": decode(rows)})
    return {
        "model": model,
        "prompt": prompt,
        "greedy": decode(greedy)[0],
        "sampled": sampled,
        "seed": seed,
        "max_new_tokens": max_new_tokens,
    }


def fill_blank(model: str, template: str, candidates: list[str], blank: str = "___") -> dict[str, Any]:
    """Ranks candidate words for the blank of ``template`` with a *causal* model.

    No masked-language-model head is available offline, so each candidate is put in the blank
    and the whole sentence is scored left to right: the sum of the log-probabilities of its
    tokens (the first token, which has no context, is left out for every candidate alike). The
    sentences are scored as one padded batch. ``share`` renormalises the sentence probabilities
    over the candidates only. Used in: docs/pre-entrainement.*.md.
    """
    if blank not in template:
        raise ValueError(f"the template {template!r} has no blank {blank!r}")
    torch, choice, tokenizer, lm = _prepare(model)
    sentences = [template.replace(blank, candidate, 1) for candidate in candidates]
    tokenizer.padding_side = "right"
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    encoded = tokenizer(sentences, return_tensors="pt", padding=True).to(choice.device)
    with torch.inference_mode():
        logits = lm(**encoded).logits.float()
    log_p = torch.log_softmax(logits[:, :-1], dim=-1)
    targets = encoded["input_ids"][:, 1:]
    mask = encoded["attention_mask"][:, 1:].float()
    token_log_p = log_p.gather(-1, targets.unsqueeze(-1)).squeeze(-1) * mask
    totals = token_log_p.sum(dim=1)
    counts = mask.sum(dim=1)
    shares = torch.softmax(totals.double(), dim=0)
    rows = []
    for candidate, sentence, total, count, share in zip(candidates, sentences, totals, counts, shares):
        rows.append(
            {
                "candidate": candidate,
                "sentence": sentence,
                "log_probability": round(float(total), 4),
                "tokens": int(count),
                "mean_log_probability": round(float(total) / max(int(count), 1), 4),
                "share": round(float(share), 6),
            }
        )
    order = sorted(range(len(rows)), key=lambda i: -rows[i]["log_probability"])
    for rank, index in enumerate(order, start=1):
        rows[index]["rank"] = rank
    return {
        "model": model,
        "template": template,
        "method": "causal-sentence-score",
        "candidates": [rows[i] for i in order],
        "log_base": "e",
        "note": "ranked by a causal (left-to-right) model, not a masked-language-model head",
        "perplexity_best": round(math.exp(-rows[order[0]]["mean_log_probability"]), 3),
    }
