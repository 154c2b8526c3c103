"""The one syntax of executable content: ``{{ name(literal, key=literal) }}`` alone on a line.

Shared by the build (which renders directives), ``python -m lectureutils`` (which finds the
computations a page requests) and the tests, through the one page plan (``lectureutils.plan``), so
all three read the pages the same way: lines inside fenced code blocks are never directives.
Neutral: it imports nothing of the site or of the computations.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lectureutils.errors import DirectiveError, DirectiveSyntaxError

_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\{\{\s*(?P<call>[A-Za-z_]\w*\s*\(.*\))\s*\}\}\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@dataclass(frozen=True)
class DirectiveLine:
    index: int
    """0-based line index in the text that was scanned."""
    indent: str
    call: str


def lines_outside_fences(text: str) -> Iterator[tuple[int, str]]:
    """(0-based index, line) of every line of ``text`` that is not part of a fenced code block."""
    fence: str | None = None
    for index, line in enumerate(text.split("\n")):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None:
            yield index, line


def is_directive_line(line: str) -> bool:
    return _DIRECTIVE.match(line) is not None


def find_directives(text: str) -> Iterator[DirectiveLine]:
    """Every directive line of ``text``, fenced code blocks excepted."""
    for index, line in lines_outside_fences(text):
        match = _DIRECTIVE.match(line)
        if match:
            yield DirectiveLine(index, match.group("indent"), match.group("call"))


def parse_call(call: str) -> tuple[str, list, dict]:
    """``name("a", k=1)`` → ``("name", ["a"], {"k": 1})``; only literal arguments are allowed."""
    try:
        tree = ast.parse(call.strip(), mode="eval")
    except SyntaxError as error:
        raise DirectiveSyntaxError(f"cannot parse directive {call!r}: {error.msg}") from None
    node = tree.body
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        raise DirectiveSyntaxError(f"{call!r} is not a directive call like snippet(\"file.py\")")
    try:
        args = [ast.literal_eval(argument) for argument in node.args]
        kwargs = {keyword.arg: ast.literal_eval(keyword.value) for keyword in node.keywords}
    except ValueError:
        raise DirectiveSyntaxError(f"{call!r}: arguments must be literals (strings, numbers, lists)") from None
    if None in kwargs:
        raise DirectiveSyntaxError(f"{call!r}: **kwargs are not allowed")
    return node.func.id, args, kwargs


def bind(name: str, handler: Callable[..., Any], args: list, kwargs: dict, skip: int = 1) -> None:
    """Check a call's arguments against ``handler``'s signature (its first ``skip`` parameters are
    the services the build passes), so that a wrong argument is reported as the author's mistake
    and a ``TypeError`` raised inside a handler stays a bug with its traceback."""
    parameters = list(inspect.signature(handler).parameters.values())[skip:]
    try:
        inspect.Signature(parameters).bind(*args, **kwargs)
    except TypeError as error:
        accepted = ", ".join(
            p.name + ("" if p.default is inspect.Parameter.empty else f"={p.default!r}")
            for p in parameters
        )
        raise DirectiveError(f"{name}(): {error} (accepted: {accepted})") from None
