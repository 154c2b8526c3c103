"""One sentence through several real tokenizers: pieces, ids, counts, tokens per word.

Used in: docs/tokenisation.*.md (the same French and English sentence cut by five tokenizers).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lectureutils.compute import models

_WORD = re.compile(r"[^\W\d_]+|\d+")



@lru_cache(maxsize=1)
def _byte_decoder() -> dict[str, int]:
    """GPT-2's byte-to-unicode table, reversed: ``Ġ`` → the byte of a space, and so on."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(
        range(ord("®"), ord("ÿ") + 1)
    )
    codes = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return {chr(code): byte for byte, code in zip(printable, codes)}


def _piece_bytes(style: str, raw: str) -> bytes:
    """The bytes a vocabulary entry stands for, so every tokenizer is shown the same way; ``style``
    is the model registry's ``pieces``."""
    if style == "byte-level":
        table = _byte_decoder()
        return bytes(table[ch] for ch in raw if ch in table)
    if style == "sentencepiece":
        fallback = re.fullmatch(r"<0x([0-9A-Fa-f]{2})>", raw)
        if fallback:
            return bytes([int(fallback.group(1), 16)])
        return raw.replace("▁", " ").encode()
    if style == "wordpiece":
        return (raw[2:] if raw.startswith("##") else " " + raw).encode()
    return raw.encode()


def _display(pieces: list[bytes]) -> list[str]:
    """Text of each piece; a piece that is only part of a character shows its bytes (⟨C3⟩)."""
    shown = []
    for data in pieces:
        try:
            shown.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            shown.append("".join(f"⟨{b:02X}⟩" for b in data))
    return shown


def _encode(model_id: str, sentence: str) -> tuple[list[int], list[bytes]]:
    tokenizer = models.load_tokenizer(model_id)
    spec = models.spec(model_id)
    if spec.tokenizer == "tekken":
        ids = tokenizer.encode(sentence, bos=False, eos=False)
        return ids, [tokenizer.id_to_byte_piece(i) for i in ids]
    ids = tokenizer(sentence, add_special_tokens=False)["input_ids"]
    raws = tokenizer.convert_ids_to_tokens(ids)
    pieces = [_piece_bytes(spec.pieces, raw) for raw in raws]
    if spec.pieces == "wordpiece" and pieces and not sentence.startswith(" "):
        pieces[0] = pieces[0].lstrip(b" ")  # WordPiece marks continuations (##), not word starts
    return ids, pieces


def tokenize(sentences: list[str], tokenizers: list[str]) -> dict[str, Any]:
    """Each sentence through each tokenizer (no special tokens added).

    For each pair: the pieces as text (a leading space is part of the piece; a piece that is only
    part of a UTF-8 character is shown as its bytes, ⟨C3⟩), the ids, the number of tokens, the
    number of words (runs of letters or digits) and tokens per word.
    Used in: docs/tokenisation.*.md.
    """
    rows = []
    for model_id in tokenizers:
        per_sentence = []
        for sentence in sentences:
            ids, pieces = _encode(model_id, sentence)
            words = len(_WORD.findall(sentence))
            per_sentence.append(
                {
                    "sentence": sentence,
                    "pieces": _display(pieces),
                    "ids": [int(i) for i in ids],
                    "count": len(ids),
                    "words": words,
                    "tokens_per_word": round(len(ids) / words, 3) if words else None,
                }
            )
        info = models.provenance(model_id)
        rows.append(
            {
                "tokenizer": model_id,
                "name": models.spec(model_id).name,
                "algorithm": models.spec(model_id).algorithm,
                "vocabulary": info.get("vocabulary"),
                "sentences": per_sentence,
            }
        )
    return {"sentences": list(sentences), "tokenizers": rows}
