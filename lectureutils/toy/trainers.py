"""Two ways to find good parameters: the dial-adjusting robot and the builder robot.

- ``GradientDescent``: one student; after each batch of examples, backpropagation says which way
  to turn each dial (parameter), and the robot turns them all a little. One pass over all the
  training examples is an *epoch*. This is how neural networks are really trained.
- ``Evolution``: the talk's story. A whole class of students is built with random wiring, the
  teacher gives them an exam, the builder keeps the best and fills the class with copies of them,
  each copy slightly changed (mutated). One round is a *generation*.
"""

from __future__ import annotations

import math

import numpy as np

from . import metrics
from .mlp import MLP

# The loss may grow this many times above its starting value before we call the run diverged.
DIVERGENCE_FACTOR = 1e3
# A loss still this many times above its start after 5 epochs: the steps overshoot (classifiers
# clip their loss, so it cannot "explode" and this is how a too-large rate shows).
OVERSHOOT_FACTOR = 3.0
# A weight larger than this: the parameters are flying off.
MAX_WEIGHT = 1e4


class Diverged(Exception):
    """The loss exploded (usually a learning rate too large): the run stops and says so."""

    def __init__(self, step: int, loss: float):
        super().__init__(f"the loss diverged at step {step} (loss = {loss})")
        self.step = step
        self.loss = loss


class GradientDescent:
    """Full-batch (``batch_size=None``) or mini-batch gradient descent on one model."""

    def __init__(self, model: MLP, X, y, learning_rate=0.1, batch_size=None, seed=0, weight_decay=0.0):
        """``weight_decay``: after each epoch every trainable weight shrinks by this fraction (0 = off),
        so that connections the task does not need fade away."""
        self.model = model
        self.weight_decay = float(weight_decay)
        self.X = np.asarray(X, dtype=float)
        self.y = np.asarray(y)
        self.learning_rate = float(learning_rate)
        n = len(self.y)
        self.batch_size = n if not batch_size or batch_size >= n else int(batch_size)
        self.rng = np.random.default_rng(seed)
        self.epochs = 0
        self.updates = 0
        self._target = model.training_target(self.y)
        self.initial_loss = model.loss(self.X, self.y)
        self.history: list[float] = []

    def epoch(self) -> float:
        """One pass over the training data; returns the training loss after it.

        Raises ``Diverged`` when the parameters blow up, or when the loss, a few epochs in, is
        still far above where it started: steps so large that each one overshoots the valley.
        """
        n = len(self.y)
        X, target = self.X, self._target
        if self.batch_size < n:
            # Shuffled once per epoch; each batch is then a slice (a view), not a copy.
            order = self.rng.permutation(n)
            X, target = X[order], target[order]
        with np.errstate(over="ignore", invalid="ignore"):
            # A non-finite loss within the epoch propagates to the epoch's loss, checked below.
            for start in range(0, n, self.batch_size):
                end = start + self.batch_size
                self.model.descend(X[start:end], target[start:end], self.learning_rate)
                self.updates += 1
            self.epochs += 1
            if self.weight_decay:
                for i, w in enumerate(self.model.weights):
                    if i not in self.model.frozen:
                        w *= 1.0 - self.weight_decay
            loss = self.model.loss(self.X, self.y)
        largest = max(float(np.max(np.abs(w))) if w.size else 0.0 for w in self.model.weights)
        if not (math.isfinite(largest) and math.isfinite(loss)) or largest > MAX_WEIGHT:
            raise Diverged(self.epochs, loss)
        if loss > DIVERGENCE_FACTOR * max(self.initial_loss, 1e-3) + 10.0:
            raise Diverged(self.epochs, loss)
        if self.epochs >= 5 and loss > OVERSHOOT_FACTOR * max(self.initial_loss, 1e-3):
            raise Diverged(self.epochs, loss)
        self.history.append(loss)
        return loss


class Evolution:
    """The builder robot: a class of ``population`` students, the best ``keep`` survive each exam."""

    def __init__(self, make_student, X, y, population=50, keep=5, mutation=0.3, seed=0):
        if not 1 <= keep < population:
            raise ValueError("keep must be at least 1 and smaller than the population")
        self.rng = np.random.default_rng(seed)
        self.X = np.asarray(X, dtype=float)
        self.y = np.asarray(y)
        self.keep = int(keep)
        self.mutation = float(mutation)
        self.students = [make_student(self.rng) for _ in range(int(population))]
        self.generations = 0
        self.scores = self._exam()
        self.best_history = [float(self.scores.max())]
        self.mean_history = [float(self.scores.mean())]

    def _exam(self) -> np.ndarray:
        """The teacher robot: each student's pass rate on the training questions."""
        return np.array([metrics.pass_rate(s.predict(self.X), self.y) for s in self.students])

    @property
    def best(self) -> MLP:
        return self.students[int(np.argmax(self.scores))]

    def generation(self) -> float:
        """Keep the best students unchanged, replace the others by mutated copies of them."""
        order = np.argsort(-self.scores, kind="stable")
        parents = [self.students[i] for i in order[: self.keep]]
        children = []
        for k in range(len(self.students) - self.keep):
            children.append(parents[k % self.keep].mutate(self.rng, self.mutation))
        self.students = parents + children
        self.scores = self._exam()
        self.generations += 1
        self.best_history.append(float(self.scores.max()))
        self.mean_history.append(float(self.scores.mean()))
        return self.best_history[-1]


class EarlyStopping:
    """Validation patience: stop once the validation loss has not improved for ``patience`` steps."""

    def __init__(self, patience=20, min_delta=1e-4):
        self.patience = int(patience)
        self.min_delta = float(min_delta)
        self.best = math.inf
        self.best_step = 0
        self.stopped_at: int | None = None

    def update(self, step: int, validation_loss: float) -> bool:
        """Record one step; True when the run should stop."""
        if validation_loss < self.best - self.min_delta:
            self.best = validation_loss
            self.best_step = step
        elif step - self.best_step >= self.patience and self.stopped_at is None:
            self.stopped_at = step
        return self.stopped_at is not None
