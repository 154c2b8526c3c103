"""The MkDocs side of the lecture: the ``lecture`` plugin, its directives and its checks."""

from lectureutils.site import lazy_imports

# Before MkDocs imports mkdocs-jupyter's plugin module (see lazy_imports).
lazy_imports.defer()
