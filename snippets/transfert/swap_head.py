"""
en: Transfer learning in miniature: keep the hidden layer, swap the last layer.
fr: L'apprentissage par transfert en miniature : garder la couche cachée, changer la dernière couche.

en: A network turns an input (here 64 numbers, think of a tiny 8 x 8 image) into a
en: hidden representation of 16 numbers, then a 2-class head answers cat / muffin.
en: We first PRETRAIN it on that old task, with many photos. Then, for the new task
en: (plane / boat / cat / muffin), we keep the hidden layer frozen and train only a
en: new 4-class head, on 20 examples. To see what the pretraining brought, the same
en: new head is also trained on top of a hidden layer left at its random start.
fr: Un réseau transforme une entrée (ici 64 nombres, une minuscule image de 8 x 8) en une
fr: représentation cachée de 16 nombres, puis une tête à 2 classes répond chat / muffin.
fr: On le PRÉ-ENTRAÎNE d'abord sur cette ancienne tâche, avec beaucoup de photos. Puis, pour
fr: la nouvelle tâche (avion / bateau / chat / muffin), on gèle la couche cachée et on n'entraîne
fr: qu'une nouvelle tête à 4 classes, sur 20 exemples. Pour voir ce qu'a apporté le
fr: pré-entraînement, la même nouvelle tête est aussi entraînée sur une couche cachée
fr: laissée à son état aléatoire de départ.

Used in: docs/transfert.fr.md, docs/transfert.en.md
Run: python snippets/transfert/swap_head.py
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
    "en": {"old": "old task (cat / muffin) after pretraining: {a} of the {n} photos",
           "hidden": "hidden layer W1 :", "old_head": "old head        :", "new_head": "new head        :",
           "params": "params", "frozen": "(frozen)", "removed": "(removed)", "trained": "(trained)",
           "share": "share of parameters trained: {t}/{all} = {s}",
           "new_task": "new task, {label}: accuracy {mean} on average over 10 draws (from {low} to {high})",
           "bodies": {"pretrained": "pretrained body", "random": "random body    "},
           "unchanged": "hidden layer unchanged by the new task:", "yes": "True", "no": "False",
           "bert": "BERT-base scale: body ~{body} M params frozen, new 4-class head {head} params trained ({share})"},
    "fr": {"old": "ancienne tâche (chat / muffin) après pré-entraînement : {a} des {n} photos",
           "hidden": "couche cachée W1  :", "old_head": "ancienne tête     :", "new_head": "nouvelle tête     :",
           "params": "paramètres", "frozen": "(gelés)", "removed": "(retirés)", "trained": "(entraînés)",
           "share": "part des paramètres entraînés : {t}/{all} = {s}",
           "new_task": "nouvelle tâche, {label} : réussite de {mean} en moyenne sur 10 tirages (de {low} à {high})",
           "bodies": {"pretrained": "corps pré-entraîné", "random": "corps aléatoire   "},
           "unchanged": "couche cachée inchangée par la nouvelle tâche :", "yes": "oui", "no": "non",
           "bert": "à l'échelle de BERT-base : corps d'environ {body} M de paramètres gelés, nouvelle tête "
                   "à 4 classes de {head} paramètres entraînés ({share})"},
}[LANG]


def percent(value: float, digits: int) -> str:
    if LANG != "fr":
        return f"{value:.{digits}%}"
    return f"{100 * value:.{digits}f}".replace(".", ",") + "\u202f%"


def grouped(n: int):
    """
    en: French groups thousands with a narrow no-break space.
    fr: En français, les milliers sont séparés par une espace fine insécable.
    """
    return f"{n:,}".replace(",", "\u202f") if LANG == "fr" else n


def shape(array) -> str:
    return str(array.shape) if LANG != "fr" else "(" + " ; ".join(str(n) for n in array.shape) + ")"


rng = np.random.default_rng(0)
N_IN, N_HIDDEN = 64, 16

# en: --- The photos ---
# en: Two directions of the 64 pixels carry what matters (how pointy, how round);
# en: ten others carry a background that varies a lot and says nothing useful.
# fr: --- Les photos ---
# fr: Deux directions des 64 pixels portent ce qui compte (pointu ou non, rond ou non) ;
# fr: dix autres portent un arrière-plan qui varie beaucoup et ne dit rien d'utile.
camera = np.linalg.qr(rng.normal(size=(N_IN, N_IN)))[0]
FEATURES, BACKGROUND = camera[:, :2], camera[:, 2:12]
CENTRES = {"plane": (1, 1), "boat": (-1, -1), "cat": (1, -1), "muffin": (-1, 1)}


def photos(classes, n_per_class):
    """
    en: n_per_class photos of each class: its two features, background, pixel noise.
    fr: n_per_class photos de chaque classe : ses deux caractéristiques, un arrière-plan, du bruit.
    """
    labels = np.repeat(np.arange(len(classes)), n_per_class)
    centres = np.array([CENTRES[name] for name in classes], dtype=float)
    features = centres[labels] + rng.normal(0, 0.45, size=(len(labels), 2))
    background = rng.normal(0, 1.5, size=(len(labels), 10))
    X = features @ FEATURES.T + background @ BACKGROUND.T + rng.normal(0, 0.1, size=(len(labels), N_IN))
    return X, labels


def old_task_photos(n):
    """
    en: The old task's photos: a cat is pointier than a muffin, and a round photo needs to be
    en: even pointier to count as a cat (the line between them bends): both features matter.
    en: Label 1 = cat, 0 = muffin.
    fr: Les photos de l'ancienne tâche : un chat est plus pointu qu'un muffin, et une photo ronde
    fr: doit l'être plus encore pour compter comme chat (la frontière se courbe) : les deux
    fr: caractéristiques comptent. Étiquette 1 = chat, 0 = muffin.
    """
    features = rng.uniform(-2, 2, size=(n, 2))
    labels = (features[:, 0] > 0.5 * features[:, 1] ** 2 - 1).astype(int)
    background = rng.normal(0, 1.5, size=(n, 10))
    X = features @ FEATURES.T + background @ BACKGROUND.T + rng.normal(0, 0.1, size=(n, N_IN))
    return X, labels


def n_params(*arrays):
    return sum(a.size for a in arrays)


def hidden(x, W1, b1):
    """
    en: Hidden representation: a linear function followed by a non-linear one (tanh).
    fr: Représentation cachée : une fonction linéaire suivie d'une fonction non linéaire (tanh).
    """
    return np.tanh(x @ W1 + b1)


def softmax(scores):
    scores = scores - scores.max(axis=1, keepdims=True)
    return np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)


def train_head(H, labels, n_classes, steps=300, rate=0.5):
    """
    en: Gradient descent on the head only: H (the frozen representation) never changes.
    fr: Descente de gradient sur la tête seule : H (la représentation gelée) ne change jamais.
    """
    W, b = np.zeros((H.shape[1], n_classes)), np.zeros(n_classes)
    for _ in range(steps):
        grad = softmax(H @ W + b)
        # en: Gradient of the cross-entropy.
        # fr: Gradient de l'entropie croisée.
        grad[np.arange(len(labels)), labels] -= 1
        grad /= len(labels)
        W -= rate * H.T @ grad
        b -= rate * grad.sum(axis=0)
    return W, b


# en: --- 1. Pretraining on the old task: 2,000 photos of cats and muffins ---
# fr: --- 1. Pré-entraînement sur l'ancienne tâche : 2 000 photos de chats et de muffins ---
W1_random = rng.normal(0, 1 / np.sqrt(N_IN), size=(N_IN, N_HIDDEN))
b1_random = np.zeros(N_HIDDEN)
W1, b1 = W1_random.copy(), b1_random.copy()
W_old, b_old = rng.normal(0, 0.1, size=(N_HIDDEN, 2)), np.zeros(2)
X_old, y_old = old_task_photos(2000)
for epoch in range(30):
    for batch in np.array_split(rng.permutation(len(X_old)), 60):
        x, H = X_old[batch], hidden(X_old[batch], W1, b1)
        grad = softmax(H @ W_old + b_old)
        grad[np.arange(len(batch)), y_old[batch]] -= 1
        grad /= len(batch)
        # en: Backpropagation into the body; a small weight decay makes useless inputs fade.
        # fr: Rétropropagation jusque dans le corps ; un léger amortissement des poids efface
        # fr: les entrées inutiles.
        grad_H = grad @ W_old.T * (1 - H ** 2)
        W_old -= 0.3 * H.T @ grad
        b_old -= 0.3 * grad.sum(axis=0)
        W1 -= 0.3 * (x.T @ grad_H + 0.01 * W1)
        b1 -= 0.3 * grad_H.sum(axis=0)
old_accuracy = (softmax(hidden(X_old, W1, b1) @ W_old + b_old).argmax(axis=1) == y_old).mean()
print(TEXT["old"].format(a=percent(old_accuracy, 0), n=grouped(len(X_old))))

# en: --- 2. The swap: remove the old head, add a new 4-class head ---
# fr: --- 2. Le changement : retirer l'ancienne tête, ajouter une nouvelle tête à 4 classes ---
W_new, b_new = np.zeros((N_HIDDEN, 4)), np.zeros(4)
print(TEXT["hidden"], shape(W1), "+ b1", shape(b1), "->", grouped(n_params(W1, b1)), TEXT["params"], TEXT["frozen"])
print(TEXT["old_head"], shape(W_old), "+ b", shape(b_old), "->", n_params(W_old, b_old), TEXT["params"],
      TEXT["removed"])
print(TEXT["new_head"], shape(W_new), "+ b", shape(b_new), "->", n_params(W_new, b_new), TEXT["params"],
      TEXT["trained"])
frozen, trained = n_params(W1, b1), n_params(W_new, b_new)
print(TEXT["share"].format(t=trained, all=grouped(frozen + trained), s=percent(trained / (frozen + trained), 1)))
print()

# en: --- 3. The new task: 5 examples per class, 20 in all; 400 new photos to test ---
# en: Ten different draws of the 20 examples, so that one lucky draw proves nothing.
# fr: --- 3. La nouvelle tâche : 5 exemples par classe, 20 en tout ; 400 nouvelles photos de test ---
# fr: Dix tirages différents des 20 exemples, pour qu'un tirage chanceux ne prouve rien.
new_classes = ["plane", "boat", "cat", "muffin"]
W1_before = W1.copy()
accuracy = {"pretrained": [], "random": []}
for draw in range(10):
    X, labels = photos(new_classes, 5)
    X_test, test_labels = photos(new_classes, 100)
    for body, (W, b) in (("pretrained", (W1, b1)), ("random", (W1_random, b1_random))):
        W_new, b_new = train_head(hidden(X, W, b), labels, 4)
        pred = (hidden(X_test, W, b) @ W_new + b_new).argmax(axis=1)
        accuracy[body].append((pred == test_labels).mean())
for body in ("pretrained", "random"):
    scores = np.array(accuracy[body])
    print(TEXT["new_task"].format(label=TEXT["bodies"][body], mean=percent(scores.mean(), 0),
                                  low=percent(scores.min(), 0), high=percent(scores.max(), 0)))
print(TEXT["unchanged"], TEXT["yes"] if np.array_equal(W1, W1_before) else TEXT["no"])
print()

# en: The same bookkeeping at the scale of BERT-base (hidden size 768, ~110 M parameters).
# fr: Les mêmes comptes à l'échelle de BERT-base (taille cachée 768, ~110 M de paramètres).
body, head = 110_000_000, 768 * 4 + 4
print(TEXT["bert"].format(body=body // 1_000_000, head=grouped(head), share=percent(head / body, 4)))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(old_accuracy=old_accuracy, old_photos=len(X_old), inputs=N_IN, hidden=N_HIDDEN, head=trained, frozen=frozen,
     examples=len(labels), test=len(test_labels),
     pretrained=accuracy["pretrained"], random=accuracy["random"])
