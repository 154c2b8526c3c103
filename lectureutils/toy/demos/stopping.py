"""Knowing when to stop: training and validation curves, three stopping rules, the overfitted model.

A network far too big for 20 noisy examples (some labels are wrong: a teacher who errs) trains
for a long time. The training loss keeps falling; the validation loss, measured on examples it
never trains on, falls, then climbs again: the network learns the noise by heart. The talk's two
rules (98 % of the exam passed; 15 rounds) and the usual one (validation patience) are marked
where each would have stopped.
Used in: docs/precautions.*.md.
"""

from __future__ import annotations

from ... import charts as svg
from ... import textformat
from .. import datasets, metrics
from ..mlp import MLP
from ..trainers import Diverged, EarlyStopping, GradientDescent
from .base import Demo, numbers, option, select

GRID = 40
FIXED_ROUNDS = 15
TARGET = 0.98

SETTINGS = [
    select("examples", {"fr": "Exemples d'entraînement", "en": "Training examples"}, numbers([10, 20, 40, 80]), 20),
    select("label_noise", {"fr": "Étiquettes fausses", "en": "Wrong labels"},
           [option(v, {lang: textformat.percent(v / 100, lang, 0) for lang in textformat.LANGS}) for v in (0, 10, 20, 30)], 10),
    select("neurons", {"fr": "Neurones par couche (2 couches)", "en": "Neurons per layer (2 layers)"},
           numbers([4, 8, 16, 24]), 16),
    select("rate", {"fr": "Taux d'apprentissage", "en": "Learning rate"},
           numbers(["0.03", "0.1", "0.3", "1", "3", "30"]), "0.1"),
    select("patience", {"fr": "Patience (époques sans progrès)", "en": "Patience (epochs without progress)"},
           numbers([5, 10, 20, 50, 100]), 50),
    select("seed", {"fr": "Tirage", "en": "Random draw"}, numbers(range(1, 10)), 1),
]


