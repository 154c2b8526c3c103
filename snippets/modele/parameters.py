"""
en: Same model, different parameters: one factory, several manuals.
fr: Même modèle, autres paramètres : une seule usine, plusieurs manuels.

en: The model (the factory) is fixed: price = a * n + b
en:     n : how many items you buy (the input)
en:     a : price of one item      (a parameter)
en:     b : fixed fee              (a parameter)
en: Changing the parameters (the manual) changes what the factory produces,
en: without touching the model itself.
fr: Le modèle (l'usine) est fixé : prix = a * n + b
fr:     n : le nombre d'articles achetés (l'entrée)
fr:     a : le prix d'un article         (un paramètre)
fr:     b : des frais fixes              (un paramètre)
fr: Changer les paramètres (le manuel) change ce que produit l'usine,
fr: sans toucher au modèle lui-même.

Used in: docs/modele.fr.md, docs/modele.en.md
Run: python snippets/modele/parameters.py
"""
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
    "en": {"names": {"beer_bar": "beer_bar", "bakery_A": "bakery_A", "bakery_B": "bakery_B"},
           "talk": "beer_bar, n=3 ->"},
    "fr": {"names": {"beer_bar": "bar", "bakery_A": "boulang_A", "bakery_B": "boulang_B"},
           "talk": "bar, n=3 ->"},
}[LANG]


def number(value: float, digits: int, width: int = 0) -> str:
    shown = f"{value:{width}.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown

def price(n, a, b):
    """
    en: The model: a straight line. Its form never changes.
    fr: Le modèle : une droite. Sa forme ne change jamais.
    """
    return a * n + b


# en: Three "manuals" for the same factory: 6 per beer, no fee; 2.5 per muffin + 1 delivery;
# en: cheaper muffins, bigger fee.
# fr: Trois « manuels » pour la même usine : 6 la bière, sans frais ; 2,5 le muffin + 1 de
# fr: livraison ; des muffins moins chers, des frais plus élevés.
manuals = {
    "beer_bar": {"a": 6.0, "b": 0.0},
    "bakery_A": {"a": 2.5, "b": 1.0},
    "bakery_B": {"a": 2.0, "b": 3.0},
}
names = TEXT["names"]

for name, p in manuals.items():
    print(f"{names[name]:9s} a={number(p['a'], 1)} b={number(p['b'], 1)}")
print()

# en: Same inputs, same model, different parameters -> different outputs.
# fr: Mêmes entrées, même modèle, autres paramètres -> autres sorties.
header = "n  " + "  ".join(f"{names[name]:>9s}" for name in manuals)
print(header)
for n in range(0, 7):
    row = "  ".join(number(price(n, **p), 2, 9) for p in manuals.values())
    print(f"{n}  {row}")

# en: The three beers of the talk: 3 * 6 = 18.
# fr: Les trois bières de l'exposé : 3 * 6 = 18.
print()
print(TEXT["talk"], number(price(3, **manuals["beer_bar"]), 1))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(prices={name: [price(n, **p) for n in range(0, 7)] for name, p in manuals.items()})
