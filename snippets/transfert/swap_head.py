"""Transfer learning in miniature: keep the hidden layer, swap the last layer.

A "pretrained" network turns an input (here 64 numbers, think of a tiny
8 x 8 image) into a hidden representation of 16 numbers, then a 2-class head
answers cat / muffin. For the new task (plane / boat / cat / muffin) we keep
the hidden layer frozen and train only a new 4-class head.

Used in: docs/transfert.fr.md, docs/transfert.en.md
Run: python snippets/transfert/swap_head.py
"""
import numpy as np

rng = np.random.default_rng(0)
N_IN, N_HIDDEN = 64, 16


def n_params(*arrays):
    return sum(a.size for a in arrays)


# 1. The "pretrained" part we keep: weights W1 and biases b1 of the hidden layer.
#    Here it is random, standing in for a layer trained on cats and muffins;
#    a really pretrained layer would give a more useful representation.
W1 = rng.normal(0, 1 / np.sqrt(N_IN), size=(N_IN, N_HIDDEN))
b1 = np.zeros(N_HIDDEN)


def hidden(x):
    """Hidden representation: linear function followed by a non-linear one (ReLU)."""
    return np.maximum(0, x @ W1 + b1)


# 2. The old head: 16 hidden numbers -> 2 scores (cat, muffin).
W_old, b_old = rng.normal(0, 0.1, size=(N_HIDDEN, 2)), np.zeros(2)

# 3. The new head: 16 hidden numbers -> 4 scores (plane, boat, cat, muffin).
W_new, b_new = np.zeros((N_HIDDEN, 4)), np.zeros(4)

print("hidden layer W1 :", W1.shape, "+ b1", b1.shape, "->", n_params(W1, b1), "params (frozen)")
print("old head        :", W_old.shape, "+ b", b_old.shape, "->", n_params(W_old, b_old), "params (removed)")
print("new head        :", W_new.shape, "+ b", b_new.shape, "->", n_params(W_new, b_new), "params (trained)")
frozen, trained = n_params(W1, b1), n_params(W_new, b_new)
print(f"share of parameters trained: {trained}/{frozen + trained} = {trained / (frozen + trained):.1%}")
print()

# Toy data for the new task: 4 classes, 5 examples each (20 examples in all).
# Each class is a noisy copy of its own prototype "image".
prototypes = rng.normal(0, 1, size=(4, N_IN))
labels = np.repeat(np.arange(4), 5)
X = prototypes[labels] + rng.normal(0, 0.8, size=(20, N_IN))

H = hidden(X)  # computed once: the frozen part never changes
print("inputs X:", X.shape, "-> hidden representation H:", H.shape)

W1_before = W1.copy()
for step in range(300):
    scores = H @ W_new + b_new
    scores -= scores.max(axis=1, keepdims=True)
    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    grad = probs.copy()
    grad[np.arange(20), labels] -= 1      # gradient of the cross-entropy loss
    grad /= 20
    W_new -= 0.5 * H.T @ grad             # only the new head moves
    b_new -= 0.5 * grad.sum(axis=0)
    if step in (0, 299):
        loss = -np.log(probs[np.arange(20), labels]).mean()
        print(f"step {step + 1:3d}: loss {loss:.3f}")

# New, unseen examples of the 4 classes.
test_labels = np.repeat(np.arange(4), 25)
X_test = prototypes[test_labels] + rng.normal(0, 0.8, size=(100, N_IN))
pred = (hidden(X_test) @ W_new + b_new).argmax(axis=1)
print("accuracy on 100 new examples:", f"{(pred == test_labels).mean():.0%}")
print("hidden layer unchanged:", np.array_equal(W1, W1_before))
print()

# The same bookkeeping at the scale of BERT-base (hidden size 768, ~110 M parameters).
body, head = 110_000_000, 768 * 4 + 4
print(f"BERT-base scale: body ~{body // 1_000_000} M params frozen, "
      f"new 4-class head {head} params trained ({head / body:.4%})")
