"""A language model learns what is frequent, not what is true.

A tiny count-based model "reads" a corpus and estimates, for the context
"the berlin wall fell in", the probability of each following year. It has no
notion of truth: it only counts. Feed it a corpus where a wrong date is
repeated often enough, and it will state the wrong date just as fluently.
(All sentences are invented for the demonstration.)

Run it:  python snippets/preconisations/frequency_not_truth.py
"""
from collections import Counter

CONTEXT = ("the", "berlin", "wall", "fell", "in")


def next_word_distribution(corpus, context):
    """Count what follows `context` in the corpus; return sorted probabilities."""
    n = len(context)
    counts = Counter()
    for sentence in corpus:
        words = sentence.split()
        for i in range(len(words) - n):
            if tuple(words[i:i + n]) == context:
                counts[words[i + n]] += 1
    total = sum(counts.values())
    return [(word, c / total) for word, c in counts.most_common()]


reliable = (
    ["the berlin wall fell in 1989 ."] * 40
    + ["historians agree the berlin wall fell in 1989 ."] * 8
    + ["the berlin wall fell in november 1989 ."] * 10
    + ["the berlin wall fell in 1990 ."] * 2          # a few errors exist
)
polluted = reliable + ["the berlin wall fell in 1991 ."] * 90   # a repeated rumour

for name, corpus in (("reliable corpus", reliable), ("polluted corpus", polluted)):
    print(f"{name} ({len(corpus)} sentences): the berlin wall fell in ...")
    for word, p in next_word_distribution(corpus, CONTEXT):
        print(f"  {word:<9} {p:.2f}")
    print()

# The counting rule is identical in both runs. The only thing that changed is
# the data, and with it the "fact" the model states most confidently.
