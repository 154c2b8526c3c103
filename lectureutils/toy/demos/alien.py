"""The alien's notebook: price = a × muffins, learned one receipt at a time from a random guess.

Each step is the loop of the chapter: predict with the current a, compare with the price really
paid, adjust a a little (a ← a − rate × error × muffins).
Used in: docs/modele.*.md.
"""

from __future__ import annotations

import math

import numpy as np

from ... import charts as svg
from ... import textformat
from .base import Demo, numbers, option, select

UNIT_PRICE = 2.5  # the bakery's secret rule, unknown to the alien
MAX_COUNT = 12

SETTINGS = [
    select("rate", {"fr": "Taux d'apprentissage", "en": "Learning rate"},
           numbers(["0.0005", "0.001", "0.002", "0.005", "0.01", "0.02", "0.05"]), "0.005"),
    select("noise", {"fr": "Bruit des tickets", "en": "Noise on receipts"},
           [option(v, {lang: textformat.percent(v / 100, lang, 0) for lang in textformat.LANGS}) for v in (0, 5, 10, 20, 40)], 10),
    select("guess", {"fr": "Première hypothèse pour a", "en": "First guess for a"},
           [option(v, {lang: textformat.money(float(v), lang, 0 if float(v).is_integer() else 1)
                       for lang in textformat.LANGS}) for v in ("0", "0.5", "1", "4", "6")], "1"),
    select("seed", {"fr": "Tirage des tickets", "en": "Random draw"}, numbers(range(1, 10)), 1),
]


