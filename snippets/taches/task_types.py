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

# --- 1. Classification (supervised): the answer is a category --------------
# Toy texts described by two numbers: mean sentence length (words) and mean
# word length (letters). Each training text carries a human label.
# Illustrative numbers only: this is not a real way to assess CEFR levels.
train_x = np.array([[5, 3.9], [6, 4.1], [7, 4.0],      # A1
                    [11, 4.5], [12, 4.6], [13, 4.4],   # B1
                    [21, 5.3], [24, 5.5], [26, 5.4]])  # C1
train_y = np.array(["A1"] * 3 + ["B1"] * 3 + ["C1"] * 3)

levels = sorted(set(train_y))
centroids = np.array([train_x[train_y == lv].mean(axis=0) for lv in levels])


def classify(x):
    """Nearest centroid: the label of the closest class average."""
    return levels[np.argmin(((centroids - x) ** 2).sum(axis=1))]


print(TEXT["classification"])
for x in ([6, 4.0], [15, 4.8], [23, 5.2]):
    print(TEXT["text"].format(x=x, level=classify(np.array(x))))
print()

# --- 2. Regression (supervised): the answer is a number --------------------
# Receipts: number of muffins bought -> price paid (unit price 2.50, plus noise).
n_muffins = np.array([1, 2, 3, 4, 6, 8, 10, 12])
price = 2.5 * n_muffins + rng.normal(0, 0.3, size=n_muffins.size)

slope, intercept = np.polyfit(n_muffins, price, deg=1)   # least-squares line
print(TEXT["regression"])
print(TEXT["function"].format(a=number(slope, 2), b=number(intercept, 2)))
print(TEXT["prediction"].format(p=number(slope * 5 + intercept, 2)))
print()

# --- 3. Clustering (unsupervised): no labels at all -------------------------
# 60 unlabelled 2D points drawn around three centres the algorithm never sees.
true_centres = np.array([[0.0, 0.0], [5.0, 5.0], [0.0, 6.0]])
points = np.vstack([c + rng.normal(0, 0.8, size=(20, 2)) for c in true_centres])
points = points[rng.permutation(len(points))]   # shuffle: no hidden order either


def kmeans(points, k, n_iter=20):
    centres = points[:k].copy()                       # start from k points
    for _ in range(n_iter):
        dist = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        group = dist.argmin(axis=1)                   # assign each point to a centre
        centres = np.array([points[group == j].mean(axis=0) for j in range(k)])
    return group, centres


group, centres = kmeans(points, k=3)
print(TEXT["clustering"])
order = np.argsort(centres[:, 0] * 10 + centres[:, 1])   # print groups in a stable order
for new_id, j in enumerate(order):
    cx, cy = np.round(centres[j], 1) + 0.0   # + 0.0 avoids printing "-0.0"
    print(TEXT["group"].format(i=new_id, n=int(np.sum(group == j)), x=number(cx, 1), y=number(cy, 1)))
print(TEXT["names"])

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(receipts={str(n): float(paid) for n, paid in zip(n_muffins, price)}, slope=float(slope))
