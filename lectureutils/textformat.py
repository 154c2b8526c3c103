"""Numbers and French typography: the one module every page, chart, demo and citation uses.

The rules (CONTRIBUTING.md, "French typography"), with U+202F the narrow no-break space:

- French numbers: decimal comma, thousands grouped by a narrow no-break space (``50 257``,
  ``1 234,5``), a narrow no-break space before ``%`` and ``€`` (``11,5 %``, ``6 €``) and between
  a number and its unit (``270 M``).
- French punctuation: a narrow no-break space before ``; : ! ?`` and ``»``, and after ``«``.
  Authors type ordinary spaces (or none after « and before »); the build's pass
  (:func:`typeset_html`) makes them narrow and unbreakable everywhere outside code, including text
  that follows a closing tag (a link, a glossary term, bold), and joins the groups of a number
  typed as ``30 000`` so that it never breaks across lines.
- English: decimal point, thousands comma (``50,257``), no space before ``%`` (``11.5%``), ``€6``.
- Both: a negative number takes the minus sign U+2212 (``−0,5``), never ``-0`` for a rounded zero.
- Data for other programs (BibTeX, CSL-JSON, RIS) gets ordinary spaces back: :func:`plain`.

Pure Python with no dependency: the toy demos import it in the browser (Pyodide) too.
"""

from __future__ import annotations

import math
import re

NNBSP = "\u202f"
"""Narrow no-break space: French thousands, before ; : ! ? % € », after «."""
NBSP = "\u00a0"
"""No-break space: never produced by this module, accepted where an author typed one."""
MINUS = "\u2212"
"""The minus sign of a negative number (a hyphen is a word's)."""
LANGS = ("fr", "en")


# --- numbers -------------------------------------------------------------------------------------

def number(value: float | None, lang: str, digits: int = 2) -> str:
    """``value`` with ``digits`` decimals, written in ``lang``: ``1 234,50`` / ``1,234.50``.

    A missing or not-a-number value is a dash, an infinite one ``∞`` (``-∞``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    text = f"{value:,.{digits}f}"
    if text.startswith("-"):
        # "-0,00" reads as a sign error; a negative number takes the minus sign, not a hyphen.
        text = MINUS + text[1:] if text.strip("-0.,") else text[1:]
    if lang == "fr":
        return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", NNBSP)
    return text


def integer(value: int | float | None, lang: str) -> str:
    """A whole number with its thousands grouped: ``50 257`` / ``50,257``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return number(value, lang, 0)
    return number(round(value), lang, 0)


def percent(fraction: float | None, lang: str, digits: int = 1) -> str:
    """A fraction (0.115) as a percentage: ``11,5 %`` / ``11.5%``."""
    if fraction is None or (isinstance(fraction, float) and not math.isfinite(fraction)):
        return number(fraction, lang, digits)
    shown = number(100.0 * fraction, lang, digits)
    return f"{shown}{NNBSP}%" if lang == "fr" else f"{shown}%"


def with_unit(value_text: str, unit: str, lang: str) -> str:
    """A formatted number and its unit symbol or word: ``6 Mo``, ``270 M`` / ``6 MB``, ``270M``.

    In English, a single capital letter (``M``, ``B``, ``k``) is glued to the number as in
    "135M"; a longer unit takes an ordinary space ("6 MB")."""
    if lang == "fr":
        return f"{value_text}{NNBSP}{unit}"
    return f"{value_text}{unit}" if len(unit) == 1 else f"{value_text} {unit}"


def money(value: float, lang: str, digits: int = 2) -> str:
    """An amount in euros: ``6,00 €`` / ``€6.00``."""
    shown = number(value, lang, digits)
    return f"{shown}{NNBSP}€" if lang == "fr" else f"€{shown}"


def millions(value: int, lang: str) -> str:
    """A count of parameters or words: ``135,0 M`` / ``135.0M`` from a million up, else exact."""
    if value >= 1_000_000:
        return with_unit(number(value / 1e6, lang, 1), "M", lang)
    return integer(value, lang)


def colon(lang: str) -> str:
    """The colon after a label: ``Licence : …`` / ``Licence: …``."""
    return f"{NNBSP}:" if lang == "fr" else ":"


def quoted(text: str, lang: str) -> str:
    """``text`` between the language's quotation marks: « text » / “text”."""
    return f"«{NNBSP}{text}{NNBSP}»" if lang == "fr" else f"\u201c{text}\u201d"


def plain(text: str) -> str:
    """Ordinary spaces for no-break ones, for data read by other programs (LaTeX's inputenc
    rejects U+202F; reference managers compare strings)."""
    return text.replace(NNBSP, " ").replace(NBSP, " ")


# --- French typography of text -------------------------------------------------------------------

