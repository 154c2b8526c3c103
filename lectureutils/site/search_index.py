"""The search indexes: one per language, with spelling variants, glossary synonyms and entries.

static-i18n merges every language's entries into the root index; :func:`write_language_indexes`
splits it (each language searched with its own pipeline) and improves what Material indexed:

- each glossary term is its own entry (``glossaire/#<id>``: the headword, its definition, its
  synonyms and translations as keywords), instead of one 30 000-character "terms" section;
- the section that explains a term (its ``page`` and ``anchor`` in ``docs/glossary.yml``) gets the
  term and its synonyms as keywords: "LLM" finds the section on large language models;
- British and American spellings find each other: "tokenization" finds the tokenisation chapter.
  Variants of words in a title go to the ``keywords`` field (weighted like the title), variants of
  words in the text to the ``variants`` field (weighted like the text); neither is displayed.

Material's search worker indexes every field the index's ``config.fields`` names.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lectureutils.site import glossary

if TYPE_CHECKING:
    from lectureutils.site.memo import Memo

DEFAULT_LANGUAGE = "fr"
GLOSSARY_SECTION = "terms"
# Title-like weight for keywords; text-like for variants of text words. A glossary entry weighs a
# little less than a chapter's section: the chapter is where the term is explained.
FIELDS = {"keywords": {"boost": 1000.0}, "variants": {"boost": 1.0}}
GLOSSARY_ENTRY_BOOST = 0.5

# --- British and American spellings ---------------------------------------------------------------

# Words in -ise/-yse that keep their s in American English (and their derived forms).
_ISE_KEPT = {
    "advertise", "advise", "apprise", "arise", "chastise", "circumcise", "comprise", "compromise",
    "concise", "demise", "despise", "devise", "disguise", "enterprise", "excise", "exercise",
    "expertise", "franchise", "guise", "improvise", "incise", "merchandise", "noise", "otherwise",
    "paradise", "poise", "praise", "precise", "premise", "promise", "raise", "revise", "rise",
    "supervise", "surmise", "surprise", "televise", "treatise", "wise", "likewise", "clockwise",
    "cruise", "bruise", "anise", "reprise", "appraise", "braise", "porpoise", "tortoise",
    "turquoise", "mortise", "cerise", "valise", "chemise",
}
# Words in -ize that are spelt so in British English too.
_IZE_KEPT = {"size", "seize", "prize", "capsize", "maize", "baize", "assize", "downsize", "outsize",
             "oversize", "resize", "upsize"}
_ISE = re.compile(r"^(?P<stem>[a-z]{3,})(?P<letter>[iy])s(?P<end>e|es|ed|ing|er|ers|ation|ations|able)$")
_IZE = re.compile(r"^(?P<stem>[a-z]{3,})(?P<letter>[iy])z(?P<end>e|es|ed|ing|er|ers|ation|ations|able)$")
_OUR_WORDS = ("colour", "behaviour", "favour", "flavour", "honour", "humour", "labour", "neighbour",
              "rumour", "harbour", "vapour", "savour", "endeavour", "armour", "odour", "vigour",
              "rigour", "parlour", "tumour")
_TRE_WORDS = ("centre", "fibre", "litre", "metre", "theatre", "calibre", "spectre", "kilometre",
              "centimetre", "millimetre")
_DOUBLE_L = re.compile(r"^(?P<stem>model|label|travel|cancel|signal|level|fuel|funnel|channel|tunnel|"
                       r"total|counsel|jewel|marshal|pedal|dial)l(?P<end>ed|ing|er|ers)$")
_WORDS = {"catalogue": "catalog", "dialogue": "dialog", "analogue": "analog", "defence": "defense",
          "offence": "offense", "licence": "license", "pretence": "pretense", "grey": "gray",
          "programme": "program", "programmes": "programs", "catalogues": "catalogs",
          "dialogues": "dialogs", "analogues": "analogs", "whilst": "while", "ageing": "aging",
          "judgement": "judgment", "acknowledgement": "acknowledgment"}
_WORDS_BACK = {us: uk for uk, us in _WORDS.items() if us not in ("while", "program", "programs")}


# A word with none of these cannot have a variant: most words are ruled out by one search.
_CANDIDATE = re.compile("[iy][sz]|our|or|tre|ter|ll|" + "|".join({*_WORDS, *_WORDS_BACK}))


@lru_cache(maxsize=65536)
def spelling_variants(word: str) -> frozenset[str]:
    """The other spellings (British ↔ American) of one lower-case word; empty when none."""
    if not _CANDIDATE.search(word):
        return frozenset()
    variants: set[str] = set()
    if word in _WORDS:
        variants.add(_WORDS[word])
    if word in _WORDS_BACK:
        variants.add(_WORDS_BACK[word])
    match = _ISE.match(word)
    if match and match["stem"] + match["letter"] + "se" not in _ISE_KEPT:
        variants.add(f"{match['stem']}{match['letter']}z{match['end']}")
    match = _IZE.match(word)
    if match and match["stem"] + match["letter"] + "ze" not in _IZE_KEPT:
        variants.add(f"{match['stem']}{match['letter']}s{match['end']}")
    for british in _OUR_WORDS:
        if word.startswith(british):
            variants.add(british[:-2] + "r" + word[len(british):])
        american = british[:-2] + "r"
        if word.startswith(american) and word[len(american):] in ("", "s", "ed", "ing", "ite", "ites",
                                                                  "able", "al", "hood", "less"):
            variants.add(british + word[len(american):])
    for british in _TRE_WORDS:
        american = british[:-2] + "er"
        if word.startswith(british) and word[len(british):] in ("", "s", "d"):
            variants.add(american + {"": "", "s": "s", "d": "ed"}[word[len(british):]])
        if word.startswith(american) and word[len(american):] in ("", "s", "ed"):
            variants.add(british + {"": "", "s": "s", "ed": "d"}[word[len(american):]])
    match = _DOUBLE_L.match(word)
    if match:
        variants.add(match["stem"] + match["end"])
    variants.discard(word)
    return frozenset(variants)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def variants_of(text: str) -> list[str]:
    """Every spelling variant of the words of ``text`` (HTML tags ignored), sorted, once each."""
    return list(_variants_of(text))


# Once per text in a process: ``mkdocs serve`` indexes the same sections at every rebuild.
@lru_cache(maxsize=8192)
def _variants_of(text: str) -> tuple[str, ...]:
    found: set[str] = set()
    for word in set(_WORD.findall(re.sub(r"<[^>]+>", " ", text).lower())):
        for part in word.split("-"):
            found |= spelling_variants(part)
    return tuple(sorted(found))


# --- The indexes -----------------------------------------------------------------------------------


def _add_words(doc: dict, field: str, words) -> None:
    words = [word for word in words if word]
    if not words:
        return
    existing = doc.get(field, "").split()
    doc[field] = " ".join(dict.fromkeys([*existing, *words]))


def glossary_entries(terms: list[glossary.Term], lang: str) -> list[dict]:
    """One index entry per glossary term, in the glossary page's language."""
    entries = []
    for term in terms:
        side = term[lang]
        others = [term[other] for other in glossary.LANGUAGES if other != lang]
        keywords = [*side.also, *side.forms] + [form for other in others for form in (other.term, *other.also)]
        text = glossary.definition_html(side.definition)
        if side.also:
            text += " (" + ", ".join(side.also) + ")"
        entry = {"location": f"{glossary.GLOSSARY_SLUG}/#{term.id}", "title": side.term, "text": text,
                 "boost": GLOSSARY_ENTRY_BOOST}
        _add_words(entry, "keywords", " ".join(keywords).lower().split())
        entries.append(entry)
    return entries


