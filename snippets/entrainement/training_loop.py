"""A minimal training loop: cats vs muffins, two features, one small model.

Each photo is summed up by two numbers between 0 and 1:
    roundness  - muffins are rounder than cat faces (ears stick out)
    dark_spots - blueberries give muffins more dark spots than a cat's eyes and nose
Label: 0 = cat, 1 = muffin.

The model (the student robot) is one neuron: p = sigmoid(w1*x1 + w2*x2 + b),
the probability that the photo is a muffin. Its three parameters are its "dials".
There is ONE model; training turns its dials a little after every batch.
"""
import numpy as np

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

rng = np.random.default_rng(0)  # fixed seed: the same numbers every run

# --- The data: 20 cats and 20 muffins (made up, with some overlap) ---
cats = rng.normal(loc=[0.35, 0.30], scale=0.12, size=(20, 2))
muffins = rng.normal(loc=[0.65, 0.65], scale=0.12, size=(20, 2))
X = np.vstack([cats, muffins])
y = np.array([0] * 20 + [1] * 20)

# --- The student robot: three dials, all set to zero at first ---
w = np.zeros(2)
b = 0.0


def predict(X):
    """Forward pass: weighted sum, then a squashing function."""
    return 1 / (1 + np.exp(-(X @ w + b)))


def loss_fn(p, y):
    """The teacher robot: a number that says how wrong the answers are
    (binary cross-entropy; 0 would mean perfectly sure and right)."""
    eps = 1e-9
    return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))


learning_rate = 1.0   # how far the builder robot turns each dial
batch_size = 8        # how many photos are shown before one adjustment
n_epochs = 15         # one epoch = every photo seen once

losses, accuracies = [], []


def report(epoch):
    """Loss and accuracy on all the photos, written down after each epoch."""
    p = predict(X)
    losses.append(float(loss_fn(p, y)))
    accuracies.append(float(np.mean((p > 0.5) == y)))
    print(f"{epoch:5d}  {losses[-1]:.3f}  {accuracies[-1]:.2f}")


print("epoch  loss   accuracy")
report(0)

for epoch in range(1, n_epochs + 1):
    order = rng.permutation(len(X))              # shuffle the photos
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]    # one batch of photos
        xb, yb = X[idx], y[idx]
        p = predict(xb)                          # the student answers
        # Teacher robot: the loss compares answers with the labels.
        # Backpropagation: from that error, compute for every dial how
        # much it contributed (the gradient). Errors dominate: a photo
        # classified right and confidently adds almost nothing, a confident
        # mistake pulls hard on the dials (error = p - y is near 0 or near 1).
        error = p - yb                           # d(loss)/d(z) for this loss
        grad_w = xb.T @ error / len(idx)
        grad_b = error.mean()
        # Builder robot = the optimiser (gradient descent): turn every dial
        # a small step in the direction that lowers the loss.
        w = w - learning_rate * grad_w
        b = b - learning_rate * grad_b
    report(epoch)

print()
print("w =", np.round(w, 2), " b =", round(float(b), 2))

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(losses=losses, accuracies=accuracies, epochs=n_epochs, photos=len(X), batch=batch_size,
     w=w.tolist(), b=float(b))
