"""A reader's snippet, run in the browser's Python as the build runs it: « Modifier et exécuter ».

Every page with a snippet offers to edit it and run it (``docs/assets/editrun/editrun.js``). The
page's Web Worker (``docs/assets/demos/pyworker.js``, Pyodide) imports this module and sends each
run to :func:`call`; the browser tests send the same requests to CPython. A run reproduces the
build's conditions (``lectureutils.execution``): the page's language in ``LECTURE_LANG``, a fresh
empty working folder that is also the figure folder (``lectureutils.figures.save`` writes there),
``__name__ == "__main__"``, and, set when Python starts, ``PYTHONHASHSEED=0``. So an unedited
snippet prints, character for character, what the page shows under it.

Request (JSON): ``{"op": "run", "code": "...", "lang": "fr"}``. Reply (JSON): ``stdout``,
``stderr``, ``figures`` (the SVG texts, in file-name order, as the build shows them) and ``error``:
``null``, or ``{"type", "message", "line", "traceback"}`` where ``line`` is the line of the
reader's code (as shown in the editor) where the error happened, ``null`` when it is not in it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
import traceback
from pathlib import Path

# The names the build uses (lectureutils.execution, lectureutils.figures): kept literal here so that
# this module needs nothing else in the browser.
LANGUAGE_VARIABLE = "LECTURE_LANG"
FIGURE_DIR_VARIABLE = "LECTUREUTILS_FIGURE_DIR"
FILENAME = "<snippet>"


def _error(error: BaseException) -> dict:
    """What went wrong, at which line of the reader's code, with the traceback of that code only."""
    line = None
    if isinstance(error, SyntaxError) and error.filename == FILENAME:
        line = error.lineno
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == FILENAME]
    if frames:
        line = frames[-1].lineno
    shown = traceback.TracebackException.from_exception(error)
    # Drop this module's own frame (the exec call): the reader sees their code only.
    shown.stack = traceback.StackSummary.from_list(
        [frame for frame in shown.stack if frame.filename != __file__])
    return {
        "type": type(error).__name__,
        "message": str(error),
        "line": line,
        "traceback": "".join(shown.format()),
    }


def run(code: str, lang: str) -> dict:
    """Run ``code`` as the build runs a snippet; what it printed, drew and raised."""
    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    saved_env = {name: os.environ.get(name) for name in (LANGUAGE_VARIABLE, FIGURE_DIR_VARIABLE)}
    saved_cwd = os.getcwd()
    saved_argv = sys.argv
    with tempfile.TemporaryDirectory(prefix="lecture-snippet-") as workdir:
        os.environ[LANGUAGE_VARIABLE] = lang
        os.environ[FIGURE_DIR_VARIABLE] = workdir
        os.chdir(workdir)
        sys.argv = [FILENAME]
        namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                exec(compile(code, FILENAME, "exec"), namespace)  # noqa: S102 - the reader's own code, in their browser
        except SystemExit as stop:
            if stop.code not in (None, 0):
                error = {"type": "SystemExit", "message": str(stop.code), "line": None, "traceback": ""}
        except BaseException as problem:  # noqa: BLE001 - whatever the reader's code raises is shown to them
            error = _error(problem)
        finally:
            os.chdir(saved_cwd)
            sys.argv = saved_argv
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        figures = [path.read_text(encoding="utf-8") for path in sorted(Path(workdir).glob("*.svg"))]
    return {"stdout": stdout.getvalue(), "stderr": stderr.getvalue(), "figures": figures, "error": error}


def call(request_json: str) -> str:
    """Answer one JSON run request with JSON text; a malformed request becomes ``{"error": ...}``."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict) or request.get("op") != "run":
            raise ValueError('a run request is {"op": "run", "code": ..., "lang": ...}')
        code, lang = request.get("code"), request.get("lang", "en")
        if not isinstance(code, str) or lang not in ("fr", "en"):
            raise ValueError("code is text and lang is fr or en")
        reply = run(code, lang)
    except Exception as problem:  # noqa: BLE001 - the page shows the message
        reply = {"error": {"type": type(problem).__name__, "message": str(problem), "line": None,
                           "traceback": ""}, "stdout": "", "stderr": "", "figures": []}
    return json.dumps(reply, ensure_ascii=False)
