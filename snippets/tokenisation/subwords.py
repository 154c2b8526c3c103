"""
en: A tiny BPE (byte-pair encoding) learner, in plain Python.
fr: Un petit apprenant BPE (byte-pair encoding, fusion de paires), en Python pur.

en: BPE starts from single characters and repeatedly glues together the pair of
en: symbols that is most frequent in the corpus. Each glued pair becomes a new
en: vocabulary entry (a "merge"). Frequent words end up as one piece; a rare word
en: is still written with known pieces, so nothing is ever unknown.
fr: BPE part des caractères isolés et colle, encore et encore, la paire de symboles
fr: la plus fréquente du corpus. Chaque paire collée devient une nouvelle entrée du
fr: vocabulaire (une « fusion »). Les mots fréquents finissent en une seule pièce ; un
fr: mot rare s'écrit encore avec des pièces connues : rien n'est jamais inconnu.

Used in: docs/tokenisation.fr.md, docs/tokenisation.en.md
Run: python snippets/tokenisation/subwords.py
"""
import os
from collections import Counter

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"merges": "first 12 merges:", "characters": "characters:", "learned": "merges learned:",
           "vocabulary": "vocabulary size:", "after": "after {n} merges:", "piece": "piece", "pieces": "pieces"},
    "fr": {"merges": "les 12 premières fusions :", "characters": "caractères :", "learned": "fusions apprises :",
           "vocabulary": "taille du vocabulaire :", "after": "après {n} fusions :", "piece": "pièce",
           "pieces": "pièces"},
}[LANG]

# en: Word frequencies of a toy corpus (French and English, with shared endings).
# fr: Fréquences des mots d'un petit corpus (français et anglais, avec des terminaisons communes).
word_counts = {
    "nation": 12, "national": 8, "nationale": 6, "nations": 5,
    "constitution": 6, "constitutionnel": 3, "constitutionnelle": 2,
    "action": 7, "actions": 4, "relation": 5, "relations": 3,
    "normal": 6, "normale": 4, "normalement": 4, "lentement": 5,
    "rarement": 3, "anti": 4, "antinational": 2, "antiwar": 2,
    "talk": 6, "talking": 5, "walk": 4, "walking": 4, "walked": 3,
    "learn": 6, "learning": 7, "learned": 3, "unlearn": 1,
}
# en: Marks the end of a word, so "al" at the end differs from "al" inside.
# fr: Marque la fin d'un mot : « al » en fin de mot diffère de « al » à l'intérieur.
END = "</w>"


def to_symbols(word):
    return list(word) + [END]


def pair_counts(corpus):
    counts = Counter()
    for symbols, freq in corpus.items():
        for a, b in zip(symbols, symbols[1:]):
            counts[(a, b)] += freq
    return counts


def merge(symbols, pair):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def learn_bpe(word_counts, n_merges):
    corpus = {tuple(to_symbols(w)): f for w, f in word_counts.items()}
    merges = []
    for _ in range(n_merges):
        counts = pair_counts(corpus)
        if not counts:
            break
        # en: Most frequent pair; ties broken alphabetically so the run is deterministic.
        # fr: La paire la plus fréquente ; à égalité, l'ordre alphabétique tranche (résultat reproductible).
        best = min(counts, key=lambda p: (-counts[p], p))
        merges.append(best)
        corpus = {merge(s, best): f for s, f in corpus.items()}
    return merges


def segment(word, merges):
    symbols = tuple(to_symbols(word))
    for pair in merges:
        symbols = merge(symbols, pair)
    return [s.replace(END, "") for s in symbols if s != END]


merges = learn_bpe(word_counts, n_merges=60)
print(TEXT["merges"])
for k, (a, b) in enumerate(merges[:12], start=1):
    print(f"  {k:2d}. {a} + {b} -> {a + b}")
print()

base_chars = sorted({c for w in word_counts for c in w})
print(TEXT["characters"], len(base_chars), "|", TEXT["learned"], len(merges),
      "|", TEXT["vocabulary"], len(base_chars) + 1 + len(merges))
print()

words = ["nation", "learning", "nationalement", "anticonstitutionnellement",
         "unlearning", "walkers", "relationnel"]
for n in (10, 60):
    print(TEXT["after"].format(n=n))
    for w in words:
        pieces = segment(w, merges[:n])
        unit = TEXT["piece"] if len(pieces) == 1 else TEXT["pieces"]
        print(f"  {w:27s} {len(pieces):2d} {unit:6s}  {' | '.join(pieces)}")
    print()
