"""Every link of the built site: internal ones must resolve (page and anchor), external ones are
listed in a report, never fetched.

``python -m lectureutils.qa.links SITE_DIR [--out DIR]`` checks a built site and writes
``external-links.md`` and ``external-links.json`` into ``DIR`` (default ``build/quality/``,
git-ignored).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from lectureutils.site import jupyterlite

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REPORT_DIR = PROJECT_ROOT / "build" / "quality"
LOCAL = "http://site.invalid/"
# Attributes that point somewhere: followed by a reader (a, area) or loaded by the page.
LINKING = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
           "source": "src", "iframe": "src", "audio": "src", "video": "src", "track": "src",
           "embed": "src", "object": "data", "form": "action"}
NOT_LINKS = ("javascript:", "data:", "blob:", "about:")


@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0
    broken: list = field(default_factory=list)  # (page, tag, href, why)
    external: dict = field(default_factory=dict)  # url -> sorted pages

    def as_json(self) -> dict:
        return {"pages": self.pages, "internal_links": self.internal,
                "external_links": [{"url": url, "pages": pages} for url, pages in self.external.items()]}


def page_url(site_dir: Path, path: Path) -> str:
    relative = path.relative_to(site_dir).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return LOCAL + relative


def _target_file(site_dir: Path, path: str) -> Path | None:
    candidate = site_dir / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


class _Scan(HTMLParser):
    """One pass over a page: its ids (anchors) and its links, without building a tree."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        attribute = LINKING.get(tag)
        if attribute and attributes.get(attribute):
            self.links.append((tag, attributes[attribute]))

    handle_startendtag = handle_starttag


def _scan(file: Path) -> _Scan:
    scan = _Scan()
    scan.feed(file.read_text(encoding="utf-8"))
    scan.close()
    return scan


def check_site(site_dir: Path, site_url: str | None = None) -> LinkReport:
    """Checks every link of every HTML page under ``site_dir``.

    ``site_url`` (``mkdocs.yml``'s) makes absolute links to the site itself internal: canonical
    links and the like must point at a page that exists.
    """
    site_dir = Path(site_dir)
    report = LinkReport()
    external = defaultdict(set)
    own = urlparse(site_url) if site_url else None
    # The JupyterLite app's own pages are not scanned; links into it are.
    scans = {file: _scan(file) for file in sorted(site_dir.rglob("*.html"))
             if not jupyterlite.in_lab(file.relative_to(site_dir).as_posix())}
    anchors = {file: scan.ids for file, scan in scans.items()}
    for file, scan in scans.items():
        report.pages += 1
        here = page_url(site_dir, file)
        relative = here[len(LOCAL):] or "/"
        for name, href in scan.links:
            href = href.strip()
            if not href or href.startswith(NOT_LINKS):
                continue
            target = urlparse(urljoin(here, href))
            if own and target.netloc == own.netloc and target.path.startswith(own.path or "/"):
                target = urlparse(urljoin(LOCAL, target.path[len(own.path or "/"):]) +
                                  (f"#{target.fragment}" if target.fragment else ""))
            if target.scheme in ("http", "https") and target.netloc == urlparse(LOCAL).netloc:
                report.internal += 1
                why = _problem(site_dir, target, anchors)
                if why:
                    report.broken.append((relative, name, href, why))
            elif target.scheme in ("http", "https", "mailto", "ftp"):
                external[target.geturl()].add(relative)
            else:
                report.broken.append((relative, name, href, f"unexpected scheme {target.scheme!r}"))
    report.external = {url: sorted(pages) for url, pages in sorted(external.items())}
    return report


def _problem(site_dir: Path, target, anchors: dict) -> str | None:
    file = _target_file(site_dir, target.path)
    if file is None:
        return f"no file for {target.path}"
    fragment = unquote(target.fragment)
    if fragment and file.suffix == ".html" and fragment not in anchors.get(file, ()):
        return f"no id {fragment!r} in {file.relative_to(site_dir).as_posix()}"
    return None


def write_report(report: LinkReport, out_dir: Path = DEFAULT_REPORT_DIR) -> Path:
    """Writes ``external-links.md`` (for people) and ``external-links.json``; returns the .md."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "external-links.json").write_text(json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    lines = [
        "# External links of the built site",
        "",
        "Generated by `lectureutils.qa.links` (run by `make test`); not fetched, listed for review.",
        f"{len(report.external)} external addresses in {report.pages} pages "
        f"({report.internal} internal links checked).",
        "",
        "| address | pages |",
        "|---|---|",
    ]
    for url, pages in report.external.items():
        shown = ", ".join(f"`/{page.lstrip('/')}`" for page in pages[:6])
        more = f" and {len(pages) - 6} more" if len(pages) > 6 else ""
        lines.append(f"| <{url}> | {shown}{more} |")
    path = out_dir / "external-links.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_REPORT_DIR)
    parser.add_argument("--site-url", default=None)
    args = parser.parse_args(argv)
    report = check_site(args.site_dir, args.site_url)
    path = write_report(report, args.out)
    for page, tag, href, why in report.broken:
        print(f"BROKEN /{page.lstrip('/')}: <{tag}> {href}: {why}")
    print(f"{report.pages} pages, {report.internal} internal links, {len(report.broken)} broken; "
          f"{len(report.external)} external addresses listed in {path}")
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
