"""The function as a factory: parts go in, a product comes out.

Chapter "La fonction comme une usine / The function as a factory".
The factory's *manual* is the set of rules written inside the function.
A reader can use the factory without reading the manual, but an input the
manual never planned for has no sensible answer.
"""


def factory(wheels: int, engine_hp: int, budget_eur: int) -> str:
    """Input (parts) -> processing (the manual's rules) -> output (a vehicle)."""
    if wheels == 3 and engine_hp < 50:
        return "three-wheeler (a Reliant Robin)"
    if wheels == 4 and engine_hp <= 90:
        return "city car"
    if wheels == 4 and engine_hp > 250 and budget_eur >= 80_000:
        return "sports car"
    if wheels == 4:
        return "family car"
    # Three wheels and a V8: the manual has no rule for this.
    return "??? (no rule in the manual)"


orders = [
    (3, 40, 8_000),
    (4, 70, 15_000),
    (4, 130, 30_000),
    (4, 300, 120_000),
    (3, 450, 60_000),
]
for wheels, engine_hp, budget_eur in orders:
    print(f"f(wheels={wheels}, hp={engine_hp:>3}, budget={budget_eur:>7}) -> "
          f"{factory(wheels, engine_hp, budget_eur)}")
