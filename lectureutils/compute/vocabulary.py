"""The tokenizer playground's data: three real tokenizers exported into compact files.

``make precompute`` runs ``tokenizer_playground`` (requested by the playground's directive in
docs/tokenisation.*.md) on the project's Hugging Face tokenizers (``models.load_tokenizer``): for
each one, everything ``lectureutils.toy.tokenize`` needs to give the same ids, as one
gzip-compressed JSON file (stored base64-encoded in the cache entry, with the models' provenance
and licences; the site build writes it out as a static file that the page fetches only when the
reader selects that tokenizer).

Besides the vocabulary, merges and scores, the export measures on the real tokenizer, for every
code point, the character classes the Rust implementation uses (its Unicode tables are not
CPython's nor Pyodide's): BERT's per-character normalisation and punctuation, Oniguruma's
letters, numbers and whitespace for the GPT-2 split. For XLM-R it reads every entry of
SentencePiece's precompiled normaliser (a double-array trie) into a plain table, and the grapheme
cluster classes (UAX #29) from the ``regex`` module's ``\\X``, which the exactness test checks
against the real normaliser.

Used in: docs/tokenisation.*.md (the tokeniser playground).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import struct
from typing import Any

from lectureutils.compute import models
from lectureutils.toy.tokenize import FORMAT
from lectureutils.toy.tokenize.bytebpe import GPT2_PATTERN
from lectureutils.toy.tokenize.charclass import to_ranges

CODE_POINTS = [code for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
WHITE_SPACE = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029,
               0x202F, 0x205F, 0x3000]


def _backend(name: str):
    tokenizer = models.load_tokenizer(name)
    return getattr(tokenizer, "backend_tokenizer", tokenizer)


def _spec(backend) -> dict:
    return json.loads(backend.to_str())


def _added(spec: dict) -> list[dict]:
    return [{key: token[key] for key in ("content", "id", "single_word", "lstrip", "rstrip", "normalized", "special")}
            for token in spec["added_tokens"]]


def _vocab_list(vocab: dict[str, int]) -> list[str]:
    tokens = [None] * len(vocab)
    for token, index in vocab.items():
        tokens[index] = token
    if any(token is None for token in tokens):
        raise ValueError("vocabulary ids are not 0..N-1")
    return tokens


def _expect(spec: dict, part: str, expected: Any) -> None:
    if spec.get(part) != expected:
        raise ValueError(f"unsupported {part}: {json.dumps(spec.get(part))[:300]} (expected {expected})")


def export_wordpiece(name: str) -> dict:
    backend = _backend(name)
    spec = _spec(backend)
    _expect(spec, "normalizer", {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                                 "strip_accents": None, "lowercase": True})
    _expect(spec, "pre_tokenizer", {"type": "BertPreTokenizer"})
    model = spec["model"]
    normalizer, pre_tokenizer = backend.normalizer, backend.pre_tokenizer
    deleted, padded, spaced, mapped, punctuation, whitespace = [], [], [], {}, [], []
    for code in CODE_POINTS:
        char = chr(code)
        out = normalizer.normalize_str(char)
        if out == "":
            deleted.append(code)
        elif out == " " and char != " ":
            spaced.append(code)
        elif out == f" {char} ":
            padded.append(code)
        elif out != char:
            mapped[char] = out
        pieces = [piece for piece, _ in pre_tokenizer.pre_tokenize_str(f"a{char}b")]
        if pieces == ["a", "b"]:
            whitespace.append(code)
        elif pieces == ["a", char, "b"]:
            punctuation.append(code)
    return {
        "kind": "wordpiece",
        "vocab": _vocab_list(model["vocab"]),
        "unk_token": model["unk_token"],
        "continuing_subword_prefix": model["continuing_subword_prefix"],
        "max_input_chars_per_word": model["max_input_chars_per_word"],
        "normalizer": {"deleted": to_ranges(deleted), "padded": to_ranges(padded), "spaced": to_ranges(spaced),
                       "mapped": sorted(mapped.items())},
        "pre_tokenizer": {"whitespace": to_ranges(whitespace), "punctuation": to_ranges(punctuation)},
    }


def export_bytelevel_bpe(name: str) -> dict:
    backend = _backend(name)
    spec = _spec(backend)
    _expect(spec, "normalizer", None)
    _expect(spec, "pre_tokenizer", {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                                    "use_regex": True})
    model = spec["model"]
    for option, value in (("dropout", None), ("continuing_subword_prefix", ""), ("end_of_word_suffix", ""),
                          ("byte_fallback", False), ("ignore_merges", False)):
        if model.get(option) not in (value, None):
            raise ValueError(f"unsupported BPE option {option}={model.get(option)!r}")
    merges = [merge if isinstance(merge, str) else " ".join(merge) for merge in model["merges"]]
    if any(len(merge.split(" ")) != 2 for merge in merges):
        raise ValueError("a merge holds a space")
    pre_tokenizer = backend.pre_tokenizer
    letter, number, whitespace = [], [], [0x20]

    def count(text):
        return len(pre_tokenizer.pre_tokenize_str(text))

    for code in CODE_POINTS:
        if code == 0x20:
            continue
        char = chr(code)
        if count("a" + char) == 1:
            letter.append(code)
        elif count(char + "1") == 1:
            number.append(code)
        elif count(char + "!") == 2:
            whitespace.append(code)
    return {
        "kind": "bytelevel-bpe",
        "vocab": _vocab_list(model["vocab"]),
        "merges": merges,
        "pre_tokenizer": {"pattern": GPT2_PATTERN, "add_prefix_space": False, "letter": to_ranges(letter),
                          "number": to_ranges(number), "whitespace": to_ranges(whitespace)},
    }


def charsmap_table(blob: bytes) -> dict[str, str]:
    """Every (key, replacement) of SentencePiece's precompiled normaliser (a darts-clone trie)."""
    trie_size = struct.unpack_from("<I", blob, 0)[0]
    units = struct.unpack_from(f"<{trie_size // 4}I", blob, 4)
    normalized = blob[4 + trie_size:]

    def offset(unit):
        return (unit >> 10) << ((unit & (1 << 9)) >> 6)

    def label(unit):
        return unit & ((1 << 31) | 0xFF)

    def has_leaf(unit):
        return (unit >> 8) & 1

    table: dict[str, str] = {}
    stack = [(offset(units[0]), b"")]  # (position of the node's children, key so far)
    while stack:
        position, key = stack.pop()
        for byte in range(1, 256):
            child = position ^ byte
            if child >= len(units) or label(units[child]) != byte:
                continue
            unit = units[child]
            deeper = child ^ offset(unit)
            if has_leaf(unit):
                start = units[deeper] & ((1 << 31) - 1)
                end = normalized.index(b"\0", start)
                table[(key + bytes([byte])).decode("utf-8")] = normalized[start:end].decode("utf-8")
            stack.append((deeper, key + bytes([byte])))
    return table


