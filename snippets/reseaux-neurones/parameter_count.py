"""
en: How many parameters? From a Playground-sized network to GPT-3.
fr: Combien de paramètres ? D'un réseau de la taille de Playground à GPT-3.

en: A fully connected layer with n_in inputs and n_out neurons has
en: n_in * n_out weights plus n_out biases.
fr: Une couche entièrement connectée à n_in entrées et n_out neurones a
fr: n_in * n_out poids plus n_out biais.

Used in: docs/reseaux-neurones.fr.md, docs/reseaux-neurones.en.md
Run: python snippets/reseaux-neurones/parameter_count.py
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
    "en": {"playground": "playground_2_4_2_1", "model": "model", "parameters": "parameters",
           "huge": "millions_of_billions", "ratio": "ratio_to_GPT-3"},
    "fr": {"playground": "playground_2_4_2_1", "model": "modèle", "parameters": "paramètres",
           "huge": "millions_de_milliards", "ratio": "rapport_à_GPT-3"},
}[LANG]


def scientific(value: float, digits: int, width: int = 0) -> str:
    shown = f"{value:{width}.{digits}e}"
    return shown.replace(".", ",") if LANG == "fr" else shown


def dense_params(sizes):
    """
    en: Parameter count of a stack of fully connected layers.
    fr: Nombre de paramètres d'une pile de couches entièrement connectées.
    """
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))


# en: A small Playground-like network: 2 inputs, hidden layers of 4 and 2, 1 output.
# fr: Un petit réseau comme ceux de Playground : 2 entrées, couches cachées de 4 et 2, 1 sortie.
print(TEXT["playground"], dense_params([2, 4, 2, 1]))
print()

# en: Published sizes (rounded; from the models' papers and model cards).
# fr: Tailles publiées (arrondies ; d'après les articles et les fiches des modèles).
published = [
    ("BERT-base (2018)", 110e6),
    ("GPT-1 (2018)", 117e6),
    ("SmolLM2-135M (2024)", 135e6),
    ("Gemma-3-270M (2025)", 270e6),
    ("GPT-2 XL (2019)", 1.5e9),
    ("GPT-3 (2020)", 175e9),
]
print(f"{TEXT['model']:22s} {TEXT['parameters']:>11s}")
for name, n in published:
    print(f"{name:22s} {scientific(n, 2, 11)}")

millions_of_billions = 1e6 * 1e9
print()
print(TEXT["huge"], scientific(millions_of_billions, 0))
ratio = round(millions_of_billions / 175e9)
# en: French groups thousands with a narrow no-break space.
# fr: En français, les milliers sont séparés par une espace fine insécable.
print(TEXT["ratio"], f"{ratio:,}".replace(",", "\u202f") if LANG == "fr" else ratio)

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(playground=dense_params([2, 4, 2, 1]))
