"""Correction and clarification boxes: three labelled parts, one look per kind, in both languages.

Authors write an admonition of type ``correction`` (the talk said something wrong) or
``clarification`` (what was said needs nuance), holding a Markdown definition list with exactly
three terms, in this order (CONTRIBUTING.md, "Corrections and clarifications")::

    !!! correction "Facebook et Meta"

        Ce qui a été dit
        :   ...

        Ce qui est exact
        :   ...

        Source
        :   ...

The English labels are "What was said", "What is accurate", "Source" ("Sources" and a
parenthesised qualifier after the first label, "Ce qui a été dit (à la fin de l'exposé)", are
accepted). The box's language comes from its labels; the title gets the kind's label in that
language ("Correction", "Précision" / "Clarification") before the author's subtitle, and each part
becomes its own row with a class the stylesheet styles. A box of the old one-paragraph form, or
one missing a part, stops the build with a message that says what to write.

Enabled in ``mkdocs.yml`` as ``lectureutils.site.corrections`` (after ``admonition`` and
``def_list``, which build the elements this reads).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError

KINDS = ("correction", "clarification")
KIND_LABELS = {
    "fr": {"correction": "Correction", "clarification": "Précision"},
    "en": {"correction": "Correction", "clarification": "Clarification"},
}
PART_LABELS = {
    "fr": ("Ce qui a été dit", "Ce qui est exact", "Source"),
    "en": ("What was said", "What is accurate", "Source"),
}
PART_CLASSES = ("said", "accurate", "source")
_PART_PATTERNS = {
    lang: (
        re.compile(rf"^{re.escape(said)}(?: \([^)]*\))?$"),
        re.compile(rf"^{re.escape(accurate)}$"),
        re.compile(rf"^{re.escape(source)}s?$"),
    )
    for lang, (said, accurate, source) in PART_LABELS.items()
}
_OLD_FORM = re.compile(r"^\s*(Ce qui a été dit|What was said)\b[^:]*:")
_ALL_KIND_LABELS = sorted({label for labels in KIND_LABELS.values() for label in labels.values()})
_LEADING_KIND = re.compile(rf"^(?:{'|'.join(map(re.escape, _ALL_KIND_LABELS))})\s*(?::\s*|$)")


def _text(element: etree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()


def _expected(kind: str) -> str:
    return (
        f'write it as "!!! {kind} \\"optional subtitle\\"" holding a definition list of three '
        f'terms: "Ce qui a été dit" / "Ce qui est exact" / "Source" (French) or "What was said" / '
        f'"What is accurate" / "Source" (English), each followed by ":   its text" '
        f"(CONTRIBUTING.md, Corrections and clarifications)"
    )


def _language(terms: list[str]) -> str | None:
    for lang, patterns in _PART_PATTERNS.items():
        if len(terms) == 3 and all(pattern.match(term) for pattern, term in zip(patterns, terms)):
            return lang
    return None


def render_box(box: etree.Element, kind: str) -> None:
    """Check one box's three parts and give it its kind's title, classes and rows."""
    children = list(box)
    title = children[0] if children and "admonition-title" in _classes(children[0]) else None
    body = children[1:] if title is not None else children
    title_text = _text(title) if title is not None else ""
    where = f'"!!! {kind}" box "{title_text}"'
    if len(body) != 1 or body[0].tag != "dl":
        raise PluginError(f"{where}: a {kind} box holds one definition list and nothing else; {_expected(kind)}")
    parts = body[0]
    terms = [_text(child) for child in parts if child.tag == "dt"]
    lang = _language(terms)
    if lang is None:
        raise PluginError(f"{where}: its parts are {terms}; {_expected(kind)}")
    if any(
        child.tag == "dt" and (index + 1 == len(parts) or parts[index + 1].tag != "dd")
        for index, child in enumerate(parts)
    ):
        raise PluginError(f"{where}: every part needs its text; {_expected(kind)}")
    part = -1
    for child in parts:
        if child.tag == "dt":
            part += 1
            child.set("class", f"lecture-fix__label lecture-fix__label--{PART_CLASSES[part]}")
        elif child.tag == "dd":
            child.set("class", f"lecture-fix__text lecture-fix__text--{PART_CLASSES[part]}")
    parts.set("class", "lecture-fix__parts")

    label = KIND_LABELS[lang][kind]
    subtitle = _LEADING_KIND.sub("", title_text).strip() if title is not None else ""
    if title is None:
        title = etree.Element("p", {"class": "admonition-title"})
        box.insert(0, title)
    for child in list(title):
        title.remove(child)
    title.text = None
    kind_span = etree.SubElement(title, "span", {"class": "lecture-fix__kind"})
    kind_span.text = label
    if subtitle:
        kind_span.tail = (" : " if lang == "fr" else ": ") + subtitle
    box.set("class", " ".join(_classes(box) + ["lecture-fix", f"lecture-fix--{kind}"]))


class CorrectionBoxes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for box in root.iter("div"):
            classes = _classes(box)
            if "admonition" not in classes:
                continue
            kind = next((name for name in KINDS if name in classes), None)
            if kind is not None:
                render_box(box, kind)
                continue
            for child in box:
                if child.tag == "p" and "admonition-title" not in _classes(child):
                    if _OLD_FORM.match(_text(child)):
                        raise PluginError(
                            f'the box "{_text(box)[:60]}..." reports what was said in one paragraph; '
                            + _expected("correction")
                        )
                    break


class CorrectionsExtension(Extension):
    def extendMarkdown(self, md):
        # Before the inline processor (priority 20), so the title is still one text to rewrite.
        md.treeprocessors.register(CorrectionBoxes(md), "lecture-correction-boxes", 25)


def makeExtension(**kwargs):
    return CorrectionsExtension(**kwargs)
