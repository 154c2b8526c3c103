"""``{{ glue("result.path", digits=2) }}``: a number of the prose, read from a result on the page.

In the spirit of MyST-NB's ``glue``: the prose never copies a number out of an output. Every
result a page shows (a snippet's output, a real-model computation, a demo's static figure)
*publishes* values under a name, and the prose inserts them where it quotes them. Recomputing
(another preset, a GPU, an edited snippet) changes the prose with the output; a value that no
longer exists (a token that left the top ten, a renamed key) fails the build, naming the page and
the line. A glued value can only come from a result shown on the same page, so a statistic quoted
in the prose is always visible in an output next to it.

Names of results on a page:

- ``{{ snippet("entrainement/training_loop.py") }}`` publishes what the snippet passed to
  ``lectureutils.glue.glue(...)`` under its file's stem, ``training_loop``;
- ``{{ compute("tiny_finetune", ...) }}`` publishes its whole result under the computation's
  name, or under ``id="..."`` when the page shows that computation more than once;
- ``{{ demo("robots") }}`` publishes the numbers of its static figure under the demo's name.

The path after the name walks the published data: ``key``, ``0`` / ``-1`` (list positions),
``2:`` / ``:-1`` (a slice of a list), ``*`` (every element of a list), and ``[field=value]``, which picks the first element of a list
whose ``field`` is ``value``, or, on one element, requires it (``top.0[token= bout].probability``
fails the build if « bout » is no longer first). The text after ``=`` is taken verbatim, leading
space included, up to ``]``.

Options: ``digits`` (decimals; integers default to 0, other numbers to 2), ``percent=True``
(a share shown as a percentage), ``scale`` (a factor applied first, to change the unit),
``of="sum"`` / ``"min"`` / ``"max"`` / ``"mean"`` / ``"count"`` (of a list), ``minus="other.key"``
(a difference, e.g. a gain), ``abs=True`` (the magnitude, when the prose says the
sign in words). Strings are inserted as they are (``upper=True``: in capitals, ``CPU``).
``below=`` / ``above=`` (another key, or a number) make a comparison the sentence states part of
the contract: "the fine-tuned model ends lower" fails the build the day it no longer does.

Unlike the block directives, ``glue`` is written inside a line of prose; the scanner below skips
fenced code and inline code spans, so the syntax can be documented in a page.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lectureutils import textformat
from lectureutils.directive_syntax import is_directive_line, lines_outside_fences, parse_call
from lectureutils.errors import DirectiveError

INLINE_NAME = "glue"
_INLINE = re.compile(r"\{\{\s*(?P<call>glue\s*\((?:[^()\"']|\"[^\"]*\"|'[^']*')*\))\s*\}\}")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SEGMENT = re.compile(r"\[(?P<field>[A-Za-z_]\w*)=(?P<value>[^\]]*)\]|(?P<key>[^.\[\]]+)")
OPTIONS = ("digits", "percent", "scale", "of", "abs", "minus", "upper", "below", "above")
AGGREGATES = {
    "sum": sum,
    "min": min,
    "max": max,
    "mean": lambda values: sum(values) / len(values),
    "count": len,
}


@dataclass(frozen=True)
class InlineGlue:
    index: int
    """0-based line index."""
    start: int
    end: int
    call: str


def find_inline(text: str) -> Iterator[InlineGlue]:
    """Every ``{{ glue(...) }}`` of ``text``, fenced code and inline code spans excepted."""
    for index, line in lines_outside_fences(text):
        if "{{" not in line:
            continue
        spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)]
        for match in _INLINE.finditer(line):
            if any(start <= match.start() < end for start, end in spans):
                continue
            yield InlineGlue(index, match.start(), match.end(), match.group("call"))


class PageResults:
    """What the results shown on one page publish, by name."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.sources: dict[str, list[str]] = {}
        self.everything: list[tuple[str, Any]] = []
        """Every published result, ambiguous names included: the audit reads them all."""

    def publish(self, name: str, values: Any, source: str) -> None:
        """A second result under the same name makes the name ambiguous: glue then refuses it."""
        self.sources.setdefault(name, []).append(source)
        self.everything.append((name, values))
        if len(self.sources[name]) == 1:
            self.values[name] = values
        else:
            self.values.pop(name, None)

    def ambiguous(self, name: str) -> list[str]:
        return self.sources.get(name, []) if len(self.sources.get(name, [])) > 1 else []


