"""French and English blocks paired section by section, or a build error that names them.

Rules (CONTRIBUTING.md, « Texte en regard / parallel text »):

1. Both pages have the same sections (``h2`` ids), in the same order.
2. In a section, the French and English blocks pair one to one when they are of the same kind in
   the same order, and each pair looks like a translation of the other: lists with as many items,
   tables with as many rows, and prose of comparable length.
3. Where a translation legitimately differs (two French paragraphs rendered as one English one),
   the author writes ``<!-- pair -->`` on its own line at the same places in both pages. The
   markers cut the section into groups; a group whose blocks pair cleanly is paired block by block,
   any other group becomes one pair holding all its blocks.

Anything else fails the build: a block with no counterpart cannot go unnoticed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lectureutils.errors import LectureError
from lectureutils.site.bilingual.blocks import Block, Marker, Section

# Prose lengths of a block and its translation (characters of text). French runs about 10 %
# longer than English in this lecture (0.9-1.7 over every block at the time of writing); a block
# and a different block seldom stay within these bounds once they are long enough to compare.
MIN_COMPARED_LENGTH = 160
LENGTH_RATIO = (0.5, 2.0)


class PairingError(LectureError):
    """A page whose French and English blocks cannot be paired."""


@dataclass(frozen=True)
class Pair:
    french: tuple[Block, ...]
    english: tuple[Block, ...]

    @property
    def kind(self) -> str:
        kinds = {block.kind for block in self.french + self.english}
        return kinds.pop() if len(kinds) == 1 else "group"


@dataclass(frozen=True)
class SectionPairs:
    anchor: str
    french: Section
    english: Section
    pairs: tuple[Pair, ...]


def _count(pattern: str, fragment: str) -> int:
    return len(re.findall(pattern, fragment))


def mismatch(french: Block, english: Block) -> str | None:
    """Why two blocks of the same position cannot be a block and its translation, or None."""
    if french.kind != english.kind:
        return f"a {french.kind} faces a {english.kind}"
    if french.kind == "list":
        # Items of this list only, not of lists nested in them.
        items = [_top_items(block.html) for block in (french, english)]
        if items[0] != items[1]:
            return f"the French list has {items[0]} items, the English one {items[1]}"
    if french.kind == "table":
        rows = [_count(r"<tr\b", block.html) for block in (french, english)]
        if rows[0] != rows[1]:
            return f"the French table has {rows[0]} rows, the English one {rows[1]}"
    if french.kind in ("paragraph", "list", "admonition", "quote", "definitions"):
        lengths = len(french.text()), len(english.text())
        if sum(lengths) >= MIN_COMPARED_LENGTH:
            ratio = lengths[0] / max(lengths[1], 1)
            if not LENGTH_RATIO[0] <= ratio <= LENGTH_RATIO[1]:
                return (f"their lengths do not match ({lengths[0]} French characters for "
                        f"{lengths[1]} English ones)")
    return None


def _top_items(fragment: str) -> int:
    depth, items = 0, 0
    for match in re.finditer(r"<(/?)(ul|ol|li)\b", fragment):
        closing, tag = match.groups()
        if tag in ("ul", "ol"):
            depth += -1 if closing else 1
        elif not closing and depth == 1:
            items += 1
    return items


def _groups(items: list) -> list[list[Block]]:
    groups: list[list[Block]] = [[]]
    for item in items:
        if isinstance(item, Marker):
            groups.append([])
        elif isinstance(item, Block):
            groups[-1].append(item)
    return groups


def _describe(block: Block) -> str:
    text = block.text()
    excerpt = text if len(text) <= 60 else text[:57].rstrip() + "…"
    return f"{block.kind} « {excerpt} »" if excerpt else block.kind


def _one_to_one(french: list[Block], english: list[Block]) -> tuple[list[Pair] | None, str]:
    """Pairs block by block, or None with the first reason why not."""
    for position, (a, b) in enumerate(zip(french, english), start=1):
        reason = mismatch(a, b)
        if reason:
            return None, (f"block {position}: {reason} — French {_describe(a)}, "
                          f"English {_describe(b)}")
    if len(french) != len(english):
        longer, name = (french, "French") if len(french) > len(english) else (english, "English")
        extra = longer[min(len(french), len(english))]
        return None, (f"the French side has {len(french)} blocks, the English side "
                      f"{len(english)}: the {name} {_describe(extra)} has no counterpart")
    return [Pair((a,), (b,)) for a, b in zip(french, english)], ""


def pair_section(french: Section, english: Section, page: str) -> SectionPairs:
    where = f"{page}, section #{french.anchor}" if french.anchor else f"{page}, before the first section"
    french_groups, english_groups = _groups(french.items), _groups(english.items)
    marked = len(french_groups) > 1 or len(english_groups) > 1
    if len(french_groups) != len(english_groups):
        raise PairingError(
            f"{where}: the French page has {len(french_groups) - 1} <!-- pair --> marker(s) here, "
            f"the English page {len(english_groups) - 1}; put them at the same places in both"
        )
    pairs: list[Pair] = []
    for french_blocks, english_blocks in zip(french_groups, english_groups):
        one_to_one, reason = _one_to_one(french_blocks, english_blocks)
        if one_to_one is not None:
            pairs.extend(one_to_one)
        elif marked:
            if not french_blocks or not english_blocks:
                raise PairingError(f"{where}: a group between <!-- pair --> markers is empty on one side")
            pairs.append(Pair(tuple(french_blocks), tuple(english_blocks)))
        else:
            raise PairingError(
                f"{where}: the French and English blocks cannot be paired ({reason}). Make both "
                "pages say the same thing block by block, or mark which groups of blocks "
                "correspond with <!-- pair --> lines at the same places in both pages "
                "(CONTRIBUTING.md, « Parallel text »)"
            )
    return SectionPairs(anchor=french.anchor, french=french, english=english, pairs=tuple(pairs))


def pair_page(french: list[Section], english: list[Section], page: str) -> list[SectionPairs]:
    """Every section of a page paired, or :class:`PairingError` naming the page and the section."""
    french_ids = [section.anchor for section in french]
    english_ids = [section.anchor for section in english]
    if french_ids != english_ids:
        only_fr = [anchor for anchor in french_ids if anchor not in english_ids]
        only_en = [anchor for anchor in english_ids if anchor not in french_ids]
        detail = "; ".join(
            part for part in (
                f"only in French: {', '.join('#' + a for a in only_fr)}" if only_fr else "",
                f"only in English: {', '.join('#' + a for a in only_en)}" if only_en else "",
                "" if only_fr or only_en else "the same ids in another order",
            ) if part
        )
        raise PairingError(f"{page}: the French and English pages do not have the same sections ({detail})")
    return [pair_section(a, b, page) for a, b in zip(french, english)]
