"""Our stylesheets in one file, our scripts in another: fewer, better-compressed downloads.

Used by the ``lecture`` plugin's delivery step (``lectureutils.site.plugin``), on the built site,
after ``delivery.minify_own_assets``. Every page links the project's ``extra_css`` (four sheets)
and ``extra_javascript`` (four scripts) one by one: each file is compressed on its own, so none
profits from what the others repeat, and each costs a request. ``write_bundles`` writes their
concatenation, in the configured order, as ``assets/lecture.<hash>.min.css`` and
``assets/lecture.<hash>.min.js`` (named by content, as Material's: the README's host recipe
lets browsers keep them for a year) and ``link_bundles`` points every
page at them: about 1.8 kB gzip less on every first visit. A page that does not link every file
of a list, in order, as MkDocs writes it (a plain ``<link>`` or ``<script>``, no ``defer``,
``async`` or module) keeps its links. The separate files stay in ``assets/`` (the PDF edition and
anything else that names them still find them); the scripts are each wrapped in their own
function, so running them one after the other in one file is what the browser did before.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

BUNDLE_STEM = "lecture"


def _bundle(site_dir: Path, sources: Sequence[str], suffix: str) -> str | None:
    """Writes the concatenation of ``sources`` (paths under ``site_dir``); returns its path."""
    if len(sources) < 2 or not all((site_dir / source).is_file() for source in sources):
        return None
    separator = "\n" if suffix == ".css" else ";\n"
    text = separator.join((site_dir / source).read_text(encoding="utf-8").strip() for source in sources) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    path = f"assets/{BUNDLE_STEM}.{digest}.min{suffix}"
    (site_dir / path).write_text(text, encoding="utf-8")
    return path


def _links(sources: Sequence[str], tag: str, suffix: str) -> re.Pattern:
    """The tags MkDocs writes for ``sources``, in order, whatever the page's depth (``../``); or
    the one tag of a bundle an earlier build wrote (a page that a dirty rebuild kept)."""
    parts = [tag.format(prefix="(?P<prefix>(?:\\.\\./)*)" if i == 0 else "(?P=prefix)", path=re.escape(source))
             for i, source in enumerate(sources)]
    earlier = tag.format(prefix="(?P<earlier>(?:\\.\\./)*)",
                         path=re.escape(f"assets/{BUNDLE_STEM}.") + "[0-9a-f]{8}" + re.escape(f".min{suffix}"))
    return re.compile((r"\s*".join(parts) + "|" + earlier).encode("utf-8"))


# What ``link_bundles`` replaces: the tags' pattern, the bundle's tag (``{prefix}``, ``{path}``), its path.
Bundles = list[tuple[re.Pattern, str, str]]


def write_bundles(site_dir: Path, stylesheets: Sequence[str], scripts: Sequence[str]) -> Bundles:
    """Writes the bundles of ``stylesheets`` and ``scripts`` (site paths, as in ``extra_css``
    and ``extra_javascript``); returns what ``link_bundles`` needs to link them."""
    groups = []
    for sources, suffix, tag, link in (
            (stylesheets, ".css", r'<link rel="stylesheet" href="{prefix}{path}">',
             '<link rel="stylesheet" href="{prefix}{path}">'),
            (scripts, ".js", r'<script src="{prefix}{path}"></script>', '<script src="{prefix}{path}"></script>')):
        bundle = _bundle(site_dir, list(sources), suffix)
        if bundle is not None:
            groups.append((_links(list(sources), tag, suffix), link, bundle))
    return groups


def link_bundles(html: bytes, bundles: Bundles) -> bytes:
    """The page linking each bundle where it linked every file of the bundle, in order."""
    for pattern, link, bundle in bundles:
        html = pattern.sub(lambda match, link=link, bundle=bundle: link.format(
            prefix=(match.group("prefix") or match.group("earlier") or b"").decode("utf-8"), path=bundle).encode("utf-8"),
            html, count=1)
    return html
