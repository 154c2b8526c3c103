"""A Markdown extension that gives pymdownx.tasklist's checkboxes an accessible name.

``pymdownx.tasklist`` (``custom_checkbox: true``) writes
``<label class="task-list-control"><input type="checkbox" disabled/><span ...></span></label> text``:
the label holds the box but not the text, so a screen reader announces an unnamed checkbox
(axe-core rule ``label``, critical). When the item's text is inline, it moves inside the label;
otherwise the box gets the text as its ``aria-label``.

Enabled in ``mkdocs.yml`` as ``lectureutils.site.a11y``.
"""

from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

_ITEM = re.compile(
    r'(<label class="task-list-control">)'
    r'(<input type="checkbox"[^>]*?)(/?>)(<span class="task-list-indicator"></span>)</label>'
    r"(.*?)(?=</li>|</p>|<ul|<ol|<p|<div)",
    re.S,
)
_BLOCK = re.compile(r"<(?:ul|ol|p|div)\b")
_TAG = re.compile(r"<[^>]+>")


def _name(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def _label(match: re.Match) -> str:
    start, box, end, indicator, text = match.groups()
    rest = match.string[match.end():]
    inline_item = rest.startswith(("</li>", "</p>"))
    if inline_item and not _BLOCK.search(text):
        return f"{start}{box}{end}{indicator}{text}</label>"
    name = html.escape(_name(text), quote=True)
    return f'{start}{box} aria-label="{name}"{end}{indicator}</label>{text}'


class TaskListLabels(Postprocessor):
    def run(self, text: str) -> str:
        if "task-list-control" not in text:
            return text
        return _ITEM.sub(_label, text)


class A11yExtension(Extension):
    def extendMarkdown(self, md):
        # After the raw-HTML postprocessor (priority 30), which puts the checkboxes back.
        md.postprocessors.register(TaskListLabels(md), "lecture-task-list-labels", 5)


def makeExtension(**kwargs):
    return A11yExtension(**kwargs)
