"""
en: The loss that trains a language model: cross-entropy on the true next word.
fr: La perte qui entraîne un modèle de langage : l'entropie croisée sur le vrai mot suivant.

en: After "the boy went to the", a model outputs one probability per word of its
en: vocabulary. Training looks at ONE number only: the probability p given to the
en: word that really came next in the text. The loss is -log(p):
en:     p close to 1  -> loss close to 0 (almost nothing to correct)
en:     p small       -> large loss (a big correction)
en: No model is kept or thrown away: the same model is nudged a little, so that
en: the true word becomes slightly more likely next time.
fr: Après « the boy went to the », un modèle donne une probabilité par mot de son
fr: vocabulaire. L'entraînement ne regarde qu'UN nombre : la probabilité p donnée au
fr: mot qui venait vraiment ensuite dans le texte. La perte vaut -log(p) :
fr:     p proche de 1 -> perte proche de 0 (presque rien à corriger)
fr:     p petit       -> forte perte (une grosse correction)
fr: Aucun modèle n'est gardé ni jeté : le même modèle est poussé un peu, pour que
fr: le vrai mot devienne un peu plus probable la fois suivante.

Used in: docs/pre-entrainement.fr.md, docs/pre-entrainement.en.md
Run: python snippets/pre-entrainement/cross_entropy.py
"""
import math
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
    "en": {"context": "context: the boy went to the ...", "word": "word", "sum": "sum",
           "if": "if the text really continued with ...   loss = -ln p", "loss": "loss",
           "update": "one update towards {w!r} (learning rate {r}):",
           "uniform": "loss of a uniform guess over {n:>7} words: ln({size}) = {v}"},
    "fr": {"context": "contexte : the boy went to the ...", "word": "mot", "sum": "somme",
           "if": "si le texte continuait vraiment par ...   perte = -ln p", "loss": "perte",
           "update": "une correction vers « {w} » (taux d'apprentissage {r}) :",
           "uniform": "perte d'un choix uniforme parmi {n:>7} mots : ln({size}) = {v}"},
}[LANG]


def number(value: float, digits: int, width: int = 0) -> str:
    shown = f"{value:{width}.{digits}f}"
    return shown.replace(".", ",") if LANG == "fr" else shown


# en: An invented distribution over a tiny 8-word vocabulary (a real one has
# en: 30,000 to 250,000 entries). Scores ("logits") become probabilities via softmax.
# fr: Une distribution inventée sur un vocabulaire minuscule de 8 mots (un vrai en compte
# fr: de 30 000 à 250 000). Les scores (« logits ») deviennent des probabilités par softmax.
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
print(TEXT["context"])
print(f"{TEXT['word']:<11} {'p':>6}")
for word, p in sorted(probs.items(), key=lambda item: -item[1]):
    print(f"{word:<11} {number(p, 3, 6)}")
print(f"{TEXT['sum']:<11} {number(sum(probs.values()), 3, 6)}")

print()
print(TEXT["if"])
for true_word in ("park", "playground", "banana"):
    print(f"  {true_word:<11} p = {number(probs[true_word], 3)}   {TEXT['loss']} = {number(-math.log(probs[true_word]), 2)}")

# en: One gradient step. For softmax + cross-entropy, the gradient with respect to
# en: each score is (p - 1) for the true word and p for every other word: the true
# en: word is pushed up, every other word is pushed down a little, all at once.
# en: (In a real network the scores come out of millions of weights, and
# en: backpropagation carries this same signal back to every one of them.)
# fr: Un pas de gradient. Pour softmax + entropie croisée, le gradient par rapport à
# fr: chaque score vaut (p - 1) pour le vrai mot et p pour chacun des autres : le vrai
# fr: mot monte, tous les autres baissent un peu, tout cela à la fois.
# fr: (Dans un vrai réseau, les scores sortent de millions de poids, et la
# fr: rétropropagation renvoie ce même signal à chacun d'eux.)
true_word = "playground"
learning_rate = 1.0
new_logits = {
    w: s - learning_rate * (probs[w] - (1.0 if w == true_word else 0.0))
    for w, s in LOGITS.items()
}
new_probs = softmax(new_logits)
print()
print(TEXT["update"].format(w=true_word, r=number(learning_rate, 1)))
print(f"  p({true_word}) {number(probs[true_word], 3)} -> {number(new_probs[true_word], 3)}")
print(f"  {TEXT['loss']:<10} {number(-math.log(probs[true_word]), 2)} -> {number(-math.log(new_probs[true_word]), 2)}")
print(f"  p(park)    {number(probs['park'], 3)} -> {number(new_probs['park'], 3)}")

# en: Reference points for reading real loss curves.
# fr: Des repères pour lire de vraies courbes de perte.
print()
for size in (8, 50_257, 262_144):
    grouped = f"{size:,}".replace(",", "\u202f") if LANG == "fr" else size
    print(TEXT["uniform"].format(n=grouped, size=size, v=number(math.log(size), 2)))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(p_before=probs[true_word], p_after=new_probs[true_word], uniform_gpt2=math.log(50_257))
