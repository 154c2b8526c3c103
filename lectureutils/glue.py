"""How a snippet hands named values to the prose of the page that includes it.

``glue(initial_loss=loss, epochs=15)`` records values; the page quotes them with
``{{ glue("training_loop.initial_loss", digits=3) }}`` (see ``lectureutils.site.glue``), so the
prose always says what the output says. At build time the engine sets ``LECTUREUTILS_FIGURE_DIR``
and keeps the values with the snippet's output in the cache. A reader who runs the snippet by hand
sees its printed output only: ``glue`` then does nothing.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

from lectureutils.figures import FIGURE_DIR_VARIABLE

VALUES_FILE = "glue.json"


def _plain(name: str, value):
    if hasattr(value, "item") and callable(value.item):  # a numpy scalar
        value = value.item()
    if isinstance(value, (list, tuple)):
        return [_plain(name, item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(name, item) for key, item in value.items()}
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"glue: {name} = {value!r} is not a finite number")
        return value
    raise TypeError(f"glue: {name} = {value!r}: only numbers, strings, lists and dicts can be glued")


def glue(**values) -> None:
    """Publish ``values`` (numbers, strings, lists or dicts of them) to the including page."""
    for name in values:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise ValueError(f"glue: {name!r} is not a plain name")
    folder = os.environ.get(FIGURE_DIR_VARIABLE)
    if not folder:
        return
    path = Path(folder) / VALUES_FILE
    recorded = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    recorded.update({name: _plain(name, value) for name, value in values.items()})
    path.write_text(json.dumps(recorded, ensure_ascii=False), encoding="utf-8")
