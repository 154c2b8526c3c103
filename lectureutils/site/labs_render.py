"""Lab notebook pages: rendered once per content, by one exporter, into light and valid HTML.

mkdocs-jupyter 0.26.3 renders each notebook page with a new nbconvert exporter (its Jinja
templates compiled again for every page, twice per page with the table of contents) and inlines
about 590 kB of JupyterLab's stylesheet into every page. This module keeps mkdocs-jupyter's
template and highlighting, and:

- shares one ``HTMLExporter`` for the whole process (both languages, and every rebuild of
  ``mkdocs serve``), built lazily: a warm build never builds one;
- renders a notebook once per content hash: the HTML is kept in memory and under
  ``.cache/lab-html/`` (git-ignored), so a warm build renders nothing;
- keeps only the notebook's cells (no inlined ``<style>``, scripts, MathJax or Mermaid loaders),
  with the code in Material's own code-block markup (``<div class="highlight"><pre><code>``), so
  the theme highlights it and gives it its localised copy button, and without "In [ ]:" prompts;
  the notebook styles live in one shared, cacheable stylesheet, ``assets/notebook.css``.

What this works around in mkdocs-jupyter 0.26.3 (reported in the project's notes): its template
writes a Python list into a ``<style>`` element (``<style>['pre { line-height: 125%; }…']</style>``,
which browsers drop), has a stray comma in ``<clipboard-copy for="cell-N", aria-label=…>``, and
inlines JupyterLab's stylesheet with hundreds of declarations the CSS validator rejects.
"""

from __future__ import annotations

import hashlib
import html as htmlmod
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote

# Bump when the post-processing below changes: cached pages are then rendered again.
RENDER_VERSION = "4"
STYLESHEET = "assets/notebook.css"

_MEMORY: dict[str, RenderedLab] = {}
_EXPORTER = None
_USED: set[str] = set()


@dataclass(frozen=True)
class RenderedLab:
    html: str
    toc_tokens: list
    title: str | None


@lru_cache(maxsize=1)
def _library_versions() -> str:
    return ";".join(f"{name}={version(name)}" for name in ("mkdocs-jupyter", "nbconvert", "pygments"))


def content_key(notebook_bytes: bytes) -> str:
    digest = hashlib.sha256(notebook_bytes)
    digest.update(f"\0{RENDER_VERSION}\0{_library_versions()}".encode())
    return digest.hexdigest()


def render(notebook_path: Path, cache_dir: Path | None) -> RenderedLab:
    """The page body, table of contents and title of one notebook, rendered at most once."""
    data = Path(notebook_path).read_bytes()
    key = content_key(data)
    _USED.add(key)
    rendered = _MEMORY.get(key)
    if rendered is not None:
        return rendered
    cached = cache_dir / f"{key}.json" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        try:
            body = json.loads(cached.read_text(encoding="utf-8"))
            rendered = RenderedLab(body["html"], body["toc_tokens"], body["title"])
        except (OSError, ValueError, KeyError):
            rendered = None
    if rendered is None:
        rendered = _render_fresh(data)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(".tmp")
            temporary.write_text(json.dumps(rendered.__dict__, ensure_ascii=False), encoding="utf-8")
            temporary.replace(cached)
    _MEMORY[key] = rendered
    return rendered


def prune(cache_dir: Path) -> int:
    """Remove the cached renderings this process has not used (older notebooks); returns how many."""
    removed = 0
    for path in Path(cache_dir).glob("*.json") if Path(cache_dir).is_dir() else ():
        if path.stem not in _USED:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _exporter():
    """mkdocs-jupyter's exporter, configured as its ``nb2html`` does, without prompts; made once."""
    global _EXPORTER
    if _EXPORTER is None:
        from mkdocs_jupyter import nbconvert2
        from mkdocs_jupyter.config import settings
        from mkdocs_jupyter.preprocessors import SubCell
        from nbconvert.exporters.html import HTMLExporter
        from nbconvert.exporters.templateexporter import default_filters

        app = nbconvert2.get_nbconvert_app(no_prompt=True)
        # As nb2html does: SVG outputs pass through unchanged.
        default_filters["clean_html"] = lambda element: (
            element.decode() if isinstance(element, bytes) else str(element)
        )
        _EXPORTER = HTMLExporter(
            config=app.config,
            template_file="mkdocs_html/notebook.html.j2",
            extra_template_paths=[settings.templates_dir],
            preprocessors=[SubCell],
            filters={"highlight_code": nbconvert2.mk_custom_highlight_code()},
            theme="light",
            mathjax_url="",
        )
    return _EXPORTER


