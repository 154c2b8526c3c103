"""Character classes read from the exported tables, not from ``unicodedata``.

The Hugging Face tokenizers classify characters with Rust crates (Oniguruma's ``\\p{L}``,
``unicode_categories``, ``unicode-segmentation``) whose Unicode versions differ from CPython's and
Pyodide's ``unicodedata``. So the export measures each class on the real tokenizer, code point by
code point, and stores it as sorted ``[first, last]`` ranges; these helpers answer from them.
"""

from __future__ import annotations

from bisect import bisect_right


class RangeSet:
    """Membership in a sorted list of inclusive code point ranges, memoised per character."""

    __slots__ = ("_ends", "_memo", "_starts")

    def __init__(self, ranges):
        self._starts = [int(first) for first, _ in ranges]
        self._ends = [int(last) for _, last in ranges]
        self._memo: dict[str, bool] = {}

    def __contains__(self, char: str) -> bool:
        found = self._memo.get(char)
        if found is None:
            code = ord(char)
            index = bisect_right(self._starts, code) - 1
            found = index >= 0 and code <= self._ends[index]
            self._memo[char] = found
        return found


def to_ranges(codes) -> list[list[int]]:
    """Sorted code points as inclusive ``[first, last]`` ranges (used by the export)."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges
