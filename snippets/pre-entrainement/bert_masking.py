"""
en: The BERT masking recipe (Devlin et al., 2019), step by step.
fr: La recette de masquage de BERT (Devlin et al., 2019), pas à pas.

en: 1. Choose 15 % of the token positions at random: these are the words the
en:    model will have to guess.
en: 2. For each chosen position:
en:      80 % of the time  -> replace the word with the special token [MASK]
en:      10 % of the time  -> replace it with a random word from the vocabulary
en:      10 % of the time  -> leave it unchanged
en: 3. The model reads the altered sentence and must output the ORIGINAL word
en:    at each chosen position, using the context on both sides.
fr: 1. Choisir au hasard 15 % des positions de tokens : ce sont les mots que le
fr:    modèle devra deviner.
fr: 2. Pour chaque position choisie :
fr:      80 % des fois  -> remplacer le mot par le token spécial [MASK]
fr:      10 % des fois  -> le remplacer par un mot du vocabulaire tiré au hasard
fr:      10 % des fois  -> le laisser tel quel
fr: 3. Le modèle lit la phrase modifiée et doit donner le mot D'ORIGINE
fr:    à chaque position choisie, à l'aide du contexte des deux côtés.

en: As in Google's original data generator, we pick round(15 % of n) positions
en: (at least one). Words stand in for tokens here, to keep the example readable.
fr: Comme le générateur de données d'origine de Google, on choisit round(15 % de n)
fr: positions (au moins une). Ici, des mots tiennent lieu de tokens, pour rester lisible.

Used in: docs/pre-entrainement.fr.md, docs/pre-entrainement.en.md
Run: python snippets/pre-entrainement/bert_masking.py
"""
import os
import random
from collections import Counter

try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

# en: The page's language (the build sets it; English when run by hand).
# fr: La langue de la page (la construction du site la fixe ; anglais par défaut).
LANG = os.environ.get("LECTURE_LANG", "en")
TEXT = {
    "en": {"original": "original ({n} tokens):", "draw": "draw {d}  :",
           "position": "  position {pos:2d}: model sees {seen:11} -> must answer {word} ({action})",
           "totals": "tokens: {n}, chosen: {c} ({share})", "share": "  {action:9}: {k:4d} ({share} of chosen)",
           "masked": "tokens the model sees as {mask}: {share} of the text",
           "actions": {"mask": "mask", "random": "random", "unchanged": "unchanged"}},
    "fr": {"original": "original ({n} tokens) :", "draw": "tirage {d} :",
           "position": "  position {pos:2d} : le modèle voit {seen:11} -> doit répondre {word} ({action})",
           "totals": "tokens : {n}, choisis : {c} ({share})", "share": "  {action:9} : {k:4d} ({share} des choisis)",
           "masked": "tokens que le modèle voit comme {mask} : {share} du texte",
           "actions": {"mask": "masqué", "random": "aléatoire", "unchanged": "inchangé"}},
}[LANG]


def percent(value: float, digits: int) -> str:
    if LANG != "fr":
        return f"{value:.{digits}%}"
    return f"{100 * value:.{digits}f}".replace(".", ",") + "\u202f%"


def quoted(word: str) -> str:
    return repr(word) if LANG != "fr" else f"« {word} »"


MASK = "[MASK]"
SEED = 4


def mask_tokens(tokens, vocabulary, rng, rate=0.15):
    """
    en: Return (model input, {position: original word}, {position: action}).
    fr: Renvoie (entrée du modèle, {position : mot d'origine}, {position : action}).
    """
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

# en: Part 1: one sentence, masked three times (a new draw each time it comes back).
# fr: 1re partie : une phrase, masquée trois fois (un nouveau tirage à chaque retour).
sentence = ("the learners handed in their essays on monday and the teacher "
            "read every one of them before the seminar").split()
# en: Random replacements are drawn here from the sentence's own words; real BERT
# en: draws them from its whole vocabulary (30,522 pieces for English BERT-base).
# fr: Les remplacements aléatoires sont tirés ici parmi les mots de la phrase ; le vrai BERT
# fr: les tire dans tout son vocabulaire (30 522 morceaux pour le BERT-base anglais).
vocabulary = sorted(set(sentence))
print(TEXT["original"].format(n=len(sentence)), " ".join(sentence))
for draw in range(1, 4):
    model_input, targets, actions = mask_tokens(sentence, vocabulary, rng)
    print()
    print(TEXT["draw"].format(d=draw), " ".join(model_input))
    for pos, word in targets.items():
        print(TEXT["position"].format(pos=pos, seen=quoted(model_input[pos]), word=quoted(word),
                                      action=TEXT["actions"][actions[pos]]))

# en: Part 2: the same recipe over a longer synthetic text (100 sentences of
# en: 20 tokens drawn from a 500-word vocabulary), to see the proportions.
# fr: 2e partie : la même recette sur un texte synthétique plus long (100 phrases de
# fr: 20 tokens tirés d'un vocabulaire de 500 mots), pour voir les proportions.
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
thousands = f"{n_tokens:,}".replace(",", "\u202f") if LANG == "fr" else n_tokens
print(TEXT["totals"].format(n=thousands, c=n_chosen, share=percent(n_chosen / n_tokens, 0)))
for action in ("mask", "random", "unchanged"):
    print(TEXT["share"].format(action=TEXT["actions"][action], k=counts[action],
                               share=percent(counts[action] / n_chosen, 0)))
print(TEXT["masked"].format(mask=MASK, share=percent(counts["mask"] / n_tokens, 1)))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(chosen=n_chosen / n_tokens, masked=counts["mask"] / n_tokens,
     shares={action: counts[action] / n_chosen for action in ("mask", "random", "unchanged")})
