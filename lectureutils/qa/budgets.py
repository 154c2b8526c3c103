"""Page-weight budgets: what a first visit of one page fetches before any interaction.

Measured in headless Chromium against the built site on 127.0.0.1, caching off (a first visit),
from navigation until the network has rested (Material's search index and its worker wait until
the reader opens search; Pyodide loads only when a reader starts a demo). Bytes are those sent by the
server, uncompressed: a host that gzips serves two to four times less.

The budgets leave about 25 % of room over the figures measured when they were set
(26 November 2026; search index, lab pages and totals on 30 November, once the index loaded on
demand and the lab pages shed JupyterLab's inlined stylesheet); a page that outgrows one should be
looked at, not the budget raised blindly. The goal that matters to readers, at most 100 kB gzip
per chapter on a first visit, is measured by ``make bench``.
"""

from __future__ import annotations

KB = 1000

# Per page, by kind of resource. "other" is what Material fetches by script before any
# interaction: the favicon (the search index, 340-380 kB, waits for search to be opened).
BUDGETS = {
    # Chapters measured 45-232 kB: tokenisation carries the tokeniser playground's data inline
    # (72 kB of <script> in the page, 30 November); gzip, what readers fetch, is 37 kB.
    "html": 250 * KB,
    "css": 200 * KB,     # Material's main stylesheet is 140 kB of it
    "js": 250 * KB,      # Material's bundle 114 kB and ours (demos, citations, tokeniser playground)
    "fonts": 0,          # system fonts only (theme.font: false): no font file, no font host
    # Charts are SVG files shown as lazy images (lectureutils/site/delivery.py): a first visit
    # fetches those near the top of the page (a demo's static figure stays inline).
    "images": 150 * KB,
    "other": 20 * KB,    # the favicon
    "total": 700 * KB,
}
# Lab notebooks: at most 150 kB of HTML (goal of issue 16; measured 40-70 kB), their styles in the
# shared assets/notebook.css. The printable edition holds every chapter in one page; a
# side-by-side page holds a chapter in both languages (measured 60-495 kB on 30 November 2026,
# pre-entrainement: its chapter alone is 343 kB).
OVERRIDES = {
    "bilingue/": {"html": 650 * KB, "total": 1_500 * KB},
    "labs/": {"html": 150 * KB, "total": 700 * KB},
    # Measured 1.45-1.52 MB on 30 November 2026 (every chapter, with its real-model charts).
    "imprimer/": {"html": 1_700 * KB, "total": 2_800 * KB},
    # Looked at (30 November): twelve real-model outputs (charts and their data tables, 146 kB of
    # the page's 282 kB, French); 48 kB gzip.
    "pre-entrainement/": {"html": 320 * KB},
    # Looked at (30 November): three real-model outputs in the HTML, the five-tokenizer table (20 kB),
    # the token cost on 31,102 verse pairs (11 kB) and the playground's static figure (16 kB);
    # measured 221 kB (French), about 30 kB gzip.
    "tokenisation/": {"html": 260 * KB},
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