HANGUL = {"l": range(0x1100, 0x1113), "v": range(0x1161, 0x1176), "t": range(0x11A8, 0x11C3)}


def split_charsmap(table: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The table without its Hangul rows (``Unigram._hangul_entry`` makes them by rule), and the
    characters that map to each kind of jamo. Checks that the rule gives back every removed row."""
    def maps_into(char, codes):
        target = table.get(char, char)
        return len(target) == 1 and ord(target) in codes

    classes = {kind: "".join(chr(code) for code in CODE_POINTS if maps_into(chr(code), codes))
               for kind, codes in HANGUL.items()}

    def rule(key):
        if len(key) not in (2, 3) or key[0] not in classes["l"] or key[1] not in classes["v"]:
            return None
        if len(key) == 3 and key[2] not in classes["t"]:
            return None
        jamo = [ord(table.get(char, char)) for char in key]
        index = ((jamo[0] - 0x1100) * 21 + jamo[1] - 0x1161) * 28 + (jamo[2] - 0x11A7 if len(jamo) == 3 else 0)
        return chr(0xAC00 + index)

    explicit = {key: value for key, value in table.items() if rule(key) != value}
    generated = len(table) - len(explicit)
    expected = len(classes["l"]) * len(classes["v"]) * (1 + len(classes["t"]))
    if generated != expected:
        raise ValueError(f"the Hangul rule covers {generated} rows of the trie, not all {expected} it generates")
    return explicit, classes


def grapheme_classes(normalizer=None) -> dict[str, list[list[int]]]:
    """The UAX #29 classes that matter for cluster boundaries, measured with ``regex``'s ``\\X``
    and, where it can tell, checked on the real normaliser (``_correct_with``)."""
    import regex

    cluster = regex.compile(r"\X")

    def joined(text):
        return len(cluster.findall(text)) == 1

    classes: dict[str, list[int]] = {name: [] for name in ("control", "extend", "zwj", "spacing_mark", "prepend",
                                                           "pictographic", "l", "v", "t", "lv", "lvt")}
    hangul = (range(0x1100, 0x1200), range(0xA960, 0xA980), range(0xD7B0, 0xD800), range(0xAC00, 0xD7A4))
    for code in CODE_POINTS:
        char = chr(code)
        if code in (0x0D, 0x0A) or 0x1F1E6 <= code <= 0x1F1FF:
            continue
        if code == 0x200D:
            classes["zwj"].append(code)
        elif joined("a" + char):
            emoji_continues = joined("\U0001F600" + char + "\u200d\U0001F600")
            classes["extend" if emoji_continues else "spacing_mark"].append(code)
        elif not joined(char + "\u0301"):
            classes["control"].append(code)
        elif joined(char + "a"):
            classes["prepend"].append(code)
        elif joined("\U0001F600\u200d" + char):
            classes["pictographic"].append(code)
        elif any(code in block for block in hangul):
            if joined("\u1100" + char):
                if joined("\uAC00" + char):
                    classes["v"].append(code)
                elif joined(char + "\u1161"):
                    classes["l" if not joined(char + "\u11A8") else "lv"].append(code)
                elif joined(char + "\u11A8"):
                    classes["lvt"].append(code)
            elif joined("\uAC01" + char):
                classes["t"].append(code)
    if normalizer is not None:
        _correct_with(normalizer, classes)
    found = {name: to_ranges(codes) for name, codes in classes.items()}
    found.update(cr=[[0x0D, 0x0D]], lf=[[0x0A, 0x0A]], regional=[[0x1F1E6, 0x1F1FF]])
    return found


def _correct_with(normalizer, classes: dict[str, list[int]]) -> None:
    """Where the real normaliser can tell, it decides: ``regex`` may know a newer Unicode.

    "½" is 2 bytes and has a trie entry ("1⁄2"): with a character of at most 3 bytes after it, the
    cluster is under 6 bytes, so the normaliser drops that character exactly when it joins "½"
    (and is not itself deleted). Longer characters cannot be told apart this way, and need not be:
    no 1-byte character with a trie entry can start a cluster.
    """
    joining = set(classes["extend"]) | set(classes["spacing_mark"]) | set(classes["zwj"])
    classified = {code for codes in classes.values() for code in codes}
    base = normalizer.normalize_str("½")
    for code in CODE_POINTS:
        if code >= 0x10000:
            break
        char = chr(code)
        alone = normalizer.normalize_str(char)
        if not alone or code in (0x0A, 0x0D):
            continue
        joined = normalizer.normalize_str("½" + char) == base
        if joined and code not in joining and code not in classified:
            classes["extend"].append(code)
        elif not joined and code in joining:
            for name in ("extend", "spacing_mark", "zwj"):
                if code in classes[name]:
                    classes[name].remove(code)


def export_unigram(name: str) -> dict:
    backend = _backend(name)
    spec = _spec(backend)
    normalizers = spec["normalizer"]["normalizers"]
    if [step["type"] for step in normalizers] != ["Precompiled", "Replace"] or normalizers[1] != {
            "type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}:
        raise ValueError(f"unsupported normaliser {json.dumps(spec['normalizer'])[:300]}")
    pre = spec["pre_tokenizer"]
    if pre.get("type") != "Metaspace" or pre.get("replacement") != "\u2581" or not (
            pre.get("add_prefix_space") or pre.get("prepend_scheme") == "always") or pre.get("split") is False:
        raise ValueError(f"unsupported pre-tokeniser {pre}")
    model = spec["model"]
    if model.get("byte_fallback"):
        raise ValueError("byte fallback is not implemented")
    charsmap, hangul = split_charsmap(charsmap_table(base64.b64decode(normalizers[0]["precompiled_charsmap"])))
    return {
        "kind": "unigram",
        "pieces": [piece for piece, _ in model["vocab"]],
        "scores": [score for _, score in model["vocab"]],
        "unk_id": model["unk_id"],
        "normalizer": {
            "charsmap": sorted(charsmap.items()),
            "hangul": hangul,
            "graphemes": grapheme_classes(backend.normalizer),
        },
    }


EXPORTERS = {"minilm": export_wordpiece, "smollm2": export_bytelevel_bpe, "xlmr": export_unigram}


def export(name: str) -> dict:
    """One tokenizer's data, as ``lectureutils.toy.tokenize.from_data`` reads it."""
    if name not in EXPORTERS:
        raise ValueError(f"no exporter for tokenizer {name!r} (known: {', '.join(EXPORTERS)})")
    data = EXPORTERS[name](name)
    backend = _backend(name)
    spec = _spec(backend)
    data.update(format=FORMAT, name=name, vocabulary=backend.get_vocab_size(with_added_tokens=True),
                added=_added(spec))
    return {key: data[key] for key in sorted(data)}


def tokenizer_playground(tokenizers: list[str]) -> dict[str, Any]:
    """Each tokenizer's data as a gzip-compressed JSON file (base64 in the entry), with its size.

    Used in: docs/tokenisation.*.md (the tokeniser playground; ``lectureutils.toy.tokenize``).
    """
    files = {}
    for name in tokenizers:
        data = export(name)
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        blob = gzip.compress(raw, compresslevel=9, mtime=0)
        files[name] = {
            "data": base64.b64encode(blob).decode("ascii"),
            "sha256": hashlib.sha256(blob).hexdigest(),
            "bytes": len(blob),
            "raw_bytes": len(raw),
            "vocabulary": data["vocabulary"],
            "kind": data["kind"],
        }
    return {"tokenizers": files}