class AlienNotebook(Demo):
    name = "alien-notebook"
    SETTINGS = SETTINGS
    MAX_STEPS = 500
    STATIC_STEPS = 40
    UNIT = {"fr": ("ticket", "tickets"), "en": ("receipt", "receipts")}
    TEXT = {
        "title": {"fr": "Le carnet de l'alien : apprendre le prix d'un muffin, ticket après ticket",
                  "en": "The alien's notebook: learning the price of a muffin, receipt after receipt"},
        "receipts": {"fr": "Tickets observés et règle actuelle", "en": "Receipts seen and current rule"},
        "muffins": {"fr": "muffins", "en": "muffins"},
        "price": {"fr": "prix payé (€)", "en": "price paid (€)"},
        "rule": {"fr": "prix = {a} × muffins", "en": "price = {a} × muffins"},
        "param": {"fr": "Paramètre a", "en": "Parameter a"},
        "error": {"fr": "Taille de l'erreur (€)", "en": "Size of the error (€)"},
        "truth": {"fr": "vrai prix (caché)", "en": "true price (hidden)"},
        "steps": {"fr": "tickets lus", "en": "receipts read"},
        "a_line": {"fr": "a", "en": "a"},
        "notebook": {"fr": "Le carnet", "en": "The notebook"},
        "columns": {"fr": ("n", "payé", "prédit", "erreur", "nouveau a"), "en": ("n", "paid", "predicted", "error", "new a")},
        "receipt_item": {"fr": "un ticket (muffins, prix payé)", "en": "a receipt (muffins, price paid)"},
        "describe": {
            "fr": ("Après {steps}, l'alien estime a = {a} € par muffin (il était parti de {start} €). "
                   "Dernier ticket : {n} muffins payés {paid} €, il avait prédit {predicted} €, soit une "
                   "erreur de {error} €. L'erreur moyenne sur les dix derniers tickets est de {recent} €."),
            "en": ("After {steps}, the alien estimates a = €{a} per muffin (it started from €{start}). "
                   "Last receipt: {n} muffins paid €{paid}; it had predicted €{predicted}, an error of "
                   "€{error}. The mean error over the last ten receipts is €{recent}."),
        },
        "describe_start": {
            "fr": "L'alien n'a encore lu aucun ticket ; sa première hypothèse est a = {start} € par muffin.",
            "en": "The alien has not read any receipt yet; its first guess is a = €{start} per muffin.",
        },
        "diverged": {
            "fr": ("Arrêt ({step}) : les corrections de l'alien sont devenues de plus en plus grandes. "
                   "Avec un taux de {rate}, une grosse commande le fait sauter bien au-delà du bon prix, "
                   "puis encore plus loin dans l'autre sens. Choisissez un taux plus petit."),
            "en": ("Stopped ({step}): the alien's corrections kept growing. With a rate of {rate}, a big "
                   "order makes it jump far past the right price, then further still the other way. "
                   "Pick a smaller rate."),
        },
    }

    def __init__(self, settings=None):
        super().__init__(settings)
        s = self.settings
        self.rng = np.random.default_rng(int(s["seed"]))
        self.rate = float(s["rate"])
        self.noise = int(s["noise"]) / 100
        self.a = float(s["guess"])
        self.start = self.a
        self.a_history = [self.a]
        self.errors: list[float] = []
        self.log: list[tuple[int, float, float, float, float]] = []

    def step(self) -> None:
        n = int(self.rng.integers(1, MAX_COUNT + 1))
        paid = round(UNIT_PRICE * n + self.rng.normal(0.0, self.noise * UNIT_PRICE) * math.sqrt(n), 2)
        predicted = self.a * n                      # 1. predict
        error = predicted - paid                    # 2. compare
        self.a = self.a - self.rate * error * n     # 3. adjust
        self.steps += 1
        self.errors.append(error)
        self.a_history.append(self.a)
        self.log.append((n, paid, predicted, error, self.a))
        if not math.isfinite(self.a) or abs(self.a) > 1e4:
            self.stop("diverged", step=self.steps, rate=self.settings["rate"])

    def describe(self, lang: str) -> str:
        money = lambda v: textformat.number(v, lang, 2)  # noqa: E731
        if not self.log:
            return self.t("describe_start", lang, start=money(self.start))
        n, paid, predicted, error, a = self.log[-1]
        recent = float(np.mean(np.abs(self.errors[-10:])))
        return self.t("describe", lang, steps=self.units(self.steps, lang), a=money(a), start=money(self.start),
                      n=n, paid=money(paid), predicted=money(predicted), error=money(error), recent=money(recent))

    def render(self, lang: str, uid: str = "alien") -> str:
        fig = svg.Figure(self.t("title", lang))
        money = lambda v: svg.fmt(v, lang, 2)  # noqa: E731
        # The receipts and the current line.
        top = UNIT_PRICE * MAX_COUNT * 1.25
        canvas = svg.Canvas(330, 260, self.t("receipts", lang), f"{uid}-receipts")
        axes = svg.Axes(canvas, (0, 0, 330, 260), (-0.4, MAX_COUNT + 0.4), (0, top), x_title=self.t("muffins", lang),
                        y_title=self.t("price", lang), x_format=lambda v: svg.fmt(v, lang, 0),
                        y_format=lambda v: svg.fmt(v, lang, 0), x_ticks=(0, 3, 6, 9, 12))
        for n, paid, *_ in self.log[-60:]:
            axes.mark(svg.marker("circle", axes.px(n), axes.py(paid), 3.2, svg.ORANGE))
        a = self.a if math.isfinite(self.a) else 0.0
        axes.line([0, MAX_COUNT], [0, a * MAX_COUNT], svg.BLUE, width=2.5)
        if self.log:
            n, paid, predicted, error, _ = self.log[-1]
            axes.line([n, n], [paid, predicted], svg.VERMILLION, "3 2")
            axes.mark(svg.marker("circle", axes.px(n), axes.py(paid), 5, svg.VERMILLION))
        axes.finish()
        fig.panel(canvas.render(), caption=self.t("receipts", lang))
        # a and the error over time.
        steps_axis = max(self.steps, self.STATIC_STEPS)
        canvas = svg.Canvas(330, 270, self.t("param", lang), f"{uid}-history")
        axes = svg.Axes(canvas, (0, 0, 330, 130), (0, steps_axis), (0, max(6.0, min(max(self.a_history) * 1.1, 50))),
                        y_title="a", x_format=lambda v: svg.fmt(v, lang, 0), y_format=lambda v: svg.fmt(v, lang, 0))
        axes.steps_line(self.a_history, svg.BLUE)
        axes.steps_line([UNIT_PRICE] * len(self.a_history), svg.MUTED, "4 3")
        axes.finish()
        errors = [abs(e) for e in self.errors]
        axes = svg.Axes(canvas, (0, 140, 330, 130), (0, steps_axis), (0, max(5.0, min(max(errors or [1]) * 1.1, 80))),
                        x_title=self.t("steps", lang), y_title="€", x_format=lambda v: svg.fmt(v, lang, 0),
                        y_format=lambda v: svg.fmt(v, lang, 0))
        axes.steps_line(errors, svg.VERMILLION)
        axes.finish()
        fig.panel(canvas.render(), caption=f"{self.t('param', lang)} · {self.t('error', lang)}")
        fig.legend(svg.LegendItem(self.t("receipt_item", lang), svg.ORANGE, "marker"),
                   svg.LegendItem(self.t("rule", lang, a=money(a)), svg.BLUE),
                   svg.LegendItem(self.t("truth", lang), svg.MUTED, dash="4 3"),
                   svg.LegendItem(self.t("error", lang), svg.VERMILLION))
        # The notebook's last lines, as a table.
        head = "".join(f'<th scope="col">{svg.esc(h)}</th>' for h in self.TEXT["columns"][lang])
        rows = "".join(
            "<tr>" + "".join(f"<td>{svg.esc(v)}</td>" for v in (
                str(n), money(paid), money(predicted), money(error), svg.fmt(new_a, lang, 3))) + "</tr>"
            for n, paid, predicted, error, new_a in self.log[-3:])
        fig.block(f'<table class="lecture-chart__table"><caption>{svg.esc(self.t("notebook", lang))}</caption>'
                 f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        return fig.render()