def _render_fresh(data: bytes) -> RenderedLab:
    import nbformat
    from mkdocs_jupyter import nbconvert2

    notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
    nbconvert2.cell_id = 0  # the copy buttons' numbering, a module global of mkdocs-jupyter
    body, _ = _exporter().from_notebook_node(notebook, resources={"mkdocs": {"include_requirejs": False}})
    html = clean(body)
    tokens, title = toc_tokens(html)
    return RenderedLab(html, tokens, title)


# --- post-processing -----------------------------------------------------------------------------

_COPY_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.DOTALL)
_COPY_SOURCE = re.compile(r'<div (?=[^>]*class="clipboard-copy-txt")[^>]*>.*?</div>\s*', re.DOTALL)
_HIGHLIGHT = re.compile(r'<div class="highlight-ipynb[^"]*"><pre>(?:<span></span>)?(.*?)</pre></div>', re.DOTALL)
_OUTPUT_PRE = re.compile(r'(<div class="jp-RenderedText[^"]*"[^>]*>\s*)<pre>')


def clean(body: str) -> str:
    """Only the notebook's cells, in valid HTML that Material styles."""
    start = body.find('<div class="jupyter-wrapper">')
    if start < 0:
        raise ValueError("mkdocs-jupyter's template changed: no jupyter-wrapper in the notebook HTML")
    body = body[start:]
    # The footer comments after the closing divs are kept out; widget state is never used here.
    body = re.sub(r"</div>\s*<!-- jp-Notebook -->\s*</div>\s*<!-- jupyter-wrapper -->.*", "</div>\n</div>",
                  body, flags=re.DOTALL)
    body = _COPY_BUTTON.sub("", body)
    body = _COPY_SOURCE.sub("", body)
    body = _HIGHLIGHT.sub(r'<div class="highlight"><pre><code>\1</code></pre></div>', body)
    body = _OUTPUT_PRE.sub(r'\1<pre class="lecture-lab-output">', body)
    # A wrapper div of every cell is focusable in JupyterLab's markup; not on a page.
    body = body.replace(' tabindex="0"', "")
    body = body.replace(' data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light"', "")
    # nbconvert's cell ids read "cell-id=0a1b…": valid, but give them a plain form.
    body = re.sub(r' id="cell-id=([^"]+)"', r' id="cell-\1"', body)
    return _plain_heading_ids(body)


_HEADING_ID = re.compile(r'(<h[1-6] id=")([^"]+)(")')
_SELECTOR_BREAKERS = re.compile(r"[\"'`\\<>&]+")


def _plain_heading_ids(body: str) -> str:
    """Heading ids (and their ¶ links) without the characters that break a CSS selector.

    nbconvert percent-encodes the heading's text into its id: a heading with quotes gets
    ``%22`` in its id, which Material decodes into ``[id="…"Keep or bin"…"]``, an invalid selector
    that throws on the page. Ids are decoded and rid of quotes, backslashes and markup characters."""
    renamed: dict[str, str] = {}

    def plain(match: re.Match) -> str:
        original = match.group(2)
        cleaned = re.sub(r"-{2,}", "-", _SELECTOR_BREAKERS.sub("", unquote(htmlmod.unescape(original))))
        renamed[original] = cleaned
        return match.group(1) + htmlmod.escape(cleaned) + match.group(3)

    body = _HEADING_ID.sub(plain, body)
    for original, cleaned in renamed.items():
        body = body.replace(f'href="#{original}"', f'href="#{htmlmod.escape(cleaned)}"')
    return body


_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="anchor-link"[^>]*>', re.DOTALL)


def toc_tokens(html: str) -> tuple[list, str | None]:
    """MkDocs table-of-contents tokens from the rendered headings, and the first h1's text."""
    roots: list[dict] = []
    stack: list[dict] = []
    title = None
    for match in _HEADING.finditer(html):
        level = int(match.group(1))
        name = htmlmod.unescape(re.sub(r"<[^>]+>", "", match.group(3))).strip()
        if level == 1 and title is None:
            title = name
        token = {"level": level, "id": match.group(2), "name": name, "html": match.group(3), "data-toc-label": "",
                 "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots, title


def stylesheet_link(page_url: str) -> str:
    """The ``<link>`` to the shared notebook stylesheet, relative to the page at ``page_url``."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return f'<link rel="stylesheet" href="{"../" * depth}{STYLESHEET}">'
