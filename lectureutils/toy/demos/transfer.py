"""Swap the last layer: reuse a cat/muffin network for planes, boats, cats and muffins.

Each example is a tiny "photo" of 16 numbers (``datasets.photos``): two directions among them
carry the features that matter (pointy shapes, roundness), six others a background that varies a
lot and says nothing about the class. First a network learns cats vs muffins from many photos; to
tell them apart it has to learn *where to look*: its hidden layer ends up reading mostly the two
useful directions and ignoring the background. That hidden layer is then frozen and the last
layer replaced by a four-output head (plane, boat, cat, muffin), trained on a handful of photos
per class. A network of the same shape trained from scratch on the same handful sits beside it:
with so few photos it cannot tell the background from the features, and latches onto both.

Measured with the default settings (3 photos per class, rate 1, 100 epochs) over seeds 1 to 40:
see ``tests/test_toy_model.py::test_transfer_beats_scratch_on_average`` and the module's
``compare`` function. Other settings (more photos per class, other rates) may narrow or reverse
the gap; the demo shows both accuracies, whatever they are.
Used in: docs/transfert.*.md.
"""

from __future__ import annotations

import numpy as np

from ... import charts as svg
from ... import textformat
from .. import datasets, metrics
from ..mlp import MLP
from ..trainers import Diverged, GradientDescent
from .base import Demo, numbers, select

HIDDEN = 12
PRETRAIN_PHOTOS = 600
PRETRAIN_EPOCHS = 100
PRETRAIN_RATE = 0.3
PRETRAIN_BATCH = 16
# Each pretraining epoch pulls every weight 2 % towards zero: connections that do not help fade.
PRETRAIN_WEIGHT_DECAY = 0.02
PER_CLASS = 60  # photos per class in the new task: the first half is the pool, the rest the test
VIEW = 1.4  # the panels show features in [-VIEW, VIEW]

SETTINGS = [
    select("shots", {"fr": "Exemples par classe", "en": "Examples per class"}, numbers([1, 2, 3, 5, 10, 20]), 3),
    select("rate", {"fr": "Taux d'apprentissage", "en": "Learning rate"},
           numbers(["0.03", "0.1", "0.3", "1", "3", "30"]), "1"),
    select("seed", {"fr": "Tirage", "en": "Random draw"}, numbers(range(1, 10)), 1),
]

_pretrained_cache: dict[int, tuple] = {}


def pretrain(seed: int):
    """The cat/muffin network of this seed and its data (computed once per seed and kept)."""
    if seed not in _pretrained_cache:
        X, Z, y = datasets.cat_muffin_photos(PRETRAIN_PHOTOS, seed=seed + 50)
        model = MLP([datasets.PHOTO_SIZE, HIDDEN, 1], "tanh", "sigmoid", seed=seed)
        descent = GradientDescent(model, X, y, PRETRAIN_RATE, PRETRAIN_BATCH, seed,
                                  weight_decay=PRETRAIN_WEIGHT_DECAY)
        for _ in range(PRETRAIN_EPOCHS):
            descent.epoch()
        accuracy = metrics.accuracy(model.predict(X), y)
        if len(_pretrained_cache) >= 9:
            _pretrained_cache.pop(next(iter(_pretrained_cache)))
        _pretrained_cache[seed] = (model, X, Z, y, accuracy)
    return _pretrained_cache[seed]


