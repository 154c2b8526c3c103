"""Chapter numbers in the site's navigation, the same as on the home page's plan.

The home page (``docs/index.<lang>.md``, section "Le plan du cours") lists the chapters as
``- **3.** [Title](entrainement.md)``; those numbers are the chapters' numbers, and the build
writes them before the chapters' titles in the navigation sidebar (and its phone drawer), so
both always agree.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

_PLAN_ITEM = re.compile(r"^- \*\*(\d+)\.\*\* \[[^\]]+\]\(([\w-]+)\.md\)", re.M)
_LINK = re.compile(
    r'<(?P<tag>a|label)\b(?P<attrs>[^>]*\bclass="md-nav__link[^"]*"[^>]*)>(?P<gap>\s*)<span class="md-ellipsis">',
    re.S,
)
_HREF = re.compile(r'\bhref="([^"]*)"')


def chapter_numbers(home_markdown: str) -> dict[str, int]:
    """``{"entrainement": 3, …}`` from the home page's plan."""
    return {slug: int(number) for number, slug in _PLAN_ITEM.findall(home_markdown)}


def home_numbers(docs_dir: Path, lang: str) -> dict[str, int]:
    for name in (f"index.{lang}.md", "index.md"):
        path = Path(docs_dir) / name
        if path.is_file():
            return chapter_numbers(path.read_text(encoding="utf-8"))
    return {}


def _slug(url_path: str) -> str:
    parts = [part for part in url_path.split("/") if part]
    if parts and len(parts[0]) == 2 and parts[0] in ("en", "fr"):
        parts = parts[1:]
    return parts[-1] if parts else ""


def number_navigation(html: str, page_url: str, numbers: dict[str, int]) -> str:
    """Prefix the primary navigation's chapter links of one built page with their numbers."""
    start = html.find('class="md-sidebar md-sidebar--primary"')
    end = html.find('class="md-sidebar md-sidebar--secondary"', start)
    if start < 0 or not numbers:
        return html
    end = end if end > 0 else len(html)
    here = "/" + page_url.lstrip("/")

    def prefix(match: re.Match) -> str:
        attrs = match.group("attrs")
        href = _HREF.search(attrs)
        if href:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here.rstrip("/") + "/x"), href.group(1)))
        elif 'for="__toc"' in attrs:
            target = here
        else:
            return match.group(0)
        number = numbers.get(_slug(target))
        if number is None:
            return match.group(0)
        return f'{match.group(0)}<span class="lecture-nav-number">{number}.</span> '

    return html[:start] + _LINK.sub(prefix, html[start:end]) + html[end:]
