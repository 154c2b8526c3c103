"""The page plan and the directive syntax: read once, the same lines for every reader."""

from __future__ import annotations

import pytest

from lectureutils.directive_syntax import bind
from lectureutils.errors import DirectiveError, DirectiveSyntaxError
from lectureutils.plan import SitePlan, language_of


def test_lines_count_the_front_matter_and_skip_fences(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.fr.md").write_text(
        '---\ntitle: Une page\nglossary_terms: false\n---\n\n# Titre\n\n'
        '```text\n{{ snippet("not/a/directive.py") }}\n```\n\n'
        '{{ snippet("ch/a.py") }}\n\n  {{ compute("tokenize", sentences=["x"], id="t") }}\n',
        encoding="utf-8",
    )
    (docs / "p.en.md").write_text('# Title\n\n{{ snippet("ch/a.py") }}\n', encoding="utf-8")
    plan = SitePlan.read(docs)
    french = plan.pages["p.fr.md"]
    assert french.lang == "fr" and french.title == "Une page" and french.meta["glossary_terms"] is False
    assert [(d.name, d.line, d.location) for d in french.directives] == [
        ("snippet", 12, "docs/p.fr.md:12"), ("compute", 14, "docs/p.fr.md:14")]
    body = french.path.read_text(encoding="utf-8").split("---\n", 2)[2].lstrip("\n").split("\n")
    assert body[french.directives[0].body_index] == '{{ snippet("ch/a.py") }}'
    assert french.directives[1].indent == "  " and french.directives[1].kwargs["id"] == "t"
    assert french.location(french.directives[1].body_index) == "docs/p.fr.md:14"
    assert plan.pages["p.en.md"].title == "Title" and plan.pages["p.en.md"].lang == "en"
    assert plan.snippets() == {"ch/a.py": "docs/p.en.md:3"}
    assert language_of("index.md") == "fr" and language_of("index.en.md") == "en"


def test_a_syntax_error_names_its_page_and_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.fr.md").write_text('# T\n\n{{ snippet(name) }}\n', encoding="utf-8")
    with pytest.raises(DirectiveSyntaxError) as raised:
        SitePlan.read(docs)
    assert str(raised.value).startswith("docs/p.fr.md:3: ") and "literals" in str(raised.value)


def test_arguments_are_bound_against_the_handler(tmp_path):
    def render(context, name: str, *, k: int = 10) -> str:
        return name

    bind("demo", render, ["playground"], {"k": 3})
    with pytest.raises(DirectiveError, match=r"demo\(\): .*unexpected keyword argument 'top'.*accepted: name, k=10"):
        bind("demo", render, ["playground"], {"top": 3})
    with pytest.raises(DirectiveError, match="missing a required argument: 'name'"):
        bind("demo", render, [], {})
