"""Mini-Playground: orange and blue points, a small network, its boundary drawn as it learns.

After the TensorFlow Playground (D. Smilkov and S. Carter, Google, 2016), rebuilt in numpy.
Used in: docs/reseaux-neurones.*.md.
"""

from __future__ import annotations

import numpy as np

from ... import textformat
from .. import datasets, metrics, svg
from ..mlp import MLP
from ..trainers import Diverged, GradientDescent
from .base import Demo, numbers, option, select

N_POINTS = 200
GRID = 48

SETTINGS = [
    select("dataset", {"fr": "Données", "en": "Data"}, [
        option("circle", {"fr": "Cercle", "en": "Circle"}),
        option("xor", {"fr": "OU exclusif (XOR)", "en": "Exclusive or (XOR)"}),
        option("blobs", {"fr": "Deux nuages", "en": "Two blobs"}),
        option("spiral", {"fr": "Spirale", "en": "Spiral"}),
    ], "circle"),
    select("layers", {"fr": "Couches cachées", "en": "Hidden layers"}, numbers([1, 2]), 1),
    select("neurons", {"fr": "Neurones par couche", "en": "Neurons per layer"}, numbers(range(1, 9)), 4),
    select("activation", {"fr": "Activation", "en": "Activation"}, [
        option("tanh", {"fr": "tanh", "en": "tanh"}),
        option("relu", {"fr": "ReLU", "en": "ReLU"}),
        option("sigmoid", {"fr": "sigmoïde", "en": "sigmoid"}),
        option("linear", {"fr": "linéaire (aucune)", "en": "linear (none)"}),
    ], "tanh"),
    select("rate", {"fr": "Taux d'apprentissage", "en": "Learning rate"},
           numbers(["0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10", "30"]), "0.1"),
    select("batch", {"fr": "Taille de lot", "en": "Batch size"},
           numbers([1, 10, 30]) + [option("all", {"fr": "tout (lot complet)", "en": "all (full batch)"})], 10),
    select("noise", {"fr": "Bruit", "en": "Noise"},
           [option(v, {lang: textformat.percent(v / 100, lang, 0) for lang in textformat.LANGS}) for v in (0, 5, 10, 20, 30, 40, 50)], 10),
    select("train", {"fr": "Part d'entraînement", "en": "Training share"},
           [option(v, {lang: textformat.percent(v / 100, lang, 0) for lang in textformat.LANGS}) for v in (10, 20, 30, 40, 50, 60, 70, 80, 90)], 50),
    select("seed", {"fr": "Tirage des points", "en": "Random draw"}, numbers(range(1, 10)), 1),
]


