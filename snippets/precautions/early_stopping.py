"""
en: Knowing when to stop: training loss vs validation loss.
fr: Savoir quand s'arrêter : perte d'entraînement contre perte de validation.

en: A flexible model (30 bumps added together) learns a noisy wavy curve
en: from only 15 training points. Training is full-batch gradient descent:
en: each epoch sees all 15 points once. Every 20 epochs we measure:
en:     train_loss - error on the points it learns from (always goes down)
en:     val_loss   - error on 15 other points it never learns from
en: When val_loss stops going down, the model has started to learn the noise
en: of its training points by heart: overfitting. Three stopping rules compare.
fr: Un modèle souple (30 bosses additionnées) apprend une courbe ondulée et bruitée
fr: à partir de seulement 15 points d'entraînement. L'entraînement est une descente de
fr: gradient sur tout le lot : chaque époque voit les 15 points une fois. Toutes les 20 époques, on mesure :
fr:     perte_entr - l'erreur sur les points dont il apprend (baisse toujours)
fr:     perte_val  - l'erreur sur 15 autres points dont il n'apprend jamais
fr: Quand perte_val cesse de baisser, le modèle a commencé à apprendre par cœur le bruit
fr: de ses points d'entraînement : le surapprentissage. Trois règles d'arrêt sont comparées.

Used in: docs/precautions.fr.md, docs/precautions.en.md
Run: python snippets/precautions/early_stopping.py
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
    "en": {"header": "epoch  train_loss  val_loss", "best": " best", "patience_stop": " patience_stop",
           "rules": "rule             stop_epoch  train_loss  val_loss",
           "names": {"fixed": "fixed_15_checks", "target": "train_target", "patience": "val_patience_3"},
           "kept": "kept: parameters of epoch {epoch} val_loss {loss}"},
    "fr": {"header": "époque  perte_entr perte_val", "best": " meilleur", "patience_stop": " arrêt_patience",
           "rules": "règle             époque_arrêt  perte_entr perte_val",
           "names": {"fixed": "15_contrôles_fixes", "target": "cible_entr", "patience": "patience_val_3"},
           "kept": "gardés : paramètres de l'époque {epoch}, perte_val {loss}"},
}[LANG]


def number(value: float, digits: int, width: int = 0) -> str:
    shown = f"{value:{width}.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown


# en: Fixed seed: same data, same curves.
# fr: Graine fixe : mêmes données, mêmes courbes.
rng = np.random.default_rng(1)


def truth(x):
    """
    en: The phenomenon (unknown to the model).
    fr: Le phénomène (inconnu du modèle).
    """
    return np.sin(3 * x)


# en: Noisy observations.
# fr: Des observations bruitées.
x_train = np.sort(rng.uniform(-1, 1, 15))
y_train = truth(x_train) + rng.normal(0, 0.3, 15)
x_val = np.sort(rng.uniform(-1, 1, 15))
y_val = truth(x_val) + rng.normal(0, 0.3, 15)

centers = np.linspace(-1, 1, 30)


def features(x):
    """
    en: 30 narrow bumps: flexible enough to pass through every point.
    fr: 30 bosses étroites : assez souples pour passer par chaque point.
    """
    return np.exp(-0.5 * ((x[:, None] - centers[None, :]) / 0.1) ** 2)


F_train, F_val = features(x_train), features(x_val)
# en: 30 parameters, for 15 training points.
# fr: 30 paramètres, pour 15 points d'entraînement.
w = np.zeros(30)
learning_rate, check_every, n_checks = 0.05, 20, 20


def mse(F, y, w):
    return float(np.mean((F @ w - y) ** 2))


# en: Patience: checks allowed without improvement; best_w: the parameters we will keep.
# fr: Patience : contrôles permis sans amélioration ; best_w : les paramètres que l'on gardera.
patience = 3
best_val, best_epoch, waited, patience_stop = np.inf, 0, 0, None
best_w = w.copy()
history = []
print(TEXT["header"])
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
        mark = TEXT["best"]
    else:
        waited += 1
        if waited == patience and patience_stop is None:
            patience_stop = epoch
            mark = TEXT["patience_stop"]
    print(f"{epoch:{6 if LANG == 'fr' else 5}d}  {number(tr, 3, 10)}  {number(va, 3, 8)}{mark}")


def at(epoch):
    return next(h for h in history if h[0] == epoch)


# en: Three rules: "15 generations"; a target on training data, like "98 % pass"; patience.
# fr: Trois règles : les « 15 générations » ; une cible sur l'entraînement, comme les « 98 % » ; la patience.
fixed_stop = 15 * check_every
target_stop = next(e for e, tr, _ in history if tr < 0.043)
print()
print(TEXT["rules"])
for name, e in [(TEXT["names"]["fixed"], fixed_stop),
                (TEXT["names"]["target"], target_stop),
                (TEXT["names"]["patience"], patience_stop)]:
    _, tr, va = at(e)
    if LANG == "fr":
        print(f"{name:18s}  {e:10d}  {number(tr, 3, 10)}  {number(va, 3, 8)}")
    else:
        print(f"{name:15s}  {e:10d}  {tr:10.3f}  {va:8.3f}")
kept_loss = round(mse(F_val, y_val, best_w), 3)
print(TEXT["kept"].format(epoch=best_epoch, loss=number(kept_loss, 3) if LANG == "fr" else kept_loss))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(parameters=w.size, train_points=len(x_train), val_points=len(x_val), check_every=check_every,
     patience=patience, best_epoch=best_epoch, patience_stop=patience_stop, fixed_stop=fixed_stop,
     fixed_checks=fixed_stop // check_every, target_stop=target_stop)
