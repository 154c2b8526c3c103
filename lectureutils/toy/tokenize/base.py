"""What the three tokenizers share: added tokens first, then each plain segment on its own."""

from __future__ import annotations

from .added import AddedTokens


class Tokenizer:
    """``encode(text)`` gives the ids of the Hugging Face tokenizer without special tokens added."""

    name = ""
    algorithm = ""

    def __init__(self, data: dict):
        self.name = data["name"]
        self.vocabulary_size = int(data["vocabulary"])
        self.added = AddedTokens(data.get("added", []))
        self.tokens: list[str] = []  # id -> the vocabulary entry

    def encode_segment(self, text: str) -> list[int]:
        raise NotImplementedError

    def encode(self, text: str) -> list[int]:
        ids: list[int] = []
        for segment, token_id in self.added.split(text):
            if token_id is not None:
                ids.append(token_id)
            else:
                ids.extend(self.encode_segment(segment))
        return ids

    def piece_bytes(self, token_id: int, first: bool) -> bytes:
        """The bytes a token stands for, a leading space included (how the pages show pieces)."""
        raise NotImplementedError

    def pieces(self, ids: list[int]) -> list[str]:
        """Each token as text; a token that is only part of a character shows its bytes (⟨C3⟩)."""
        shown = []
        for index, token_id in enumerate(ids):
            data = self.piece_bytes(token_id, index == 0)
            try:
                shown.append(data.decode("utf-8"))
            except UnicodeDecodeError:
                shown.append("".join(f"⟨{byte:02X}⟩" for byte in data))
        return shown
