"""Page-weight budgets: what a first visit of one page fetches before any interaction.

Measured in headless Chromium against the built site on 127.0.0.1, caching off (a first visit),
from navigation until the network has rested (Material's search index and its worker included;
Pyodide excluded: it loads only when a reader starts a demo). Bytes are those sent by the
server, uncompressed: a host that gzips serves two to four times less.

The budgets leave about 25 % of room over the figures measured when they were set
(26 November 2026); a page that outgrows one should be looked at, not the budget raised blindly.
"""

from __future__ import annotations

KB = 1000

# Per page, by kind of resource. "other" is what Material fetches by script: the search index of
# the page's language (about 450-490 kB), the lunr stemmer, the favicon.
BUDGETS = {
    "html": 200 * KB,    # chapters measured 45-110 kB
    "css": 200 * KB,     # Material's main stylesheet is 140 kB of it
    "js": 250 * KB,      # Material's bundle 114 kB, search worker 39 kB, ours
    "fonts": 0,          # system fonts only (theme.font: false): no font file, no font host
    "images": 150 * KB,  # figures are inline SVG; only the favicon is fetched
    "other": 700 * KB,   # search index of the language + stemmer
    "total": 1_300 * KB,
}
# Pages made by mkdocs-jupyter inline about 590 kB of JupyterLab's stylesheet in their HTML; the
# printable edition holds every chapter in one page; a side-by-side page holds a chapter in both
# languages (measured 60-285 kB on 30 November 2026).
OVERRIDES = {
    "bilingue/": {"html": 400 * KB, "total": 1_500 * KB},
    "labs/": {"html": 900 * KB, "total": 2_000 * KB},
    "imprimer/": {"html": 1_400 * KB, "total": 2_500 * KB},
}


def budget_for(path: str) -> dict:
    """The budgets of the page at URL path ``path`` (``"en/labs/modele/"``…)."""
    budget = dict(BUDGETS)
    bare = path[3:] if path.startswith("en/") else path
    for prefix, extra in OVERRIDES.items():
        if bare.startswith(prefix):
            budget.update(extra)
    return budget


def over_budget(path: str, bytes_by_kind: dict) -> list[str]:
    """Human-readable excesses of one page (empty when within budget)."""
    budget = budget_for(path)
    measured = dict(bytes_by_kind)
    measured["total"] = sum(bytes_by_kind.values())
    problems = []
    for kind, limit in budget.items():
        if measured.get(kind, 0) > limit:
            problems.append(f"{kind} {measured[kind]:,} bytes > budget {limit:,}")
    return problems
