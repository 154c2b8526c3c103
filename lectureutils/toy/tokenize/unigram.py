"""SentencePiece Unigram as in XLM-R: precompiled normaliser, Metaspace, Viterbi over the scores.

- Normaliser, step 1, ``Precompiled``: SentencePiece's compiled rules (NFKC and a few more), a
  trie from byte strings to replacements in the tokenizer file. The export reads every entry of
  that trie into a plain table. ``tokenizers`` applies it per extended grapheme cluster: a
  cluster shorter than 6 UTF-8 bytes whose *shortest* prefix has an entry is replaced whole by
  that entry's replacement; otherwise each character is looked up alone. Grapheme clusters follow
  Unicode's rules (UAX #29) with the character classes measured by the export.
- Normaliser, step 2: runs of two or more spaces become one.
- Metaspace: spaces become ``▁``, a ``▁`` is put in front when missing, and the text is cut
  before every ``▁``.
- Model: the best-scoring segmentation of each piece (Viterbi, as ``tokenizers``'
  ``encode_optimized``); a character no vocabulary entry starts with costs the lowest score
  minus 10 and becomes ``<unk>``, and consecutive unknowns are fused into one.
"""

from __future__ import annotations

import re

from .base import Tokenizer
from .charclass import RangeSet

UNKNOWN_PENALTY = 10.0
REPLACEMENT = "\u2581"
_SPACES = re.compile(" {2,}")
GRAPHEME_CLASSES = ("cr", "lf", "control", "extend", "zwj", "spacing_mark", "prepend", "regional",
                    "pictographic", "l", "v", "t", "lv", "lvt")


class Graphemes:
    """Extended grapheme clusters (UAX #29, rules GB3 to GB999)."""

    def __init__(self, classes: dict):
        self._sets = [(name, RangeSet(classes.get(name, []))) for name in GRAPHEME_CLASSES]
        self._memo: dict[str, str] = {}

    def kind(self, char: str) -> str:
        found = self._memo.get(char)
        if found is None:
            found = next((name for name, members in self._sets if char in members), "other")
            self._memo[char] = found
        return found

    def clusters(self, text: str) -> list[str]:
        if not text:
            return []
        kinds = [self.kind(char) for char in text]
        clusters = []
        start = 0
        regional_run = 1 if kinds[0] == "regional" else 0  # consecutive regional indicators so far
        emoji = "pict" if kinds[0] == "pictographic" else None  # "pict": ExtPict Extend*; "zwj": ... ZWJ
        for index in range(1, len(text)):
            before, after = kinds[index - 1], kinds[index]
            if before == "cr" and after == "lf":
                joined = True  # GB3
            elif before in ("cr", "lf", "control") or after in ("cr", "lf", "control"):
                joined = False  # GB4, GB5
            elif before == "l" and after in ("l", "v", "lv", "lvt"):
                joined = True  # GB6
            elif before in ("lv", "v") and after in ("v", "t"):
                joined = True  # GB7
            elif before in ("lvt", "t") and after == "t":
                joined = True  # GB8
            elif after in ("extend", "zwj", "spacing_mark"):
                joined = True  # GB9, GB9a
            elif before == "prepend":
                joined = True  # GB9b
            elif emoji == "zwj" and after == "pictographic":
                joined = True  # GB11
            elif before == "regional" and after == "regional":
                joined = regional_run % 2 == 1  # GB12, GB13
            else:
                joined = False  # GB999
            if not joined:
                clusters.append(text[start:index])
                start = index
            if after == "pictographic":
                emoji = "pict"
            elif after == "extend" and emoji == "pict":
                pass
            elif after == "zwj" and emoji == "pict":
                emoji = "zwj"
            else:
                emoji = None
            regional_run = regional_run + 1 if after == "regional" else 0
        clusters.append(text[start:])
        return clusters


