"""Pretraining versus fine-tuning: orders of magnitude, from published figures.

Sources:
  BERT (Devlin et al., 2019): BooksCorpus 800 M words + English Wikipedia
    2,500 M words; BERT-base pretrained 4 days on 16 TPU chips; each
    fine-tuning result "can be replicated in at most 1 hour on a single
    Cloud TPU".
  GPT-3 (Brown et al., 2020): about 300 billion training tokens.
  Llama 2 (Touvron et al., 2023): 1,720,320 A100 GPU-hours for the 70B model,
    3,311,616 for the whole family.
  Llama 3 (Meta, April 2024): more than 15 trillion training tokens.
Assumptions (rounded, stated): 1 English token ~ 0.75 word; a human reads
250 words per minute, 8 hours a day, every day of the year.

Run it:  python snippets/vraie-vie/orders_of_magnitude.py
"""
try:
    from lectureutils.glue import glue  # hands the numbers the page quotes to the site's build
except ImportError:  # run outside the project (a downloaded notebook): there is no page to feed
    def glue(**values):
        return None

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
print("training text    words        years of reading (8 h/day)")
for name, words in corpora_words.items():
    minutes = words / READING_WORDS_PER_MINUTE
    years = minutes / 60 / READING_HOURS_PER_DAY / 365.25
    reading_years[name] = years
    print(f"{name:<16} {words:10.1e}   {years:12,.0f}")

print()
# One "Cloud TPU" in the BERT paper = 4 TPU chips (4 Cloud TPUs = 16 chips).
compute_hours = {
    "BERT-base pretraining (16 TPU chips x 4 days)": 16 * 4 * 24,
    "BERT fine-tuning, one task (4 chips x 1 h, max)": 4 * 1,
    "Llama 2 70B pretraining (A100 GPU-hours)": 1_720_320,
    "Llama 2 family, all sizes (A100 GPU-hours)": 3_311_616,
}
print("computation                                       chip-hours   one chip, in years")
for name, hours in compute_hours.items():
    print(f"{name:<49} {hours:10,.0f}   {hours / HOURS_PER_YEAR:10.3f}")

pre = compute_hours["BERT-base pretraining (16 TPU chips x 4 days)"]
fine = compute_hours["BERT fine-tuning, one task (4 chips x 1 h, max)"]
print()
print(f"BERT-base: pretraining costs at least {pre / fine:.0f} times one fine-tuning run")

# The page's text quotes these numbers (run by hand, this line does nothing).
glue(reading_bert=reading_years["BERT (2018)"], reading_llama3=reading_years["Llama 3 (2024)"],
     llama2_70b_years=compute_hours["Llama 2 70B pretraining (A100 GPU-hours)"] / HOURS_PER_YEAR,
     pretraining_over_finetuning=pre / fine)
