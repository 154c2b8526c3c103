"""The lecture as a sentence-aligned parallel corpus: ``corpus/lecture.fr-en.tmx`` and ``.tsv``.

Source: the side-by-side pages of a built site (French interface), whose block pairs the build has
already checked. Prose only: code, program outputs, computed results, demos and figures' drawings
are left out (figure captions stay). Inside each pair of blocks, each language's text is split
into sentences by ``pysbd`` (the rule-based Pragmatic Segmenter, with French and English
abbreviation rules; it keeps initials such as « C. Raffel » inside their sentence), and the
sentences are aligned by NLTK's implementation of Gale and Church's length-based aligner (1-1,
1-2, 2-1, 2-2, 1-0, 0-1 beads), list item by list item and cell by cell where both sides have as
many; a sentence with no counterpart (a 1-0 or 0-1 bead) is left out of the corpus.

The corpus is committed: an author regenerates it after changing a page, and a test fails while the
committed files differ from what the pages give::

    python -m lectureutils.site.bilingual.corpus            # builds the site, writes corpus/
    python -m lectureutils.site.bilingual.corpus --check    # exit 1 if corpus/ is stale

Needs the ``corpus`` extra (``nltk``, ``pysbd``); the site's build does not.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape

from lectureutils import __version__
from lectureutils.site.bilingual.blocks import top_level

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = (
    "Comprendre les grands modèles de langage / Understanding large language models: an executable "
    "lecture after the talk by Cyriel Mallart (LIDILE, Université Rennes 2, 27 May 2024)"
)
TMX_NAME = "lecture.fr-en.tmx"
TSV_NAME = "lecture.fr-en.tsv"
PROSE_KINDS = {"paragraph", "list", "table", "admonition", "heading", "quote", "definitions",
               "figure", "group"}
# Elements whose text is its own segment (a list item, a table cell, a caption...).
_SEGMENT_TAGS = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "summary",
                 "figcaption", "blockquote", "div", "tr", "ul", "ol", "table", "details", "dl",
                 "caption", "br"}
_VOID = {"br", "img", "hr", "input", "source", "wbr", "col", "area", "embed", "link", "meta"}
# Elements whose text is not prose: code, outputs, drawings, tooltips, permalinks, a folded
# program's link to its source file.
_SKIPPED_CLASSES = {"highlight", "lecture-output", "lecture-compute", "lecture-demo",
                    "lecture-term__tip", "headerlink", "lecture-cite", "md-clipboard",
                    "lecture-listing__source"}
_SKIPPED_TAGS = {"pre", "script", "style", "svg", "button", "math"}
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def normalise(text: str) -> str:
    """ASCII whitespace collapsed; French no-break spaces kept."""
    return _SPACES.sub(" ", text).strip()


class _Segments(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: does it skip its content?
        self.segments: list[str] = []
        self.buffer: list[str] = []

    def flush(self):
        text = normalise("".join(self.buffer))
        if text:
            self.segments.append(text)
        self.buffer = []

    def skipping(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag in _SEGMENT_TAGS and not self.skipping():
            self.flush()
        if tag in _VOID:
            return
        self.stack.append(tag in _SKIPPED_TAGS or bool(classes & _SKIPPED_CLASSES))

    def handle_endtag(self, tag):
        if tag in _VOID or not self.stack:
            return
        self.stack.pop()
        if tag in _SEGMENT_TAGS and not self.skipping():
            self.flush()

    def handle_data(self, data):
        if not self.skipping():
            self.buffer.append(data)


def segments(fragment: str) -> list[str]:
    """The prose of a fragment, one string per paragraph, list item, cell, caption..."""
    parser = _Segments()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return parser.segments


@dataclass(frozen=True)
class Unit:
    page: str
    """The chapter's slug (``modele``; ``index`` for the home page)."""
    section: str
    """The section's anchor, the same in both languages (``""`` before the first section)."""
    pair: int
    """The number of the block pair on the side-by-side page (``data-pair``)."""
    french: str
    english: str

    @property
    def uid(self) -> str:
        return f"{self.page}#{self.section}:{self.pair}"

    def url(self, lang: str) -> str:
        path = "" if self.page == "index" else f"{self.page}/"
        prefix = "" if lang == "fr" else f"{lang}/"
        anchor = f"#{self.section}" if self.section else ""
        return f"{prefix}{path}{anchor}" or "./"


