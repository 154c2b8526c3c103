"""Builder robot vs dial-adjusting robot on cats vs muffins.

Left, the talk's story: a class of students with random wiring sits an exam; the builder keeps
the best and fills the class with mutated copies (evolution). Right, how networks are really
trained: one student whose dials are turned by gradient descent after each batch of photos.
Both students have the same shape (2 features → 4 hidden neurons → cat or muffin).
Used in: docs/entrainement.*.md.
"""

from __future__ import annotations

from ... import charts as svg
from ... import textformat
from .. import datasets, metrics
from ..mlp import MLP
from ..trainers import Diverged, Evolution, GradientDescent
from .base import Demo, checkbox, numbers, option, select

SHAPE = [2, 4, 1]
N_POINTS = 200
GRID = 40
TARGET = 0.98
MAX_GENERATIONS = 15

SETTINGS = [
    select("population", {"fr": "Élèves par classe", "en": "Students per class"}, numbers([10, 20, 50, 100]), 50),
    select("mutation", {"fr": "Force des mutations", "en": "Mutation strength"},
           numbers(["0.05", "0.1", "0.3", "0.6", "1"]), "0.3"),
    select("batch", {"fr": "Taille de lot (descente de gradient)", "en": "Batch size (gradient descent)"},
           numbers([1, 8, 32]) + [option("all", {"fr": "toutes les photos", "en": "all the photos"})], 8),
    select("rate", {"fr": "Taux d'apprentissage", "en": "Learning rate"},
           numbers(["0.01", "0.03", "0.1", "0.3", "1", "3", "30"]), "1"),
    checkbox("stop98", {"fr": "S'arrêter quand un élève réussit 98\u202f% de l'examen",
                        "en": "Stop when a student passes 98% of the exam"}, True),
    checkbox("stop15", {"fr": "S'arrêter après 15 générations", "en": "Stop after 15 generations"}, True),
    select("seed", {"fr": "Tirage", "en": "Random draw"}, numbers(range(1, 10)), 1),
]


