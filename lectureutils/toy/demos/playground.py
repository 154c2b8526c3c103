"""Mini-Playground: orange and blue points, a small network, its boundary drawn as it learns.

After the TensorFlow Playground (D. Smilkov and S. Carter, Google, 2016), rebuilt in numpy.
Used in: docs/reseaux-neurones.*.md.
"""

from __future__ import annotations

from ... import charts as svg
from ... import textformat
from .. import datasets, metrics
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
        "legend_items": {"fr": ("orange", "bleu", "plein\u00a0: entraînement", "creux\u00a0: test"),
                         "en": ("orange", "blue", "filled: training", "hollow: test")},
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
        fig = svg.Figure(self.t("title", lang))
        points = svg.grid(GRID, -svg.EXTENT, svg.EXTENT)
        _, activations = self.model.forward_all(points)
        # Hidden neurons: one column of small maps per layer.
        thumb, column = 44, 70
        hidden = activations[1:-1]
        rows = max((values.shape[1] for values in hidden), default=1)
        canvas = svg.Canvas(max(column * len(hidden), column), 22 + rows * (thumb + 6), self.t("neurons", lang),
                            f"{uid}-neurons")
        low, high = {"tanh": (-1, 1), "sigmoid": (0, 1), "linear": (-1, 1)}.get(self.model.activation, (0, 1))
        for layer, values in enumerate(hidden):
            x = layer * column + (column - thumb) / 2
            canvas.text(x + thumb / 2, 14, self.t("layer", lang, k=layer + 1), size=12, anchor="middle",
                        colour=svg.MUTED)
            for k in range(values.shape[1]):
                column_values = values[:, k]
                top = high if self.model.activation != "relu" else max(1.0, float(column_values.max()))
                image = svg.png_data_uri(svg.binary_colours(column_values, GRID, low, top, strength=0.8))
                y = 22 + k * (thumb + 6)
                canvas.add(f'<image x="{x:.1f}" y="{y:.1f}" width="{thumb}" height="{thumb}" '
                           f'preserveAspectRatio="none" href="{image}"/>'
                           f'<rect x="{x:.1f}" y="{y:.1f}" width="{thumb}" height="{thumb}" fill="none" stroke="#8a8a8a"/>')
        fig.panel(canvas.render(), caption=self.t("neurons", lang))
        # The decision boundary and the points.
        image = svg.png_data_uri(svg.binary_colours(activations[-1][:, 0], GRID))
        colours, shapes = svg.CLASS_COLOURS, svg.SHAPES
        fig.panel(svg.plane_panel(f"{uid}-boundary", self.t("boundary", lang), 300, image,
                                  [(self.X_train, self.y_train, colours, shapes, False),
                                   (self.X_test, self.y_test, colours, shapes, True)]),
                  caption=self.t("boundary", lang))
        # Loss curves.
        y_top = max(0.8, min(max(self.train_losses[0], self.test_losses[0]) * 1.1, 3.0))
        canvas = svg.Canvas(320, 240, self.t("loss", lang), f"{uid}-loss")
        axes = svg.Axes(canvas, (0, 0, 320, 240), (0, max(len(self.train_losses) - 1, 1)), (0, y_top),
                        x_title=self.t("epochs", lang), x_format=lambda v: svg.fmt(v, lang, 0),
                        y_format=lambda v: svg.fmt(v, lang, 1))
        axes.steps_line(self.train_losses, svg.BLUE)
        axes.steps_line(self.test_losses, svg.VERMILLION, "6 3")
        axes.finish()
        fig.panel(canvas.render(), caption=self.t("loss", lang))
        orange, blue, filled, hollow = self.TEXT["legend_items"][lang]
        fig.legend(svg.LegendItem(orange, colours[0], "marker", shape=shapes[0]),
                   svg.LegendItem(blue, colours[1], "marker", shape=shapes[1]),
                   svg.LegendItem(filled, svg.GREY, "marker"),
                   svg.LegendItem(hollow, svg.GREY, "marker", hollow=True),
                   svg.LegendItem(self.t("train_loss", lang), svg.BLUE),
                   svg.LegendItem(self.t("test_loss", lang), svg.VERMILLION, dash="6 3"))
        fig.note(self.t("stats", lang, epoch=svg.fmt(self.steps, lang, 0),
                        params=svg.fmt(self.model.parameter_count(), lang, 0)))
        fig.note(self.t("train_line", lang, value=svg.fmt(self.train_losses[-1], lang, 3)) + " · "
                 + self.t("test_line", lang, value=svg.fmt(self.test_losses[-1], lang, 3)))
        fig.note(self.t("shape", lang, shape=self._shape()))
        return fig.render()
