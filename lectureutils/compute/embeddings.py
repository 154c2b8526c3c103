"""Sentence vectors from a real encoder: cosine similarities and a 2D map.

Used in: docs/transformeur.*.md (what an encoder makes of whole sentences).
"""

from __future__ import annotations

from typing import Any

from lectureutils.compute import device as devices
from lectureutils.compute import models


def similarity(sentences: list[str], model: str = "minilm") -> dict[str, Any]:
    """Sentence embeddings (mean pooling, normalised), their cosine similarity matrix, and a
    2D projection (the first two principal components) to draw them on a plane.

    All sentences go through the encoder as one padded batch.
    Used in: docs/transformeur.*.md.
    """
    import numpy
    import torch

    choice = devices.current()
    tokenizer, encoder = models.load_encoder(model, choice.device, choice.dtype)
    encoded = tokenizer(list(sentences), return_tensors="pt", padding=True, truncation=True).to(choice.device)
    with torch.inference_mode():
        hidden = encoder(**encoded).last_hidden_state.float()
    mask = encoded["attention_mask"].unsqueeze(-1).float()
    vectors = (hidden * mask).sum(1) / mask.sum(1).clamp_min(1e-9)
    vectors = torch.nn.functional.normalize(vectors, dim=-1).cpu().double().numpy()
    cosine = vectors @ vectors.T
    centred = vectors - vectors.mean(axis=0, keepdims=True)
    _, singular, components = numpy.linalg.svd(centred, full_matrices=False)
    projection = centred @ components[:2].T
    # A fixed orientation: the largest coordinate of each axis is positive.
    for axis in range(projection.shape[1]):
        column = projection[:, axis]
        if column[numpy.argmax(numpy.abs(column))] < 0:
            projection[:, axis] = -column
    variance = singular**2 / max((singular**2).sum(), 1e-12)
    return {
        "model": model,
        "sentences": list(sentences),
        "dimensions": int(vectors.shape[1]),
        "cosine": [[round(float(x), 4) for x in row] for row in cosine],
        "projection": [[round(float(x), 4) for x in row] for row in projection],
        "explained_variance": [round(float(x), 4) for x in variance[:2]],
    }