def _walk(value: Any, path: str, key: str) -> Any:
    position = 0
    for match in _SEGMENT.finditer(path):
        if match.start() != position:
            break
        position = match.end() + (1 if match.end() < len(path) and path[match.end()] == "." else 0)
        where = path[: match.start()].rstrip(".") or "(the result)"
        if match.group("field"):
            field, wanted = match.group("field"), match.group("value")
            if isinstance(value, list):
                chosen = [item for item in value if isinstance(item, dict) and str(item.get(field)) == wanted]
                if not chosen:
                    shown = [item.get(field) for item in value if isinstance(item, dict)]
                    raise DirectiveError(f"{key!r}: no element of {where} has {field} = {wanted!r} (found {shown})")
                value = chosen[0]
            elif isinstance(value, dict):
                if str(value.get(field)) != wanted:
                    raise DirectiveError(f"{key!r}: {where} has {field} = {value.get(field)!r}, not {wanted!r}")
            else:
                raise DirectiveError(f"{key!r}: {where} is not a list or an object")
            continue
        segment = match.group("key")
        if isinstance(value, list) and re.fullmatch(r"-?\d*:-?\d*", segment) and segment != ":":
            first, last = (int(part) if part else None for part in segment.split(":"))
            value = value[first:last]
            continue
        if segment == "*":
            if not isinstance(value, list):
                raise DirectiveError(f"{key!r}: '*' needs a list at {where}")
            rest = path[position:]
            return [_walk(item, rest, key) for item in value] if rest else list(value)
        if isinstance(value, list):
            try:
                value = value[int(segment)]
            except (ValueError, IndexError):
                raise DirectiveError(f"{key!r}: {where} is a list of {len(value)}; {segment!r} is not a position in it") from None
        elif isinstance(value, dict):
            if segment not in value:
                raise DirectiveError(f"{key!r}: no {segment!r} in {where} (known: {', '.join(map(str, value))})")
            value = value[segment]
        else:
            raise DirectiveError(f"{key!r}: {where} is a single value; it has no {segment!r}")
    if position < len(path):
        raise DirectiveError(f"{key!r}: cannot read the path after {path[:position]!r}")
    return value


def lookup(results: PageResults, key: str) -> Any:
    """The value named by ``key`` (``result.path``) among the page's published results."""
    name, _, path = key.partition(".")
    if results.ambiguous(name):
        raise DirectiveError(
            f"{key!r}: {len(results.ambiguous(name))} results on this page are named {name!r} "
            f"({', '.join(results.ambiguous(name))}): give each the one you quote an id=\"...\""
        )
    if name not in results.values:
        known = ", ".join(sorted(results.values)) or "none"
        raise DirectiveError(
            f"{key!r}: no result named {name!r} on this page (results shown here: {known}); "
            "a glued number must come from an output shown on the same page"
        )
    return _walk(results.values[name], path, key) if path else results.values[name]


def reduce(value: Any, of: str | None) -> Any:
    """``value``, or the sum, minimum... of the list ``value`` when ``of`` names one."""
    if of is None:
        return value
    if of not in AGGREGATES:
        raise DirectiveError(f"of={of!r}: known: {', '.join(AGGREGATES)}")
    if not isinstance(value, list) or not value:
        raise DirectiveError(f"of={of!r} needs a non-empty list (a path with '*' or a slice such as '2:')")
    return AGGREGATES[of](value)


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DirectiveError(f"{value!r} is not a number (a list needs of='sum', 'min', 'max'...)")
    if not math.isfinite(value):
        raise DirectiveError(f"{value!r} is not a finite number")
    return value


def format_value(value: Any, lang: str, digits: int | None = None, percent: bool = False,
                 scale: float | None = None, of: str | None = None, abs: bool = False,
                 upper: bool = False) -> str:
    """``value`` as the page's language writes it: decimal comma and narrow no-break spaces in
    French (``11,5 %``, ``1 500``), decimal point and commas in English (``11.5%``, ``1,500``)."""
    value = reduce(value, of)
    if isinstance(value, str) and not (percent or scale or digits is not None):
        return value.upper() if upper else value
    value = _number(value)
    if scale is not None:
        value *= scale
    if abs:
        value = -value if value < 0 else value
    if digits is None:
        digits = 0 if isinstance(value, int) else 2
    if percent:
        return textformat.percent(value, lang, digits)
    return textformat.number(value, lang, digits)


