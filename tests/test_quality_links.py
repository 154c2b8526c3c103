"""Every internal link and anchor of the built site resolves, in both languages (the language
switcher, the hreflang alternates and the canonical links included); external links are listed
in a report (``build/quality/external-links.md``, git-ignored), never fetched."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT
from lectureutils.qa import links

REPORT_DIR = Path(os.environ.get("LECTURE_QA_REPORTS", PROJECT_ROOT / "build" / "quality"))


def site_url() -> str:
    match = re.search(r"^site_url:\s*(\S+)", (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else ""


@pytest.fixture(scope="module")
def link_report(request) -> links.LinkReport:
    """``$LECTURE_QA_SITE`` points at a site already built, to iterate on the gates."""
    if os.environ.get("LECTURE_QA_SITE"):
        site_dir = Path(os.environ["LECTURE_QA_SITE"])
    else:
        site_dir = request.getfixturevalue("built_site").site_dir
    report = links.check_site(site_dir, site_url())
    links.write_report(report, REPORT_DIR)
    return report


def test_every_internal_link_and_anchor_resolves(link_report):
    assert link_report.pages >= 30
    assert link_report.internal > 1000
    broken = [f"/{page.lstrip('/')}: <{tag}> {href}: {why}" for page, tag, href, why in link_report.broken]
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:80])


def test_checker_catches_a_dead_language_twin_and_a_missing_anchor(tmp_path):
    """The checker itself, on a two-page site: a switcher link to a missing English twin, a link
    to a missing section, a canonical link to the site's own address, an external link."""
    (tmp_path / "modele").mkdir()
    (tmp_path / "modele" / "index.html").write_text(
        '<link rel="canonical" href="https://example.org/lecture/modele/">'
        '<a class="md-select__link" hreflang="en" href="../en/modele/">EN</a>'
        '<a href="../#plan">plan</a><a href="#here">here</a><h2 id="here">Here</h2>'
        '<a href="https://example.com/x">out</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<h2 id="intro">Intro</h2>', encoding="utf-8")
    report = links.check_site(tmp_path, "https://example.org/lecture/")
    problems = {(href, why.split(" ")[0]) for _, _, href, why in report.broken}
    assert problems == {("../en/modele/", "no"), ("../#plan", "no")}
    assert report.internal == 4
    assert report.external == {"https://example.com/x": ["modele/"]}


def test_external_links_are_listed_in_a_report(link_report):
    report_md = REPORT_DIR / "external-links.md"
    report_json = REPORT_DIR / "external-links.json"
    assert report_md.is_file() and report_json.is_file()
    listed = {entry["url"] for entry in json.loads(report_json.read_text(encoding="utf-8"))["external_links"]}
    assert listed == set(link_report.external)
    assert any("creativecommons.org/licenses/by/4.0" in url for url in listed)  # the licence, in every footer
    text = report_md.read_text(encoding="utf-8")
    for url in listed:
        assert f"<{url}>" in text
