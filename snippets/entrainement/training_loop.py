"""
en: A minimal training loop: cats vs muffins, two features, one small model.
fr: Une boucle d'entraînement minimale : chats contre muffins, deux caractéristiques, un petit modèle.

en: Each photo is summed up by two numbers between 0 and 1:
en:     roundness  - muffins are rounder than cat faces (ears stick out)
en:     dark_spots - blueberries give muffins more dark spots than a cat's eyes and nose
en: Label: 0 = cat, 1 = muffin.
fr: Chaque photo est résumée par deux nombres entre 0 et 1 :
fr:     roundness (rondeur)            - les muffins sont plus ronds qu'une tête de chat (les oreilles dépassent)
fr:     dark_spots (taches sombres)    - les myrtilles donnent aux muffins plus de taches sombres que les yeux et le nez d'un chat
fr: Étiquette : 0 = chat, 1 = muffin.

en: The model (the student robot) is one neuron: p = sigmoid(w1*x1 + w2*x2 + b),
en: the probability that the photo is a muffin. Its three parameters are its "dials".
en: There is ONE model; training turns its dials a little after every batch.
fr: Le modèle (le robot élève) est un seul neurone : p = sigmoid(w1*x1 + w2*x2 + b),
fr: la probabilité que la photo soit un muffin. Ses trois paramètres sont ses « boutons ».
fr: Il n'y a qu'UN modèle ; l'entraînement tourne un peu ses boutons après chaque lot.

Used in: docs/entrainement.fr.md, docs/entrainement.en.md
Run: python snippets/entrainement/training_loop.py
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
    "en": {"header": "epoch  loss   accuracy"},
    "fr": {"header": "époque perte  réussite"},
}[LANG]


def number(value: float, digits: int) -> str:
    shown = f"{value:.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown


# en: Fixed seed: the same numbers every run.
# fr: Graine fixe : les mêmes nombres à chaque exécution.
rng = np.random.default_rng(0)

# en: --- The data: 20 cats and 20 muffins (made up, with some overlap) ---
# fr: --- Les données : 20 chats et 20 muffins (inventés, qui se chevauchent un peu) ---
cats = rng.normal(loc=[0.35, 0.30], scale=0.12, size=(20, 2))
muffins = rng.normal(loc=[0.65, 0.65], scale=0.12, size=(20, 2))
X = np.vstack([cats, muffins])
y = np.array([0] * 20 + [1] * 20)

# en: --- The student robot: three dials, all set to zero at first ---
# fr: --- Le robot élève : trois boutons, tous à zéro au départ ---
w = np.zeros(2)
b = 0.0


def predict(X):
    """
    en: Forward pass: weighted sum, then a squashing function.
    fr: Passe avant : somme pondérée, puis une fonction qui écrase entre 0 et 1.
    """
    return 1 / (1 + np.exp(-(X @ w + b)))


def loss_fn(p, y):
    """
    en: The teacher robot: a number that says how wrong the answers are
    en: (binary cross-entropy; 0 would mean perfectly sure and right).
    fr: Le robot professeur : un nombre qui dit à quel point les réponses sont fausses
    fr: (entropie croisée binaire ; 0 voudrait dire parfaitement sûr et juste).
    """
    eps = 1e-9
    return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))


# en: learning_rate: how far the builder robot turns each dial;
# en: batch_size: how many photos are shown before one adjustment;
# en: n_epochs: one epoch = every photo seen once.
# fr: learning_rate (taux d'apprentissage) : de combien le robot bâtisseur tourne chaque bouton ;
# fr: batch_size (taille de lot) : combien de photos sont montrées avant un réglage ;
# fr: n_epochs : une époque = chaque photo vue une fois.
learning_rate = 1.0
batch_size = 8
n_epochs = 15

losses, accuracies = [], []


def report(epoch):
    """
    en: Loss and accuracy on all the photos, written down after each epoch.
    fr: Perte et taux de réussite sur toutes les photos, notés après chaque époque.
    """
    p = predict(X)
    losses.append(float(loss_fn(p, y)))
    accuracies.append(float(np.mean((p > 0.5) == y)))
    print(f"{epoch:5d}  {number(losses[-1], 3)}  {number(accuracies[-1], 2)}")


print(TEXT["header"])
report(0)

for epoch in range(1, n_epochs + 1):
    # en: Shuffle the photos, then go through them one batch at a time.
    # fr: On mélange les photos, puis on les parcourt lot par lot.
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]
        xb, yb = X[idx], y[idx]
        # en: The student answers.
        # fr: L'élève répond.
        p = predict(xb)
        # en: Teacher robot: the loss compares answers with the labels.
        # en: Backpropagation: from that error, compute for every dial how
        # en: much it contributed (the gradient). Errors dominate: a photo
        # en: classified right and confidently adds almost nothing, a confident
        # en: mistake pulls hard on the dials (error = p - y is near 0 or near 1).
        # fr: Robot professeur : la perte compare les réponses aux étiquettes.
        # fr: Rétropropagation : à partir de cette erreur, on calcule pour chaque bouton
        # fr: sa part de responsabilité (le gradient). Les erreurs dominent : une photo
        # fr: bien classée avec assurance n'ajoute presque rien, une erreur commise avec
        # fr: assurance tire fort sur les boutons (error = p - y est proche de 0 ou de 1).
        error = p - yb  # d(loss)/d(z)
        grad_w = xb.T @ error / len(idx)
        grad_b = error.mean()
        # en: Builder robot = the optimiser (gradient descent): turn every dial
        # en: a small step in the direction that lowers the loss.
        # fr: Robot bâtisseur = l'optimiseur (descente de gradient) : tourner chaque
        # fr: bouton d'un petit pas dans le sens qui fait baisser la perte.
        w = w - learning_rate * grad_w
        b = b - learning_rate * grad_b
    report(epoch)

print()
if LANG == "fr":
    print("w = [" + " ; ".join(number(v, 2) for v in w) + "]  b =", number(float(b), 2))
else:
    print("w =", np.round(w, 2), " b =", round(float(b), 2))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(losses=losses, accuracies=accuracies, epochs=n_epochs, photos=len(X), batch=batch_size,
     w=w.tolist(), b=float(b))
