"""Notebook libraries imported when first used, not when MkDocs loads its plugins.

``mkdocs-jupyter``'s plugin module imports jupytext and its notebook converter at the top (and
through them nbformat, nbconvert and jsonschema: about a second of CPU, several where jsonschema's
optional format checkers are installed). A build of this site uses neither on its warm path: the
lab notebooks' HTML comes from ``labs_render``'s cache and their ``.ipynb`` text from the build
memo. :func:`defer` puts a stand-in for each of these modules in ``sys.modules``: ``import``
statements get the stand-in, and the real module is executed the first time one of its attributes
is read, that is when a notebook must really be written or rendered. (``importlib.util.LazyLoader``
does not do it here: the ``import`` statement itself reads ``__spec__``, which loads the module.)

``lectureutils.site`` calls :func:`defer` when it is first imported. MkDocs validates
``markdown_extensions`` (which loads ``lectureutils.site.a11y``) before it loads the plugins, and
``lecture`` comes before ``mkdocs-jupyter`` in ``mkdocs.yml``'s plugins too, so this runs before
``mkdocs_jupyter.plugin`` is imported.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

DEFERRED = ("nbformat", "jupytext", "mkdocs_jupyter.convert")


class _Deferred(types.ModuleType):
    """Stands for a module not executed yet; reading any attribute it lacks executes it."""

    def __getattr__(self, attribute: str):
        if attribute.startswith("__") and attribute not in ("__path__", "__file__", "__all__"):
            raise AttributeError(attribute)
        return getattr(_load(self.__name__), attribute)


def _load(name: str) -> types.ModuleType:
    module = sys.modules.get(name)
    if isinstance(module, _Deferred):
        del sys.modules[name]
        try:
            module = importlib.import_module(name)
        except BaseException:
            sys.modules.setdefault(name, _stand_in_for(name) or types.ModuleType(name))
            raise
    return module


def _stand_in_for(name: str) -> _Deferred | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    stand_in = _Deferred(name)
    stand_in.__spec__ = spec
    stand_in.__loader__ = spec.loader
    return stand_in


def defer(names: tuple[str, ...] = DEFERRED) -> None:
    for name in names:
        if name in sys.modules:
            continue
        stand_in = _stand_in_for(name)
        if stand_in is None:
            continue
        sys.modules[name] = stand_in
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, stand_in)
