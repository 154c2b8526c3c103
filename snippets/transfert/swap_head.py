"""Transfer learning in miniature: keep the hidden layer, swap the last layer.

A network turns an input (here 64 numbers, think of a tiny 8 x 8 image) into a
hidden representation of 16 numbers, then a 2-class head answers cat / muffin.
We first PRETRAIN it on that old task, with many photos. Then, for the new task
(plane / boat / cat / muffin), we keep the hidden layer frozen and train only a
new 4-class head, on 20 examples. To see what the pretraining brought, the same
new head is also trained on top of a hidden layer left at its random start.

Used in: docs/transfert.fr.md, docs/transfert.en.md
Run: python snippets/transfert/swap_head.py
"""
import numpy as np

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

rng = np.random.default_rng(0)
N_IN, N_HIDDEN = 64, 16

# --- The photos -------------------------------------------------------------
# Two directions of the 64 pixels carry what matters (how pointy, how round);
# ten others carry a background that varies a lot and says nothing useful.
camera = np.linalg.qr(rng.normal(size=(N_IN, N_IN)))[0]
FEATURES, BACKGROUND = camera[:, :2], camera[:, 2:12]
CENTRES = {"plane": (1, 1), "boat": (-1, -1), "cat": (1, -1), "muffin": (-1, 1)}


def photos(classes, n_per_class):
    """n_per_class photos of each class: its two features, background, pixel noise."""
    labels = np.repeat(np.arange(len(classes)), n_per_class)
    centres = np.array([CENTRES[name] for name in classes], dtype=float)
    features = centres[labels] + rng.normal(0, 0.45, size=(len(labels), 2))
    background = rng.normal(0, 1.5, size=(len(labels), 10))
    X = features @ FEATURES.T + background @ BACKGROUND.T + rng.normal(0, 0.1, size=(len(labels), N_IN))
    return X, labels


def old_task_photos(n):
    """The old task's photos: a cat is pointier than a muffin, and a round photo needs to be
    even pointier to count as a cat (the line between them bends): both features matter."""
    features = rng.uniform(-2, 2, size=(n, 2))
    labels = (features[:, 0] > 0.5 * features[:, 1] ** 2 - 1).astype(int)  # 1 = cat, 0 = muffin
    background = rng.normal(0, 1.5, size=(n, 10))
    X = features @ FEATURES.T + background @ BACKGROUND.T + rng.normal(0, 0.1, size=(n, N_IN))
    return X, labels


def n_params(*arrays):
    return sum(a.size for a in arrays)


def hidden(x, W1, b1):
    """Hidden representation: a linear function followed by a non-linear one (tanh)."""
    return np.tanh(x @ W1 + b1)


def softmax(scores):
    scores = scores - scores.max(axis=1, keepdims=True)
    return np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)


def train_head(H, labels, n_classes, steps=300, rate=0.5):
    """Gradient descent on the head only: H (the frozen representation) never changes."""
    W, b = np.zeros((H.shape[1], n_classes)), np.zeros(n_classes)
    for _ in range(steps):
        grad = softmax(H @ W + b)
        grad[np.arange(len(labels)), labels] -= 1      # gradient of the cross-entropy
        grad /= len(labels)
        W -= rate * H.T @ grad
        b -= rate * grad.sum(axis=0)
    return W, b


# --- 1. Pretraining on the old task: 2,000 photos of cats and muffins ---------
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
        grad_H = grad @ W_old.T * (1 - H ** 2)         # backpropagation into the body
        W_old -= 0.3 * H.T @ grad
        b_old -= 0.3 * grad.sum(axis=0)
        W1 -= 0.3 * (x.T @ grad_H + 0.01 * W1)         # small weight decay: useless inputs fade
        b1 -= 0.3 * grad_H.sum(axis=0)
old_accuracy = (softmax(hidden(X_old, W1, b1) @ W_old + b_old).argmax(axis=1) == y_old).mean()
print(f"old task (cat / muffin) after pretraining: {old_accuracy:.0%} of the 2000 photos")

# --- 2. The swap: remove the old head, add a new 4-class head -----------------
W_new, b_new = np.zeros((N_HIDDEN, 4)), np.zeros(4)
print("hidden layer W1 :", W1.shape, "+ b1", b1.shape, "->", n_params(W1, b1), "params (frozen)")
print("old head        :", W_old.shape, "+ b", b_old.shape, "->", n_params(W_old, b_old), "params (removed)")
print("new head        :", W_new.shape, "+ b", b_new.shape, "->", n_params(W_new, b_new), "params (trained)")
frozen, trained = n_params(W1, b1), n_params(W_new, b_new)
print(f"share of parameters trained: {trained}/{frozen + trained} = {trained / (frozen + trained):.1%}")
print()

# --- 3. The new task: 5 examples per class, 20 in all; 400 new photos to test --
# Ten different draws of the 20 examples, so that one lucky draw proves nothing.
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
for body, label in (("pretrained", "pretrained body"), ("random", "random body    ")):
    scores = np.array(accuracy[body])
    print(f"new task, {label}: accuracy {scores.mean():.0%} on average over 10 draws "
          f"(from {scores.min():.0%} to {scores.max():.0%})")
print("hidden layer unchanged by the new task:", np.array_equal(W1, W1_before))
print()

# The same bookkeeping at the scale of BERT-base (hidden size 768, ~110 M parameters).
body, head = 110_000_000, 768 * 4 + 4
print(f"BERT-base scale: body ~{body // 1_000_000} M params frozen, "
      f"new 4-class head {head} params trained ({head / body:.4%})")

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(old_accuracy=old_accuracy, old_photos=len(X_old), inputs=N_IN, hidden=N_HIDDEN, head=trained, frozen=frozen,
     examples=len(labels), test=len(test_labels),
     pretrained=accuracy["pretrained"], random=accuracy["random"])