def improve(docs: list[dict], terms: list[glossary.Term], lang: str) -> list[dict]:
    """``docs`` (one language, locations relative to that language's root), improved in place."""
    docs = [doc for doc in docs if doc["location"] != f"{glossary.GLOSSARY_SLUG}/#{GLOSSARY_SECTION}"]
    docs += glossary_entries(terms, lang)
    by_location = {doc["location"]: doc for doc in docs}
    for term in terms:
        side = term[lang]
        target = by_location.get(f"{term.page}/#{term.anchor}")
        if target is not None:
            _add_words(target, "keywords", " ".join((side.term, *side.also)).lower().split())
    for doc in docs:
        _add_words(doc, "keywords", variants_of(doc["title"] + " " + doc.get("keywords", "")))
        _add_words(doc, "variants", variants_of(doc["text"]))
    return docs


def write_language_indexes(site_dir: Path, languages: list[str], glossary_file: Path, memo: Memo | None = None) -> None:
    """Split static-i18n's merged index into one improved index per language (once per merged
    index and glossary: the build memo keeps each language's index)."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.is_file():
        return
    merged_text = index_path.read_text(encoding="utf-8")
    glossary_bytes = glossary_file.read_bytes() if glossary_file.is_file() else b""
    for language in languages:
        target = index_path if language == DEFAULT_LANGUAGE else site_dir / language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        def compute(language=language):
            return _language_index(merged_text, languages, language, glossary_file)
        text = compute() if memo is None else memo.text(
            "language-index", compute, merged_text, json.dumps(languages), language, glossary_bytes)
        target.write_text(text, encoding="utf-8")


def _language_index(merged_text: str, languages: list[str], language: str, glossary_file: Path) -> str:
    merged = json.loads(merged_text)
    terms = glossary.load(glossary_file) if glossary_file.is_file() else []
    prefixes = {other: f"{other}/" for other in languages if other != DEFAULT_LANGUAGE}
    config = {**merged["config"], "fields": {**merged["config"]["fields"], **FIELDS}}
    if language == DEFAULT_LANGUAGE:
        docs = [doc for doc in merged["docs"] if not doc["location"].startswith(tuple(prefixes.values()))]
    else:
        prefix = prefixes[language]
        docs = [{**doc, "location": doc["location"][len(prefix):]}
                for doc in merged["docs"] if doc["location"].startswith(prefix)]
    index = {**merged, "config": {**config, "lang": [language]}, "docs": improve(docs, terms, language)}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
