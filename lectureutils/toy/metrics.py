"""Losses and scores of the toy models: what the "teacher robot" measures."""

from __future__ import annotations

import numpy as np

EPSILON = 1e-12


def binary_cross_entropy(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Mean log-loss of predicted probabilities of class 1 against 0/1 labels.

    The live demos compute it twice per epoch: the clip and the mean are written with the ufuncs
    themselves (the same values as ``np.clip`` and ``np.mean``, without their Python wrappers)."""
    p = np.minimum(np.maximum(np.asarray(probabilities, dtype=float).reshape(-1), EPSILON), 1 - EPSILON)
    y = np.asarray(labels, dtype=float).reshape(-1)
    terms = y * np.log(p) + (1 - y) * np.log(1 - p)
    return float(-(np.add.reduce(terms) / terms.size))


def cross_entropy(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Mean log-loss of a probability table (one row per example) against integer labels."""
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(labels, dtype=int).reshape(-1)
    return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y], EPSILON, 1.0))))


def mean_squared_error(predictions: np.ndarray, targets: np.ndarray) -> float:
    difference = np.asarray(predictions, dtype=float).reshape(-1) - np.asarray(targets, dtype=float).reshape(-1)
    return float(np.mean(difference**2))


def predicted_classes(probabilities: np.ndarray) -> np.ndarray:
    """Class 1 where the probability passes 0.5 (one column), else the most probable class."""
    p = np.asarray(probabilities, dtype=float)
    if p.ndim == 1 or p.shape[1] == 1:
        return (p.reshape(-1) >= 0.5).astype(int)
    return np.argmax(p, axis=1)


def accuracy(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Share of correct answers: the "pass rate" of the talk's exam (0.98 = 98 % pass)."""
    labels = np.asarray(labels, dtype=int).reshape(-1)
    if len(labels) == 0:
        return 0.0
    return float(np.mean(predicted_classes(probabilities) == labels))


pass_rate = accuracy
