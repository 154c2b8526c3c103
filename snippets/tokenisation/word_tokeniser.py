"""A word-level tokeniser: one id per known word, [UNK] for everything else.

Used in: docs/tokenisation.fr.md, docs/tokenisation.en.md
Run: python snippets/tokenisation/word_tokeniser.py
"""
import re

# A tiny training corpus: a few French and English sentences.
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
    """Lower-case, then keep runs of letters (accents included) and single punctuation marks."""
    return re.findall(r"[a-zàâäçéèêëîïôöùûüÿœæ]+|[^\sa-zàâäçéèêëîïôöùûüÿœæ]", text.lower())


# Build the vocabulary: special tokens first, then every word in order of first appearance.
vocab = {tok: i for i, tok in enumerate(SPECIAL)}
for sentence in corpus:
    for word in split_words(sentence):
        if word not in vocab:
            vocab[word] = len(vocab)
id_to_word = {i: w for w, i in vocab.items()}

print("vocabulary size:", len(vocab))
print("first entries:", list(vocab.items())[:12])
print()


def encode(text):
    return [vocab.get(w, vocab["[UNK]"]) for w in split_words(text)]


def decode(ids):
    return " ".join(id_to_word[i] for i in ids)


tests = [
    "Le chat mange le muffin.",          # every word is known
    "The cat eats the croissant.",       # 'croissant' was never seen
    "Le chaton mange le muffin.",        # 'chaton' is new, although 'chat' is known
    "Je suis très déçu par ce film.",    # 'déçu' is new, although 'déçue' is known
]
for text in tests:
    ids = encode(text)
    unknown = [w for w in split_words(text) if w not in vocab]
    print("input  :", text)
    print("ids    :", ids)
    print("decoded:", decode(ids))
    print("unknown:", unknown if unknown else "-")
    print()
