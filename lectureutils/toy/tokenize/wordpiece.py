"""WordPiece as in BERT and all-MiniLM: BertNormalizer, BertPreTokenizer, greedy longest match.

- Normaliser (``clean_text``, ``handle_chinese_chars``, accents stripped, lowercase): each
  character has one fixed output, which the export measured on the real normaliser for every
  code point; the data lists the characters that change (deleted, padded with spaces as CJK
  ideographs are, turned into a space, or mapped to other text: lowercase, accents removed).
- Pre-tokeniser: split on whitespace (dropped) and isolate each punctuation character.
- Model: longest vocabulary entry from the start of the word, then ``##``-prefixed continuations;
  a word with no complete cover, or longer than ``max_input_chars_per_word``, is one ``[UNK]``.
"""

from __future__ import annotations

from .base import Tokenizer
from .charclass import RangeSet


class WordPiece(Tokenizer):
    algorithm = "WordPiece"

    def __init__(self, data: dict):
        super().__init__(data)
        self.tokens = list(data["vocab"])
        self.vocab = {token: index for index, token in enumerate(self.tokens)}
        self.unk_id = self.vocab[data["unk_token"]]
        self.prefix = data["continuing_subword_prefix"]
        self.max_chars = int(data["max_input_chars_per_word"])
        self.longest = max(len(token) for token in self.tokens)
        normaliser = data["normalizer"]
        self._deleted = RangeSet(normaliser["deleted"])
        self._padded = RangeSet(normaliser["padded"])
        self._spaced = RangeSet(normaliser["spaced"])
        self._mapped: dict[str, str] = dict(normaliser["mapped"])
        self._whitespace = RangeSet(data["pre_tokenizer"]["whitespace"])
        self._punctuation = RangeSet(data["pre_tokenizer"]["punctuation"])
        self._char_memo: dict[str, str] = {}
        self._word_memo: dict[str, list[int]] = {}

    def _normal_char(self, char: str) -> str:
        out = self._char_memo.get(char)
        if out is None:
            if char in self._mapped:
                out = self._mapped[char]
            elif char in self._deleted:
                out = ""
            elif char in self._spaced:
                out = " "
            elif char in self._padded:
                out = f" {char} "
            else:
                out = char
            self._char_memo[char] = out
        return out

    def normalize(self, text: str) -> str:
        return "".join([self._normal_char(char) for char in text])

    def pre_tokenize(self, text: str) -> list[str]:
        words: list[str] = []
        current: list[str] = []
        for char in text:
            if char in self._whitespace:
                if current:
                    words.append("".join(current))
                    current = []
            elif char in self._punctuation:
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
        return words

    def _word(self, word: str) -> list[int]:
        if len(word) > self.max_chars:
            return [self.unk_id]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = min(len(word), start + self.longest)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk_id]
            ids.append(found)
            start = end
        return ids

    def encode_segment(self, text: str) -> list[int]:
        ids: list[int] = []
        memo = self._word_memo
        for word in self.pre_tokenize(self.normalize(text)):
            known = memo.get(word)
            if known is None:
                known = self._word(word)
                if len(memo) < 100_000:
                    memo[word] = known
            ids.extend(known)
        return ids

    def piece_bytes(self, token_id: int, first: bool) -> bytes:
        token = self.tokens[token_id]
        if token.startswith(self.prefix):
            return token[len(self.prefix):].encode()
        return (token if first else " " + token).encode()