def new_task(seed: int, shots: int):
    """The four-class task: ``shots`` training photos per class, and the test photos."""
    X, Z, y = datasets.four_class_photos(PER_CLASS, seed=seed + 7)
    pool = np.zeros(len(y), bool)
    for label in range(4):
        pool[np.flatnonzero(y == label)[: PER_CLASS // 2]] = True
    few = np.concatenate([np.flatnonzero((y == label) & pool)[:shots] for label in range(4)])
    few.sort()
    test = np.flatnonzero(~pool)
    return (X[few], Z[few], y[few]), (X[test], Z[test], y[test])


class SwapLastLayer(Demo):
    name = "swap-last-layer"
    SETTINGS = SETTINGS
    MAX_STEPS = 1000
    STATIC_STEPS = 100
    TEXT = {
        "title": {"fr": "Changer la dernière couche : d'un réseau chat/muffin à quatre classes",
                  "en": "Swap the last layer: from a cat/muffin network to four classes"},
        "pretrained": {"fr": "1. Préentraîné : chat ou muffin", "en": "1. Pretrained: cat or muffin"},
        "transfer": {"fr": "2. Couche gelée, nouvelle tête", "en": "2. Frozen layer, new head"},
        "scratch": {"fr": "3. Tout depuis zéro", "en": "3. Everything from scratch"},
        "accuracy": {"fr": "Exactitude sur les photos de test", "en": "Accuracy on test photos"},
        "transfer_curve": {"fr": "transfert", "en": "transfer"},
        "scratch_curve": {"fr": "depuis zéro", "en": "from scratch"},
        "epochs": {"fr": "époques (sur la poignée d'exemples)", "en": "epochs (on the handful of examples)"},
        "axes": {"fr": ("pointu", "rond"), "en": ("pointy", "round")},
        "classes": {"fr": ("avion", "bateau", "chat", "muffin"), "en": ("plane", "boat", "cat", "muffin")},
        "wrong": {"fr": "creux\u00a0: mal classé (couleur\u00a0: réponse du réseau)",
                  "en": "hollow: misclassified (colour: the network's answer)"},
        "epochs_short": {"fr": "époques", "en": "epochs"},
        "placed": {"fr": "Chaque photo (16 nombres) est placée selon ses deux caractéristiques utiles ; le réseau voit aussi le fond.",
                   "en": "Each photo (16 numbers) is placed by its two useful features; the network also sees the background."},
        "score": {"fr": "Exactitude : {transfer} (transfert), {scratch} (depuis zéro)",
                  "en": "Accuracy: {transfer} (transfer), {scratch} (from scratch)"},
        "share_title": {"fr": "Poids de la couche cachée portant sur les deux caractéristiques utiles :",
                        "en": "Hidden-layer weights bearing on the two useful features:"},
        "share": {"fr": "{transfer} (gelée), {scratch} (depuis zéro)", "en": "{transfer} (frozen), {scratch} (from scratch)"},
        "counts_title": {"fr": "Paramètres entraînés sur les {n} exemples :", "en": "Parameters trained on the {n} examples:"},
        "counts": {"fr": "{transfer_params} (transfert), {scratch_params} (depuis zéro)",
                   "en": "{transfer_params} (transfer), {scratch_params} (from scratch)"},
        "describe": {
            "fr": ("Chaque photo est décrite par 16 nombres : deux directions portent ce qui compte (pointu, rond), "
                   "six autres un fond qui varie beaucoup et ne dit rien de la classe. Un réseau a d'abord appris "
                   "chat contre muffin sur {pre} photos ({pre_acc} de réussite) ; {pre_share} des poids de sa couche "
                   "cachée portent sur les deux caractéristiques utiles. Cette couche est gelée et la dernière "
                   "remplacée par une tête à quatre sorties (avion, bateau, chat, muffin), entraînée sur {shots} "
                   "exemples par classe. Après {epochs}, le réseau transféré classe correctement {transfer} des "
                   "photos de test ; un réseau de même forme entraîné depuis zéro sur les mêmes exemples en classe "
                   "{scratch}, et {scratch_share} des poids de sa couche cachée portent sur les caractéristiques "
                   "utiles."),
            "en": ("Each photo is described by 16 numbers: two directions carry what matters (pointy, round), six "
                   "others a background that varies a lot and says nothing about the class. A network first "
                   "learned cat versus muffin on {pre} photos ({pre_acc} correct); {pre_share} of its hidden "
                   "layer's weights bear on the two useful features. That layer is frozen and the last one "
                   "replaced by a four-output head (plane, boat, cat, muffin), trained on {shots} examples per "
                   "class. After {epochs}, the transferred network classifies {transfer} of the test photos "
                   "correctly; a network of the same shape trained from scratch on the same examples gets "
                   "{scratch}, and {scratch_share} of its hidden layer's weights bear on the useful features."),
        },
    }

    def __init__(self, settings=None, seed: int | None = None):
        """``seed`` overrides the setting (the settings allow 1 to 9; ``compare`` uses more)."""
        super().__init__(settings)
        s = self.settings
        seed = int(s["seed"]) if seed is None else int(seed)
        rate = float(s["rate"])
        # 1. Pretraining on many cats and muffins (the expensive part, done once per seed).
        self.pretrained, self.X_pre, self.Z_pre, self.y_pre, self.pre_accuracy = pretrain(seed)
        # 2. The new task: four classes, a handful of examples each.
        (self.X_few, self.Z_few, self.y_few), (self.X_test, self.Z_test, self.y_test) = new_task(seed, int(s["shots"]))
        self.transfer = self.pretrained.copy()
        self.transfer.replace_head(4, "softmax", seed=seed + 1)
        self.transfer.freeze_hidden()
        self.scratch = MLP([datasets.PHOTO_SIZE, HIDDEN, 4], "tanh", "softmax", seed=seed + 2)
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

    @property
    def accuracies(self) -> tuple[float, float]:
        """Test accuracy now: (transfer, from scratch)."""
        return self.curves[0][-1], self.curves[1][-1]

    def _trained_parameters(self, model) -> int:
        return sum(model.weights[i].size + model.biases[i].size for i in range(model.n_layers) if i not in model.frozen)

    def describe(self, lang: str) -> str:
        return self.t("describe", lang, pre=len(self.y_pre), pre_acc=textformat.percent(self.pre_accuracy, lang, 0),
                      pre_share=textformat.percent(datasets.feature_share(self.pretrained.weights[0]), lang, 0),
                      shots=self.settings["shots"], epochs=self.units(self.steps, lang),
                      transfer=textformat.percent(self.curves[0][-1], lang, 0), scratch=textformat.percent(self.curves[1][-1], lang, 0),
                      scratch_share=textformat.percent(datasets.feature_share(self.scratch.weights[0]), lang, 0))

    @staticmethod
    def _scatter(uid, title, size, Z, truth, answer, axis_titles, colours, shapes, radius) -> str:
        """Photos placed by their two features; shape = true class, colour = the network's answer,
        hollow when that answer is wrong."""
        width, height = size + svg.text_width("M") + 10, size + 23
        canvas = svg.Canvas(width, height, title, uid)
        extent = VIEW * 1.08
        axes = svg.Axes(canvas, (0, 0, width, height), (-extent, extent), (-extent, extent),
                        x_title=axis_titles[0], y_title=axis_titles[1], x_numbers=False, y_numbers=False,
                        grid=False)
        for (fx, fy), true, said in zip(np.clip(Z, -VIEW, VIEW), truth, answer):
            wrong = int(true) != int(said)
            axes.mark(svg.marker(shapes[int(true)], axes.px(fx), axes.py(fy), radius, colours[int(said)], hollow=wrong))
        axes.finish()
        return canvas.render()

    def render(self, lang: str, uid: str = "transfer") -> str:
        fig = svg.Figure(self.t("title", lang))
        axis_titles = self.TEXT["axes"][lang]
        panels = [
            ("pretrained", self.Z_pre[:150], self.y_pre[:150],
             (self.pretrained.predict(self.X_pre[:150]) > 0.5).astype(int), svg.CLASS_COLOURS, svg.SHAPES, 2.6),
            ("transfer", self.Z_test, self.y_test, self.transfer.predict(self.X_test).argmax(axis=1),
             svg.FOUR_CLASS_COLOURS, svg.FOUR_CLASS_SHAPES, 3.0),
            ("scratch", self.Z_test, self.y_test, self.scratch.predict(self.X_test).argmax(axis=1),
             svg.FOUR_CLASS_COLOURS, svg.FOUR_CLASS_SHAPES, 3.0),
        ]
        for key, Z, truth, answer, colours, shapes, radius in panels:
            fig.panel(self._scatter(f"{uid}-{key}", self.t(key, lang), 200, Z, truth, answer, axis_titles,
                                    colours, shapes, radius), caption=self.t(key, lang))
        canvas = svg.Canvas(330, 220, self.t("accuracy", lang), f"{uid}-accuracy")
        axes = svg.Axes(canvas, (0, 0, 330, 220), (0, max(self.steps, self.STATIC_STEPS)), (0.0, 1.0),
                        x_title=self.t("epochs_short", lang), x_format=lambda v: svg.fmt(v, lang, 0),
                        y_format=lambda v: svg.percent(v, lang), y_ticks=(0, 0.25, 0.5, 0.75, 1.0))
        axes.steps_line(self.curves[0], svg.BLUE)
        axes.steps_line(self.curves[1], svg.VERMILLION, "6 3")
        axes.finish()
        fig.panel(canvas.render(), caption=self.t("accuracy", lang))
        names = self.TEXT["classes"][lang]
        fig.legend(*[svg.LegendItem(name, colour, "marker", shape=shape)
                     for name, colour, shape in zip(names, svg.FOUR_CLASS_COLOURS, svg.FOUR_CLASS_SHAPES)],
                   svg.LegendItem(self.TEXT["wrong"][lang], svg.GREY, "marker", hollow=True),
                   svg.LegendItem(self.t("transfer_curve", lang), svg.BLUE),
                   svg.LegendItem(self.t("scratch_curve", lang), svg.VERMILLION, dash="6 3"))
        fig.note(self.t("placed", lang))
        transfer, scratch = self.accuracies
        fig.note(f"<strong>{svg.esc(self.t('score', lang, transfer=svg.percent(transfer, lang), scratch=svg.percent(scratch, lang)))}</strong>",
                 html=True)
        fig.note(self.t("share_title", lang) + " " + self.t(
            "share", lang, transfer=svg.percent(datasets.feature_share(self.transfer.weights[0]), lang),
            scratch=svg.percent(datasets.feature_share(self.scratch.weights[0]), lang)))
        fig.note(self.t("counts_title", lang, n=len(self.y_few)) + " " + self.t(
            "counts", lang, transfer_params=svg.fmt(self._trained_parameters(self.transfer), lang, 0),
            scratch_params=svg.fmt(self._trained_parameters(self.scratch), lang, 0)))
        return fig.render()


def compare(seeds=range(1, 41), shots: int = 3, epochs: int = 100, rate: str = "1") -> dict:
    """Final test accuracies of both networks over many seeds (mean and spread): the lesson's evidence."""
    pairs = []
    for seed in seeds:
        demo = SwapLastLayer({"shots": str(shots), "rate": rate}, seed=seed)
        demo.advance(epochs)
        pairs.append(demo.accuracies)
    values = np.array(pairs)
    return {"seeds": len(values), "shots": shots, "epochs": epochs,
            "transfer_mean": float(values[:, 0].mean()), "transfer_std": float(values[:, 0].std()),
            "scratch_mean": float(values[:, 1].mean()), "scratch_std": float(values[:, 1].std()),
            "transfer_wins": int((values[:, 0] > values[:, 1]).sum()),
            "gap_mean": float((values[:, 0] - values[:, 1]).mean())}