@dataclass(frozen=True)
class BlockPair:
    page: str
    section: str
    pair: int
    kind: str
    french: str
    english: str


def block_pairs(site_dir: Path) -> list[BlockPair]:
    """Every pair of prose blocks of the French-interface side-by-side pages, in reading order."""
    root = Path(site_dir) / "bilingue"
    pages = sorted(root.rglob("index.html"), key=lambda path: (path.parent != root, str(path)))
    found: list[BlockPair] = []
    for path in pages:
        page = "index" if path.parent == root else path.parent.name
        html_text = path.read_text(encoding="utf-8")
        start = html_text.find('<div class="lecture-bilingual" ')
        if start < 0:
            raise ValueError(f"{path} is not a side-by-side page (rebuild the site)")
        for section in _elements(html_text[start:], "section", "lecture-bilingual__section"):
            anchor = re.search(r'data-section="([^"]*)"', section).group(1)
            inner = section[section.index(">") + 1: section.rindex("</section>")]
            for row in top_level(inner):
                if not hasattr(row, "classes") or "lecture-bilingual__pair" not in row.classes:
                    continue
                if "lecture-bilingual__pair--shared" in row.classes:
                    continue
                number = re.search(r'data-pair="(\d+)"', row.html)
                kind = re.search(r'data-kind="([^"]+)"', row.html)
                heading = "lecture-bilingual__pair--heading" in row.classes
                if not heading and (kind is None or kind.group(1) not in PROSE_KINDS):
                    continue
                cells = {}
                row_inner = row.html[row.html.index(">") + 1: row.html.rindex("</div>")]
                for cell in top_level(row_inner):
                    lang = re.search(r'\slang="(fr|en)"', cell.html[: cell.html.index(">")])
                    if lang:
                        cells[lang.group(1)] = cell.html[cell.html.index(">") + 1: cell.html.rindex("</div>")]
                if set(cells) != {"fr", "en"}:
                    continue
                found.append(BlockPair(page=page, section=anchor,
                                       pair=int(number.group(1)) if number else 0,
                                       kind="heading" if heading else kind.group(1),
                                       french=cells["fr"], english=cells["en"]))
    return found


def _elements(text: str, tag: str, css_class: str):
    for item in top_level(text[text.index(">") + 1:]):
        if getattr(item, "tag", None) == tag and css_class in item.classes:
            yield item.html


_SEGMENTERS: dict = {}


def sentences(text_segments: list[str], lang: str) -> list[str]:
    import pysbd

    segmenter = _SEGMENTERS.setdefault(lang, pysbd.Segmenter(language=lang, clean=False))
    found = []
    for segment in text_segments:
        found += [normalise(sentence) for sentence in segmenter.segment(segment)]
    return [sentence for sentence in found if sentence]


def align(french: list[str], english: list[str]) -> list[tuple[list[str], list[str]]]:
    """Gale-Church beads of two sentence lists, without the sentences left unaligned."""
    from nltk.translate.gale_church import align_blocks

    if not french or not english:
        return []
    if len(french) == 1 and len(english) == 1:
        return [(french, english)]
    links = align_blocks([len(s) for s in french], [len(s) for s in english])
    # Links sharing a sentence belong to one bead (1-2, 2-1, 2-2).
    beads: list[tuple[set[int], set[int]]] = []
    for i, j in links:
        if beads and (i in beads[-1][0] or j in beads[-1][1]):
            beads[-1][0].add(i)
            beads[-1][1].add(j)
        else:
            beads.append(({i}, {j}))
    return [([french[i] for i in sorted(a)], [english[j] for j in sorted(b)]) for a, b in beads]


def units(site_dir: Path) -> list[Unit]:
    found = []
    for pair in block_pairs(site_dir):
        french_segments, english_segments = segments(pair.french), segments(pair.english)
        # Items, cells, terms and definitions that correspond one to one are aligned one by one;
        # otherwise the block's sentences are aligned as one sequence.
        if len(french_segments) == len(english_segments):
            parts = list(zip(([s] for s in french_segments), ([s] for s in english_segments)))
        else:
            parts = [(french_segments, english_segments)]
        beads = []
        for french_part, english_part in parts:
            beads += align(sentences(french_part, "fr"), sentences(english_part, "en"))
        for fr_part, en_part in beads:
            found.append(Unit(page=pair.page, section=pair.section, pair=pair.pair,
                              french=" ".join(fr_part), english=" ".join(en_part)))
    return found


