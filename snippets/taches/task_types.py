"""
en: Three kinds of tasks on toy data: classification, regression, clustering.
fr: Trois sortes de tâches sur des données jouets : classification, régression, partitionnement.

Used in: docs/taches.fr.md, docs/taches.en.md
Run: python snippets/taches/task_types.py
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
    "en": {"classification": "1. classification (labels given)", "text": "  text with {x} -> {level}",
           "regression": "2. regression (numbers given)",
           "function": "  learned price function: price = {a} * muffins + {b}",
           "prediction": "  prediction for 5 muffins: {p}", "clustering": "3. clustering (no labels given)",
           "group": "  group {i}: {n:2d} points around ({x}, {y})",
           "names": "  the groups have numbers, not names: naming them is a human's job"},
    "fr": {"classification": "1. classification (étiquettes données)", "text": "  texte {x} -> {level}",
           "regression": "2. régression (nombres donnés)",
           "function": "  fonction de prix apprise : prix = {a} * muffins + {b}",
           "prediction": "  prédiction pour 5 muffins : {p}", "clustering": "3. partitionnement (aucune étiquette)",
           "group": "  groupe {i} : {n:2d} points autour de ({x} ; {y})",
           "names": "  les groupes ont des numéros, pas des noms : les nommer est le travail d'un humain"},
}[LANG]


def number(value: float, digits: int) -> str:
    shown = f"{value:.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown

rng = np.random.default_rng(1)

# en: --- 1. Classification (supervised): the answer is a category --------------
# en: Toy texts described by two numbers: mean sentence length (words) and mean
# en: word length (letters). Each training text carries a human label.
# en: Illustrative numbers only: this is not a real way to assess CEFR levels.
# fr: --- 1. Classification (supervisée) : la réponse est une catégorie ---------
# fr: Des textes jouets décrits par deux nombres : longueur moyenne des phrases (mots)
# fr: et des mots (lettres). Chaque texte d'entraînement porte une étiquette humaine.
# fr: Nombres illustratifs : ce n'est pas une vraie façon d'évaluer les niveaux CECRL.
train_x = np.array([[5, 3.9], [6, 4.1], [7, 4.0],      # A1
                    [11, 4.5], [12, 4.6], [13, 4.4],   # B1
                    [21, 5.3], [24, 5.5], [26, 5.4]])  # C1
train_y = np.array(["A1"] * 3 + ["B1"] * 3 + ["C1"] * 3)

levels = sorted(set(train_y))
centroids = np.array([train_x[train_y == lv].mean(axis=0) for lv in levels])


def classify(x):
    """
    en: Nearest centroid: the label of the closest class average.
    fr: Centroïde le plus proche : l'étiquette de la moyenne de classe la plus proche.
    """
    return levels[np.argmin(((centroids - x) ** 2).sum(axis=1))]


print(TEXT["classification"])
for x in ([6, 4.0], [15, 4.8], [23, 5.2]):
    print(TEXT["text"].format(x=x, level=classify(np.array(x))))
print()

# en: --- 2. Regression (supervised): the answer is a number --------------------
# en: Receipts: number of muffins bought -> price paid (unit price 2.50, plus noise).
# fr: --- 2. Régression (supervisée) : la réponse est un nombre ------------------
# fr: Tickets : nombre de muffins achetés -> prix payé (2,50 l'unité, plus du bruit).
n_muffins = np.array([1, 2, 3, 4, 6, 8, 10, 12])
price = 2.5 * n_muffins + rng.normal(0, 0.3, size=n_muffins.size)

# en: The least-squares line.
# fr: La droite des moindres carrés.
slope, intercept = np.polyfit(n_muffins, price, deg=1)
print(TEXT["regression"])
print(TEXT["function"].format(a=number(slope, 2), b=number(intercept, 2)))
print(TEXT["prediction"].format(p=number(slope * 5 + intercept, 2)))
print()

# en: --- 3. Clustering (unsupervised): no labels at all -------------------------
# en: 60 unlabelled 2D points drawn around three centres the algorithm never sees.
# fr: --- 3. Partitionnement (non supervisé) : aucune étiquette --------------------
# fr: 60 points 2D sans étiquette, tirés autour de trois centres que l'algorithme ne voit pas.
true_centres = np.array([[0.0, 0.0], [5.0, 5.0], [0.0, 6.0]])
points = np.vstack([c + rng.normal(0, 0.8, size=(20, 2)) for c in true_centres])
# en: Shuffled: no hidden order either.
# fr: Mélangés : pas d'ordre caché non plus.
points = points[rng.permutation(len(points))]


def kmeans(points, k, n_iter=20):
    # en: Start from k of the points.
    # fr: On part de k des points.
    centres = points[:k].copy()
    for _ in range(n_iter):
        dist = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        # en: Each point joins its nearest centre; each centre moves to its group's average.
        # fr: Chaque point rejoint le centre le plus proche ; chaque centre va à la moyenne de son groupe.
        group = dist.argmin(axis=1)
        centres = np.array([points[group == j].mean(axis=0) for j in range(k)])
    return group, centres


group, centres = kmeans(points, k=3)
print(TEXT["clustering"])
# en: The groups in a stable order; + 0.0 avoids printing "-0.0".
# fr: Les groupes dans un ordre stable ; + 0.0 évite d'afficher « -0.0 ».
order = np.argsort(centres[:, 0] * 10 + centres[:, 1])
for new_id, j in enumerate(order):
    cx, cy = np.round(centres[j], 1) + 0.0
    print(TEXT["group"].format(i=new_id, n=int(np.sum(group == j)), x=number(cx, 1), y=number(cy, 1)))
print(TEXT["names"])

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(receipts={str(n): float(paid) for n, paid in zip(n_muffins, price)}, slope=float(slope))
