"""Scaled dot-product self-attention on four toy token vectors (numpy).

Not in the talk: attention is the core of the Transformer (Vaswani et al., 2017).
Each token asks a question (query), offers a label (key) and carries content
(value). Its new vector is a weighted mix of the values of the tokens it
attends to. The output has ONE vector PER TOKEN.

Used in: docs/transformeur.fr.md, docs/transformeur.en.md
Run: python snippets/transformeur/attention.py
"""
import numpy as np

np.set_printoptions(precision=2, suppress=True)
rng = np.random.default_rng(0)

tokens = ["the", "cat", "eats", "muffins"]
d = 4  # size of each vector (real models: 384 to several thousand)

# Hand-made embeddings: a made-up "meaning" per dimension
#               function  animal  action  food
X = np.array([[1.0,      0.0,    0.0,    0.0],    # the
              [0.0,      1.0,    0.2,    0.0],    # cat
              [0.0,      0.3,    1.0,    0.4],    # eats
              [0.0,      0.0,    0.2,    1.0]])   # muffins

# Projections to queries, keys and values. In a real model they are learned;
# here they are scaled identities plus a little noise, so the example stays readable.
W_q = 2 * np.eye(d) + rng.normal(0, 0.1, size=(d, d))
W_k = 2 * np.eye(d) + rng.normal(0, 0.1, size=(d, d))
W_v = np.eye(d)
# Let "eats" look for its arguments: its query also points to "animal" and "food".
W_q[2] += np.array([0.0, 2.0, 0.0, 2.0])


def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def self_attention(X, causal=False):
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    scores = Q @ K.T / np.sqrt(d)             # how well each query matches each key
    if causal:                                # decoder: no peeking at later tokens
        scores = np.where(np.triu(np.ones_like(scores), k=1) == 1, -np.inf, scores)
    weights = softmax(scores)                 # each row sums to 1
    return weights, weights @ V


def show(weights):
    print("          " + "".join(f"{t:>9s}" for t in tokens))
    for t, row in zip(tokens, weights):
        print(f"{t:>9s} " + "".join(f"{w:9.2f}" for w in row))


weights, out = self_attention(X)
print("encoder-style attention weights (row = token that looks, column = token looked at):")
show(weights)
print()
print("input shape:", X.shape, "-> output shape:", out.shape, "(one vector per token)")
print("'eats' before:", X[2])
print("'eats' after :", out[2])
print("sentence vector by mean pooling:", out.mean(axis=0))
print()

weights_causal, _ = self_attention(X, causal=True)
print("decoder-style (causal) attention weights: each token sees only itself and the left:")
show(weights_causal)
