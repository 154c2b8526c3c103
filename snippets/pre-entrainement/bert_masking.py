"""The BERT masking recipe (Devlin et al., 2019), step by step.

1. Choose 15 % of the token positions at random: these are the words the
   model will have to guess.
2. For each chosen position:
     80 % of the time  -> replace the word with the special token [MASK]
     10 % of the time  -> replace it with a random word from the vocabulary
     10 % of the time  -> leave it unchanged
3. The model reads the altered sentence and must output the ORIGINAL word
   at each chosen position, using the context on both sides.

As in Google's original data generator, we pick round(15 % of n) positions
(at least one). Words stand in for tokens here, to keep the example readable.

Run it:  python snippets/pre-entrainement/bert_masking.py
"""
import random
from collections import Counter

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

MASK = "[MASK]"
SEED = 4


def mask_tokens(tokens, vocabulary, rng, rate=0.15):
    """Return (model input, {position: original word}, {position: action})."""
    n_chosen = max(1, round(rate * len(tokens)))
    positions = sorted(rng.sample(range(len(tokens)), n_chosen))
    model_input = list(tokens)
    targets, actions = {}, {}
    for pos in positions:
        targets[pos] = tokens[pos]
        draw = rng.random()
        if draw < 0.8:
            model_input[pos] = MASK
            actions[pos] = "mask"
        elif draw < 0.9:
            model_input[pos] = rng.choice(vocabulary)
            actions[pos] = "random"
        else:
            actions[pos] = "unchanged"
    return model_input, targets, actions


rng = random.Random(SEED)

# Part 1: one sentence, masked three times (a new draw each time it comes back).
sentence = ("the learners handed in their essays on monday and the teacher "
            "read every one of them before the seminar").split()
# Random replacements are drawn here from the sentence's own words; real BERT
# draws them from its whole vocabulary (30,522 pieces for English BERT-base).
vocabulary = sorted(set(sentence))
print(f"original ({len(sentence)} tokens):", " ".join(sentence))
for draw in range(1, 4):
    model_input, targets, actions = mask_tokens(sentence, vocabulary, rng)
    print()
    print(f"draw {draw}  :", " ".join(model_input))
    for pos, word in targets.items():
        print(f"  position {pos:2d}: model sees {model_input[pos]!r:11} "
              f"-> must answer {word!r} ({actions[pos]})")

# Part 2: the same recipe over a longer synthetic text (100 sentences of
# 20 tokens drawn from a 500-word vocabulary), to see the proportions.
big_vocabulary = [f"w{i}" for i in range(500)]
counts = Counter()
n_tokens = 0
for _ in range(100):
    tokens = [rng.choice(big_vocabulary) for _ in range(20)]
    n_tokens += len(tokens)
    _, _, acts = mask_tokens(tokens, big_vocabulary, rng)
    counts.update(acts.values())

n_chosen = sum(counts.values())
print()
print(f"tokens: {n_tokens}, chosen: {n_chosen} ({n_chosen / n_tokens:.0%})")
for action in ("mask", "random", "unchanged"):
    print(f"  {action:9}: {counts[action]:4d} ({counts[action] / n_chosen:.0%} of chosen)")
print(f"tokens the model sees as {MASK}: {counts['mask'] / n_tokens:.1%} of the text")

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(chosen=n_chosen / n_tokens, masked=counts["mask"] / n_tokens,
     shares={action: counts[action] / n_chosen for action in ("mask", "random", "unchanged")})
