"""Quality gates over the built site: a local server, a headless browser with axe-core, link
checks, page-weight budgets and screenshots. Used by ``tests/test_quality_*.py``,
``make screenshots`` and the ``site`` section of ``make bench``."""
