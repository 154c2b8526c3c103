"""
en: One artificial neuron, step by step: a linear part, then a non-linear part.
fr: Un neurone artificiel, pas à pas : une partie linéaire, puis une partie non linéaire.

    output = activation(w1*x1 + w2*x2 + b)

en: Inputs: two features of a photo (roundness, dark_spots), between 0 and 1.
en: Weights w1, w2 and bias b are the neuron's parameters (learned in training;
en: here they are simply given).
fr: Entrées : deux caractéristiques d'une photo (rondeur, taches sombres), entre 0 et 1.
fr: Les poids w1, w2 et le biais b sont les paramètres du neurone (appris pendant
fr: l'entraînement ; ici, ils sont simplement donnés).

Used in: docs/reseaux-neurones.fr.md, docs/reseaux-neurones.en.md
Run: python snippets/reseaux-neurones/neuron.py
"""
import math
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
    "en": {"header": "roundness dark_spots     z  sigmoid"},
    "fr": {"header": "  rondeur    taches     z  sigmoïde"},
}[LANG]


def number(value: float, digits: int, width: int = 0) -> str:
    shown = f"{value:{width}.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown


# en: A round photo with many dark spots.
# fr: Une photo ronde avec beaucoup de taches sombres.
x = [0.8, 0.7]
# en: Weights: how much each input counts. Bias: a threshold the weighted sum must beat.
# fr: Poids : combien compte chaque entrée. Biais : un seuil que la somme pondérée doit dépasser.
w = [3.0, 3.0]
b = -3.0

# en: 1. Linear part: weighted sum of the inputs, plus the bias.
# fr: 1. Partie linéaire : somme pondérée des entrées, plus le biais.
z = w[0] * x[0] + w[1] * x[1] + b
print(f"z = {number(w[0], 1)}*{number(x[0], 1)} + {number(w[1], 1)}*{number(x[1], 1)}"
      f" + ({number(b, 1)}) = {number(z, 2)}")

# en: 2. Non-linear part: the activation function.
# fr: 2. Partie non linéaire : la fonction d'activation.
step = 1.0 if z > 0 else 0.0
sigmoid = 1 / (1 + math.exp(-z))
relu = max(0.0, z)
print(f"step(z)    = {number(step, 2)}")
print(f"sigmoid(z) = {number(sigmoid, 2)}")
print(f"relu(z)    = {number(relu, 2)}")

# en: The same neuron on a few other photos (sigmoid output: 1 = muffin, 0 = cat).
# fr: Le même neurone sur quelques autres photos (sortie sigmoïde : 1 = muffin, 0 = chat).
print()
print(TEXT["header"])
for x1, x2 in [(0.8, 0.7), (0.3, 0.2), (0.5, 0.5), (0.9, 0.1)]:
    z = w[0] * x1 + w[1] * x2 + b
    print(f"{number(x1, 1, 9)} {number(x2, 1, 10)} {number(z, 2, 5)} {number(1 / (1 + math.exp(-z)), 2, 8)}")

# en: The page's text quotes these numbers, those of the photo (0.8, 0.7) at the top
# en: (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres, ceux de la photo (0,8 ; 0,7) du début
# fr: (exécuté à la main, cet appel ne fait rien).
glue(z=w[0] * x[0] + w[1] * x[1] + b, sigmoid=sigmoid)
