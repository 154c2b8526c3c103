"""French typography applied to built HTML: narrow no-break spaces before ; ! ? and inside « ».

Authors type ordinary spaces; the build makes them unbreakable so a « ? » never starts a line.
Code, scripts, styles and SVG are left as they are.
"""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM = ("code", "pre", "script", "style", "svg", "kbd", "samp", "textarea")
_RULES = (
    (re.compile(r"[ \u00a0]([;!?])"), NARROW_NBSP + r"\1"),
    # A colon takes a full no-break space in French; only when it follows a word, not in "a : b".
    (re.compile(r"(?<=[\w»)\]]) :(?=\s|$|<)"), NBSP + ":"),
    (re.compile(r"« "), "«" + NARROW_NBSP),
    (re.compile(r" »"), NARROW_NBSP + "»"),
)


def french_spacing(html: str) -> str:
    """Fix the spaces of French punctuation in the text nodes of ``html``."""
    pieces = _TAG.split(html)
    depth = 0
    for index, piece in enumerate(pieces):
        if piece.startswith("<"):
            match = re.match(r"<(/?)([a-zA-Z0-9]+)", piece)
            if match and match.group(2).lower() in _VERBATIM and not piece.endswith("/>"):
                depth += -1 if match.group(1) else 1
                depth = max(depth, 0)
            continue
        if depth == 0 and piece:
            for pattern, replacement in _RULES:
                piece = pattern.sub(replacement, piece)
            pieces[index] = piece
    return "".join(pieces)