def tmx(found: list[Unit]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        (f"<!-- {escape(ATTRIBUTION)}. Licence: {LICENCE} ({LICENCE_URL}). "
        "Generated by python -m lectureutils.site.bilingual.corpus; do not edit by hand. -->"),
        '<tmx version="1.4">',
        (f'  <header creationtool="lectureutils" creationtoolversion="{__version__}" '
        'datatype="plaintext" segtype="sentence" adminlang="en" srclang="fr" o-tmf="lectureutils">'),
        (f"    <note>{escape(ATTRIBUTION)}. Licence: {LICENCE} ({LICENCE_URL}): reuse with attribution. "
        "Sentences aligned with the Gale-Church algorithm (NLTK) after sentence splitting with "
        "pysbd, inside block pairs checked by the site's build. The x-url-fr and x-url-en "
        "properties are addresses relative to the site's root.</note>"),
        f'    <prop type="x-licence">{LICENCE}</prop>',
        f'    <prop type="x-licence-url">{LICENCE_URL}</prop>',
        "  </header>",
        "  <body>",
    ]
    for number, unit in enumerate(found, start=1):
        lines += [
            f'    <tu tuid="{number}">',
            f'      <prop type="x-page">{escape(unit.page)}</prop>',
            f'      <prop type="x-section">{escape(unit.section)}</prop>',
            f'      <prop type="x-block">{unit.pair}</prop>',
            f'      <prop type="x-url-fr">{escape(unit.url("fr"))}</prop>',
            f'      <prop type="x-url-en">{escape(unit.url("en"))}</prop>',
            f'      <tuv xml:lang="fr"><seg>{escape(unit.french)}</seg></tuv>',
            f'      <tuv xml:lang="en"><seg>{escape(unit.english)}</seg></tuv>',
            "    </tu>",
        ]
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


def tsv(found: list[Unit]) -> str:
    out = io.StringIO()
    out.write(f"# {ATTRIBUTION}.\n# Licence: {LICENCE} ({LICENCE_URL}). Generated by "
              "python -m lectureutils.site.bilingual.corpus; do not edit by hand.\n")
    # No quoting: the texts hold no tab and no line break (whitespace is normalised).
    out.write("id\tpage\tsection\tblock\tfr\ten\n")
    for number, unit in enumerate(found, start=1):
        row = [str(number), unit.page, unit.section, str(unit.pair), unit.french, unit.english]
        out.write("\t".join(row) + "\n")
    return out.getvalue()


def corpus_files(site_dir: Path) -> dict[str, str]:
    """File name → content of the sentence corpus, from a built site."""
    found = units(site_dir)
    return {TMX_NAME: tmx(found), TSV_NAME: tsv(found)}


def all_files(site_dir: Path, project_root: Path) -> dict[str, str]:
    """Every file of ``corpus/``: the sentence corpus and the termbase.

    Addresses in them are relative to the site's root (``modele/#factory``): the files stay the
    same whatever address the site is published at (``site_url``).
    """
    from lectureutils.site.bilingual import termbase

    files = corpus_files(site_dir)
    files.update(termbase.termbase_files(project_root / "docs" / "glossary.yml"))
    return files


def stale(corpus_dir: Path, expected: dict[str, str]) -> list[str]:
    """The files of ``corpus_dir`` that differ from ``expected`` (or are missing)."""
    problems = []
    for name, content in expected.items():
        path = Path(corpus_dir) / name
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != content:
            problems.append(f"{path} is stale")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lectureutils.site.bilingual.corpus",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a site already built (default: build one)")
    parser.add_argument("--check", action="store_true", help="exit 1 if corpus/ is stale")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (mkdocs.yml)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            completed = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                 str(root / "mkdocs.yml"), "-d", str(site)], cwd=root, check=False)
            if completed.returncode:
                print("the site does not build; fix it first", file=sys.stderr)
                return completed.returncode
        files = all_files(site, root)
    corpus_dir = root / "corpus"
    if args.check:
        problems = stale(corpus_dir, files)
        for problem in problems:
            print(f"{problem}: run python -m lectureutils.site.bilingual.corpus", file=sys.stderr)
        return 1 if problems else 0
    corpus_dir.mkdir(exist_ok=True)
    for name, content in files.items():
        (corpus_dir / name).write_text(content, encoding="utf-8")
    units_count = files[TSV_NAME].count("\n") - 3
    print(f"corpus/: {units_count} aligned sentence units, {len(files)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
