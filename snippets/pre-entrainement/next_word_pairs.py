"""How raw text becomes next-word training examples, with no human labels.

Each position in a sentence gives one exercise: the words so far (the
context) and the word that really comes next (the answer). The answer is
already in the text, so nobody has to annotate anything: this is what
"self-supervised" means.

Run it:  python snippets/pre-entrainement/next_word_pairs.py
"""

SENTENCES = [
    "the boy went to the park after school .",
    "le garçon est allé au parc après l' école .",
]


def next_word_pairs(words):
    """Return the (context, next word) pairs hidden in one list of words."""
    return [(words[:i], words[i]) for i in range(1, len(words))]


total_words = 0
total_pairs = 0
for sentence in SENTENCES:
    words = sentence.split()
    pairs = next_word_pairs(words)
    total_words += len(words)
    total_pairs += len(pairs)
    print(f"{len(words)} words -> {len(pairs)} pairs")
    for context, target in pairs:
        print(f"  {' '.join(context):<42} -> {target}")
    print()

print(f"total: {total_words} words, {total_pairs} (context -> next word) pairs")

# A real model does not read these pairs one by one: in a single pass over the
# sentence it predicts the next word at EVERY position at once (a mask stops
# each position from peeking at the words on its right).
# Order of magnitude for a real corpus: one pair per token, so a corpus of
# 15 trillion tokens (Llama 3, 2024) holds about 15 trillion exercises.
corpus_tokens = 15 * 10**12
print(f"pairs in a 15e12-token corpus: about {corpus_tokens:.1e}")