class Unigram(Tokenizer):
    algorithm = "SentencePiece Unigram"

    def __init__(self, data: dict):
        super().__init__(data)
        self.tokens = list(data["pieces"])
        self.scores = [float(score) for score in data["scores"]]
        self.vocab = {piece: index for index, piece in enumerate(self.tokens)}
        self.unk_id = int(data["unk_id"])
        self.unk_score = min(self.scores) - UNKNOWN_PENALTY
        self.longest = max(len(piece) for piece in self.tokens)
        normaliser = data["normalizer"]
        self.charsmap: dict[str, str] = dict(normaliser["charsmap"])
        self._charsmap_prefixes = {key[:end] for key in self.charsmap for end in range(1, len(key) + 1)}
        hangul = normaliser["hangul"]
        self._hangul = (set(hangul["l"]), set(hangul["v"]), set(hangul["t"]))
        self._safe: dict[str, bool] = {}
        # The longest piece that starts with each two, and each three, characters: they bound the
        # Viterbi's look-ups at each position.
        self._reach2: dict[str, int] = {}
        self._reach3: dict[str, int] = {}
        for piece in self.tokens:
            size = len(piece)
            if size > self._reach2.get(piece[:2], 0):
                self._reach2[piece[:2]] = size
            if size >= 3 and size > self._reach3.get(piece[:3], 0):
                self._reach3[piece[:3]] = size
        self.graphemes = Graphemes(normaliser["graphemes"])
        self._memo: dict[str, list[int]] = {}

    # -- normaliser -------------------------------------------------------------------------
    def _hangul_entry(self, prefix: str):
        """The trie's Hangul entries, a rule rather than 205,758 rows: any character that maps
        to a leading consonant, then one that maps to a vowel, then optionally one that maps to
        a trailing consonant, compose into one syllable (Unicode's arithmetic)."""
        leading, vowels, trailing = self._hangul
        if not (prefix[0] in leading and prefix[1] in vowels and (len(prefix) == 2 or prefix[2] in trailing)):
            return None
        jamo = [ord(self.charsmap.get(char, char)) for char in prefix]
        index = ((jamo[0] - 0x1100) * 21 + jamo[1] - 0x1161) * 28 + (jamo[2] - 0x11A7 if len(jamo) == 3 else 0)
        return chr(0xAC00 + index)

    def _transform(self, chunk: str):
        """The replacement of the shortest prefix of ``chunk`` found in the trie, or None."""
        leading, vowels, _ = self._hangul
        for end in range(1, len(chunk) + 1):
            prefix = chunk[:end]
            found = self.charsmap.get(prefix)
            if found is None and 2 <= end <= 3:
                found = self._hangul_entry(prefix)
            if found is not None:
                return found
            if prefix not in self._charsmap_prefixes and not (
                    prefix[0] in leading and (end == 1 or (end == 2 and prefix[1] in vowels))):
                return None
        return None

    def _is_safe(self, char: str) -> bool:
        """A character that is its own cluster next to another safe one, and has no entry alone."""
        safe = self._safe.get(char)
        if safe is None:
            safe = (char not in self.charsmap and char not in self._hangul[0]
                    and self.graphemes.kind(char) == "other")
            self._safe[char] = safe
        return safe

    def precompiled(self, text: str) -> str:
        """Runs of safe characters are copied; the rest goes through clusters and the table.

        A window starts one character before an unsafe one (that character may be its cluster's
        base) and ends after the first two safe characters in a row: both ends are cluster
        boundaries, since two safe characters never join.
        """
        is_safe = self._is_safe
        size = len(text)
        out: list[str] = []
        i = 0
        while i < size:
            j = i
            while j < size and is_safe(text[j]):
                j += 1
            if j == size:
                out.append(text[i:])
                break
            start = j - 1 if j > i else j
            out.append(text[i:start])
            k = j
            while k < size and not (is_safe(text[k]) and (k + 1 >= size or is_safe(text[k + 1]))):
                k += 1
            end = min(size, k + 1)
            out.append(self._precompiled_window(text[start:end]))
            i = end
        return "".join(out)

    def _precompiled_window(self, text: str) -> str:
        out: list[str] = []
        for cluster in self.graphemes.clusters(text):
            if len(cluster.encode("utf-8")) < 6:
                found = self._transform(cluster)
                if found is not None:
                    out.append(found)
                    continue
            for char in cluster:
                found = self._transform(char)
                out.append(char if found is None else found)
        return "".join(out)

    def normalize(self, text: str) -> str:
        return _SPACES.sub(" ", self.precompiled(text))

    # -- pre-tokeniser ----------------------------------------------------------------------
    @staticmethod
    def pre_tokenize(text: str) -> list[str]:
        if not text:
            return []
        text = text.replace(" ", REPLACEMENT)
        if not text.startswith(REPLACEMENT):
            text = REPLACEMENT + text
        pieces = []
        start = 0
        for index in range(1, len(text)):
            if text[index] == REPLACEMENT:
                pieces.append(text[start:index])
                start = index
        pieces.append(text[start:])
        return pieces

    # -- model ------------------------------------------------------------------------------
    def _viterbi(self, piece: str) -> list[int]:
        size = len(piece)
        vocab, scores, reach2, reach3 = self.vocab, self.scores, self._reach2, self._reach3
        best_score = [0.0] * (size + 1)
        best_start = [-1] * (size + 1)
        best_id = [0] * (size + 1)
        for start in range(size):
            here = best_score[start]
            single = False
            reach = reach2.get(piece[start:start + 2], 1)
            if reach > 2:
                reach = reach3.get(piece[start:start + 3], 2)
            limit = min(size, start + max(1, reach))
            for end in range(start + 1, limit + 1):
                token_id = vocab.get(piece[start:end])
                if token_id is None:
                    continue
                score = scores[token_id] + here
                if best_start[end] < 0 or score > best_score[end]:
                    best_score[end], best_start[end], best_id[end] = score, start, token_id
                if end == start + 1:
                    single = True
            if not single:
                score = self.unk_score + here
                if best_start[start + 1] < 0 or score > best_score[start + 1]:
                    best_score[start + 1], best_start[start + 1], best_id[start + 1] = score, start, self.unk_id
        ids: list[int] = []
        end = size
        while end > 0:
            token_id = best_id[end]
            if not (token_id == self.unk_id and ids and ids[-1] == self.unk_id):
                ids.append(token_id)  # consecutive unknowns are fused into one
            end = best_start[end]
        ids.reverse()
        return ids

    def encode_segment(self, text: str) -> list[int]:
        ids: list[int] = []
        memo = self._memo
        for piece in self.pre_tokenize(self.normalize(text)):
            known = memo.get(piece)
            if known is None:
                known = self._viterbi(piece)
                if len(memo) < 100_000:
                    memo[piece] = known
            ids.extend(known)
        return ids

    def piece_bytes(self, token_id: int, first: bool) -> bytes:
        return self.tokens[token_id].replace(REPLACEMENT, " ").encode()
