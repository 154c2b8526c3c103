"""
en: Two straight lines make a decision that one line cannot: a hidden layer.
fr: Deux droites prennent une décision qu'une seule droite ne peut pas prendre : une couche cachée.

en: Four points, as in the TensorFlow Playground "XOR" pattern:
en: orange (label 1) in two opposite corners, blue (label 0) in the other two.
en: No single straight line separates them. A hidden layer of two neurons,
en: each drawing one straight line, turns the points into a new representation
en: in which one last neuron can separate them. Weights are set by hand here;
en: training would find weights that do the same job.
en: All points go through each layer at once, as one matrix product.
fr: Quatre points, comme dans le motif « XOR » de TensorFlow Playground :
fr: orange (étiquette 1) dans deux coins opposés, bleu (étiquette 0) dans les deux autres.
fr: Aucune droite ne les sépare à elle seule. Une couche cachée de deux neurones,
fr: qui tracent chacun une droite, donne aux points une nouvelle représentation
fr: dans laquelle un dernier neurone peut les séparer. Les poids sont fixés à la main ici ;
fr: l'entraînement trouverait des poids qui font le même travail.
fr: Tous les points traversent chaque couche d'un coup, en un seul produit de matrices.

Used in: docs/reseaux-neurones.fr.md, docs/reseaux-neurones.en.md
Run: python snippets/reseaux-neurones/hidden_layer.py
"""
import os

import numpy as np

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"header": "x1 x2 | h1 h2 | output label", "correct": "all correct:", "parameters": "parameters:",
           "yes": "True", "no": "False"},
    "fr": {"header": "x1 x2 | h1 h2 | sortie étiquette", "correct": "tout juste :", "parameters": "paramètres :",
           "yes": "oui", "no": "non"},
}[LANG]


def step(z):
    return (z > 0).astype(int)


# en: The four points; label 1 = orange, 0 = blue.
# fr: Les quatre points ; étiquette 1 = orange, 0 = bleu.
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
labels = np.array([0, 1, 1, 0])

# en: Hidden layer: 2 neurons; each column of W1 is one neuron's weights.
# en: Neuron h1: x1 + x2 > 0.5; neuron h2: x1 + x2 > 1.5.
# fr: Couche cachée : 2 neurones ; chaque colonne de W1 contient les poids d'un neurone.
# fr: Neurone h1 : x1 + x2 > 0,5 ; neurone h2 : x1 + x2 > 1,5.
W1 = np.array([[1.0, 1.0],
               [1.0, 1.0]])
b1 = np.array([-0.5, -1.5])
# en: The hidden representation of every point.
# fr: La représentation cachée de chaque point.
H = step(X @ W1 + b1)

# en: Output layer: 1 neuron reading the hidden representation: "h1 and not h2".
# fr: Couche de sortie : 1 neurone qui lit la représentation cachée : « h1 et pas h2 ».
W2 = np.array([1.0, -1.0])
b2 = -0.5
out = step(H @ W2 + b2)

print(TEXT["header"])
for (x1, x2), (h1, h2), o, t in zip(X, H, out, labels):
    print(f"{x1:2d} {x2:2d} | {h1:2d} {h2:2d} | {o:6d} {t:5d}")
print(TEXT["correct"], TEXT["yes"] if np.all(out == labels) else TEXT["no"])
print(TEXT["parameters"], W1.size + b1.size + W2.size + 1)

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(parameters=int(W1.size + b1.size + W2.size + 1))
