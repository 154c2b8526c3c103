"""Typed shapes of cached results, checked when an entry is loaded.

A shape is written with Python values:

- a type (``str``, ``int``, ``float``, ``bool``): the value is one (an ``int`` is a ``float``,
  a ``bool`` is not a number);
- ``None``: the value is null; ``Any``: anything;
- ``[shape]``: a list whose items all have ``shape``;
- ``{"key": shape, "other?": shape}``: a mapping with those keys (``?`` marks an optional key;
  other keys are allowed, so adding a field to a result does not break older readers);
- ``{str: shape}``: a mapping from any string to ``shape``;
- ``(shape, shape)``: either.

``check`` raises ResultShapeError naming the first place that differs, e.g.
``result["top"][3]["probability"]: expected float, found str``.
"""

from __future__ import annotations

from typing import Any

from lectureutils.errors import ResultShapeError

Shape = Any


def _name(shape: Shape) -> str:
    if shape is None:
        return "null"
    if isinstance(shape, type):
        return shape.__name__
    if isinstance(shape, list):
        return "list"
    if isinstance(shape, dict):
        return "mapping"
    if isinstance(shape, tuple):
        return " or ".join(_name(option) for option in shape)
    return repr(shape)


def _found(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _matches(value: Any, shape: Shape, where: str) -> str | None:
    """None when ``value`` has ``shape``, else a description of the first difference."""
    if shape is Any:
        return None
    if shape is None:
        return None if value is None else f"{where}: expected null, found {_found(value)}"
    if isinstance(shape, tuple):
        problems = [_matches(value, option, where) for option in shape]
        if any(problem is None for problem in problems):
            return None
        return f"{where}: expected {_name(shape)}, found {_found(value)}"
    if isinstance(shape, type):
        if shape is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif shape is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        else:
            ok = isinstance(value, shape)
        return None if ok else f"{where}: expected {shape.__name__}, found {_found(value)}"
    if isinstance(shape, list):
        if not isinstance(value, list):
            return f"{where}: expected list, found {_found(value)}"
        for index, item in enumerate(value):
            problem = _matches(item, shape[0], f"{where}[{index}]")
            if problem:
                return problem
        return None
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return f"{where}: expected mapping, found {_found(value)}"
        if len(shape) == 1 and next(iter(shape)) is str:
            item_shape = shape[str]
            for key, item in value.items():
                problem = _matches(item, item_shape, f"{where}[{key!r}]")
                if problem:
                    return problem
            return None
        for key, item_shape in shape.items():
            optional = key.endswith("?")
            name = key[:-1] if optional else key
            if name not in value:
                if optional:
                    continue
                return f"{where}: missing key {name!r}"
            problem = _matches(value[name], item_shape, f"{where}[{name!r}]")
            if problem:
                return problem
        return None
    raise TypeError(f"not a shape: {shape!r}")


def check(value: Any, shape: Shape) -> None:
    """Raise ResultShapeError when ``value`` does not have ``shape``."""
    problem = _matches(value, shape, "result")
    if problem:
        raise ResultShapeError(f"the result does not have its expected shape: {problem}")
