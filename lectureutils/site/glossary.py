"""The bilingual glossary: its data (``docs/glossary.yml``) and the pass that marks terms in pages.

The ``lecture`` plugin calls :func:`annotate_page` on each page's HTML. On every page but the
glossary itself, the first occurrence of each glossary term in running text (paragraphs, list
items, definitions) becomes a link to its glossary entry, followed by a tooltip that gives the
definition in the page's language::

    <span class="lecture-term-wrap"><a class="lecture-term" href="../glossaire/#loss"
      aria-describedby="lecture-tip-loss">perte</a><span class="lecture-term__tip"
      id="lecture-tip-loss" role="tooltip">…</span></span>

CSS (``docs/assets/lecture.css``) shows the tooltip on hover and on keyboard focus; screen
readers get the definition as the link's description. Headings, code, links, SVG, admonition
titles and anything inside an element of class ``lecture-no-terms`` are left alone; a page opts
out with ``glossary_terms: false`` in its front matter.
"""

from __future__ import annotations

import html as htmlmod
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

LANGUAGES = ("fr", "en")
GLOSSARY_SLUG = "glossaire"
DATA_FILE = "glossary.yml"
# The glossary itself, and the credits, whose bibliography quotes titles (« Language Models are
# Unsupervised Multitask Learners ») where a term is not used as a term.
SKIPPED_PAGES = {GLOSSARY_SLUG, "credits"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GlossaryError(ValueError):
    """The glossary data is malformed."""


@dataclass(frozen=True)
class Side:
    """A term in one language."""

    term: str
    definition: str
    also: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    case: bool = False

    @property
    def matched(self) -> tuple[str, ...]:
        """Every form recognised in running text."""
        return (self.term, *self.also, *self.forms)


@dataclass(frozen=True)
class Term:
    id: str
    page: str
    anchor: str
    sides: dict[str, Side] = field(hash=False)
    skip_pages: tuple[str, ...] = ()
    """Pages where the term is never marked (« biais » means the bias term in the network
    chapters, not a social bias)."""

    def __getitem__(self, lang: str) -> Side:
        return self.sides[lang]


# --- Loading ------------------------------------------------------------------------------------

_CACHE: dict[Path, tuple[float, list[Term]]] = {}


def _strings(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GlossaryError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def parse(data) -> list[Term]:
    """Validate the YAML structure and return the terms, in file order."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError("the glossary must be a mapping with a 'terms' list")
    terms: list[Term] = []
    seen: set[str] = set()
    for index, entry in enumerate(data["terms"]):
        where = f"term #{index + 1}"
        if not isinstance(entry, dict):
            raise GlossaryError(f"{where}: expected a mapping")
        term_id = entry.get("id")
        if not isinstance(term_id, str) or not _ID.match(term_id):
            raise GlossaryError(f"{where}: id {term_id!r} is not kebab-case")
        where = f"term {term_id!r}"
        if term_id in seen:
            raise GlossaryError(f"{where}: duplicate id")
        seen.add(term_id)
        for key in ("page", "anchor"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise GlossaryError(f"{where}: missing {key!r}")
        sides = {}
        for lang in LANGUAGES:
            side = entry.get(lang)
            if not isinstance(side, dict):
                raise GlossaryError(f"{where}: missing {lang!r}")
            unknown = set(side) - {"term", "definition", "also", "forms", "skip", "case"}
            if unknown:
                raise GlossaryError(f"{where}/{lang}: unknown keys {sorted(unknown)}")
            for key in ("term", "definition"):
                if not isinstance(side.get(key), str) or not side[key].strip():
                    raise GlossaryError(f"{where}/{lang}: missing {key!r}")
            sides[lang] = Side(
                term=side["term"].strip(),
                definition=" ".join(side["definition"].split()),
                also=_strings(side.get("also"), f"{where}/{lang}/also"),
                forms=_strings(side.get("forms"), f"{where}/{lang}/forms"),
                skip=_strings(side.get("skip"), f"{where}/{lang}/skip"),
                case=bool(side.get("case", False)),
            )
        unknown = set(entry) - {"id", "page", "anchor", "skip_pages", *LANGUAGES}
        if unknown:
            raise GlossaryError(f"{where}: unknown keys {sorted(unknown)}")
        terms.append(
            Term(
                term_id,
                entry["page"].strip(),
                entry["anchor"].strip(),
                sides,
                _strings(entry.get("skip_pages"), f"{where}/skip_pages"),
            )
        )
    for lang in LANGUAGES:
        owner: dict[str, str] = {}
        for term in terms:
            for form in term[lang].matched:
                key = _normalise(form)
                if owner.setdefault(key, term.id) != term.id:
                    raise GlossaryError(
                        f"{lang} form {form!r} belongs to both {owner[key]!r} and {term.id!r}"
                    )
        for term in terms:
            for phrase in term[lang].skip:
                if _normalise(phrase) in owner:
                    raise GlossaryError(
                        f"{term.id!r}: {lang} skip phrase {phrase!r} is a form of "
                        f"{owner[_normalise(phrase)]!r}"
                    )
    return terms


def load(path: Path) -> list[Term]:
    """The terms of ``path`` (cached until the file changes)."""
    path = Path(path)
    mtime = path.stat().st_mtime
    cached = _CACHE.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    with path.open(encoding="utf-8") as stream:
        # libyaml's loader when PyYAML has it: the same data, ten times faster than pure Python.
        terms = parse(yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    _CACHE[path] = (mtime, terms)
    return terms


def data_path(config: MkDocsConfig) -> Path:
    return Path(config["docs_dir"]) / DATA_FILE


# --- Sorting ------------------------------------------------------------------------------------


def sort_key(text: str) -> tuple[str, str]:
    """Dictionary order: accents, case, hyphens and apostrophes ignored (« état » near « etat »)."""
    decomposed = unicodedata.normalize("NFD", text.replace("œ", "oe").replace("æ", "ae"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    bare = re.sub(r"[^\w ]+", "", bare)
    return (" ".join(bare.split()), text.casefold())


def initial(text: str) -> str:
    """The index letter of a headword."""
    key = sort_key(text)[0]
    letter = key[:1].upper()
    return letter if "A" <= letter <= "Z" else "#"


# --- Matching -----------------------------------------------------------------------------------


def _normalise(form: str) -> str:
    return " ".join(form.replace("’", "'").split()).casefold()


_SPACE = r"(?:\s|&nbsp;|&#160;|&#8239;)+"


def _pattern(form: str) -> str:
    words = form.replace("’", "'").split()
    parts = [re.escape(word).replace("'", "['’]") for word in words]
    return _SPACE.join(parts)


class Matcher:
    """Finds glossary forms in a text, longest first, whole words only."""

    def __init__(self, terms: list[Term], lang: str):
        self.lookup: dict[str, list[tuple[str, bool, str]]] = {}
        alternatives: set[str] = set()
        for term in terms:
            side = term[lang]
            for form in side.matched:
                exact = side.case or (form.isupper() and len(form) > 1)
                self.lookup.setdefault(_normalise(form), []).append((term.id, exact, form))
                alternatives.add(form)
            for phrase in side.skip:
                self.lookup.setdefault(_normalise(phrase), []).append(("", False, phrase))
                alternatives.add(phrase)
        ordered = sorted(alternatives, key=lambda f: (-len(f), f))
        body = "|".join(_pattern(form) for form in ordered)
        # Not glued to a word or to a hyphenated compound (« auto-supervisé » is not « supervisé »);
        # a hyphen before a digit is fine (« GPT-3 » mentions GPT).
        self.regex = re.compile(rf"(?<![\w-])(?:{body})(?!\w)(?!-[^\W\d])", re.IGNORECASE)

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, term_id)`` for each recognised form; skipped phrases yield nothing."""
        for match in self.regex.finditer(text):
            found = match.group(0)
            if _in_title(text, match.start(), match.end()):
                continue
            key = _normalise(htmlmod.unescape(found))
            for term_id, exact, form in self.lookup.get(key, ()):
                if not term_id:
                    break
                if exact and " ".join(htmlmod.unescape(found).replace("’", "'").split()) != " ".join(
                    form.replace("’", "'").split()
                ):
                    continue
                yield match.start(), match.end(), term_id
                break


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*),?[ \u00a0\u202f]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;«\"“(\[—–]\s*)\s*$")
_WORD_AFTER = re.compile(r"^,?[ \u00a0\u202f]+([^\W\d_][\w'’-]*)")