def render_inline(call: str, results: PageResults, lang: str) -> str:
    name, args, kwargs = parse_call(call)
    if name != INLINE_NAME or len(args) != 1 or not isinstance(args[0], str):
        raise DirectiveError(f'{call!r}: write glue("result.path", digits=2, percent=True)')
    unknown = sorted(set(kwargs) - set(OPTIONS))
    if unknown:
        raise DirectiveError(f"{call!r}: unknown option(s) {', '.join(unknown)} (known: {', '.join(OPTIONS)})")
    key = args[0]
    try:
        value = lookup(results, key)
        if "minus" in kwargs:
            other = kwargs.pop("minus")
            value = _number(reduce(value, kwargs.pop("of", None))) - _number(lookup(results, other))
        for relation in ("below", "above"):
            if relation in kwargs:
                bound = kwargs.pop(relation)
                limit = _number(lookup(results, bound) if isinstance(bound, str) else bound)
                shown = _number(reduce(value, kwargs.get("of")))
                if (shown >= limit) if relation == "below" else (shown <= limit):
                    raise DirectiveError(
                        f"the text says this value is {relation} {bound} ({limit}), but it is {shown}: "
                        "the result changed, rewrite the sentence around it")
        text = format_value(value, lang, **kwargs)
    except DirectiveError as error:
        message = error.message
        raise DirectiveError(message if message.startswith(repr(key)) else f"{key!r}: {message}") from None
    return f'<span class="lecture-glue" data-glue="{html.escape(key)}">{html.escape(text)}</span>'


def substitute(markdown: str, lines: list[str], results: PageResults, lang: str, location) -> list[str]:
    """``lines`` (``markdown`` split, block directives already rendered in place) with every inline
    glue of ``markdown`` replaced; ``location(index)`` names a line for errors."""
    lines = list(lines)
    for glue in reversed(list(find_inline(markdown))):
        try:
            rendered = render_inline(glue.call, results, lang)
        except DirectiveError as error:
            raise error.at(location(glue.index)) from None
        line = lines[glue.index]
        lines[glue.index] = line[: glue.start] + rendered + line[glue.end :]
    return lines


# --- the audit: numbers of the prose written by hand although a result on the page has them ------

_LITERAL = {
    "fr": re.compile(r"(?<![\w.,\u202f\u00a0-])(?P<int>\d{1,3}(?:[\u00a0\u202f ]\d{3})+|\d+)(?:,(?P<dec>\d+))?"
                     r"(?P<pct>[ \u00a0\u202f]?%)?(?![\w])"),
    "en": re.compile(r"(?<![\w.,-])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<pct> ?%)?(?![\w])"),
}


_NOT_QUANTITIES = {"id", "ids", "seed", "seeds", "rank"}


def numeric_leaves(value: Any, path: str = "") -> Iterator[tuple[str, float]]:
    """(path, number) for every quantity inside a published result (identifiers and seeds aside)."""
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in _NOT_QUANTITIES:
                continue
            yield from numeric_leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from numeric_leaves(item, f"{path}.{position}" if path else str(position))


@dataclass(frozen=True)
class HandCopy:
    index: int
    """0-based line index in the page's source."""
    literal: str
    key: str
    """A published value the literal equals, as ``result.path``."""


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines of prose: no front matter, fenced code, directive lines, code spans or glue calls."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    for index, line in lines_outside_fences(text):
        if index < start or is_directive_line(line):
            continue
        line = _INLINE.sub(" ", line)
        line = _CODE_SPAN.sub(" ", line)
        line = re.sub(r"\]\([^)]*\)|\{#[^}]*\}", " ", line)  # link targets and section ids
        yield index, line


def hand_copies(text: str, results: PageResults, lang: str) -> list[HandCopy]:
    """Numbers of the page ``text`` that equal, as written, a value a result of the page publishes.

    Considered: percentages, numbers with decimals and two significant digits or more, and whole
    numbers of 100 or more (not years). A decimal matches a fractional value that rounds to it; a
    percentage, a share (between 0 and 1) that rounds to it; a whole number, the same whole number.
    """
    leaves = [(f"{name}.{path}" if path else name, number)
              for name, value in results.everything for path, number in numeric_leaves(value)]
    found = []
    for index, line in _prose_lines(text):
        for match in _LITERAL[lang].finditer(line):
            whole = re.sub(r"[^\d]", "", match.group("int"))
            decimals = match.group("dec") or ""
            percent = bool(match.group("pct"))
            value = float(f"{whole}.{decimals}" if decimals else whole)
            if not decimals and not percent and (value < 100 or (1000 <= value <= 2100 and whole == match.group("int"))):
                continue
            if decimals or percent:
                if len(f"{whole}{decimals}".lstrip("0")) < 2:
                    continue  # "0,5", "10 %": too common to tell a copy from a coincidence
            digits = len(decimals)
            for key, number in leaves:
                if percent:
                    matched = isinstance(number, float) and 0 <= number <= 1 and abs(round(100 * number, digits) - value) < 1e-9
                elif decimals:
                    matched = isinstance(number, float) and abs(round(number, digits) - value) < 1e-9
                else:
                    matched = number == value
                if matched:
                    found.append(HandCopy(index, match.group(0).strip(), key))
                    break
    return found
