"""Directives a page may call, ``{{ name(args) }}`` alone on a line; one module each.

A handler takes a DirectiveContext and the literal arguments of the call, and returns Markdown
(raw HTML goes through ``context.stash`` so Markdown never rewrites it).
"""

from lectureutils.site.directives import demo, glossary, snippet

HANDLERS = {
    "demo": demo.render,
    "glossary": glossary.render,
    "snippet": snippet.render,
}
