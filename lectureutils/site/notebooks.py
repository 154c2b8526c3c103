"""One Jupyter notebook per chapter, for lab sessions: the chapter's snippets, with their outputs.

A teacher downloads ``labs/<chapter>.ipynb`` and hands it out; the site also shows it as a page,
rendered by mkdocs-jupyter. The notebook's prose is in the page's language; its code cells are the
snippet files themselves, and their outputs come from the snippet cache, so building it executes
nothing more.

static-i18n rebuilds every ``File`` in its ``on_files`` (upstream ultrabug/mkdocs-static-i18n#198),
which drops mkdocs-jupyter's ``NotebookFile`` class; the notebooks are therefore added, already
wrapped and localised, after static-i18n has run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import nbformat
from mkdocs.structure.files import File
from mkdocs_jupyter.plugin import NotebookFile

from lectureutils.site import jupyterlite
from lectureutils.site.memo import Memo
from lectureutils.site.snippet_display import displayed_source

LABS_FOLDER = "labs"

TEXT = {
    "fr": {
        "title": "Carnet de travaux pratiques — {chapter}",
        "intro": (
            "Ce carnet réunit les programmes du chapitre [{chapter}]({chapter_url}) du cours "
            "« Comprendre les grands modèles de langage ». Chaque cellule est un programme "
            "complet : exécutez-les dans l'ordre, modifiez-les, comparez avec la sortie affichée. "
            "Il suffit de Python 3.11 et de numpy (`pip install numpy`)."
        ),
        "cell": "Programme {number} — {section}",
        "file": "Fichier : `snippets/{name}`",
        "admonition": "Carnet Jupyter du chapitre",
        "see": "Tous les programmes de ce chapitre sont réunis dans un carnet Jupyter, pour un TP :",
        "view": "le consulter",
        "download": "le télécharger (.ipynb)",
    },
    "en": {
        "title": "Lab notebook — {chapter}",
        "intro": (
            "This notebook gathers the programs of the chapter [{chapter}]({chapter_url}) of the "
            "course \"Understanding large language models\". Each cell is a complete program: run "
            "them in order, change them, compare with the output shown. Python 3.11 and numpy "
            "are all you need (`pip install numpy`)."
        ),
        "cell": "Program {number} — {section}",
        "file": "File: `snippets/{name}`",
        "admonition": "The chapter's Jupyter notebook",
        "see": "All the programs of this chapter are gathered in a Jupyter notebook, for a lab session:",
        "view": "view it",
        "download": "download it (.ipynb)",
    },
}


@dataclass(frozen=True)
class ChapterLab:
    slug: str
    title: str
    snippets: tuple[str, ...]
    sections: tuple[str, ...] = ()
    """For each snippet, the title of the chapter's section that shows it: the program's heading
    in the notebook, in the page's language."""

    def section(self, number: int) -> str:
        return self.sections[number - 1] if number <= len(self.sections) else ""


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s*\{[^}]*\})?\s*$")


def section_titles(markdown_source: str, snippet_lines: dict[str, int]) -> tuple[str, ...]:
    """The nearest heading above each snippet's first line (1-based ``snippet_lines``)."""
    lines = markdown_source.split("\n")
    titles = []
    for line_number in snippet_lines.values():
        title = ""
        for line in reversed(lines[: line_number - 1]):
            match = _HEADING.match(line)
            if match:
                title = match.group(2).strip()
                break
        titles.append(title)
    return tuple(titles)


