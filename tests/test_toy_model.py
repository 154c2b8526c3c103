"""The numpy toy models under CPython: gradients, learning, evolution, determinism, demos."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from lectureutils.toy import datasets, metrics, trainers
from lectureutils.toy.demos import DEMOS, create, schema
from lectureutils.toy.mlp import MLP


def numerical_gradient(model: MLP, X, y, epsilon=1e-6) -> np.ndarray:
    flat = model.get_flat()
    grad = np.zeros_like(flat)
    for i in range(flat.size):
        for sign in (1, -1):
            shifted = flat.copy()
            shifted[i] += sign * epsilon
            model.set_flat(shifted)
            grad[i] += sign * model.loss(X, y)
    model.set_flat(flat)
    return grad / (2 * epsilon)


@pytest.mark.parametrize(
    "sizes, activation, output",
    [
        ([2, 3, 1], "tanh", "sigmoid"),
        ([2, 4, 3, 1], "sigmoid", "sigmoid"),
        ([2, 5, 4], "tanh", "softmax"),
        ([1, 3, 1], "tanh", "linear"),
        ([2, 4, 1], "linear", "sigmoid"),
    ],
)
def test_backpropagation_matches_numerical_gradient(sizes, activation, output):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, sizes[0]))
    y = rng.integers(0, sizes[-1], 7) if output == "softmax" else (
        rng.normal(size=7) if output == "linear" else rng.integers(0, 2, 7))
    model = MLP(sizes, activation=activation, output=output, seed=1)
    _, grad_w, grad_b = model.gradients(X, y)
    analytic = np.concatenate([g.reshape(-1) for pair in zip(grad_w, grad_b) for g in pair])
    numeric = numerical_gradient(model, X, y)
    assert np.allclose(analytic, numeric, rtol=1e-4, atol=1e-7), np.max(np.abs(analytic - numeric))


def test_relu_gradient_away_from_kinks():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(6, 2))
    y = rng.integers(0, 2, 6)
    model = MLP([2, 4, 1], activation="relu", seed=2)
    _, grad_w, grad_b = model.gradients(X, y)
    analytic = np.concatenate([g.reshape(-1) for pair in zip(grad_w, grad_b) for g in pair])
    assert np.allclose(analytic, numerical_gradient(model, X, y), rtol=1e-4, atol=1e-6)


def _train(dataset, sizes, epochs, rate=0.3, batch=10, seed=1):
    X, y = datasets.playground(dataset, 200, 0.05, seed)
    X_train, y_train, X_test, y_test = datasets.split(X, y, 0.5)
    model = MLP(sizes, "tanh", "sigmoid", seed=seed)
    descent = trainers.GradientDescent(model, X_train, y_train, rate, batch, seed)
    for _ in range(epochs):
        descent.epoch()
    return model, descent, X_test, y_test


def test_xor_is_learned():
    model, descent, X_test, y_test = _train("xor", [2, 4, 1], 200)
    assert descent.history[-1] < 0.5 * descent.initial_loss
    assert metrics.accuracy(model.predict(X_test), y_test) >= 0.9


def test_circle_is_learned_full_batch_too():
    model, descent, X_test, y_test = _train("circle", [2, 4, 1], 400, rate=1.0, batch=None)
    assert descent.batch_size == 100  # full batch: one update per epoch
    assert metrics.accuracy(model.predict(X_test), y_test) >= 0.9


def test_a_linear_network_cannot_learn_xor():
    X, y = datasets.xor(200, 0.0, 1)
    model = MLP([2, 4, 1], "linear", "sigmoid", seed=1)
    descent = trainers.GradientDescent(model, X, y, 0.3, 10, 1)
    for _ in range(100):
        descent.epoch()
    assert metrics.accuracy(model.predict(X), y) < 0.75


def test_evolution_improves_the_pass_rate():
    X, y = datasets.cats_muffins(200, seed=1)
    evolution = trainers.Evolution(lambda rng: MLP([2, 4, 1], rng=rng), X, y, population=30, keep=3,
                                   mutation=0.3, seed=1)
    for _ in range(25):
        evolution.generation()
    best = evolution.best_history
    assert all(later >= earlier for earlier, later in zip(best, best[1:]))  # the best are kept
    assert best[-1] > best[0] + 0.05
    assert evolution.mean_history[-1] > evolution.mean_history[0]


def test_same_seed_same_results():
    first = _train("spiral", [2, 6, 6, 1], 20, seed=4)[1].history
    second = _train("spiral", [2, 6, 6, 1], 20, seed=4)[1].history
    other = _train("spiral", [2, 6, 6, 1], 20, seed=5)[1].history
    assert first == second
    assert first != other
    for name in DEMOS:
        a, b = create(name), create(name)
        a.advance(5)
        b.advance(5)
        assert a.render("en", "x") == b.render("en", "x"), name


def test_diverging_learning_rate_stops_with_an_explanation():
    demo = create("playground", {"rate": "30", "batch": "1", "activation": "relu"})
    demo.advance(200)
    assert demo.done and demo.message[0] == "diverged"
    assert "taux d'apprentissage" in demo.message_text("fr")
    alien = create("alien-notebook", {"rate": "0.05"})
    alien.advance(200)
    assert alien.done and "smaller rate" in alien.message_text("en")


def test_settings_are_bounded():
    demo = create("playground", json.dumps({"neurons": "100000", "layers": "50", "rate": "nan", "x": "1"}))
    assert demo.model.sizes == [2, 4, 1]
    assert demo.settings["rate"] == "0.1"
    assert create("playground", "not json").settings == create("playground").settings
    assert create("playground", {"layers": "2", "neurons": "8"}).model.parameter_count() == 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1


def test_transfer_freezes_the_hidden_layer():
    demo = create("swap-last-layer")
    hidden_before = demo.transfer.weights[0].copy()
    demo.advance(10)
    assert np.array_equal(demo.transfer.weights[0], hidden_before)
    assert np.array_equal(demo.transfer.weights[0], demo.pretrained.weights[0])
    assert demo.transfer.sizes[-1] == 4 and demo.pre_accuracy > 0.9


def test_transfer_beats_scratch_on_average():
    """The lesson of the demo, in its default setting (3 photos per class), over many seeds."""
    from lectureutils.toy.demos.transfer import compare

    result = compare(seeds=range(1, 13))
    assert result["transfer_mean"] > result["scratch_mean"] + 0.1, result
    assert result["transfer_wins"] >= 10, result


def test_pretraining_learns_where_to_look():
    demo = create("swap-last-layer")
    demo.advance(100)
    assert datasets.feature_share(demo.pretrained.weights[0]) > 0.8  # the background is mostly ignored
    assert datasets.feature_share(demo.scratch.weights[0]) < datasets.feature_share(demo.transfer.weights[0])


@pytest.mark.parametrize("shots", ["1", "20"])
def test_transfer_demo_reports_both_accuracies_whatever_they_are(shots):
    from lectureutils.textformat import percent

    demo = create("swap-last-layer", {"shots": shots, "seed": "4"})
    demo.advance(60)
    transfer, scratch = demo.accuracies
    for lang in ("fr", "en"):
        text = demo.describe(lang)
        assert percent(transfer, lang, 0) in text and percent(scratch, lang, 0) in text
    assert len(demo.y_few) == 4 * int(shots)


def test_early_stopping_marks_the_validation_minimum():
    demo = create("when-to-stop")
    demo.advance(400)
    assert demo.patience.stopped_at is not None
    best = demo.patience.best_step
    assert demo.valid_losses[best] == pytest.approx(min(demo.valid_losses[: demo.patience.stopped_at + 1]), abs=1e-3)
    assert demo.train_losses[-1] < demo.train_losses[best]  # training goes on improving…
    assert demo.valid_losses[-1] > demo.valid_losses[best]  # …while validation gets worse


@pytest.mark.parametrize("name", sorted(DEMOS))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_demo_draws_an_accessible_figure(name, lang):
    demo = create(name)
    demo.advance(3)
    figure = demo.render(lang, "t")
    # An HTML figure (lectureutils.charts): its title, then SVG panels each named by a <title>.
    assert figure.startswith('<div class="lecture-chart ') and 'class="lecture-chart__title"' in figure
    panels = re.findall(r'<svg [^>]*role="img" aria-labelledby="(t-[\w-]+)-title', figure)
    assert panels and all(f'<title id="{uid}-title">' in figure for uid in panels)
    assert len(set(re.findall(r'id="([^"]+)"', figure))) == len(re.findall(r'id="([^"]+)"', figure))
    status = json.loads(demo.status_json(lang))
    assert status["description"] and status["counter"]
    assert all(control["label"] for control in schema(name, lang))
    if lang == "fr":
        assert " :" not in status["description"]  # French typography: no plain space before a colon


@pytest.mark.parametrize("output", ["sigmoid", "softmax", "linear"])
@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "linear"])
def test_fast_descent_step_is_gradients_then_apply(output, activation):
    """The training loop's fused step moves every parameter exactly as backprop + apply would."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(12, 2))
    y = {"softmax": rng.integers(0, 3, 12), "sigmoid": rng.integers(0, 2, 12), "linear": rng.normal(size=12)}[output]
    reference = MLP([2, 5, 3, 3 if output == "softmax" else 1], activation=activation, output=output, seed=4)
    reference.frozen = {0}
    fused = reference.copy()
    _, grad_w, grad_b = reference.gradients(X, y)
    reference.apply(grad_w, grad_b, 0.3)
    fused.descend(X, fused.training_target(y), 0.3)
    for expected, got in zip(reference.weights + reference.biases, fused.weights + fused.biases):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)