_SPACE = f"[ {NBSP}]"
# Each rule only rewrites a space; the characters around it are looked at, never consumed, so the
# same rules serve a plain string and a text node seen with its neighbours' characters.
_FRENCH_RULES = (
    # Before ; ! ? » and :, whatever precedes (text after a closing tag starts with the space).
    (re.compile(_SPACE + r"+(?=[;:!?»])"), NNBSP),
    # « followed by a space; « with no space at all gets one.
    (re.compile(r"(?<=«)(?:" + _SPACE + "+|(?=[^\u202f]))"), NNBSP),
    # A word, figure or closing mark glued to » gets its space.
    (re.compile(r"(?<=[\w.,!?…)\]])(?=»)"), NNBSP),
    # Before % and € after a figure (glued or spaced).
    (re.compile(r"(?<=\d)" + _SPACE + r"?(?=[%€‰])"), NNBSP),
)
# A number typed with grouped thousands ("30 000", "1 234 567,5"): groups joined. A lone figure
# after a letter or a hyphen ("GPT-3 175", "Gemma 3 270M") is a name, not the start of a number.
_GROUPED = re.compile(r"(?<![\w,.\-\u2011])(\d{1,3})((?:" + _SPACE + r"\d{3})+)(?!\w)")


def _join_groups(match: re.Match) -> str:
    return match.group(1) + re.sub(_SPACE, NNBSP, match.group(2))


def french_text(text: str, before: str = "", after: str = "") -> str:
    """French typography of plain text; ``before`` and ``after`` are the characters around it
    (the neighbouring text nodes in HTML), read by the rules but not returned."""
    work = before + text + after
    for pattern, replacement in _FRENCH_RULES:
        work = pattern.sub(replacement, work)
    work = _GROUPED.sub(_join_groups, work)
    # The rules only change spaces or insert one, never around the edges' own characters, so the
    # neighbours come back unchanged at both ends; an insertion next to them stays with the text.
    return work[len(before): len(work) - len(after)]


def typeset(text: str, lang: str) -> str:
    """Plain text (a UI string, a chart label) in the language's typography."""
    return french_text(text) if lang == "fr" else text


# --- French typography of HTML -------------------------------------------------------------------

_TAG = re.compile(r"(<!--.*?-->|<![^>]*>|<[^>]+>)", re.DOTALL)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
VERBATIM = frozenset({"code", "pre", "script", "style", "kbd", "samp", "textarea", "math"})
"""Elements whose text is shown or run as typed: code, program output, keys, formulas."""
# Elements that end a run of text: a space on one side of them and a mark on the other are not
# one phrase. Inline elements (a, strong, em, span, abbr…) do not break it.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hr", "html", "img", "input", "label", "li", "main", "nav", "ol", "option",
    "p", "section", "select", "summary", "table", "tbody", "td", "text", "tfoot", "th", "thead",
    "title", "tr", "tspan", "ul", "button", "desc", "svg", "g", "pre", "script", "style",
    "textarea", "math",
})


def typeset_html(html: str) -> str:
    """French typography in the text of an HTML page or fragment, outside :data:`VERBATIM`
    elements. Attributes, comments and tags are left as they are."""
    pieces = _TAG.split(html)
    # Runs of text between block boundaries: indices of their text pieces; a negative index
    # (-i - 1) marks verbatim text, read as a neighbour but never changed.
    runs: list[list[int]] = [[]]
    verbatim: list[str] = []
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        if piece.startswith("<"):
            match = _TAG_NAME.match(piece)
            if not match:
                continue  # a comment or a doctype
            closing, name = match.group(1) == "/", match.group(2).lower()
            if name in VERBATIM and not piece.endswith("/>"):
                if not closing:
                    verbatim.append(name)
                elif name in verbatim:
                    del verbatim[len(verbatim) - 1 - verbatim[::-1].index(name):]
            if name in _BLOCKS:
                runs.append([])
            continue
        runs[-1].append(-index - 1 if verbatim else index)
    for run in runs:
        for position, index in enumerate(run):
            if index < 0:
                continue
            before = _neighbour(pieces, run[:position][::-1], last=True)
            after = _neighbour(pieces, run[position + 1:], last=False)
            pieces[index] = french_text(pieces[index], before, after)
    return "".join(pieces)


def _neighbour(pieces: list[str], indices: list[int], last: bool) -> str:
    """The character next to a text node in its run: the end (``last``) of the nearest
    non-empty text before it, or the start of the nearest one after it."""
    for index in indices:
        text = pieces[-index - 1] if index < 0 else pieces[index]
        if text:
            return text[-1] if last else text[0]
    return ""


def breakable_spaces(text: str) -> list[str]:
    """The French typography faults of a text: an ordinary space before ; : ! ? » or after «,
    or inside a number typed with grouped thousands. Each fault is shown with its context."""
    faults = []
    for match in re.finditer(r"(?:« | [;:!?»])", text):
        faults.append(text[max(0, match.start() - 30): match.end() + 30])
    for match in re.finditer(r"(?<![\w,.\-\u2011])\d{1,3}(?: \d{3})+(?!\w)", text):
        faults.append(text[max(0, match.start() - 30): match.end() + 30])
    return faults
