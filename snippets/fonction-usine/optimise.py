"""Optimisation: search the inputs that give the best output under constraints.

Chapter "La fonction comme une usine / The function as a factory".
The factory (the function) is known; we try every order that fits the
budget and keep the one with the best quality score. Machine learning does
the same search, over the model's parameters instead of its inputs.
"""

import itertools

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

BUDGET_EUR = 25_000
ENGINE_PRICE_EUR_PER_HP = 120
WHEEL_PRICE_EUR = 500
BODY_PRICE_EUR = 6_000


def cost(wheels: int, engine_hp: int) -> int:
    return BODY_PRICE_EUR + wheels * WHEEL_PRICE_EUR + engine_hp * ENGINE_PRICE_EUR_PER_HP


def quality(wheels: int, engine_hp: int) -> float:
    """A made-up score: four wheels are stable, power helps but with diminishing returns."""
    stability = {3: 0.5, 4: 1.0, 5: 0.8, 6: 0.7}[wheels]
    return round(stability * (engine_hp ** 0.5), 3)


candidates = [
    (wheels, engine_hp)
    for wheels, engine_hp in itertools.product([3, 4, 5, 6], range(40, 301, 10))
    if cost(wheels, engine_hp) <= BUDGET_EUR
]
best = max(candidates, key=lambda order: quality(*order))
print(f"orders within budget : {len(candidates)}")
print(f"best order           : wheels={best[0]}, hp={best[1]}")
print(f"its cost (EUR)       : {cost(*best)}")
print(f"its quality score    : {quality(*best)}")

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(budget=BUDGET_EUR, best_wheels=best[0], best_hp=best[1], best_cost=cost(*best))