class Playground(Demo):
    name = "playground"
    SETTINGS = SETTINGS
    MAX_STEPS = 5000
    STATIC_STEPS = 300
    TEXT = {
        "title": {"fr": "Mini-Playground : un petit réseau apprend à séparer les points orange des bleus",
                  "en": "Mini-Playground: a small network learns to separate orange points from blue ones"},
        "neurons": {"fr": "Neurones cachés", "en": "Hidden neurons"},
        "layer": {"fr": "couche {k}", "en": "layer {k}"},
        "boundary": {"fr": "Frontière de décision", "en": "Decision boundary"},
        "loss": {"fr": "Perte", "en": "Loss"},
        "train_loss": {"fr": "entraînement", "en": "training"},
        "test_loss": {"fr": "test", "en": "test"},
        "epochs": {"fr": "époques", "en": "epochs"},
        "legend": {"fr": "● orange  ■ bleu ; pleins : entraînement, creux : test",
                   "en": "● orange  ■ blue; filled: training, hollow: test"},
        "stats": {"fr": "Époque {epoch} · {params} paramètres", "en": "Epoch {epoch} · {params} parameters"},
        "train_line": {"fr": "Perte d'entraînement : {value}", "en": "Training loss: {value}"},
        "test_line": {"fr": "Perte de test : {value}", "en": "Test loss: {value}"},
        "shape": {"fr": "Réseau {shape} (entrées-cachées-sortie)", "en": "Network {shape} (inputs-hidden-output)"},
        "describe": {
            "fr": ("Réseau {shape} ({activation}, {params} paramètres) sur les données « {data} », après "
                   "{epochs}. Perte d'entraînement {train}, perte de test {test} ; {acc} des points de test "
                   "sont du bon côté de la frontière. La carte colore en orange la zone où le réseau répond "
                   "« orange » et en bleu celle où il répond « bleu » ; les vignettes montrent ce que "
                   "calcule chaque neurone caché."),
            "en": ("A {shape} network ({activation}, {params} parameters) on the “{data}” data, after "
                   "{epochs}. Training loss {train}, test loss {test}; {acc} of the test points are on the "
                   "right side of the boundary. The map colours in orange the area where the network "
                   "answers “orange” and in blue where it answers “blue”; the thumbnails show what each "
                   "hidden neuron computes."),
        },
    }

    def __init__(self, settings=None):
        super().__init__(settings)
        s = self.settings
        seed = int(s["seed"])
        X, y = datasets.playground(s["dataset"], N_POINTS, int(s["noise"]) / 100, seed)
        self.X_train, self.y_train, self.X_test, self.y_test = datasets.split(X, y, int(s["train"]) / 100)
        sizes = [2] + [int(s["neurons"])] * int(s["layers"]) + [1]
        self.model = MLP(sizes, activation=s["activation"], output="sigmoid", seed=seed)
        batch = None if s["batch"] == "all" else int(s["batch"])
        self.trainer = GradientDescent(self.model, self.X_train, self.y_train, float(s["rate"]), batch, seed)
        self.train_losses = [self.trainer.initial_loss]
        self.test_losses = [self.model.loss(self.X_test, self.y_test)]

    def step(self) -> None:
        try:
            loss = self.trainer.epoch()
        except Diverged as error:
            self.stop("diverged", step=error.step, rate=self.settings["rate"])
            return
        self.steps += 1
        self.train_losses.append(loss)
        self.test_losses.append(self.model.loss(self.X_test, self.y_test))

    def _shape(self) -> str:
        return "-".join(str(n) for n in self.model.sizes)

    def describe(self, lang: str) -> str:
        data = next(o["label"][lang] for o in SETTINGS[0]["options"] if o["value"] == self.settings["dataset"])
        activation = next(o["label"][lang] for o in SETTINGS[3]["options"] if o["value"] == self.settings["activation"])
        return self.t(
            "describe", lang, shape=self._shape(), activation=activation,
            params=textformat.number(self.model.parameter_count(), lang, 0), data=data,
            epochs=self.units(self.steps, lang), train=textformat.number(self.train_losses[-1], lang, 3),
            test=textformat.number(self.test_losses[-1], lang, 3),
            acc=textformat.percent(metrics.accuracy(self.model.predict(self.X_test), self.y_test), lang, 0),
        )

    def render(self, lang: str, uid: str = "playground") -> str:
        fig = svg.Figure(800, 420, self.t("title", lang), self.describe(lang), uid)
        points = svg.grid(GRID)
        _, activations = self.model.forward_all(points)
        # Hidden neurons, one column per layer.
        fig.text(10, 18, self.t("neurons", lang), size=12, weight="bold")
        thumb = 40
        low, high = {"tanh": (-1, 1), "sigmoid": (0, 1), "linear": (-1, 1)}.get(self.model.activation, (0, 1))
        for layer, values in enumerate(activations[1:-1]):
            x = 10 + layer * (thumb + 14)
            fig.text(x + thumb / 2, 34, self.t("layer", lang, k=layer + 1), size=10, anchor="middle", colour="#555")
            for k in range(values.shape[1]):
                column = values[:, k]
                top = high if self.model.activation != "relu" else max(1.0, float(column.max()))
                image = svg.png_data_uri(svg.binary_colours(column, GRID, low, top, strength=0.8))
                svg.plane_panel(fig, x, 42 + k * (thumb + 6), thumb, image)
        # The decision boundary and the points.
        main_x, main_y, size = 130, 42, 320
        fig.text(main_x, 34, self.t("boundary", lang), size=12, weight="bold")
        image = svg.png_data_uri(svg.binary_colours(activations[-1][:, 0], GRID))
        colours, shapes = svg.CLASS_COLOURS, svg.SHAPES
        svg.plane_panel(
            fig, main_x, main_y, size, image,
            points=[(self.X_train, self.y_train, colours, shapes, False),
                    (self.X_test, self.y_test, colours, shapes, True)],
        )
        fig.text(main_x, main_y + size + 16, self.t("legend", lang), size=11, colour="#333")
        # Loss curves and counters.
        chart_x = 520
        svg.line_chart(
            fig, chart_x, 60, 250, 200,
            [(self.train_losses, svg.BLUE, "", self.t("train_loss", lang)),
             (self.test_losses, svg.VERMILLION, "6 3", self.t("test_loss", lang))],
            lang, x_label=self.t("epochs", lang), y_label=self.t("loss", lang),
            y_max=max(0.8, min(max(self.train_losses[0], self.test_losses[0]) * 1.1, 3.0)),
        )
        fig.text(chart_x, 310, self.t("stats", lang, epoch=textformat.number(self.steps, lang, 0),
                                      params=textformat.number(self.model.parameter_count(), lang, 0)), size=13, weight="bold")
        fig.text(chart_x, 330, self.t("train_line", lang, value=textformat.number(self.train_losses[-1], lang, 3)), size=12)
        fig.text(chart_x, 348, self.t("test_line", lang, value=textformat.number(self.test_losses[-1], lang, 3)), size=12)
        fig.text(chart_x, 366, self.t("shape", lang, shape=self._shape()), size=12, colour="#555")
        return fig.render()
