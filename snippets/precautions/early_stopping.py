"""Knowing when to stop: training loss vs validation loss.

A flexible model (30 bumps added together) learns a noisy wavy curve
from only 15 training points. Training is full-batch gradient descent:
each epoch sees all 15 points once. Every 20 epochs we measure:
    train_loss - error on the points it learns from (always goes down)
    val_loss   - error on 15 other points it never learns from
When val_loss stops going down, the model has started to learn the noise
of its training points by heart: overfitting. Three stopping rules compare.
"""
import numpy as np

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

rng = np.random.default_rng(1)  # fixed seed: same data, same curves


def truth(x):
    return np.sin(3 * x)        # the phenomenon (unknown to the model)


x_train = np.sort(rng.uniform(-1, 1, 15))
y_train = truth(x_train) + rng.normal(0, 0.3, 15)   # noisy observations
x_val = np.sort(rng.uniform(-1, 1, 15))
y_val = truth(x_val) + rng.normal(0, 0.3, 15)

centers = np.linspace(-1, 1, 30)


def features(x):
    """30 narrow bumps: flexible enough to pass through every point."""
    return np.exp(-0.5 * ((x[:, None] - centers[None, :]) / 0.1) ** 2)


F_train, F_val = features(x_train), features(x_val)
w = np.zeros(30)                 # 30 parameters, for 15 training points
learning_rate, check_every, n_checks = 0.05, 20, 20


def mse(F, y, w):
    return float(np.mean((F @ w - y) ** 2))


patience = 3                     # checks allowed without improvement
best_val, best_epoch, waited, patience_stop = np.inf, 0, 0, None
best_w = w.copy()                # the parameters we will keep
history = []
print("epoch  train_loss  val_loss")
for check in range(1, n_checks + 1):
    for _ in range(check_every):
        residual = F_train @ w - y_train
        w = w - learning_rate * F_train.T @ residual / len(y_train)
    epoch = check * check_every
    tr, va = mse(F_train, y_train, w), mse(F_val, y_val, w)
    history.append((epoch, tr, va))
    mark = ""
    if va < best_val:
        best_val, best_epoch, waited = va, epoch, 0
        best_w = w.copy()
        mark = " best"
    else:
        waited += 1
        if waited == patience and patience_stop is None:
            patience_stop = epoch
            mark = " patience_stop"
    print(f"{epoch:5d}  {tr:10.3f}  {va:8.3f}{mark}")


def at(epoch):
    return next(h for h in history if h[0] == epoch)


fixed_stop = 15 * check_every                                  # "15 generations"
target_stop = next(e for e, tr, _ in history if tr < 0.043)    # target on training data, like "98 % pass"
print()
print("rule             stop_epoch  train_loss  val_loss")
for name, e in [("fixed_15_checks", fixed_stop),
                ("train_target", target_stop),
                ("val_patience_3", patience_stop)]:
    _, tr, va = at(e)
    print(f"{name:15s}  {e:10d}  {tr:10.3f}  {va:8.3f}")
print("kept: parameters of epoch", best_epoch,
      "val_loss", round(mse(F_val, y_val, best_w), 3))

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(parameters=w.size, train_points=len(x_train), val_points=len(x_val), check_every=check_every,
     patience=patience, best_epoch=best_epoch, patience_stop=patience_stop, fixed_stop=fixed_stop,
     fixed_checks=fixed_stop // check_every, target_stop=target_stop)
