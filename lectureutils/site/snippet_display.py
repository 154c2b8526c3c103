"""What a page shows of a snippet's source: the page's language, without the repository's notes.

A snippet is one file for both languages (CONTRIBUTING.md, "Snippets in both languages"):

- a comment or docstring line tagged ``fr:`` or ``en:`` (``# fr: Compter les roues``,
  ``    fr: Une usine…`` inside a docstring) is shown on the pages of its language only, without
  its tag; untagged lines are shown everywhere;
- the module docstring's repository notes (``Used in: …``, ``Run: …``, ``Chapter "…"``) are for
  people working on the repository and are not shown;
- the words a snippet prints come from the language variable the build passes
  (``LECTURE_LANG``, see :data:`LANGUAGE_VARIABLE`): the file runs as it is, in English unless
  the variable says otherwise.
"""

from __future__ import annotations

import re
from functools import lru_cache

LANGUAGE_VARIABLE = "LECTURE_LANG"
_TAGGED_COMMENT = re.compile(r"^(?P<indent>\s*)#\s*(?P<lang>fr|en):\s?(?P<text>.*)$")
_TAGGED_DOC = re.compile(r"^(?P<indent>\s*)(?P<lang>fr|en):\s?(?P<text>.*)$")
_NOTE = re.compile(r"^\s*(Used in:|Run:|Chapter \")")
_DOCSTRING = re.compile(r'^(?P<quote>"""|\'\'\')(?P<body>.*?)(?P=quote)', re.S)
# The lines every snippet that feeds its page shares (``from lectureutils.glue import glue``)
# carry end-of-line comments, in English in the file: the other language's page translates them.
_SHARED_COMMENTS = {
    "# hands the numbers the page quotes to the site's build": {
        "fr": "# transmet à la construction du site les nombres que la page cite",
    },
    "# run outside the project (a downloaded notebook): there is no page to feed": {
        "fr": "# hors du projet (un notebook téléchargé) : aucune page à alimenter",
    },
}


def uses_language(source: str) -> bool:
    """Whether the snippet's output depends on the page's language."""
    return LANGUAGE_VARIABLE in source


def _module_docstring_span(source: str) -> tuple[int, int] | None:
    stripped = source.lstrip()
    offset = len(source) - len(stripped)
    match = _DOCSTRING.match(stripped)
    return (offset, offset + match.end()) if match else None


def _in_docstring_lines(source: str) -> set[int]:
    """Line numbers (0-based) inside any triple-quoted string."""
    inside, lines = False, set()
    for number, line in enumerate(source.split("\n")):
        quotes = line.count('"""') + line.count("'''")
        if inside or quotes:
            lines.add(number)
        if quotes % 2 == 1:
            inside = not inside
    return lines


@lru_cache(maxsize=256)
def displayed_source(source: str, lang: str) -> str:
    """``source`` as the page in ``lang`` shows it (worked out once per text and language: the page
    and its lab notebook both show each snippet, and ``mkdocs serve`` rebuilds them all)."""
    span = _module_docstring_span(source)
    if span:
        start, end = span
        docstring = source[start:end]
        kept = [line for line in docstring.split("\n") if not _NOTE.match(line)]
        text = "\n".join(kept)
        text = re.sub(r"\n{3,}", "\n\n", text)
        text = re.sub(r"\n\n(\"\"\"|''')$", r"\n\1", text)
        source = source[:start] + text + source[end:]
    docstring_lines = _in_docstring_lines(source)
    shown = []
    for number, line in enumerate(source.split("\n")):
        match = _TAGGED_COMMENT.match(line)
        if match:
            if match.group("lang") == lang:
                shown.append(f"{match.group('indent')}# {match.group('text')}")
            continue
        match = _TAGGED_DOC.match(line) if number in docstring_lines else None
        if match:
            if match.group("lang") == lang:
                shown.append(f"{match.group('indent')}{match.group('text')}")
            continue
        shown.append(_translated_comment(line, lang))
    return "\n".join(shown)


def _translated_comment(line: str, lang: str) -> str:
    for comment, translations in _SHARED_COMMENTS.items():
        if line.endswith(comment) and lang in translations:
            return line[: -len(comment)] + translations[lang]
    return line