def _in_title(text: str, start: int, end: int) -> bool:
    """A capitalised match next to another capitalised word is part of a title or a name
    (« Generative Pre-Training », « Deep Learning, MIT Press »), not a use of the term.
    Acronyms (GPT, LLM) are always terms."""
    found = text[start:end]
    if not found[:1].isupper() or found.isupper():
        return False
    words = re.split(r"[\s-]+", found)
    if len(words) > 1 and all(word[:1].isupper() for word in words):
        return True  # « Language Models », « Transfer Learning »: Title Case
    window = text[max(0, start - 60) : start]
    before = _WORD_BEFORE.search(window)
    if before and before.group(1)[:1].isupper():
        # « The Transformer », « Le Transformeur »: a capitalised first word of a sentence
        # says nothing; « Generative Pre-Training », « Courville, Deep Learning » do.
        if not _SENTENCE_START.search(window[: before.start()]):
            return True
    after = _WORD_AFTER.match(text[end : end + 40])
    return bool(after and after.group(1)[:1].isupper() and not after.group(1).isupper())


_MATCHERS: dict[tuple[int, str], Matcher] = {}


def matcher(terms: list[Term], lang: str) -> Matcher:
    key = (id(terms), lang)
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher(terms, lang)
    return _MATCHERS[key]


# --- Rendering helpers --------------------------------------------------------------------------


def definition_html(text: str) -> str:
    """A definition as HTML: escaped, with *italics*."""
    return re.sub(r"\*([^*\s][^*]*)\*", r"<em>\1</em>", htmlmod.escape(text, quote=False))