def notebook_for(lab: ChapterLab, lang: str, runner) -> nbformat.NotebookNode:
    """The notebook of one chapter in one language, outputs taken from the snippet cache."""
    text = TEXT[lang]
    # The notebook page sits at <lang prefix>/labs/<slug>/, two levels below its chapter's folder.
    chapter_url = f"../../{lab.slug}/"
    cells = [
        nbformat.v4.new_markdown_cell(
            f"# {text['title'].format(chapter=lab.title)}\n\n"
            + text["intro"].format(chapter=lab.title, chapter_url=chapter_url)
        )
    ]
    for number, name in enumerate(lab.snippets, start=1):
        result = runner.run(name, lang)
        # The program as the chapter shows it: comments in the notebook's language, no repository notes.
        source = displayed_source(runner.resolve(name).read_text(encoding="utf-8"), lang).rstrip("\n")
        outputs = [nbformat.v4.new_output("stream", name="stdout", text=result.stdout)]
        outputs += [
            nbformat.v4.new_output("display_data", data={"image/svg+xml": figure})
            for figure in result.figures
        ]
        heading = text["cell"].format(number=number, section=lab.section(number))
        if not lab.section(number):
            heading = heading.rsplit(" — ", 1)[0]
        cells.append(
            nbformat.v4.new_markdown_cell(f"## {heading}\n\n{text['file'].format(name=name)}")
        )
        cells.append(nbformat.v4.new_code_cell(source, outputs=outputs, execution_count=None))
    # nbformat gives new cells random ids: numbered ones keep the file, and its rendering (cached
    # per content hash), the same from one build to the next.
    for index, cell in enumerate(cells, start=1):
        cell.id = f"cell-{index}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update(
        {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    return notebook


def notebook_text(lab: ChapterLab, lang: str, runner, memo: Memo) -> str:
    """The ``.ipynb`` text of :func:`notebook_for`, written by nbformat once per content (the
    build memo keeps it: a warm build does not import nbformat)."""
    parts = [repr(lab), lang]
    for name in lab.snippets:
        result = runner.run(name, lang)
        shown = displayed_source(runner.resolve(name).read_text(encoding="utf-8"), lang)
        parts += [shown, result.stdout, json.dumps(list(result.figures))]
    return memo.text("notebook", lambda: nbformat.writes(notebook_for(lab, lang, runner)), *parts)


def notebook_file(
    lab: ChapterLab,
    lang: str,
    default_lang: str,
    runner,
    scratch_dir: Path,
    config,
    languages: list[str],
    memo: Memo,
) -> NotebookFile:
    """The notebook as a localised, generated page file, backed by a file under ``scratch_dir``
    (a temporary folder of the build: mkdocs-jupyter converts and copies from a real path)."""
    site_dir = config.site_dir
    relative = f"{LABS_FOLDER}/{lab.slug}.ipynb"
    path = scratch_dir / lang / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = notebook_text(lab, lang, runner, memo)
    # Rewritten only when it changed: `mkdocs serve` then sees an unchanged notebook as such.
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    file = File.generated(config, relative, abs_src_path=str(path))
    wrapped = NotebookFile(file, use_directory_urls=True, site_dir=site_dir)
    # NotebookFile delegates unknown attributes to the file, but abs_src_path is File's own
    # property: give the wrapper the generated file's path.
    wrapped.abs_src_path = file.abs_src_path
    if lang != default_lang:
        wrapped.dest_path = f"{lang}/{wrapped.dest_path}"
        wrapped.abs_dest_path = str(Path(site_dir) / wrapped.dest_path)
        wrapped.url = f"{lang}/{wrapped.url}"
    file.locale = lang
    file.locale_alternate_of = lang
    file.alternates = {
        language: SimpleNamespace(
            url=f"{LABS_FOLDER}/{lab.slug}/" if language == default_lang
            else f"{language}/{LABS_FOLDER}/{lab.slug}/"
        )
        for language in languages
    }
    return wrapped


def link_admonition(lab: ChapterLab, lang: str, lite_href: str | None = None) -> str:
    """Markdown for a chapter that has snippets: where its notebook is, and with ``lite_href``
    the link that opens it in the JupyterLite lab (``lectureutils.site.jupyterlite``)."""
    text = TEXT[lang]
    lite = "" if lite_href is None else jupyterlite.open_paragraph(lang, lite_href) + "\n"
    # Raw HTML, not "!!! tip": the box stays out of the search index (data-search-exclude), where
    # it would otherwise be the text shown under every chapter's result.
    return (
        f'<div class="admonition tip" data-search-exclude="true">\n'
        f'<p class="admonition-title">{text["admonition"]}</p>\n'
        f"<p>{text['see']} <a href=\"../{LABS_FOLDER}/{lab.slug}/\">{text['view']}</a> · "
        f'<a href="../{LABS_FOLDER}/{lab.slug}/{lab.slug}.ipynb" download>{text["download"]}</a>.</p>\n'
        f"{lite}</div>\n"
    )


def with_link_at_top(lines: list[str], lab: ChapterLab, lang: str, lite_href: str | None = None) -> list[str]:
    """The chapter's lines with the notebook's link right under its title (the first h1)."""
    admonition = link_admonition(lab, lang, lite_href)
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return [*lines[: index + 1], "", admonition, *lines[index + 1:]]
    return ["", admonition, *lines]