class WhenToStop(Demo):
    name = "when-to-stop"
    SETTINGS = SETTINGS
    MAX_STEPS = 3000
    STATIC_STEPS = 600
    TEXT = {
        "title": {"fr": "Savoir s'arrêter : courbes d'entraînement et de validation, et trois règles d'arrêt",
                  "en": "Knowing when to stop: training and validation curves, and three stopping rules"},
        "loss": {"fr": "Perte", "en": "Loss"},
        "train": {"fr": "entraînement", "en": "training"},
        "valid": {"fr": "validation", "en": "validation"},
        "epochs": {"fr": "époques", "en": "epochs"},
        "rule15": {"fr": "15 époques", "en": "15 epochs"},
        "rule98": {"fr": "98\u202f% réussis", "en": "98% passed"},
        "patience": {"fr": "patience", "en": "patience"},
        "early": {"fr": "Arrêt par patience (ép. {e})", "en": "Stopped by patience (ep. {e})"},
        "late": {"fr": "Sans arrêt (ép. {e})", "en": "Never stopping (ep. {e})"},
        "axes": {"fr": ("pointu", "rond"), "en": ("pointy", "round")},
        "legend_items": {"fr": ("chat", "muffin", "plein\u00a0: entraînement", "creux\u00a0: validation"),
                         "en": ("cat", "muffin", "filled: training", "hollow: validation")},
        "rules_title": {"fr": "Où chaque règle aurait arrêté :", "en": "Where each rule would have stopped:"},
        "rule_line": {"fr": "{rule} : époque {e}, validation {acc}", "en": "{rule}: epoch {e}, validation {acc}"},
        "rule_never": {"fr": "{rule} : pas encore atteint", "en": "{rule}: not reached yet"},
        "describe": {
            "fr": ("Un réseau de {params} paramètres s'entraîne sur {n} exemples dont {noise} mal "
                   "étiquetés. Après {epochs}, il réussit {train_acc} des exemples d'entraînement mais "
                   "{valid_acc} des exemples de validation ; la perte de validation a été la plus basse à "
                   "l'époque {best}. {rules}"),
            "en": ("A network with {params} parameters trains on {n} examples, {noise} of them wrongly "
                   "labelled. After {epochs}, it passes {train_acc} of the training examples but "
                   "{valid_acc} of the validation examples; the validation loss was lowest at epoch "
                   "{best}. {rules}"),
        },
    }

    def __init__(self, settings=None):
        super().__init__(settings)
        s = self.settings
        seed = int(s["seed"])
        n = int(s["examples"])
        X, y = datasets.cats_muffins(n + 200, noise=0.05, label_noise=int(s["label_noise"]) / 100, seed=seed)
        self.X, self.y = X[:n], y[:n]
        self.X_valid, self.y_valid = X[n:], y[n:]
        width = int(s["neurons"])
        self.model = MLP([2, width, width, 1], "tanh", "sigmoid", seed=seed)
        self.descent = GradientDescent(self.model, self.X, self.y, float(s["rate"]), None, seed)
        self.train_losses = [self.descent.initial_loss]
        self.valid_losses = [self.model.loss(self.X_valid, self.y_valid)]
        self.valid_accuracy = [metrics.accuracy(self.model.predict(self.X_valid), self.y_valid)]
        self.patience = EarlyStopping(int(s["patience"]))
        self.patience.update(0, self.valid_losses[0])
        self.best_model = self.model.copy()
        self.reached_98 = None

    def step(self) -> None:
        try:
            loss = self.descent.epoch()
        except Diverged as error:
            self.stop("diverged", step=error.step, rate=self.settings["rate"])
            return
        self.steps += 1
        self.train_losses.append(loss)
        predictions = self.model.predict(self.X_valid)
        valid = metrics.binary_cross_entropy(predictions, self.y_valid)
        self.valid_losses.append(valid)
        self.valid_accuracy.append(metrics.accuracy(predictions, self.y_valid))
        before = self.patience.best_step
        self.patience.update(self.steps, valid)
        if self.patience.stopped_at is None and self.patience.best_step != before:
            self.best_model = self.model.copy()
        if self.reached_98 is None and metrics.accuracy(self.model.predict(self.X), self.y) >= TARGET:
            self.reached_98 = self.steps

    def _rules(self):
        return [
            (self.TEXT["rule15"], FIXED_ROUNDS if self.steps >= FIXED_ROUNDS else None, svg.GREEN),
            (self.TEXT["rule98"], self.reached_98, svg.PURPLE),
            (self.TEXT["patience"], self.patience.stopped_at, svg.INK),
        ]

    def describe(self, lang: str) -> str:
        rules = []
        for name, epoch, _ in self._rules():
            if epoch is None:
                rules.append(self.t("rule_never", lang, rule=name[lang]))
            else:
                rules.append(self.t("rule_line", lang, rule=name[lang], e=epoch,
                                    acc=textformat.percent(self.valid_accuracy[epoch], lang, 0)))
        return self.t(
            "describe", lang, params=textformat.number(self.model.parameter_count(), lang, 0), n=len(self.y),
            noise=textformat.percent(int(self.settings["label_noise"]) / 100, lang, 0), epochs=self.units(self.steps, lang),
            train_acc=textformat.percent(metrics.accuracy(self.model.predict(self.X), self.y), lang, 0),
            valid_acc=textformat.percent(self.valid_accuracy[-1], lang, 0), best=self.patience.best_step,
            rules=" ; ".join(rules) + "." if lang == "fr" else "; ".join(rules) + ".",
        )

    def render(self, lang: str, uid: str = "stop") -> str:
        fig = svg.Figure(self.t("title", lang))
        rules = self._rules()
        canvas = svg.Canvas(330, 250, self.t("loss", lang), f"{uid}-loss")
        axes = svg.Axes(canvas, (0, 0, 330, 250), (0, max(self.steps, 100)),
                        (0, max(1.0, min(max(self.valid_losses) * 1.05, 4.0))),
                        x_title=self.t("epochs", lang), x_format=lambda v: svg.fmt(v, lang, 0),
                        y_format=lambda v: svg.fmt(v, lang, 1))
        axes.steps_line(self.train_losses, svg.BLUE)
        axes.steps_line(self.valid_losses, svg.VERMILLION, "6 3")
        for _, epoch, colour in rules:
            if epoch is not None:
                axes.vline(epoch, colour)
        axes.finish()
        fig.panel(canvas.render(), caption=self.t("loss", lang))
        points = svg.grid(GRID, -svg.EXTENT, svg.EXTENT)
        colours, shapes = svg.CLASS_COLOURS, svg.SHAPES
        stopped = self.patience.stopped_at or self.steps
        for k, (model, caption) in enumerate((
            (self.best_model if self.patience.stopped_at else self.model,
             self.t("early", lang, e=svg.fmt(self.patience.best_step if self.patience.stopped_at else stopped, lang, 0))),
            (self.model, self.t("late", lang, e=svg.fmt(self.steps, lang, 0))),
        )):
            image = svg.png_data_uri(svg.binary_colours(model.predict(points), GRID))
            fig.panel(svg.plane_panel(f"{uid}-map{k}", caption, 200, image,
                                      [(self.X, self.y, colours, shapes, False),
                                       (self.X_valid[:60], self.y_valid[:60], colours, shapes, True)],
                                      self.TEXT["axes"][lang], marker_size=3.0), caption=caption)
        cat, muffin, filled, hollow = self.TEXT["legend_items"][lang]
        fig.legend(svg.LegendItem(self.t("train", lang), svg.BLUE),
                   svg.LegendItem(self.t("valid", lang), svg.VERMILLION, dash="6 3"),
                   *[svg.LegendItem(name[lang], colour, "vline") for name, _, colour in rules],
                   svg.LegendItem(cat, colours[0], "marker", shape=shapes[0]),
                   svg.LegendItem(muffin, colours[1], "marker", shape=shapes[1]),
                   svg.LegendItem(filled, svg.GREY, "marker"),
                   svg.LegendItem(hollow, svg.GREY, "marker", hollow=True))
        lines = []
        for name, epoch, _ in rules:
            if epoch is None:
                lines.append(self.t("rule_never", lang, rule=name[lang]))
            else:
                lines.append(self.t("rule_line", lang, rule=name[lang], e=svg.fmt(epoch, lang, 0),
                                    acc=svg.percent(self.valid_accuracy[epoch], lang)))
        fig.note(f"<strong>{svg.esc(self.t('rules_title', lang))}</strong> " + svg.esc(" · ".join(lines)), html=True)
        return fig.render()
