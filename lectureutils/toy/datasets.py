"""Small synthetic data sets, drawn from a seeded random generator (same seed, same points).

Points live in the square [-1, 1] × [-1, 1]; labels are integers (0 = orange, 1 = blue for the
two-class sets). ``noise`` is a fraction between 0 and 0.5.
"""

from __future__ import annotations

import numpy as np

PLAYGROUND_SETS = ("circle", "xor", "blobs", "spiral")
# The four classes of the transfer-learning demo, in the order of their labels.
FOUR_CLASSES = ("plane", "boat", "cat", "muffin")


def _rng(seed) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def _clip(X: np.ndarray) -> np.ndarray:
    return np.clip(X, -1.0, 1.0)


def circle(n=200, noise=0.1, seed=0):
    """Blue inside a disc, orange on a ring around it."""
    rng = _rng(seed)
    half = n // 2
    r_in = 0.5 * np.sqrt(rng.uniform(0, 1, half)) * 0.8
    r_out = rng.uniform(0.7, 1.0, n - half) * 0.95
    angles = rng.uniform(0, 2 * np.pi, n)
    radius = np.concatenate([r_in, r_out])
    X = np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])
    X += rng.normal(0.0, noise * 0.35, X.shape)
    y = np.concatenate([np.ones(half, int), np.zeros(n - half, int)])
    return _shuffle(_clip(X), y, rng)


def xor(n=200, noise=0.1, seed=0):
    """Blue where both coordinates have the same sign, orange elsewhere."""
    rng = _rng(seed)
    X = rng.uniform(-1, 1, (n, 2))
    X += np.sign(X) * 0.05  # a small gap along the axes
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    X += rng.normal(0.0, noise * 0.35, X.shape)
    return _shuffle(_clip(X), y, rng)


def blobs(n=200, noise=0.1, seed=0):
    """Two round clouds: orange bottom left, blue top right."""
    rng = _rng(seed)
    half = n // 2
    spread = 0.18 + noise * 0.6
    orange = rng.normal([-0.45, -0.45], spread, (n - half, 2))
    blue = rng.normal([0.45, 0.45], spread, (half, 2))
    X = np.vstack([orange, blue])
    y = np.concatenate([np.zeros(n - half, int), np.ones(half, int)])
    return _shuffle(_clip(X), y, rng)


def spiral(n=200, noise=0.1, seed=0):
    """Two interleaved spiral arms, one per colour: the hardest of the four."""
    rng = _rng(seed)
    half = n // 2
    parts = []
    for k, count in ((0, n - half), (1, half)):
        t = np.sqrt(rng.uniform(0, 1, count)) * 1.75 * 2 * np.pi / 2 + 0.3
        r = t / (1.75 * np.pi + 0.3) * 0.95
        angle = t + k * np.pi
        points = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
        parts.append(points + rng.normal(0.0, noise * 0.25, points.shape))
    X = np.vstack(parts)
    y = np.concatenate([np.zeros(n - half, int), np.ones(half, int)])
    return _shuffle(_clip(X), y, rng)


def playground(name: str, n=200, noise=0.1, seed=0):
    makers = {"circle": circle, "xor": xor, "blobs": blobs, "spiral": spiral}
    if name not in makers:
        raise ValueError(f"unknown data set {name!r} (known: {', '.join(PLAYGROUND_SETS)})")
    return makers[name](n=n, noise=noise, seed=seed)


# -- cats, muffins, planes and boats: two made-up features -----------------------------------
# x: "pointy shapes" (ears, wings, sails), y: "roundness". Cats and muffins are two interleaved
# crescents in the top half, so the best frontier is curved, with a few look-alikes (the famous
# chihuahua-or-blueberry-muffin photos).


def _cat_muffin_points(rng, n_cats, n_muffins, noise):
    t = rng.uniform(0, np.pi, n_cats)
    cats = np.column_stack([np.cos(t), np.sin(t)])
    s = rng.uniform(0, np.pi, n_muffins)
    muffins = np.column_stack([1 - np.cos(s), 0.5 - np.sin(s)])
    # Two crescents fitted into x in [-0.85, 0.85], y in [-0.15, 0.85].
    scale = 0.57
    cats = (cats - [0.5, 0.25]) * scale + [0.0, 0.35]
    muffins = (muffins - [0.5, 0.25]) * scale + [0.0, 0.35]
    cats += rng.normal(0.0, 0.06 + noise, cats.shape)
    muffins += rng.normal(0.0, 0.06 + noise, muffins.shape)
    return cats, muffins


