"""``{{ printable() }}`` and ``{{ exercises() }}``: pages assembled from the other pages.

The directive only leaves a marker; the ``lecture-teaching`` plugin fills it once every page of
the language is rendered (see ``lectureutils.site.printing``).
"""

from __future__ import annotations

from lectureutils.site.context import DirectiveContext, DirectiveError
from lectureutils.site.printing import MARKER


def _marker(context: DirectiveContext, kind: str) -> str:
    if "lecture-teaching" not in context.config.plugins:
        raise DirectiveError(f"{kind}() needs the lecture-teaching plugin in mkdocs.yml")
    return context.stash(MARKER.format(kind=kind))


def printable(context: DirectiveContext) -> str:
    """Every page of ``nav``, in order, on this page."""
    return _marker(context, "printable")


def exercises(context: DirectiveContext) -> str:
    """The exercises of every chapter of ``nav``, each with a link back to its chapter."""
    return _marker(context, "exercises")