def glossary_url(page_url: str, lang_prefix: str, use_directory_urls: bool) -> str:
    target = f"{lang_prefix}{GLOSSARY_SLUG}/" if use_directory_urls else f"{lang_prefix}{GLOSSARY_SLUG}.html"
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, page_url or "./")


def page_slug(page: Page) -> str:
    """``glossaire`` for ``glossaire.fr.md`` or ``glossaire.md``."""
    name = page.file.src_uri.rsplit("/", 1)[-1]
    return name.split(".", 1)[0]


def language_prefix(page: Page) -> str:
    """``"en/"`` for a page served under ``/en/``, ``""`` for the default language."""
    url = page.url or ""
    first = url.split("/", 1)[0]
    return f"{first}/" if first in LANGUAGES and "/" in url else ""


# --- The HTML pass ------------------------------------------------------------------------------

_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.DOTALL)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}
_ALLOWED = {"p", "li", "dd"}
_FORBIDDEN_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "var", "script",
    "style", "svg", "math", "textarea", "button", "summary", "figcaption", "caption", "dfn",
    "abbr", "label", "select", "option", "nav", "sup", "sub", "title", "template", "time",
}
_FORBIDDEN_CLASSES = {
    "admonition-title", "lecture-output", "lecture-term-wrap", "lecture-no-terms",
    "lecture-glossary", "arithmatex", "headerlink", "md-nav", "tabbed-labels",
}

LABELS = {
    "fr": {"see": "Voir", "section": "section", "other": "anglais", "also": "aussi", "index": "Index alphabétique"},
    "en": {"see": "See", "section": "section", "other": "French", "also": "also", "index": "Alphabetical index"},
}


def _opens_forbidden(name: str, attrs: str) -> bool:
    if name in _FORBIDDEN_TAGS:
        return True
    match = _CLASS.search(attrs)
    if match:
        classes = set((match.group(1) or match.group(2) or match.group(3) or "").split())
        if classes & _FORBIDDEN_CLASSES:
            return True
    return False


def tooltip(term: Term, lang: str, text: str, href: str) -> str:
    side = term[lang]
    tip_id = f"lecture-tip-{term.id}"
    return (
        f'<span class="lecture-term-wrap">'
        f'<a class="lecture-term" href="{htmlmod.escape(href)}#{term.id}" '
        f'aria-describedby="{tip_id}">{text}</a>'
        f'<span class="lecture-term__tip" id="{tip_id}" role="tooltip" data-search-exclude="true">'
        # Not a span: Material's search parser compares elements by tag name, and would end the
        # tooltip's exclusion from the index at the first nested </span>.
        f'<b class="lecture-term__tip-term">{htmlmod.escape(side.term)}</b> '
        f"{definition_html(side.definition)}</span></span>"
    )


def annotate(html: str, terms: list[Term], lang: str, href: str, slug: str = "") -> str:
    """Wrap the first occurrence of each term in running text; ``href``: the glossary page,
    ``slug``: the page's base name (``modele``)."""
    by_id = {term.id: term for term in terms}
    find = matcher(terms, lang).find
    done: set[str] = {term.id for term in terms if slug and slug in term.skip_pages}
    stack: list[tuple[str, bool, bool]] = []  # (tag, forbidden, allowed)
    forbidden = 0
    allowed = 0
    pieces = _TOKEN.split(html)
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        if piece.startswith("<"):
            match = _TAG.match(piece)
            if not match or piece.startswith("<!"):
                continue
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if closing:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        for _, was_forbidden, was_allowed in stack[depth:]:
                            forbidden -= was_forbidden
                            allowed -= was_allowed
                        del stack[depth:]
                        break
                continue
            if name in _VOID or attrs.rstrip().endswith("/"):
                continue
            is_forbidden = _opens_forbidden(name, attrs)
            is_allowed = name in _ALLOWED
            stack.append((name, is_forbidden, is_allowed))
            forbidden += is_forbidden
            allowed += is_allowed
            continue
        if forbidden or not allowed:
            continue
        out: list[str] = []
        last = 0
        for start, end, term_id in find(piece):
            if term_id in done:
                continue
            done.add(term_id)
            out.append(piece[last:start])
            out.append(tooltip(by_id[term_id], lang, piece[start:end], href))
            last = end
        if out:
            out.append(piece[last:])
            pieces[index] = "".join(out)
    return "".join(pieces)


def annotate_page(html: str, page: Page, config: MkDocsConfig, files: Files | None = None) -> str:
    """The plugin's entry point: mark glossary terms in a built page (not the glossary itself)."""
    lang = config.theme["language"]
    path = data_path(config)
    if lang not in LANGUAGES or not path.exists():
        return html
    if (
        not page.file.src_uri.endswith(".md")
        or page_slug(page) in SKIPPED_PAGES
        or page.meta.get("glossary_terms") is False
    ):
        return html
    try:
        terms = load(path)
    except GlossaryError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{path}: {error}") from None
    href = glossary_url(page.url, language_prefix(page), config.use_directory_urls)
    return annotate(html, terms, lang, href, page_slug(page))
