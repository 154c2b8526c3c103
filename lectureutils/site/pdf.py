"""``make pdf``: one PDF per language, from the built site's printable page, with WeasyPrint.

    python -m lectureutils.site.pdf --site site --out dist [--no-answers]

The printable page (``imprimer/``, ``en/imprimer/``) already holds every chapter with unique
anchors; this takes its article out of the theme (Material's screen layout is heavy and not
meant for paged media), adds a title page, opens every folded block, and lets WeasyPrint make
the table of contents' page numbers and the PDF bookmarks (chapters, then sections) from
``teaching.css`` and ``pdf.css``.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys
import time
from pathlib import Path

from lectureutils import __version__
from lectureutils.site.citation import CONTRIBUTORS, TALK, TALK_DATE, long_date, speaker_name

LANGUAGES = {"fr": "imprimer/index.html", "en": "en/imprimer/index.html"}
TEXT = {
    "fr": {"by": "d'après l'exposé de", "version": "Version", "licence":
           "Texte sous licence CC BY 4.0, code sous licence MIT.", "answers": "avec les réponses",
           "no_answers": "sans les réponses"},
    "en": {"by": "after the talk by", "version": "Version", "licence":
           "Text licensed under CC BY 4.0, code under MIT.", "answers": "with the answers",
           "no_answers": "without the answers"},
}
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.DOTALL)
_TITLE = re.compile(r'<meta name="DCTERMS.isPartOf" content="([^"]*)">')
_CITE_PRINT = re.compile(r'<p class="lecture-cite__print">(.*?)</p>', re.DOTALL)


def standalone(page: Path, site: Path, lang: str, answers: bool) -> str:
    """The printable page's article as a plain HTML document, ready for paged media."""
    source = page.read_text(encoding="utf-8")
    match = _ARTICLE.search(source)
    if match is None:
        raise SystemExit(f"{page}: no <article> (is it the printable page of a built site?)")
    article = match.group(1)
    # Everything prints open; without answers, the answers are not in the document at all.
    article = re.sub(r"<details(?![^>]*\sopen)", "<details open", article)
    title_match = _TITLE.search(source)
    site_name = html.unescape(title_match.group(1)) if title_match else ""
    cite_match = _CITE_PRINT.search(source)
    text = TEXT[lang]
    assets = site / "assets"
    # The site's own styles (glossary tooltips hidden, snippet outputs, demos' static figures),
    # then the print rules.
    stylesheets = [
        (assets / "lecture.css").resolve(),
        (assets / "demos" / "demos.css").resolve(),
        (assets / "teaching.css").resolve(),
        Path(__file__).with_name("pdf.css").resolve(),
    ]
    links = "\n".join(f'<link rel="stylesheet" href="{path.as_uri()}">' for path in stylesheets)
    classes = "lecture-pdf" + ("" if answers else " lecture-print-no-answers")
    speaker = speaker_name()
    talk = TALK[lang]
    cover = (
        '<section class="lecture-pdf-cover">'
        f'<p class="lecture-pdf-cover__title">{html.escape(site_name)}</p>'
        f'<p class="lecture-pdf-cover__by">{text["by"]} {speaker}<br>'
        f"{html.escape(talk['event'])}, {html.escape(talk['place'])} · {long_date(TALK_DATE, lang)}</p>"
        f'<p class="lecture-pdf-cover__version">{text["version"]} {__version__} · '
        f'{text["answers"] if answers else text["no_answers"]}</p>'
        f'<p class="lecture-pdf-cover__cite">{cite_match.group(1) if cite_match else ""}</p>'
        f'<p class="lecture-pdf-cover__licence">{text["licence"]}</p>'
        "</section>"
    )
    return (
        f'<!doctype html>\n<html lang="{lang}" class="{classes}"><head><meta charset="utf-8">'
        f"<title>{html.escape(site_name)}</title>\n"
        f'<meta name="author" content="{html.escape(CONTRIBUTORS[lang])}">\n'
        f"{links}</head>\n"
        f'<body><div class="md-typeset">{cover}\n{article}</div></body></html>'
    )


def build(site: Path, out: Path, lang: str, answers: bool = True) -> Path:
    from weasyprint import HTML  # the test extra; imported here so the module loads without it

    page = site / LANGUAGES[lang]
    if not page.is_file():
        raise SystemExit(f"{page} is missing: build the site first (make build)")
    document = standalone(page, site, lang, answers)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if answers else "-sans-reponses" if lang == "fr" else "-no-answers"
    target = out / f"lecture-{lang}-{__version__}{suffix}.pdf"
    HTML(string=document, base_url=str(page)).write_pdf(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="where the PDFs go")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), action="append",
                        help="one language (repeatable); default: all")
    parser.add_argument("--no-answers", action="store_true", help="leave the answers out")
    args = parser.parse_args(argv)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    for lang in args.lang or list(LANGUAGES):
        started = time.perf_counter()
        target = build(args.site, args.out, lang, answers=not args.no_answers)
        print(f"{target}: {target.stat().st_size / 1e6:.1f} MB, "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
