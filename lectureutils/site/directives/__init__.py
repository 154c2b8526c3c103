"""Directives a page may call, ``{{ name(args) }}`` alone on a line; one module each.

A handler takes a DirectiveContext and the literal arguments of the call, and returns Markdown
(raw HTML goes through ``context.stash`` so Markdown never rewrites it).
"""

from lectureutils.site.directives import assemble, compute, demo, glossary, snippet

HANDLERS = {
    "compute": compute.render,
    "demo": demo.render,
    "exercises": assemble.exercises,
    "glossary": glossary.render,
    "printable": assemble.printable,
    "snippet": snippet.render,
}
