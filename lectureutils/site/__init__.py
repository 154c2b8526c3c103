"""The MkDocs side of the lecture: the ``lecture`` plugin, its directives and its checks."""
