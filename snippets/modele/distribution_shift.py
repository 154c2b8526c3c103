"""
en: When the world changes: a model is only as good as the world it was fitted on.
fr: Quand le monde change : un modèle ne vaut que pour le monde sur lequel on l'a ajusté.

en: The alien learned a = 2.5 (price of one muffin) from old receipts.
en: Years later the bakery has raised its prices. The model has not changed,
en: the world has: its predictions drift away from the new receipts.
fr: L'alien a appris a = 2,5 (le prix d'un muffin) sur d'anciens tickets de caisse.
fr: Des années plus tard, la boulangerie a augmenté ses prix. Le modèle n'a pas changé,
fr: le monde, si : ses prédictions s'éloignent des nouveaux tickets.

Used in: docs/modele.fr.md, docs/modele.en.md
Run: python snippets/modele/distribution_shift.py
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
    "en": {"header": "data          mean_abs_error", "old": "old_receipts  ", "new": "new_receipts  "},
    "fr": {"header": "données          erreur_abs_moyenne", "old": "anciens_tickets  ",
           "new": "nouveaux_tickets "},
}[LANG]


def number(value: float, digits: int) -> str:
    shown = f"{value:.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown


# en: The parameter learned from the old notebook.
# fr: Le paramètre appris dans l'ancien carnet.
a = 2.5

old_receipts = [(1, 2.60), (3, 7.40), (2, 5.10), (5, 12.40), (4, 10.10)]
new_receipts = [(1, 3.10), (3, 9.20), (2, 6.30), (5, 15.40), (4, 12.30)]


def mean_abs_error(receipts):
    return sum(abs(a * n - paid) for n, paid in receipts) / len(receipts)


print(TEXT["header"])
print(f"{TEXT['old']}{number(mean_abs_error(old_receipts), 2)}")
print(f"{TEXT['new']}{number(mean_abs_error(new_receipts), 2)}")

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(old_error=mean_abs_error(old_receipts), new_error=mean_abs_error(new_receipts))
