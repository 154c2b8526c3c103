"""Swap the last layer: reuse a cat/muffin network for planes, boats, cats and muffins.

First a network learns cats vs muffins from many examples (its hidden layer learns to "look").
Its hidden layer is then frozen and its last layer replaced by a four-output head (plane, boat,
cat, muffin), trained on a handful of examples per class. A network of the same shape trained
from scratch on the same handful is shown beside it.
Used in: docs/transfert.*.md.
"""

from __future__ import annotations

import numpy as np

from .. import datasets, metrics, svg
from ..mlp import MLP
from ..trainers import Diverged, GradientDescent
from .base import Demo, numbers, select

HIDDEN = 8
GRID = 40
PRETRAIN_EPOCHS = 150

SETTINGS = [
    select("shots", {"fr": "Exemples par classe", "en": "Examples per class"}, numbers([1, 2, 3, 5, 10, 20]), 3),
    select("rate", {"fr": "Taux d'apprentissage", "en": "Learning rate"},
           numbers(["0.03", "0.1", "0.3", "1", "3", "30"]), "1"),
    select("seed", {"fr": "Tirage", "en": "Random draw"}, numbers(range(1, 10)), 1),
]


class SwapLastLayer(Demo):
    name = "swap-last-layer"
    SETTINGS = SETTINGS
    MAX_STEPS = 1000
    STATIC_STEPS = 100
    TEXT = {
        "title": {"fr": "Changer la dernière couche : d'un réseau chat/muffin à quatre classes",
                  "en": "Swap the last layer: from a cat/muffin network to four classes"},
        "pretrained": {"fr": "1. Préentraîné : chat ou muffin", "en": "1. Pretrained: cat or muffin"},
        "transfer": {"fr": "2. Couche cachée gelée, nouvelle tête", "en": "2. Frozen hidden layer, new head"},
        "scratch": {"fr": "3. Tout depuis zéro", "en": "3. Everything from scratch"},
        "accuracy": {"fr": "Exactitude sur les exemples de test", "en": "Accuracy on test examples"},
        "transfer_curve": {"fr": "transfert", "en": "transfer"},
        "scratch_curve": {"fr": "depuis zéro", "en": "from scratch"},
        "epochs": {"fr": "époques (sur la poignée d'exemples)", "en": "epochs (on the handful of examples)"},
        "axes": {"fr": ("pointu", "rond"), "en": ("pointy", "round")},
        "legend": {"fr": "▲ avion  ◆ bateau  ● chat  ■ muffin ; pleins : exemples d'entraînement",
                   "en": "▲ plane  ◆ boat  ● cat  ■ muffin; filled: training examples"},
        "counts": {"fr": "Entraînés : {transfer_params} paramètres (transfert) contre {scratch_params} (depuis zéro), sur {n} exemples",
                   "en": "Trained: {transfer_params} parameters (transfer) versus {scratch_params} (from scratch), on {n} examples"},
        "describe": {
            "fr": ("Un réseau a d'abord appris chat contre muffin sur {pre} exemples ({pre_acc} de réussite). "
                   "Sa couche cachée est gelée et sa dernière couche remplacée par une tête à quatre sorties "
                   "(avion, bateau, chat, muffin), entraînée sur {shots} exemples par classe. Après {epochs}, "
                   "ce réseau transféré classe correctement {transfer} des exemples de test ; un réseau de même "
                   "forme entraîné depuis zéro sur les mêmes exemples en classe {scratch}."),
            "en": ("A network first learned cat versus muffin on {pre} examples ({pre_acc} correct). Its "
                   "hidden layer is frozen and its last layer replaced by a four-output head (plane, boat, "
                   "cat, muffin), trained on {shots} examples per class. After {epochs}, this transferred "
                   "network classifies {transfer} of the test examples correctly; a network of the same "
                   "shape trained from scratch on the same examples gets {scratch}."),
        },
    }

    def __init__(self, settings=None):
        super().__init__(settings)
        s = self.settings
        seed = int(s["seed"])
        rate = float(s["rate"])
        # 1. Pretraining on many cats and muffins (the expensive part, done once).
        X_pre, y_pre = datasets.cats_muffins(300, noise=0.05, seed=seed + 50)
        self.X_pre, self.y_pre = X_pre, y_pre
        self.pretrained = MLP([2, HIDDEN, 1], "tanh", "sigmoid", seed=seed)
        pretrain = GradientDescent(self.pretrained, X_pre, y_pre, 0.3, 16, seed)
        for _ in range(PRETRAIN_EPOCHS):
            pretrain.epoch()
        self.pre_accuracy = metrics.accuracy(self.pretrained.predict(X_pre), y_pre)
        # 2. The new task: four classes, a handful of examples each.
        X, y = datasets.four_classes(80, noise=0.03, seed=seed + 7)
        shots = int(s["shots"])
        self.X_few, self.y_few = datasets.few_per_class(X[:160], y[:160], shots)
        self.X_test, self.y_test = X[160:], y[160:]
        self.transfer = self.pretrained.copy()
        self.transfer.replace_head(4, "softmax", seed=seed + 1)
        self.transfer.freeze_hidden()
        self.scratch = MLP([2, HIDDEN, 4], "tanh", "softmax", seed=seed + 2)
        self.trainers = [GradientDescent(self.transfer, self.X_few, self.y_few, rate, None, seed),
                         GradientDescent(self.scratch, self.X_few, self.y_few, rate, None, seed)]
        self.curves = [[self._accuracy(self.transfer)], [self._accuracy(self.scratch)]]

    def _accuracy(self, model) -> float:
        return metrics.accuracy(model.predict(self.X_test), self.y_test)

    def step(self) -> None:
        try:
            for trainer in self.trainers:
                trainer.epoch()
        except Diverged as error:
            self.stop("diverged", step=error.step, rate=self.settings["rate"])
            return
        self.steps += 1
        self.curves[0].append(self._accuracy(self.transfer))
        self.curves[1].append(self._accuracy(self.scratch))

    def _trained_parameters(self, model) -> int:
        return sum(model.weights[i].size + model.biases[i].size for i in range(model.n_layers) if i not in model.frozen)

    def describe(self, lang: str) -> str:
        return self.t("describe", lang, pre=len(self.y_pre), pre_acc=svg.percent(self.pre_accuracy, lang),
                      shots=self.settings["shots"], epochs=self.units(self.steps, lang),
                      transfer=svg.percent(self.curves[0][-1], lang), scratch=svg.percent(self.curves[1][-1], lang))

    def render(self, lang: str, uid: str = "transfer") -> str:
        fig = svg.Figure(800, 470, self.t("title", lang), self.describe(lang), uid)
        points = svg.grid(GRID)
        size = 200
        axes = self.TEXT["axes"][lang]
        x = 40
        fig.text(x, 22, self.t("pretrained", lang), size=12, weight="bold")
        image = svg.png_data_uri(svg.binary_colours(self.pretrained.predict(points), GRID))
        svg.plane_panel(fig, x, 32, size, image,
                        points=[(self.X_pre[:120], self.y_pre[:120], svg.CLASS_COLOURS, svg.SHAPES, False)],
                        axis_labels=axes, marker_size=2.6)
        for k, (model, key) in enumerate(((self.transfer, "transfer"), (self.scratch, "scratch"))):
            x = 290 + k * (size + 50)
            fig.text(x, 22, self.t(key, lang), size=12, weight="bold")
            image = svg.png_data_uri(svg.class_colours(model.predict(points), GRID))
            svg.plane_panel(fig, x, 32, size, image,
                            points=[(self.X_test[::2], self.y_test[::2], svg.FOUR_CLASS_COLOURS, svg.FOUR_CLASS_SHAPES, True),
                                    (self.X_few, self.y_few, svg.FOUR_CLASS_COLOURS, svg.FOUR_CLASS_SHAPES, False)],
                            axis_labels=axes, marker_size=3.0)
        fig.text(290, 290, self.t("legend", lang), size=11)
        svg.line_chart(
            fig, 90, 320, 300, 110,
            [(self.curves[0], svg.BLUE, "", self.t("transfer_curve", lang)),
             (self.curves[1], svg.VERMILLION, "6 3", self.t("scratch_curve", lang))],
            lang, y_min=0.0, y_max=1.0, y_label=self.t("accuracy", lang), x_label=self.t("epochs", lang),
            x_max=max(self.steps, self.STATIC_STEPS), percent_axis=True,
        )
        fig.text(440, 350, self.t("counts", lang, transfer_params=self._trained_parameters(self.transfer),
                                  scratch_params=self._trained_parameters(self.scratch), n=len(self.y_few)), size=11)
        return fig.render()
