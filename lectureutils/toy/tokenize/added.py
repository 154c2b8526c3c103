"""Added (special) tokens: cut out of the raw text before anything else, as Hugging Face does.

``tokenizers`` matches the added tokens whose ``normalized`` flag is false on the original text,
leftmost first and longest first (Aho-Corasick, LeftmostLongest); the text between two matches
goes through the normaliser, the pre-tokeniser and the model on its own. The three exported
tokenizers only have tokens without ``single_word``, ``lstrip``, ``rstrip`` or ``normalized``;
``AddedTokens`` refuses any other kind instead of guessing.
"""

from __future__ import annotations

import re


class AddedTokens:
    def __init__(self, entries):
        self.ids: dict[str, int] = {}
        for entry in entries:
            content, token_id = entry["content"], int(entry["id"])
            flags = [name for name in ("single_word", "lstrip", "rstrip", "normalized") if entry.get(name)]
            if flags:
                raise ValueError(f"added token {content!r}: unsupported option(s) {', '.join(flags)}")
            self.ids[content] = token_id
        ordered = sorted(self.ids, key=lambda text: (-len(text), text))
        self._pattern = re.compile("|".join(re.escape(text) for text in ordered)) if ordered else None

    def split(self, text: str):
        """``(segment, None)`` for plain text and ``(token, id)`` for an added token, in order."""
        if self._pattern is None:
            if text:
                yield text, None
            return
        position = 0
        for match in self._pattern.finditer(text):
            if match.start() > position:
                yield text[position:match.start()], None
            yield match.group(), self.ids[match.group()]
            position = match.end()
        if position < len(text):
            yield text[position:], None
