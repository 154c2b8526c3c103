"""The loss that trains a language model: cross-entropy on the true next word.

After "the boy went to the", a model outputs one probability per word of its
vocabulary. Training looks at ONE number only: the probability p given to the
word that really came next in the text. The loss is -log(p):
    p close to 1  -> loss close to 0 (almost nothing to correct)
    p small       -> large loss (a big correction)
No model is kept or thrown away: the same model is nudged a little, so that
the true word becomes slightly more likely next time.

Run it:  python snippets/pre-entrainement/cross_entropy.py
"""
import math

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

# An invented distribution over a tiny 8-word vocabulary (a real one has
# 30,000 to 250,000 entries). Scores ("logits") become probabilities via softmax.
LOGITS = {
    "park": 2.0, "store": 1.6, "school": 1.5, "playground": 1.0,
    "beach": 0.7, "hospital": 0.6, "the": -1.5, "banana": -2.5,
}


def softmax(scores):
    top = max(scores.values())
    exps = {w: math.exp(s - top) for w, s in scores.items()}
    total = sum(exps.values())
    return {w: e / total for w, e in exps.items()}


probs = softmax(LOGITS)
print("context: the boy went to the ...")
print(f"{'word':<11} {'p':>6}")
for word, p in sorted(probs.items(), key=lambda item: -item[1]):
    print(f"{word:<11} {p:6.3f}")
print(f"{'sum':<11} {sum(probs.values()):6.3f}")

print()
print("if the text really continued with ...   loss = -ln p")
for true_word in ("park", "playground", "banana"):
    print(f"  {true_word:<11} p = {probs[true_word]:.3f}   loss = {-math.log(probs[true_word]):.2f}")

# One gradient step. For softmax + cross-entropy, the gradient with respect to
# each score is (p - 1) for the true word and p for every other word: the true
# word is pushed up, every other word is pushed down a little, all at once.
# (In a real network the scores come out of millions of weights, and
# backpropagation carries this same signal back to every one of them.)
true_word = "playground"
learning_rate = 1.0
new_logits = {
    w: s - learning_rate * (probs[w] - (1.0 if w == true_word else 0.0))
    for w, s in LOGITS.items()
}
new_probs = softmax(new_logits)
print()
print(f"one update towards {true_word!r} (learning rate {learning_rate}):")
print(f"  p({true_word}) {probs[true_word]:.3f} -> {new_probs[true_word]:.3f}")
print(f"  loss       {-math.log(probs[true_word]):.2f} -> {-math.log(new_probs[true_word]):.2f}")
print(f"  p(park)    {probs['park']:.3f} -> {new_probs['park']:.3f}")

# Reference points for reading real loss curves.
print()
for size in (8, 50_257, 262_144):
    print(f"loss of a uniform guess over {size:>7} words: ln({size}) = {math.log(size):.2f}")

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(p_before=probs[true_word], p_after=new_probs[true_word], uniform_gpt2=math.log(50_257))
