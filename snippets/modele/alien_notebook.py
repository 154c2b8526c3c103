"""
en: The alien's notebook: learning a parameter from observations.
fr: Le carnet de l'alien : apprendre un paramètre à partir d'observations.

en: An alien watches a bakery. It sees how many muffins go out (the input)
en: and how much is paid (the output). It assumes a model, price = a * n,
en: but does not know the parameter a (the price of one muffin).
en: It learns a from its notebook by repeating: predict, compare, adjust.
en: Plain Python, no library.
fr: Un alien observe une boulangerie. Il voit combien de muffins sortent (l'entrée)
fr: et combien on paie (la sortie). Il suppose un modèle, prix = a * n,
fr: mais ne connaît pas le paramètre a (le prix d'un muffin).
fr: Il apprend a dans son carnet en répétant : prédire, comparer, ajuster.
fr: Du Python pur, sans bibliothèque.

Used in: docs/modele.fr.md, docs/modele.en.md
Run: python snippets/modele/alien_notebook.py
"""
import os

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"header": "round step  n  paid  predicted  error  new_a", "learned": "learned a =",
           "prediction": "prediction for n={n}: {p}"},
    "fr": {"header": " tour  pas  n  payé     prédit erreur  nouv_a", "learned": "a (appris) =",
           "prediction": "prédiction pour n={n} : {p}"},
}[LANG]


def number(value: float, digits: int, width: int = 0) -> str:
    shown = f"{value:{width}.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown


# en: What the alien wrote in its notebook: (muffins, price paid).
# en: The receipts are a little noisy, as real data always is.
# fr: Ce que l'alien a noté dans son carnet : (muffins, prix payé).
# fr: Les tickets sont un peu bruités, comme toujours les vraies données.
notebook = [(1, 2.60), (3, 7.40), (2, 5.10), (5, 12.40), (4, 10.10)]

# en: First guess for the price of one muffin, and how boldly the alien corrects itself
# en: (the learning rate).
# fr: Première estimation du prix d'un muffin, et l'audace avec laquelle l'alien se corrige
# fr: (le taux d'apprentissage).
a = 1.0
step_size = 0.02

print(TEXT["header"])
step = 0
# en: Four passes over the notebook: 1. predict with the current rule, 2. compare with what
# en: really happened, 3. adjust the rule a little.
# fr: Quatre passages dans le carnet : 1. prédire avec la règle actuelle, 2. comparer avec ce
# fr: qui s'est vraiment passé, 3. ajuster un peu la règle.
for round_ in range(1, 5):
    for n, paid in notebook:
        step += 1
        predicted = a * n
        error = predicted - paid
        a = a - step_size * error * n
        print(f"{round_:5d} {step:4d} {n:2d} {number(paid, 2, 5)} {number(predicted, 2, 10)} "
              f"{number(error, 2, 6)} {number(a, 3, 6)}")

print()
print(TEXT["learned"], number(round(a, 3), 3) if LANG == "fr" else round(a, 3))
for n in (6, 10):
    print(TEXT["prediction"].format(n=n, p=number(a * n, 2)))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(first_guess=1.0, first_paid=notebook[0][1], learned_a=a, prediction_6=a * 6)
