"""
en: How raw text becomes next-word training examples, with no human labels.
fr: Comment un texte brut devient des exemples d'entraînement « mot suivant », sans étiquette humaine.

en: Each position in a sentence gives one exercise: the words so far (the
en: context) and the word that really comes next (the answer). The answer is
en: already in the text, so nobody has to annotate anything: this is what
en: "self-supervised" means.
fr: Chaque position d'une phrase donne un exercice : les mots déjà lus (le
fr: contexte) et le mot qui vient vraiment ensuite (la réponse). La réponse est
fr: déjà dans le texte : personne n'a rien à annoter. C'est le sens
fr: d'« auto-supervisé ».

Used in: docs/pre-entrainement.fr.md, docs/pre-entrainement.en.md
Run: python snippets/pre-entrainement/next_word_pairs.py
"""
import os

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"count": "{w} words -> {p} pairs", "total": "total: {w} words, {p} (context -> next word) pairs",
           "corpus": "pairs in a 15e12-token corpus: about {n}"},
    "fr": {"count": "{w} mots -> {p} paires", "total": "total : {w} mots, {p} paires (contexte -> mot suivant)",
           "corpus": "paires dans un corpus de 15e12 tokens : environ {n}"},
}[LANG]

SENTENCES = [
    "the boy went to the park after school .",
    "le garçon est allé au parc après l' école .",
]


def next_word_pairs(words):
    """
    en: Return the (context, next word) pairs hidden in one list of words.
    fr: Renvoie les paires (contexte, mot suivant) cachées dans une liste de mots.
    """
    return [(words[:i], words[i]) for i in range(1, len(words))]


total_words = 0
total_pairs = 0
for sentence in SENTENCES:
    words = sentence.split()
    pairs = next_word_pairs(words)
    total_words += len(words)
    total_pairs += len(pairs)
    print(TEXT["count"].format(w=len(words), p=len(pairs)))
    for context, target in pairs:
        print(f"  {' '.join(context):<42} -> {target}")
    print()

print(TEXT["total"].format(w=total_words, p=total_pairs))

# en: A real model does not read these pairs one by one: in a single pass over the
# en: sentence it predicts the next word at EVERY position at once (a mask stops
# en: each position from peeking at the words on its right).
# en: Order of magnitude for a real corpus: one pair per token, so a corpus of
# en: 15 trillion tokens (Llama 3, 2024) holds about 15 trillion exercises.
# fr: Un vrai modèle ne lit pas ces paires une à une : en un seul passage sur la
# fr: phrase, il prédit le mot suivant à CHAQUE position à la fois (un masque empêche
# fr: chaque position de regarder les mots à sa droite).
# fr: Ordre de grandeur pour un vrai corpus : une paire par token ; un corpus de
# fr: 15 000 milliards de tokens (Llama 3, 2024) contient donc environ 15 000 milliards d'exercices.
corpus_tokens = 15 * 10**12
shown = f"{corpus_tokens:.1e}"
print(TEXT["corpus"].format(n=shown.replace(".", ",") if LANG == "fr" else shown))