def cats_muffins(n=200, noise=0.05, label_noise=0.0, seed=0):
    """Cats (label 0) and muffins (label 1), described by two features in [-1, 1].

    ``label_noise`` is the share of labels flipped (a teacher who is sometimes wrong).
    """
    rng = _rng(seed)
    n_muffins = n // 2
    cats, muffins = _cat_muffin_points(rng, n - n_muffins, n_muffins, noise)
    X = np.vstack([cats, muffins])
    y = np.concatenate([np.zeros(len(cats), int), np.ones(len(muffins), int)])
    if label_noise > 0:
        flip = rng.uniform(0, 1, n) < label_noise
        y = np.where(flip, 1 - y, y)
    return _shuffle(_clip(X), y, rng)


# -- tiny "photos" for transfer learning ------------------------------------------------------
# A photo is PHOTO_SIZE numbers (a very small image). Two fixed directions among them carry the
# two features that matter (pointy shapes, roundness); BACKGROUND_SIZE other directions carry
# what does not matter (background, lighting, framing): it varies a lot from photo to photo and
# says nothing about the class. The "camera" (those directions) is the same for every photo.
PHOTO_SIZE = 16
BACKGROUND_SIZE = 6
BACKGROUND_SPREAD = 0.8
PIXEL_NOISE = 0.05
_CAMERA_SEED = 12345
# The four classes of the transfer-learning demo, by their two features: cats and muffins are two
# interleaved crescents (as in the cat/muffin pretraining); planes and boats two new groups.
_MOONS_NOISE = 0.05
_NEW_CENTRES = {"plane": (0.0, -0.75), "boat": (0.0, 0.75)}
_NEW_SPREAD = 0.1


def camera():
    """``(features, background)``: the fixed directions, shapes (2, PHOTO_SIZE) and (BACKGROUND_SIZE, PHOTO_SIZE)."""
    rng = np.random.default_rng(_CAMERA_SEED)
    q, _ = np.linalg.qr(rng.normal(size=(PHOTO_SIZE, PHOTO_SIZE)))
    scale = 0.5 * np.sqrt(PHOTO_SIZE / 2)
    return q[:, :2].T * scale, q[:, 2:2 + BACKGROUND_SIZE].T * scale


def photos(features: np.ndarray, seed=0) -> np.ndarray:
    """Photos of examples with these two features, each on its own random background."""
    rng = _rng(seed)
    along_features, along_background = camera()
    background = rng.normal(0.0, BACKGROUND_SPREAD, (len(features), BACKGROUND_SIZE))
    return features @ along_features + background @ along_background + rng.normal(0.0, PIXEL_NOISE, (len(features), PHOTO_SIZE))


def feature_share(weights: np.ndarray) -> float:
    """Share of a first layer's weights (PHOTO_SIZE rows) spent on the two useful directions."""
    along_features, _ = camera()
    unit = along_features / np.linalg.norm(along_features, axis=1, keepdims=True)
    return float(np.linalg.norm(unit @ weights) / max(np.linalg.norm(weights), 1e-12))


def _moons(rng, n_cats, n_muffins):
    t = rng.uniform(0, np.pi, n_cats)
    s = rng.uniform(0, np.pi, n_muffins)
    cats = (np.column_stack([np.cos(t), np.sin(t)]) - [0.5, 0.25]) * 0.8
    muffins = (np.column_stack([1 - np.cos(s), 0.5 - np.sin(s)]) - [0.5, 0.25]) * 0.8
    return (cats + rng.normal(0.0, _MOONS_NOISE, cats.shape), muffins + rng.normal(0.0, _MOONS_NOISE, muffins.shape))


def cat_muffin_photos(n=600, seed=0):
    """``(photos, features, labels)``: many cats (0) and muffins (1), for the pretraining."""
    rng = _rng(seed)
    cats, muffins = _moons(rng, n - n // 2, n // 2)
    Z = np.vstack([cats, muffins])
    y = np.concatenate([np.zeros(len(cats), int), np.ones(len(muffins), int)])
    Z, y = _shuffle(Z, y, rng)
    return photos(Z, rng), Z, y


def four_class_photos(n_per_class=60, seed=0):
    """``(photos, features, labels)``: planes (0), boats (1), cats (2) and muffins (3)."""
    rng = _rng(seed)
    cats, muffins = _moons(rng, n_per_class, n_per_class)
    planes = rng.normal(_NEW_CENTRES["plane"], _NEW_SPREAD, (n_per_class, 2))
    boats = rng.normal(_NEW_CENTRES["boat"], _NEW_SPREAD, (n_per_class, 2))
    Z = np.vstack([planes, boats, cats, muffins])
    y = np.repeat(np.arange(4), n_per_class)
    Z, y = _shuffle(Z, y, rng)
    return photos(Z, rng), Z, y


def split(X: np.ndarray, y: np.ndarray, train_fraction=0.5):
    """Training part first, test part second (the data are already shuffled)."""
    cut = int(round(len(y) * float(train_fraction)))
    cut = min(max(cut, 1), len(y) - 1)
    return X[:cut], y[:cut], X[cut:], y[cut:]


def _shuffle(X, y, rng):
    order = rng.permutation(len(y))
    return X[order], y[order]
