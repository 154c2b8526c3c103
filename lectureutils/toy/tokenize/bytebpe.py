"""Byte-level BPE as in GPT-2 and SmolLM2: the GPT-2 split, bytes as characters, ranked merges.

- Pre-tokeniser: the GPT-2 expression
  ``'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+``,
  written out by hand (the standard ``re`` module has no ``\\p{L}``); the letter, number and
  whitespace classes are the ones Oniguruma uses inside ``tokenizers``, measured by the export.
- Each piece becomes its UTF-8 bytes, each byte a printable character (GPT-2's table: a space is
  ``Ġ``), then the merges are applied, lowest rank first, leftmost first.
"""

from __future__ import annotations

import heapq
import itertools

from .base import Tokenizer
from .charclass import RangeSet

GPT2_PATTERN = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"
CONTRACTIONS = ("s", "t", "re", "ve", "m", "ll", "d")
LONG_PIECE = 48  # bytes; longer pieces take the heap-based merge loop (a pasted URL, a word without spaces)


def byte_to_unicode() -> dict[int, str]:
    """GPT-2's table: printable bytes stand for themselves, the others for code points from 256."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(
        range(ord("®"), ord("ÿ") + 1))
    table = {byte: chr(byte) for byte in printable}
    extra = 0
    for byte in range(256):
        if byte not in table:
            table[byte] = chr(256 + extra)
            extra += 1
    return table


class ByteLevelBPE(Tokenizer):
    algorithm = "BPE (bytes)"

    def __init__(self, data: dict):
        super().__init__(data)
        pre = data["pre_tokenizer"]
        if pre["pattern"] != GPT2_PATTERN or pre.get("add_prefix_space"):
            raise ValueError(f"{self.name}: unsupported byte-level pre-tokeniser {pre}")
        self.tokens = list(data["vocab"])
        self.vocab = {token: index for index, token in enumerate(self.tokens)}
        self.ranks = {tuple(merge.split(" ")): rank for rank, merge in enumerate(data["merges"])}
        self._letter = RangeSet(pre["letter"])
        self._number = RangeSet(pre["number"])
        self._space = RangeSet(pre["whitespace"])
        self._bytes = byte_to_unicode()
        self._unbytes = {char: byte for byte, char in self._bytes.items()}
        self._memo: dict[str, list[int]] = {}

    def _kind(self, char: str) -> str:
        if char in self._letter:
            return "L"
        if char in self._number:
            return "N"
        if char in self._space:
            return "S"
        return "O"

    def pre_tokenize(self, text: str) -> list[str]:
        kinds = [self._kind(char) for char in text]
        pieces: list[str] = []
        size = len(text)
        i = 0
        while i < size:
            char = text[i]
            if char == "'":
                matched = next((c for c in CONTRACTIONS if text.startswith(c, i + 1)), None)
                if matched is not None:
                    pieces.append(text[i:i + 1 + len(matched)])
                    i += 1 + len(matched)
                    continue
            start = i
            if char == " " and i + 1 < size and kinds[i + 1] != "S":
                i += 1  # " ?" before letters, numbers or other symbols
            kind = kinds[i]
            if kind == "S":
                end = i
                while end < size and kinds[end] == "S":
                    end += 1
                if end < size and end - i > 1:
                    end -= 1  # \s+(?!\S): leave the last space to the word that follows
                elif end < size:
                    end = i + 1  # a single space before a word: \s+
                pieces.append(text[i:end])
                i = end
                continue
            end = i + 1
            if kind == "O":
                while end < size and kinds[end] == "O":
                    end += 1
            else:
                while end < size and kinds[end] == kind:
                    end += 1
            pieces.append(text[start:end])
            i = end
        return pieces

    def _bpe(self, piece: str) -> list[int]:
        word = [self._bytes[byte] for byte in piece.encode("utf-8")]
        if len(word) > LONG_PIECE:
            return self._bpe_long(word)
        ranks = self.ranks
        while len(word) > 1:
            best = None
            best_rank = None
            for index in range(len(word) - 1):
                rank = ranks.get((word[index], word[index + 1]))
                if rank is not None and (best_rank is None or rank < best_rank):
                    best, best_rank = index, rank
            if best is None:
                break
            word[best:best + 2] = [word[best] + word[best + 1]]
        return [self.vocab[symbol] for symbol in word]

    def _bpe_long(self, word: list[str]) -> list[int]:
        """The same merges for a long piece, in O(n log n): a heap of (rank, position) and a
        linked list of symbols; an entry whose pair has changed since it was pushed is skipped."""
        ranks = self.ranks
        symbols: list = list(word)
        following = list(range(1, len(symbols))) + [-1]
        preceding = list(range(-1, len(symbols) - 1))
        heap = [(ranks[(a, b)], i, a, b) for i, (a, b) in enumerate(itertools.pairwise(symbols)) if (a, b) in ranks]
        heapq.heapify(heap)
        while heap:
            _, i, a, b = heapq.heappop(heap)
            j = following[i]
            if symbols[i] != a or j < 0 or symbols[j] != b:
                continue
            symbols[i], symbols[j] = a + b, None
            after = following[j]
            following[i] = after
            if after >= 0:
                preceding[after] = i
                pair = (symbols[i], symbols[after])
                if pair in ranks:
                    heapq.heappush(heap, (ranks[pair], i, *pair))
            before = preceding[i]
            if before >= 0:
                pair = (symbols[before], symbols[i])
                if pair in ranks:
                    heapq.heappush(heap, (ranks[pair], before, *pair))
        return [self.vocab[symbol] for symbol in symbols if symbol is not None]

    def encode_segment(self, text: str) -> list[int]:
        ids: list[int] = []
        memo = self._memo
        for piece in self.pre_tokenize(text):
            known = memo.get(piece)
            if known is None:
                known = self._bpe(piece)
                if len(memo) < 100_000:
                    memo[piece] = known
            ids.extend(known)
        return ids

    def piece_bytes(self, token_id: int, first: bool) -> bytes:
        return bytes(self._unbytes[char] for char in self.tokens[token_id])
