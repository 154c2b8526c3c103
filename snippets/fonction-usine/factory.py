"""
en: The function as a factory: parts go in, a product comes out.
fr: La fonction comme une usine : des pièces entrent, un produit sort.

Chapter "La fonction comme une usine / The function as a factory".
en: The factory's *manual* is the set of rules written inside the function.
en: A reader can use the factory without reading the manual, but an input the
en: manual never planned for has no sensible answer.
fr: Le *mode d'emploi* de l'usine, ce sont les règles écrites dans la fonction.
fr: On peut se servir de l'usine sans le lire, mais une entrée que le mode
fr: d'emploi n'a pas prévue n'a pas de réponse sensée.
"""

import os

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
VEHICLES = {
    "en": {"trike": "three-wheeler (a Reliant Robin)", "city": "city car", "sports": "sports car",
           "family": "family car", "none": "??? (no rule in the manual)",
           "line": "f(wheels={w}, hp={hp:>3}, budget={b:>7}) -> {vehicle}"},
    "fr": {"trike": "trois-roues (une Reliant Robin)", "city": "citadine", "sports": "voiture de sport",
           "family": "voiture familiale", "none": "??? (aucune règle dans le mode d'emploi)",
           "line": "f(roues={w}, ch={hp:>3}, budget={b:>7}) -> {vehicle}"},
}[LANG]


def factory(wheels: int, engine_hp: int, budget_eur: int) -> str:
    """
    en: Input (parts) -> processing (the manual's rules) -> output (a vehicle).
    fr: Entrée (les pièces) -> traitement (les règles du mode d'emploi) -> sortie (un véhicule).
    """
    if wheels == 3 and engine_hp < 50:
        return VEHICLES["trike"]
    if wheels == 4 and engine_hp <= 90:
        return VEHICLES["city"]
    if wheels == 4 and engine_hp > 250 and budget_eur >= 80_000:
        return VEHICLES["sports"]
    if wheels == 4:
        return VEHICLES["family"]
    # en: Three wheels and a V8: the manual has no rule for this.
    # fr: Trois roues et un V8 : le mode d'emploi n'a pas de règle pour ce cas.
    return VEHICLES["none"]


orders = [
    (3, 40, 8_000),
    (4, 70, 15_000),
    (4, 130, 30_000),
    (4, 300, 120_000),
    (3, 450, 60_000),
]
for wheels, engine_hp, budget_eur in orders:
    print(VEHICLES["line"].format(w=wheels, hp=engine_hp, b=budget_eur,
                                  vehicle=factory(wheels, engine_hp, budget_eur)))
