"""The Nu Html Checker over every built page: no error in what the project generates.

Material's own known errors are filtered by message (``lectureutils.qa.html_check``), never by
page. Needs Java (``apt-get install default-jre-headless``) and npm (``vnu-jar`` is installed on
first use into ``.cache/vnu-node/``).
"""

from __future__ import annotations

import pytest

from lectureutils.qa import html_check


@pytest.fixture(scope="module")
def checked(built_site):
    try:
        html_check.vnu_jar()
        html_check.java()
    except html_check.CheckerUnavailable as error:
        pytest.fail(f"the HTML check needs the Nu Html Checker: {error}")
    return html_check.project_errors(built_site.site_dir)


def test_every_page_is_valid_html(checked, built_site):
    errors, _ = checked
    pages = len(list(built_site.site_dir.rglob("*.html")))
    assert pages > 50
    assert not errors, f"{len(errors)} HTML error(s) in the project's markup:\n" + "\n".join(map(str, errors[:30]))


def test_the_checker_sees_errors(tmp_path):
    """The check can fail: a page with the mkdocs-jupyter 0.26.3 faults is reported."""
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><html lang="en"><head><title>t</title></head><body>'
                    '<clipboard-copy for="cell-1", aria-label="Copy">x</clipboard-copy></body></html>',
                    encoding="utf-8")
    errors, known = html_check.project_errors(tmp_path)
    assert errors and not known


def test_the_notebook_stylesheet_is_valid_css(built_site):
    stylesheet = built_site.site_dir / "assets" / "notebook.css"
    import subprocess

    completed = subprocess.run([html_check.java(), "-jar", str(html_check.vnu_jar()), "--css", "--errors-only",
                                "--format", "text", str(stylesheet)], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