class Robots(Demo):
    name = "robots"
    SETTINGS = SETTINGS
    MAX_STEPS = 300
    STATIC_STEPS = MAX_GENERATIONS
    UNIT = {"fr": ("génération", "générations"), "en": ("generation", "generations")}
    TEXT = {
        "title": {"fr": "Robot bâtisseur contre robot qui règle les boutons : chats ou muffins ?",
                  "en": "Builder robot versus dial-adjusting robot: cat or muffin?"},
        "evolution": {"fr": "Évolution : meilleur élève", "en": "Evolution: best student"},
        "descent": {"fr": "Descente de gradient : l'élève unique", "en": "Gradient descent: the one student"},
        "pass": {"fr": "Réussite à l'examen", "en": "Exam pass rate"},
        "best": {"fr": "évolution, meilleur", "en": "evolution, best"},
        "mean": {"fr": "évolution, moyenne de la classe", "en": "evolution, class average"},
        "gd": {"fr": "descente de gradient", "en": "gradient descent"},
        "rounds": {"fr": "générations (évolution) = époques (descente)", "en": "generations (evolution) = epochs (descent)"},
        "axes": {"fr": ("pointu", "rond"), "en": ("pointy", "round")},
        "classes": {"fr": ("chat (orange)", "muffin (bleu)"), "en": ("cat (orange)", "muffin (blue)")},
        "x_axis": {"fr": "générations = époques", "en": "generations = epochs"},
        "evo_line": {"fr": "Génération {g} : {best} pour le meilleur, {mean} en moyenne ({pop} élèves testés)",
                     "en": "Generation {g}: {best} for the best, {mean} on average ({pop} students tested)"},
        "gd_line": {"fr": "Époque {e} : {acc} de réussite, perte {loss}, {updates} réglages des boutons",
                    "en": "Epoch {e}: {acc} passed, loss {loss}, {updates} turns of the dials"},
        "stop98": {"fr": "Arrêt ({step}) : un élève réussit au moins 98\u202f% de l'examen, la règle de l'exposé.",
                   "en": "Stopped ({step}): a student passes at least 98% of the exam, the talk's rule."},
        "stop15": {"fr": "Arrêt : 15 générations, la seconde règle de l'exposé.",
                   "en": "Stopped: 15 generations, the talk's second rule."},
        "describe": {
            "fr": ("Chats et muffins décrits par deux caractéristiques (pointu, rond). Après {g}, le "
                   "meilleur élève du robot bâtisseur réussit {best} de l'examen (moyenne de la classe : "
                   "{mean}). Avec le même nombre d'époques, l'élève unique entraîné par descente de "
                   "gradient réussit {gd} ({updates} réglages). Les deux cartes montrent la frontière "
                   "chat/muffin de chacun."),
            "en": ("Cats and muffins described by two features (pointy, round). After {g}, the builder "
                   "robot's best student passes {best} of the exam (class average: {mean}). With as "
                   "many epochs, the single student trained by gradient descent passes {gd} ({updates} "
                   "turns of the dials). Both maps show each one's cat/muffin boundary."),
        },
    }

    def __init__(self, settings=None):
        super().__init__(settings)
        s = self.settings
        seed = int(s["seed"])
        X, y = datasets.cats_muffins(N_POINTS, noise=0.05, seed=seed)
        self.X, self.y, self.X_test, self.y_test = datasets.split(X, y, 0.5)
        self.evolution = Evolution(
            lambda rng: MLP(SHAPE, "tanh", "sigmoid", rng=rng), self.X, self.y,
            population=int(s["population"]), keep=max(1, int(s["population"]) // 10),
            mutation=float(s["mutation"]), seed=seed,
        )
        self.student = MLP(SHAPE, "tanh", "sigmoid", seed=seed + 100)
        batch = None if s["batch"] == "all" else int(s["batch"])
        self.descent = GradientDescent(self.student, self.X, self.y, float(s["rate"]), batch, seed)
        self.gd_history = [metrics.pass_rate(self.student.predict(self.X), self.y)]
        self.gd_stopped = None

    def step(self) -> None:
        best = self.evolution.generation()
        if self.gd_stopped is None:
            try:
                self.descent.epoch()
                self.gd_history.append(metrics.pass_rate(self.student.predict(self.X), self.y))
            except Diverged as error:
                self.gd_stopped = error.step
        self.steps += 1
        if self.gd_stopped is not None:
            self.stop("diverged", step=self.gd_stopped, rate=self.settings["rate"])
        elif self.settings["stop98"] and best >= TARGET:
            self.stop("stop98", step=self.steps)
        elif self.settings["stop15"] and self.steps >= MAX_GENERATIONS:
            self.stop("stop15")

    def _numbers(self, lang):
        return dict(
            best=textformat.percent(self.evolution.best_history[-1], lang, 0),
            mean=textformat.percent(self.evolution.mean_history[-1], lang, 0),
            gd=textformat.percent(self.gd_history[-1], lang, 0),
            updates=textformat.number(self.descent.updates, lang, 0),
        )

    def values(self) -> dict:
        """Why equal rounds are not equal work: a generation examines the whole class, an epoch
        turns the dials once per batch."""
        population = len(self.evolution.students)
        return {
            "generations": self.steps,
            "best": self.evolution.best_history[-1],
            "mean": self.evolution.mean_history[-1],
            "descent": self.gd_history[-1],
            "population": population,
            "exams": population * self.evolution.generations,
            "updates": self.descent.updates,
            "batch": len(self.y) if self.settings["batch"] == "all" else int(self.settings["batch"]),
            "photos": len(self.y),
            "parameters": self.student.parameter_count(),
        }

    def describe(self, lang: str) -> str:
        return self.t("describe", lang, g=self.units(self.steps, lang), **self._numbers(lang))

    def render(self, lang: str, uid: str = "robots") -> str:
        fig = svg.Figure(self.t("title", lang))
        points = svg.grid(GRID, -svg.EXTENT, svg.EXTENT)
        colours, shapes = svg.CLASS_COLOURS, svg.SHAPES
        for k, (model, key) in enumerate(((self.evolution.best, "evolution"), (self.student, "descent"))):
            image = svg.png_data_uri(svg.binary_colours(model.predict(points), GRID))
            fig.panel(svg.plane_panel(f"{uid}-map{k}", self.t(key, lang), 220, image,
                                      [(self.X, self.y, colours, shapes, False)],
                                      self.TEXT["axes"][lang], marker_size=2.8), caption=self.t(key, lang))
        canvas = svg.Canvas(320, 240, self.t("pass", lang), f"{uid}-curve")
        axes = svg.Axes(canvas, (0, 0, 320, 240), (0, max(self.steps, MAX_GENERATIONS)), (0.4, 1.0),
                        x_title=self.t("x_axis", lang), x_format=lambda v: svg.fmt(v, lang, 0),
                        y_format=lambda v: svg.percent(v, lang), y_ticks=(0.4, 0.6, 0.8, 1.0))
        axes.steps_line(self.evolution.best_history, svg.BLUE)
        axes.steps_line(self.evolution.mean_history, svg.SKY, "2 2")
        axes.steps_line(self.gd_history, svg.VERMILLION, "6 3")
        axes.finish()
        fig.panel(canvas.render(), caption=self.t("pass", lang))
        cat, muffin = self.TEXT["classes"][lang]
        fig.legend(svg.LegendItem(cat, colours[0], "marker", shape=shapes[0]),
                   svg.LegendItem(muffin, colours[1], "marker", shape=shapes[1]),
                   svg.LegendItem(self.t("best", lang), svg.BLUE),
                   svg.LegendItem(self.t("mean", lang), svg.SKY, dash="2 2"),
                   svg.LegendItem(self.t("gd", lang), svg.VERMILLION, dash="6 3"))
        n = self._numbers(lang)
        fig.note(self.t("rounds", lang))
        fig.note(self.t("evo_line", lang, g=svg.fmt(self.steps, lang, 0), best=n["best"], mean=n["mean"],
                        pop=svg.fmt(len(self.evolution.students), lang, 0)))
        fig.note(self.t("gd_line", lang, e=svg.fmt(self.descent.epochs, lang, 0), acc=n["gd"],
                        loss=svg.fmt(self.descent.history[-1] if self.descent.history else self.descent.initial_loss, lang, 3),
                        updates=n["updates"]))
        return fig.render()
