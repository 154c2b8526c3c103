"""
en: A language model learns what is frequent, not what is true.
fr: Un modèle de langage apprend ce qui est fréquent, pas ce qui est vrai.

en: A tiny count-based model "reads" a corpus and estimates, for the context
en: "the berlin wall fell in", the probability of each following year. It has no
en: notion of truth: it only counts. Feed it a corpus where a wrong date is
en: repeated often enough, and it will state the wrong date just as fluently.
en: (All sentences are invented for the demonstration.)
fr: Un minuscule modèle à base de comptes « lit » un corpus et estime, pour le contexte
fr: « the berlin wall fell in » (le mur de Berlin est tombé en), la probabilité de chaque
fr: année qui suit. Il n'a aucune notion de vérité : il ne fait que compter. Donnez-lui un
fr: corpus où une date fausse est assez répétée, et il l'affirmera avec la même aisance.
fr: (Toutes les phrases sont inventées pour la démonstration.)

Used in: docs/preconisations.fr.md, docs/preconisations.en.md
Run: python snippets/preconisations/frequency_not_truth.py
"""
import os
from collections import Counter

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"reliable": "reliable corpus", "polluted": "polluted corpus", "sentences": "sentences"},
    "fr": {"reliable": "corpus fiable", "polluted": "corpus pollué", "sentences": "phrases"},
}[LANG]

CONTEXT = ("the", "berlin", "wall", "fell", "in")


def next_word_distribution(corpus, context):
    """
    en: Count what follows `context` in the corpus; return sorted probabilities.
    fr: Compte ce qui suit `context` dans le corpus ; renvoie les probabilités triées.
    """
    n = len(context)
    counts = Counter()
    for sentence in corpus:
        words = sentence.split()
        for i in range(len(words) - n):
            if tuple(words[i:i + n]) == context:
                counts[words[i + n]] += 1
    total = sum(counts.values())
    return [(word, c / total) for word, c in counts.most_common()]


# en: A few errors exist in the reliable corpus; the polluted one adds a repeated rumour.
# fr: Le corpus fiable contient quelques erreurs ; le corpus pollué y ajoute une rumeur répétée.
reliable = (
    ["the berlin wall fell in 1989 ."] * 40
    + ["historians agree the berlin wall fell in 1989 ."] * 8
    + ["the berlin wall fell in november 1989 ."] * 10
    + ["the berlin wall fell in 1990 ."] * 2
)
polluted = reliable + ["the berlin wall fell in 1991 ."] * 90

for name, corpus in ((TEXT["reliable"], reliable), (TEXT["polluted"], polluted)):
    print(f"{name} ({len(corpus)} {TEXT['sentences']}) : the berlin wall fell in ..."
          if LANG == "fr" else f"{name} ({len(corpus)} sentences): the berlin wall fell in ...")
    for word, p in next_word_distribution(corpus, CONTEXT):
        shown = f"{p:.2f}"
        print(f"  {word:<9} {shown.replace('.', ',') if LANG == 'fr' else shown}")
    print()

# en: The counting rule is identical in both runs. The only thing that changed is
# en: the data, and with it the "fact" the model states most confidently.
# fr: La règle de comptage est la même dans les deux cas. Seules les données ont changé,
# fr: et avec elles le « fait » que le modèle affirme avec le plus d'assurance.
