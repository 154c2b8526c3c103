"""Numbers and French typography: the one module's rules, and every built French page.

The page check reads the built HTML with the standard library's parser, independently of the
build's own pass: the text of each block (a paragraph, a list item, a table cell, an SVG text…),
inline elements (links, glossary terms, bold) joined, code replaced by a placeholder.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from lectureutils import textformat
from lectureutils.site import jupyterlite
from lectureutils.textformat import NNBSP

# --- the module's rules --------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "digits", "fr", "en"), [
    (50257, 0, f"50{NNBSP}257", "50,257"),
    (1234567.891, 2, f"1{NNBSP}234{NNBSP}567,89", "1,234,567.89"),
    (0.5, 3, "0,500", "0.500"),
    (-0.0001, 2, "0,00", "0.00"),
    (-12.5, 1, "\u221212,5", "\u221212.5"),
    (float("nan"), 2, "—", "—"),
    (None, 2, "—", "—"),
    (float("inf"), 2, "∞", "∞"),
])
def test_numbers(value, digits, fr, en):
    assert textformat.number(value, "fr", digits) == fr
    assert textformat.number(value, "en", digits) == en


def test_percent_money_units_colon():
    assert textformat.percent(0.115, "fr") == f"11,5{NNBSP}%"
    assert textformat.percent(0.115, "en") == "11.5%"
    assert textformat.percent(0.98, "fr", 0) == f"98{NNBSP}%"
    assert textformat.money(6, "fr", 0) == f"6{NNBSP}€"
    assert textformat.money(0.5, "en", 1) == "€0.5"
    assert textformat.integer(30000.4, "fr") == f"30{NNBSP}000"
    assert textformat.millions(134_515_008, "fr") == f"134,5{NNBSP}M"
    assert textformat.millions(134_515_008, "en") == "134.5M"
    assert textformat.millions(49_152, "en") == "49,152"
    assert textformat.colon("fr") == f"{NNBSP}:" and textformat.colon("en") == ":"
    assert textformat.plain(f"50{NNBSP}257\u00a0€") == "50 257 €"


@pytest.mark.parametrize(("typed", "typeset"), [
    ("Deux conditions : la première ; la seconde ! Pourquoi ?",
     f"Deux conditions{NNBSP}: la première{NNBSP}; la seconde{NNBSP}! Pourquoi{NNBSP}?"),
    ("« mot »", f"«{NNBSP}mot{NNBSP}»"),
    ("«mot»", f"«{NNBSP}mot{NNBSP}»"),
    ("«\u00a0mot\u00a0»", f"«{NNBSP}mot{NNBSP}»"),
    (f"«{NNBSP}mot{NNBSP}»", f"«{NNBSP}mot{NNBSP}»"),
    ("30 000 mots, 1 234 567,5 jetons", f"30{NNBSP}000 mots, 1{NNBSP}234{NNBSP}567,5 jetons"),
    ("11,5 % et 98%", f"11,5{NNBSP}% et 98{NNBSP}%"),
    # Names with a figure are not numbers; a year is not a thousands group.
    ("GPT-3 175 milliards, Gemma 3 270M, SmolLM2 2019", "GPT-3 175 milliards, Gemma 3 270M, SmolLM2 2019"),
    ("14:30 et https://exemple.org/?q=1", "14:30 et https://exemple.org/?q=1"),
])
def test_french_text(typed, typeset):
    assert textformat.french_text(typed) == typeset
    assert textformat.french_text(typeset) == typeset, "the pass must be idempotent"
    assert textformat.typeset(typed, "en") == typed


@pytest.mark.parametrize(("typed", "typeset"), [
    # Text after a closing tag: a link, a glossary term, bold.
    ('<p>voir <a href="x">le glossaire</a> : ici</p>', f'<p>voir <a href="x">le glossaire</a>{NNBSP}: ici</p>'),
    ('<p><span class="term">jeton</span> ? <strong>oui</strong> !</p>',
     f'<p><span class="term">jeton</span>{NNBSP}? <strong>oui</strong>{NNBSP}!</p>'),
    ("<p>« <em>mot</em> »</p>", f"<p>«{NNBSP}<em>mot</em>{NNBSP}»</p>"),
    ("<p>«<em>mot</em>»</p>", f"<p>«{NNBSP}<em>mot{NNBSP}</em>»</p>"),
    # The space before the tag, the mark after it.
    ("<p>un mot <em>;</em></p>", f"<p>un mot{NNBSP}<em>;</em></p>"),
    # After inline code, outside it; code itself untouched.
    ("<p>la fonction <code>f</code> : <code>a : b ?</code></p>", f"<p>la fonction <code>f</code>{NNBSP}: <code>a : b ?</code></p>"),
    ("<pre><code>x = 1 ; y = « 2 »</code></pre>", "<pre><code>x = 1 ; y = « 2 »</code></pre>"),
    ('<script>if (a ? b : c) {}</script><style>a :hover{}</style>', '<script>if (a ? b : c) {}</script><style>a :hover{}</style>'),
    # Chart text: SVG labels are text too; attributes are not.
    ('<svg><text x="1">50 257 jetons : 12 %</text></svg>', f'<svg><text x="1">50{NNBSP}257 jetons{NNBSP}: 12{NNBSP}%</text></svg>'),
    ('<a title="a : b" href="?q=1 ;x">lien</a>', '<a title="a : b" href="?q=1 ;x">lien</a>'),
    ("<!-- a : b --><p>x</p>", "<!-- a : b --><p>x</p>"),
])
def test_french_html(typed, typeset):
    assert textformat.typeset_html(typed) == typeset
    assert textformat.typeset_html(typeset) == typeset


# --- every built French page ---------------------------------------------------------------------

VERBATIM = {"code", "pre", "script", "style", "kbd", "samp", "textarea", "math"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd", "desc",
    "details", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "g", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hr", "html", "img", "input", "label", "li", "main", "nav",
    "ol", "option", "p", "section", "select", "summary", "svg", "table", "tbody", "td", "text",
    "tfoot", "th", "thead", "title", "tr", "tspan", "ul",
} | VERBATIM
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed"}
CODE_PLACEHOLDER = "\u2400"  # stands for inline code: a character, never a space


class BlockTexts(HTMLParser):
    """The text of each block of a page, inline elements joined, verbatim elements left out."""

    def __init__(self, language: str = "fr"):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.verbatim = 0
        # Elements open inside one in another language (lang="en": the English column of a
        # side-by-side page): their typography is not this language's.
        self.foreign: list[str] = []

    def _flush(self):
        text = "".join(self.current)
        if text.strip():
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        lang = dict(attrs).get("lang") or ""
        if tag not in VOID and (self.foreign or (lang and not lang.startswith(self.language))):
            self.foreign.append(tag)
        if tag in BLOCKS and not (tag in VERBATIM and tag == "code"):
            self._flush()
        if tag in VERBATIM and tag not in VOID:
            if tag == "code" and not self.verbatim:
                self.current.append(CODE_PLACEHOLDER)
            self.verbatim += 1

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if self.foreign and self.foreign[-1] == tag:
            self.foreign.pop()
        if tag in VERBATIM:
            self.verbatim = max(0, self.verbatim - 1)
        if tag in BLOCKS and tag != "code":
            self._flush()

    def handle_data(self, data):
        if not self.verbatim and not self.foreign:
            self.current.append(data)

    def close(self):
        super().close()
        self._flush()


FAULTS = [
    ("ordinary space before a French mark", re.compile(r"[ \u00a0][;:!?»]")),
    ("ordinary space after «", re.compile(r"«[ \u00a0]")),
    ("mark glued to a guillemet", re.compile(r"«[^\s\u202f]|[^\s\u202f]»")),
    ("breakable space inside a number", re.compile(r"(?<![\w,.\-\u2011])\d{1,3}(?:[ \u00a0]\d{3})+(?!\w)")),
    ("breakable space before %", re.compile(r"\d[ \u00a0]%")),
]


def french_faults(html: str) -> list[str]:
    parser = BlockTexts()
    parser.feed(html)
    parser.close()
    found = []
    for text in parser.blocks:
        for name, pattern in FAULTS:
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 40): match.end() + 40].replace("\n", " ")
                found.append(f"{name}: …{context}…")
    return found


def test_the_checker_finds_the_faults_of_the_old_pass():
    """The faults the old pass left (text after a closing tag, numbers) are found."""
    page = ('<p>voir <a href="x">le glossaire</a> : ici, <strong>gras</strong> ? et 30 000 mots,'
            " 11,5 %, «\u202fbien\u202f» et <code>a : b</code></p>")
    faults = french_faults(page)
    assert len(faults) == 4, faults
    assert french_faults(textformat.typeset_html(page)) == []


def french_pages(site_dir):
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("en/") or relative.startswith("assets/") or jupyterlite.in_lab(relative):
            continue
        yield relative, path


def test_every_french_page_has_french_typography(built_site):
    pages = list(french_pages(built_site.site_dir))
    assert len(pages) >= 17, f"only {len(pages)} French pages were built"
    problems = {}
    for relative, path in pages:
        faults = french_faults(path.read_text(encoding="utf-8"))
        if faults:
            problems[relative] = faults
    report = "\n".join(f"{page} ({len(faults)}):\n  " + "\n  ".join(faults[:8])
                       for page, faults in problems.items())
    assert not problems, f"French typography faults on {len(problems)} page(s):\n{report}"


ENGLISH_FAULTS = [
    ("French space before a mark", re.compile(r"(?<=\w)[ \u00a0\u202f][:;!?](?=\s|$)")),
    ("space before %", re.compile(r"\d[ \u00a0\u202f]%")),
    ("French thousands grouping", re.compile(r"(?<![\w,.\-])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\w)")),
]


def english_faults(html: str) -> list[str]:
    parser = BlockTexts("en")
    parser.feed(html)
    parser.close()
    return [f"{name}: …{text[max(0, match.start() - 40): match.end() + 40]}…"
            for text in parser.blocks for name, pattern in ENGLISH_FAULTS
            for match in pattern.finditer(text)]


def test_english_pages_have_english_typography(built_site):
    """English punctuation on English pages ("Interactive demo:", "98%", "50,257")."""
    pages = sorted((built_site.site_dir / "en").rglob("*.html"))
    assert len(pages) >= 17
    problems = {path.relative_to(built_site.site_dir).as_posix(): faults for path in pages
                if (faults := english_faults(path.read_text(encoding="utf-8")))}
    assert not problems, "\n".join(f"{page}: {faults[:5]}" for page, faults in problems.items())


def test_box_titles_show_no_escaped_quotes(built_site):
    """Python-Markdown keeps a box title's backslashes: `!!! note "a \\"b\\""` showed `a \\"b\\"` to
    the reader. Titles quote with typographic quotes instead."""
    shown = {path.relative_to(built_site.site_dir).as_posix(): titles
             for path in sorted(built_site.site_dir.rglob("*.html")) if "lab" not in path.parts
             if (titles := re.findall(r'admonition-title">(.*?\\(?:"|&quot;).*?)</p>', path.read_text(encoding="utf-8")))}
    assert not shown, shown
