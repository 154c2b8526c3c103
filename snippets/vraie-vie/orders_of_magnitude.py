"""
en: Pretraining versus fine-tuning: orders of magnitude, from published figures.
fr: Pré-entraînement contre affinage : des ordres de grandeur, d'après les chiffres publiés.

en: Sources:
en:   BERT (Devlin et al., 2019): BooksCorpus 800 M words + English Wikipedia
en:     2,500 M words; BERT-base pretrained 4 days on 16 TPU chips; each
en:     fine-tuning result "can be replicated in at most 1 hour on a single
en:     Cloud TPU".
en:   GPT-3 (Brown et al., 2020): about 300 billion training tokens.
en:   Llama 2 (Touvron et al., 2023): 1,720,320 A100 GPU-hours for the 70B model,
en:     3,311,616 for the whole family.
en:   Llama 3 (Meta, April 2024): more than 15 trillion training tokens.
en: Assumptions (rounded, stated): 1 English token ~ 0.75 word; a human reads
en: 250 words per minute, 8 hours a day, every day of the year.
fr: Sources :
fr:   BERT (Devlin et al., 2019) : BooksCorpus 800 M de mots + Wikipédia anglais
fr:     2 500 M de mots ; BERT-base pré-entraîné 4 jours sur 16 puces TPU ; chaque
fr:     résultat d'affinage « can be replicated in at most 1 hour on a single
fr:     Cloud TPU » (se reproduit en 1 heure au plus sur un seul Cloud TPU).
fr:   GPT-3 (Brown et al., 2020) : environ 300 milliards de tokens d'entraînement.
fr:   Llama 2 (Touvron et al., 2023) : 1 720 320 heures-GPU A100 pour le modèle 70B,
fr:     3 311 616 pour toute la famille.
fr:   Llama 3 (Meta, avril 2024) : plus de 15 000 milliards de tokens d'entraînement.
fr: Hypothèses (arrondies, explicites) : 1 token anglais ~ 0,75 mot ; un humain lit
fr: 250 mots par minute, 8 heures par jour, tous les jours de l'année.

Used in: docs/vraie-vie.fr.md, docs/vraie-vie.en.md
Run: python snippets/vraie-vie/orders_of_magnitude.py
"""
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
    "en": {"reading": "training text    words        years of reading (8 h/day)",
           "computation": "computation                                       chip-hours   one chip, in years",
           "names": {"bert_pre": "BERT-base pretraining (16 TPU chips x 4 days)",
                     "bert_fine": "BERT fine-tuning, one task (4 chips x 1 h, max)",
                     "llama_70b": "Llama 2 70B pretraining (A100 GPU-hours)",
                     "llama_all": "Llama 2 family, all sizes (A100 GPU-hours)"},
           "ratio": "BERT-base: pretraining costs at least {r} times one fine-tuning run"},
    "fr": {"reading": "corpus           mots         années de lecture (8 h/jour)",
           "computation": "calcul                                            heures-puce  une puce, en années",
           "names": {"bert_pre": "pré-entraînement BERT-base (16 puces x 4 jours)",
                     "bert_fine": "affinage BERT, une tâche (4 puces x 1 h, max.)",
                     "llama_70b": "pré-entraînement Llama 2 70B (heures-GPU A100)",
                     "llama_all": "famille Llama 2, toutes tailles (h-GPU A100)"},
           "ratio": "BERT-base : le pré-entraînement coûte au moins {r} fois un affinage"},
}[LANG]


def shown(text: str) -> str:
    """
    en: A number formatted the English way, rewritten the French way on French pages.
    fr: Un nombre mis en forme à l'anglaise, réécrit à la française sur les pages françaises.
    """
    return text.translate({ord(","): "\u202f", ord("."): ","}) if LANG == "fr" else text


WORDS_PER_TOKEN = 0.75
READING_WORDS_PER_MINUTE = 250
READING_HOURS_PER_DAY = 8
HOURS_PER_YEAR = 24 * 365.25

corpora_words = {
    "BERT (2018)": 3.3e9,
    "GPT-3 (2020)": 300e9 * WORDS_PER_TOKEN,
    "Llama 3 (2024)": 15e12 * WORDS_PER_TOKEN,
}

reading_years = {}
print(TEXT["reading"])
for name, words in corpora_words.items():
    minutes = words / READING_WORDS_PER_MINUTE
    years = minutes / 60 / READING_HOURS_PER_DAY / 365.25
    reading_years[name] = years
    print(f"{name:<16} {shown(f'{words:10.1e}')}   {shown(f'{years:12,.0f}')}")

print()
# en: One "Cloud TPU" in the BERT paper = 4 TPU chips (4 Cloud TPUs = 16 chips).
# fr: Un « Cloud TPU » de l'article de BERT = 4 puces TPU (4 Cloud TPU = 16 puces).
compute_hours = {
    "BERT-base pretraining (16 TPU chips x 4 days)": 16 * 4 * 24,
    "BERT fine-tuning, one task (4 chips x 1 h, max)": 4 * 1,
    "Llama 2 70B pretraining (A100 GPU-hours)": 1_720_320,
    "Llama 2 family, all sizes (A100 GPU-hours)": 3_311_616,
}
labels = dict(zip(compute_hours, TEXT["names"].values()))
print(TEXT["computation"])
for name, hours in compute_hours.items():
    print(f"{labels[name]:<49} {shown(f'{hours:10,.0f}')}   {shown(f'{hours / HOURS_PER_YEAR:10.3f}')}")

pre = compute_hours["BERT-base pretraining (16 TPU chips x 4 days)"]
fine = compute_hours["BERT fine-tuning, one task (4 chips x 1 h, max)"]
print()
print(TEXT["ratio"].format(r=f"{pre / fine:.0f}"))

# en: The page's text quotes these numbers (run by hand, this line does nothing).
# fr: Le texte de la page cite ces nombres (exécuté à la main, cet appel ne fait rien).
glue(reading_bert=reading_years["BERT (2018)"], reading_llama3=reading_years["Llama 3 (2024)"],
     llama2_70b_years=compute_hours["Llama 2 70B pretraining (A100 GPU-hours)"] / HOURS_PER_YEAR,
     pretraining_over_finetuning=pre / fine)
