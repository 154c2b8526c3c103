"""The lecture as a parallel text: side-by-side pages (``bilingue/<slug>/``) and block pairing.

- :mod:`.blocks` cuts a chapter's rendered HTML into sections and top-level blocks;
- :mod:`.pairing` pairs the French and English blocks of each section (or fails, naming them);
- :mod:`.render` writes the side-by-side page;
- :mod:`.plugin` is the ``lecture-bilingual`` MkDocs plugin that ties them to both builds.
"""
