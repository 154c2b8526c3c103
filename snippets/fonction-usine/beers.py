"""
en: Three beers at 6 euros: the smallest model there is.
fr: Trois bières à 6 euros : le plus petit modèle qui soit.

Chapter "La fonction comme une usine / The function as a factory".
en: Input x (how many beers), processing f (times the unit price), output y
en: (what you pay). The same multiplication, written with numpy as a matrix
en: product, is the operation a language model repeats billions of times.
fr: Entrée x (le nombre de bières), traitement f (fois le prix unitaire), sortie y
fr: (ce que l'on paie). La même multiplication, écrite avec numpy comme un produit
fr: de matrices, est l'opération qu'un modèle de langage répète des milliards de fois.
"""

import os

import numpy as np

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"line": "x = {x} beer(s)  ->  y = f(x) = {y:.2f} EUR", "matrix": "matrix form: W @ x ="},
    "fr": {"line": "x = {x} bière(s)  ->  y = f(x) = {y:.2f} EUR", "matrix": "forme matricielle : W @ x ="},
}[LANG]
UNIT_PRICE_EUR = 6.0


def f(x):
    """
    en: The model: y = 6 * x. Its one parameter is the unit price.
    fr: Le modèle : y = 6 * x. Son unique paramètre est le prix unitaire.
    """
    return UNIT_PRICE_EUR * x


for x in [1, 2, 3]:
    line = TEXT["line"].format(x=x, y=f(x))
    print(line.replace(".", ",") if LANG == "fr" else line)

# en: A 1 x 1 "layer".
# fr: Une « couche » de 1 x 1.
weights = np.array([[UNIT_PRICE_EUR]])
inputs = np.array([3.0])
print(TEXT["matrix"], weights @ inputs)
