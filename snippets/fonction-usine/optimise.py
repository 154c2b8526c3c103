"""
en: Optimisation: search the inputs that give the best output under constraints.
fr: Optimiser : chercher les entrées qui donnent la meilleure sortie, sous contraintes.

Chapter "La fonction comme une usine / The function as a factory".
en: The factory (the function) is known; we try every order that fits the
en: budget and keep the one with the best quality score. Machine learning does
en: the same search, over the model's parameters instead of its inputs.
fr: L'usine (la fonction) est connue ; on essaie toutes les commandes qui tiennent
fr: dans le budget et l'on garde celle qui a le meilleur score de qualité.
fr: L'apprentissage automatique fait la même recherche, sur les paramètres du
fr: modèle au lieu de ses entrées.
"""

import itertools
import os

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": ("orders within budget : {n}", "best order           : wheels={w}, hp={hp}",
           "its cost (EUR)       : {cost}", "its quality score    : {score}"),
    "fr": ("commandes dans le budget : {n}", "meilleure commande       : roues={w}, ch={hp}",
           "son coût (EUR)           : {cost}", "son score de qualité     : {score}"),
}[LANG]
BUDGET_EUR = 25_000
ENGINE_PRICE_EUR_PER_HP = 120
WHEEL_PRICE_EUR = 500
BODY_PRICE_EUR = 6_000


def cost(wheels: int, engine_hp: int) -> int:
    return BODY_PRICE_EUR + wheels * WHEEL_PRICE_EUR + engine_hp * ENGINE_PRICE_EUR_PER_HP


def quality(wheels: int, engine_hp: int) -> float:
    """
    en: A made-up score: four wheels are stable, power helps but with diminishing returns.
    fr: Un score inventé : quatre roues sont stables, la puissance aide, de moins en moins.
    """
    stability = {3: 0.5, 4: 1.0, 5: 0.8, 6: 0.7}[wheels]
    return round(stability * (engine_hp ** 0.5), 3)


candidates = [
    (wheels, engine_hp)
    for wheels, engine_hp in itertools.product([3, 4, 5, 6], range(40, 301, 10))
    if cost(wheels, engine_hp) <= BUDGET_EUR
]
best = max(candidates, key=lambda order: quality(*order))
score = quality(*best)
print(TEXT[0].format(n=len(candidates)))
print(TEXT[1].format(w=best[0], hp=best[1]))
print(TEXT[2].format(cost=cost(*best)))
print(TEXT[3].format(score=str(score).replace(".", ",") if LANG == "fr" else score))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (à la main, cette ligne ne fait rien).
glue(budget=BUDGET_EUR, best_wheels=best[0], best_hp=best[1], best_cost=cost(*best))
