"""
en: A word-level tokeniser: one id per known word, [UNK] for everything else.
fr: Un tokeniseur par mots : un identifiant par mot connu, [UNK] pour tout le reste.

Used in: docs/tokenisation.fr.md, docs/tokenisation.en.md
Run: python snippets/tokenisation/word_tokeniser.py
"""
import os
import re

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"size": "vocabulary size:", "first": "first entries:", "input": "input  :", "ids": "ids    :",
           "decoded": "decoded:", "unknown": "unknown:"},
    "fr": {"size": "taille du vocabulaire :", "first": "premières entrées :", "input": "entrée   :",
           "ids": "ids      :", "decoded": "décodage :", "unknown": "inconnus :"},
}[LANG]

# en: A tiny training corpus: a few French and English sentences.
# fr: Un tout petit corpus d'entraînement : quelques phrases françaises et anglaises.
corpus = [
    "Le chat mange le muffin.",
    "Le garçon est allé au parc.",
    "Je suis très déçue par ce film.",
    "The cat eats the muffin.",
    "The boy went to the park.",
    "I am very disappointed by this film.",
]

SPECIAL = ["[PAD]", "[UNK]"]


def split_words(text):
    """
    en: Lower-case, then keep runs of letters (accents included) and single punctuation marks.
    fr: En minuscules, puis les suites de lettres (accents compris) et les signes de ponctuation isolés.
    """
    return re.findall(r"[a-zàâäçéèêëîïôöùûüÿœæ]+|[^\sa-zàâäçéèêëîïôöùûüÿœæ]", text.lower())


# en: Build the vocabulary: special tokens first, then every word in order of first appearance.
# fr: Le vocabulaire : les jetons spéciaux d'abord, puis chaque mot dans l'ordre de sa première apparition.
vocab = {tok: i for i, tok in enumerate(SPECIAL)}
for sentence in corpus:
    for word in split_words(sentence):
        if word not in vocab:
            vocab[word] = len(vocab)
id_to_word = {i: w for w, i in vocab.items()}

print(TEXT["size"], len(vocab))
print(TEXT["first"], list(vocab.items())[:12])
print()


def encode(text):
    return [vocab.get(w, vocab["[UNK]"]) for w in split_words(text)]


def decode(ids):
    return " ".join(id_to_word[i] for i in ids)


tests = [
    # en: Every word is known; 'croissant' was never seen; 'chaton' is new, although 'chat' is
    # en: known; 'déçu' is new, although 'déçue' is known.
    # fr: Tous les mots sont connus ; « croissant » n'a jamais été vu ; « chaton » est nouveau,
    # fr: bien que « chat » soit connu ; « déçu » est nouveau, bien que « déçue » soit connu.
    "Le chat mange le muffin.",
    "The cat eats the croissant.",
    "Le chaton mange le muffin.",
    "Je suis très déçu par ce film.",
]
for text in tests:
    ids = encode(text)
    unknown = [w for w in split_words(text) if w not in vocab]
    print(TEXT["input"], text)
    print(TEXT["ids"], ids)
    print(TEXT["decoded"], decode(ids))
    print(TEXT["unknown"], unknown if unknown else "-")
    print()
