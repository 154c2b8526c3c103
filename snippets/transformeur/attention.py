"""
en: Scaled dot-product self-attention on four toy token vectors (numpy).
fr: Auto-attention par produit scalaire normalisé, sur quatre vecteurs de tokens jouets (numpy).

en: Not in the talk: attention is the core of the Transformer (Vaswani et al., 2017).
en: Each token asks a question (query), offers a label (key) and carries content
en: (value). Its new vector is a weighted mix of the values of the tokens it
en: attends to. The output has ONE vector PER TOKEN.
fr: Absent de l'exposé : l'attention est le cœur du Transformeur (Vaswani et al., 2017).
fr: Chaque token pose une question (requête, query), offre une étiquette (clé, key) et porte
fr: un contenu (valeur, value). Son nouveau vecteur est un mélange pondéré des valeurs des
fr: tokens auxquels il prête attention. La sortie compte UN vecteur PAR TOKEN.

Used in: docs/transformeur.fr.md, docs/transformeur.en.md
Run: python snippets/transformeur/attention.py
"""
import os

import numpy as np

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"encoder": "encoder-style attention weights (row = token that looks, column = token looked at):",
           "shape": "input shape: {i} -> output shape: {o} (one vector per token)",
           "before": "'eats' before:", "after": "'eats' after :",
           "pooled": "sentence vector by mean pooling:",
           "decoder": "decoder-style (causal) attention weights: each token sees only itself and the left:"},
    "fr": {"encoder": "poids d'attention façon encodeur (ligne = le token qui regarde, colonne = le token regardé) :",
           "shape": "forme de l'entrée : {i} -> forme de la sortie : {o} (un vecteur par token)",
           "before": "« eats » avant :", "after": "« eats » après :",
           "pooled": "vecteur de la phrase par moyenne :",
           "decoder": "poids d'attention façon décodeur (causale) : chaque token ne voit que lui-même et sa gauche :"},
}[LANG]


def number(value: float, digits: int, width: int = 0) -> str:
    shown = f"{value:{width}.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown


def vector(values) -> str:
    """
    en: A vector as numpy prints it; in French, decimal commas and semicolons between numbers.
    fr: Un vecteur tel que numpy l'affiche ; en français, virgules décimales et points-virgules entre les nombres.
    """
    if LANG != "fr":
        return str(values)
    return "[" + " ; ".join(number(v + 0.0, 2) for v in values) + "]"


def shape(array) -> str:
    return str(array.shape) if LANG != "fr" else " × ".join(str(n) for n in array.shape)


np.set_printoptions(precision=2, suppress=True)
rng = np.random.default_rng(0)

tokens = ["the", "cat", "eats", "muffins"]
# en: Size of each vector (real models: 384 to several thousand).
# fr: Taille de chaque vecteur (vrais modèles : de 384 à plusieurs milliers).
d = 4

# en: Hand-made embeddings: a made-up "meaning" per dimension
# en: (function, animal, action, food).
# fr: Plongements faits main : un « sens » inventé par dimension
# fr: (mot-outil, animal, action, nourriture).
X = np.array([[1.0,      0.0,    0.0,    0.0],    # the
              [0.0,      1.0,    0.2,    0.0],    # cat
              [0.0,      0.3,    1.0,    0.4],    # eats
              [0.0,      0.0,    0.2,    1.0]])   # muffins

# en: Projections to queries, keys and values. In a real model they are learned;
# en: here they are scaled identities plus a little noise, so the example stays readable.
# fr: Projections vers les requêtes, les clés et les valeurs. Dans un vrai modèle, elles sont
# fr: apprises ; ici, ce sont des identités multipliées plus un peu de bruit, pour rester lisible.
W_q = 2 * np.eye(d) + rng.normal(0, 0.1, size=(d, d))
W_k = 2 * np.eye(d) + rng.normal(0, 0.1, size=(d, d))
W_v = np.eye(d)
# en: Let "eats" look for its arguments: its query also points to "animal" and "food".
# fr: « eats » cherche ses arguments : sa requête pointe aussi vers « animal » et « nourriture ».
W_q[2] += np.array([0.0, 2.0, 0.0, 2.0])


def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def self_attention(X, causal=False):
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    # en: How well each query matches each key.
    # fr: À quel point chaque requête correspond à chaque clé.
    scores = Q @ K.T / np.sqrt(d)
    if causal:
        # en: Decoder: no peeking at later tokens.
        # fr: Décodeur : interdit de regarder les tokens suivants.
        scores = np.where(np.triu(np.ones_like(scores), k=1) == 1, -np.inf, scores)
    # en: Each row sums to 1.
    # fr: Chaque ligne a pour somme 1.
    weights = softmax(scores)
    return weights, weights @ V


def show(weights):
    print("          " + "".join(f"{t:>9s}" for t in tokens))
    for t, row in zip(tokens, weights):
        print(f"{t:>9s} " + "".join(number(w, 2, 9) for w in row))


weights, out = self_attention(X)
print(TEXT["encoder"])
show(weights)
print()
print(TEXT["shape"].format(i=shape(X), o=shape(out)))
print(TEXT["before"], vector(X[2]))
print(TEXT["after"], vector(out[2]))
print(TEXT["pooled"], vector(out.mean(axis=0)))
print()

weights_causal, _ = self_attention(X, causal=True)
print(TEXT["decoder"])
show(weights_causal)
