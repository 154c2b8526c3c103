"""Executable lecture on large language models: build-time engine, cache and toy models.

The base install (no torch) builds the site from the committed ``cache/``; the ``compute``
extra adds the real-model computations that fill it.
"""

__version__ = "0.1.0"
