"""Toy neural networks in plain numpy, for the lecture's live demos and their static figures.

One small file per topic, importing only numpy and the standard library, so that the very same
source runs in CPython (tests, figures made at build time) and in Pyodide in the reader's browser
(the build copies these files next to the pages; see ``lectureutils/site/directives/demo.py``):

- ``mlp``: a multilayer perceptron with its backpropagation written out;
- ``trainers``: gradient descent (full batch or mini-batches) and the evolutionary "builder robot";
- ``datasets``: circle, XOR, two blobs, spiral, cats vs muffins, muffin count → price;
- ``metrics``: losses and pass rates;
- ``demos``: the five demos of the site, each one object that steps, reports and draws itself
  with the lecture's one chart module, ``lectureutils.charts`` (also copied to the browser).

Used in: docs/modele.*.md, docs/entrainement.*.md, docs/precautions.*.md,
docs/reseaux-neurones.*.md, docs/transfert.*.md.
"""
