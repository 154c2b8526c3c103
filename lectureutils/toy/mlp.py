"""A multilayer perceptron in numpy, with its backpropagation written out by hand.

Each layer computes ``activation(x @ W + b)``. The last layer matches its loss so that the error
signal at the output is simply *prediction − target*:

- ``"sigmoid"`` output + binary cross-entropy (two classes, labels 0/1);
- ``"softmax"`` output + cross-entropy (several classes, integer labels);
- ``"linear"`` output + mean squared error (a number, e.g. a price).
"""

from __future__ import annotations

import numpy as np

from . import metrics

ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
OUTPUTS = ("sigmoid", "softmax", "linear")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # 0.5 * (1 + tanh(z / 2)): stable for large |z|; computed in one new array.
    a = np.multiply(z, 0.5)
    np.tanh(a, out=a)
    a += 1.0
    a *= 0.5
    return a


def activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "sigmoid":
        return _sigmoid(z)
    if name == "linear":
        return z
    raise ValueError(f"unknown activation {name!r} (known: {', '.join(ACTIVATIONS)})")


def derivative(name: str, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """d activation / dz, from the pre-activation z and the activation a."""
    if name == "tanh":
        slope = np.multiply(a, a)
        return np.subtract(1.0, slope, out=slope)
    if name == "relu":
        return (z > 0).astype(float)
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "linear":
        return np.ones_like(z)
    raise ValueError(f"unknown activation {name!r}")


# ndarray.sum goes through numpy's Python wrapper; the ufunc's reduce is the same sum without it.
_column_sums = np.add.reduce


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


class MLP:
    """``sizes`` = [inputs, hidden..., outputs], e.g. ``[2, 4, 1]``: 2 inputs, 4 hidden neurons, 1 output."""

    def __init__(self, sizes, activation="tanh", output="sigmoid", seed=0, rng=None):
        if len(sizes) < 2 or any(int(n) < 1 for n in sizes):
            raise ValueError(f"sizes must be at least [inputs, outputs], all positive: {sizes}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}")
        if output not in OUTPUTS:
            raise ValueError(f"unknown output {output!r}")
        self.sizes = [int(n) for n in sizes]
        self.activation = activation
        self.output = output
        rng = rng if rng is not None else np.random.default_rng(seed)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            # Xavier/Glorot-style scale keeps the signal in tanh's useful range.
            self.weights.append(rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_out)))
            self.biases.append(np.zeros(n_out) if activation != "relu" else np.full(n_out, 0.1))
        self.frozen: set[int] = set()

    # -- the parameters ------------------------------------------------------------------
    @property
    def n_layers(self) -> int:
        return len(self.weights)

    def parameter_count(self) -> int:
        """Every weight and every bias: the numbers that training adjusts."""
        return int(sum(w.size + b.size for w, b in zip(self.weights, self.biases)))

    def copy(self) -> MLP:
        twin = MLP.__new__(MLP)
        twin.sizes = list(self.sizes)
        twin.activation = self.activation
        twin.output = self.output
        twin.weights = [w.copy() for w in self.weights]
        twin.biases = [b.copy() for b in self.biases]
        twin.frozen = set(self.frozen)
        return twin

    def get_flat(self) -> np.ndarray:
        return np.concatenate([p.reshape(-1) for pair in zip(self.weights, self.biases) for p in pair])

    def set_flat(self, flat: np.ndarray) -> None:
        flat = np.asarray(flat, dtype=float)
        position = 0
        for i in range(self.n_layers):
            for array in (self.weights[i], self.biases[i]):
                array[...] = flat[position:position + array.size].reshape(array.shape)
                position += array.size
        if position != flat.size:
            raise ValueError(f"expected {position} numbers, got {flat.size}")

    def replace_head(self, n_outputs: int, output: str = "softmax", seed=0, rng=None) -> None:
        """Throw the last layer away and put a fresh one with ``n_outputs`` outputs (transfer)."""
        rng = rng if rng is not None else np.random.default_rng(seed)
        n_in = self.sizes[-2]
        self.weights[-1] = rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_outputs))
        self.biases[-1] = np.zeros(n_outputs)
        self.sizes[-1] = int(n_outputs)
        self.output = output
        self.frozen.discard(self.n_layers - 1)

    def freeze_hidden(self) -> None:
        """Keep every layer but the last as it is during later training."""
        self.frozen = set(range(self.n_layers - 1))

    # -- forward ---------------------------------------------------------------------------
    def forward_all(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Pre-activations ``zs`` and activations ``activations`` of every layer (input first).

        The live demos call this tens of thousands of times a second on batches of ten points,
        where numpy's cost per call outweighs the arithmetic: each layer's arrays are computed
        in place (``z = a @ w``, then ``z += b``), one temporary per activation at most."""
        a = np.asarray(X, dtype=float)
        activations = [a]
        zs = []
        last = self.n_layers - 1
        hidden = self.activation
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ w
            z += b
            if i < last:
                a = activate(hidden, z)
            elif self.output == "softmax":
                a = _softmax(z)
            elif self.output == "sigmoid":
                a = _sigmoid(z)
            else:
                a = z
            zs.append(z)
            activations.append(a)
        return zs, activations

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Probabilities (classification) or values (regression); one column becomes a vector."""
        out = self.forward_all(X)[1][-1]
        return out[:, 0] if out.shape[1] == 1 and self.output != "softmax" else out

    def hidden(self, X: np.ndarray) -> list[np.ndarray]:
        """The activations of each hidden layer: the network's "hidden representation"."""
        return self.forward_all(X)[1][1:-1]

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        out = self.predict(X)
        if self.output == "sigmoid":
            return metrics.binary_cross_entropy(out, y)
        if self.output == "softmax":
            return metrics.cross_entropy(out, y)
        return metrics.mean_squared_error(out, y)

    # -- backward --------------------------------------------------------------------------
    def gradients(self, X: np.ndarray, y: np.ndarray):
        """Loss and its gradient for every weight and bias, by backpropagation.

        Returns ``(loss, grad_weights, grad_biases)``. The chain rule runs backwards: the error at
        the output says how each weight of the last layer should move, then is sent back through
        those weights (and the slope of each activation) to the layer before, and so on.
        """
        X = np.asarray(X, dtype=float)
        zs, activations = self.forward_all(X)
        n = X.shape[0]
        out = activations[-1]
        if self.output == "softmax":
            labels = np.asarray(y, dtype=int).reshape(-1)
            target = np.zeros_like(out)
            target[np.arange(n), labels] = 1.0
            loss = metrics.cross_entropy(out, labels)
            delta = (out - target) / n
        elif self.output == "sigmoid":
            target = np.asarray(y, dtype=float).reshape(-1, 1)
            loss = metrics.binary_cross_entropy(out, target)
            delta = (out - target) / n
        else:
            target = np.asarray(y, dtype=float).reshape(-1, 1)
            loss = metrics.mean_squared_error(out, target)
            delta = 2.0 * (out - target) / n
        grad_w = [np.zeros_like(w) for w in self.weights]
        grad_b = [np.zeros_like(b) for b in self.biases]
        for i in range(self.n_layers - 1, -1, -1):
            grad_w[i] = activations[i].T @ delta
            grad_b[i] = delta.sum(axis=0)
            if i > 0:
                delta = (delta @ self.weights[i].T) * derivative(self.activation, zs[i - 1], activations[i])
        return loss, grad_w, grad_b

    def descend(self, X: np.ndarray, target: np.ndarray, learning_rate: float) -> None:
        """One step of gradient descent on a batch: ``gradients`` then ``apply``, in one pass.

        The training loop's fast path (the live demos run it in the browser, under Pyodide): the
        same arithmetic, but the batch's loss is not computed (the loop checks the loss once per
        epoch) and each layer is updated as soon as its error has been sent back. ``target`` is
        prepared once per run: class numbers for a softmax output, else a column of floats.
        """
        zs, activations = self.forward_all(X)
        n = X.shape[0]
        delta = activations[-1] - (target if self.output != "softmax" else 0.0)
        if self.output == "softmax":
            delta[np.arange(n), target] -= 1.0
        # The learning rate is folded into the output error: every gradient below is linear in it.
        delta *= (2.0 if self.output == "linear" else 1.0) * learning_rate / n
        frozen, weights, biases, activation = self.frozen, self.weights, self.biases, self.activation
        for i in range(self.n_layers - 1, -1, -1):
            step_w = activations[i].T @ delta
            step_b = _column_sums(delta)
            if i > 0:
                back = delta @ weights[i].T
                back *= derivative(activation, zs[i - 1], activations[i])
                delta = back
            if i not in frozen:
                weights[i] -= step_w
                biases[i] -= step_b

    def training_target(self, y) -> np.ndarray:
        """``y`` in the form ``descend`` takes."""
        if self.output == "softmax":
            return np.asarray(y, dtype=int).reshape(-1)
        return np.asarray(y, dtype=float).reshape(-1, 1)

    def apply(self, grad_w, grad_b, learning_rate: float) -> None:
        """One step downhill: each unfrozen parameter moves against its gradient."""
        for i in range(self.n_layers):
            if i in self.frozen:
                continue
            self.weights[i] -= learning_rate * grad_w[i]
            self.biases[i] -= learning_rate * grad_b[i]

    def mutate(self, rng: np.random.Generator, scale: float) -> MLP:
        """A copy with every parameter nudged at random: the builder robot's imperfect copy."""
        child = self.copy()
        for i in range(child.n_layers):
            if i in child.frozen:
                continue
            child.weights[i] += rng.normal(0.0, scale, size=child.weights[i].shape)
            child.biases[i] += rng.normal(0.0, scale, size=child.biases[i].shape)
        return child
