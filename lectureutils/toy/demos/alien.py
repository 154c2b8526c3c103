"""The alien's notebook: price = a × muffins, learned one receipt at a time from a random guess.

Each step is the loop of the chapter: predict with the current a, compare with the price really
paid, adjust a a little (a ← a − rate × error × muffins).
Used in: docs/modele.*.md.
"""

from __future__ import annotations

import math

import numpy as np

from ... import textformat
from .. import svg
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
        "header": {"fr": "n   payé   prédit   erreur   nouveau a", "en": "n   paid   predicted   error   new a"},
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
        fig = svg.Figure(800, 430, self.t("title", lang), self.describe(lang), uid)
        money = lambda v: textformat.number(v, lang, 2)  # noqa: E731
        # Left: the receipts and the current line.
        x0, y0, w, h = 60, 40, 300, 260
        fig.text(x0, 24, self.t("receipts", lang), size=12, weight="bold")
        fig.add(f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="#fafafa" stroke="#888"/>')
        top = UNIT_PRICE * MAX_COUNT * 1.25
        px = lambda n: x0 + w * n / MAX_COUNT  # noqa: E731
        py = lambda p: y0 + h - h * min(max(p, 0), top) / top  # noqa: E731
        for k in range(0, 5):
            value = top * k / 4
            fig.add(f'<line x1="{x0}" y1="{py(value):.1f}" x2="{x0 + w}" y2="{py(value):.1f}" stroke="{svg.GRID}" stroke-width="0.6"/>')
            fig.text(x0 - 4, py(value) + 4, textformat.number(value, lang, 0), size=10, anchor="end", colour="#555")
        for n in (0, 3, 6, 9, 12):
            fig.text(px(n), y0 + h + 13, str(n), size=10, anchor="middle", colour="#555")
        fig.text(x0 + w / 2, y0 + h + 27, self.t("muffins", lang), size=11, anchor="middle", colour="#555")
        fig.text(x0 - 44, y0 + h / 2, self.t("price", lang), size=11, anchor="middle", colour="#555",
                 extra=f' transform="rotate(-90 {x0 - 44} {y0 + h / 2})"')
        for n, paid, *_ in self.log[-60:]:
            fig.add(svg.marker("circle", px(n), py(paid), 3.2, svg.ORANGE))
        a = self.a if math.isfinite(self.a) else 0.0
        end_n = MAX_COUNT if a * MAX_COUNT <= top else top / max(a, 1e-9)
        if a >= 0:
            fig.add(f'<line x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(end_n):.1f}" y2="{py(a * end_n):.1f}" stroke="{svg.BLUE}" stroke-width="2.5"/>')
        fig.text(x0 + 8, y0 + 16, self.t("rule", lang, a=money(a)), size=12, colour=svg.BLUE, weight="bold")
        if self.log:
            n, paid, predicted, error, _ = self.log[-1]
            fig.add(f'<line x1="{px(n):.1f}" y1="{py(paid):.1f}" x2="{px(n):.1f}" y2="{py(predicted):.1f}" stroke="{svg.VERMILLION}" stroke-width="2" stroke-dasharray="3 2"/>')
            fig.add(svg.marker("circle", px(n), py(paid), 5, svg.VERMILLION))
        # Right: a and the error over time.
        steps_axis = max(self.steps, self.STATIC_STEPS)
        svg.line_chart(fig, 460, 40, 300, 110,
                       [(self.a_history, svg.BLUE, "", self.t("a_line", lang)),
                        ([UNIT_PRICE] * len(self.a_history), "#555555", "4 3", self.t("truth", lang))],
                       lang, y_label=self.t("param", lang), x_max=steps_axis,
                       y_max=max(6.0, min(max(self.a_history) * 1.1, 50)))
        svg.line_chart(fig, 460, 190, 300, 110,
                       [([abs(e) for e in self.errors], svg.VERMILLION, "", None)],
                       lang, y_label=self.t("error", lang), x_label=self.t("steps", lang),
                       x_max=steps_axis, y_max=max(5.0, min(max([abs(e) for e in self.errors] or [1]) * 1.1, 80)))
        # The notebook's last lines.
        fig.text(60, 370, self.t("notebook", lang), size=12, weight="bold")
        fig.text(140, 370, self.t("header", lang), size=11, colour="#555", extra=' xml:space="preserve"')
        for row, (n, paid, predicted, error, new_a) in enumerate(self.log[-3:]):
            line = f"{n:>2}   {money(paid):>6}   {money(predicted):>6}   {money(error):>6}   {textformat.number(new_a, lang, 3)}"
            fig.text(140, 386 + 15 * row, line, size=11, extra=' font-family="ui-monospace, monospace" xml:space="preserve"')
        return fig.render()
