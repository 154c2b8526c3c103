"""Citation data of a page or of one of its sections: BibTeX, APA-style text, CSL-JSON, meta tags.

One ``Citation`` describes what a reader cites: the lecture (its speaker, the talk's date, the
site's version and contributors) and one page of it, or one section of that page (its anchor).
Every format is made from that one record, so they cannot disagree. ``CITATION.cff`` at the top of
the repository says the same things; a test compares them.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

from lectureutils import __version__
from lectureutils.textformat import plain

SPEAKER = {"family": "Mallart", "given": "Cyriel"}
"""The author of the lecture: the speaker of the talk the site rewrites."""
TALK_DATE = date(2024, 5, 27)
PUBLISHER = "LIDILE, Université Rennes 2"
TEXT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
CODE_LICENCE = ("MIT", "https://opensource.org/license/mit")

CONTRIBUTORS = {
    "fr": "Contributeurs et contributrices du cours exécutable",
    "en": "Executable lecture contributors",
}
"""The site's authors, cited as contributors (one collective name, as in ``CITATION.cff``)."""
CONTRIBUTORS_IN_TEXT = {
    "fr": "les contributeurs et contributrices du cours exécutable",
    "en": "the executable lecture's contributors",
}

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}

TEXT = {
    "fr": {
        "kind": "Cours en ligne",
        "version": "version",
        "updated": "mis à jour le",
        "after_talk": "D'après l'exposé du",
        "site_by": "site réalisé par",
        "in": "Dans",
        "section": "section",
        "language": "french",
        "sep": " ; ",
    },
    "en": {
        "kind": "Online lecture",
        "version": "version",
        "updated": "updated",
        "after_talk": "After the talk of",
        "site_by": "site by",
        "in": "In",
        "section": "section",
        "language": "english",
        "sep": "; ",
    },
}


def long_date(day: date, lang: str) -> str:
    """``27 mai 2024`` / ``27 May 2024``."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Citation:
    lang: str
    site_name: str
    page_title: str
    url: str
    """The page's absolute address (from ``site_url``), with ``#anchor`` for a section."""
    slug: str
    updated: date
    version: str = __version__
    section_title: str | None = None
    section_id: str | None = None

    @property
    def title(self) -> str:
        if self.section_title:
            return f"{self.page_title} — {self.section_title}"
        return self.page_title

    @property
    def key(self) -> str:
        """A BibTeX key, unique per page and section, stable across languages and versions."""
        parts = ["mallart2024", self.slug or "index"]
        if self.section_id:
            parts.append(self.section_id)
        key = "_".join(parts)
        if self.lang != "fr":
            key += f"_{self.lang}"
        return re.sub(r"[^A-Za-z0-9_:\-.]", "-", key)

    def contributors(self) -> str:
        return CONTRIBUTORS[self.lang]

    def note(self) -> str:
        text = TEXT[self.lang]
        return text["sep"].join([
            f"{text['after_talk']} {long_date(TALK_DATE, self.lang)} ({PUBLISHER})",
            f"{text['site_by']} {CONTRIBUTORS_IN_TEXT[self.lang]}",
            f"{text['version']} {self.version}, {text['updated']} {long_date(self.updated, self.lang)}",
        ])

    # BibTeX ---------------------------------------------------------------------------------
    def bibtex(self) -> str:
        """A ``@misc`` entry readable by BibTeX and biblatex (``date``, ``version``, ``urldate``)."""
        fields = [
            ("author", f"{SPEAKER['family']}, {SPEAKER['given']}"),
            ("title", "{" + _bibtex_escape(self.title) + "}"),
            ("howpublished", _bibtex_escape(f"{self.site_name} ({TEXT[self.lang]['kind'].lower()})")),
            ("organization", _bibtex_escape(PUBLISHER)),
            ("year", str(TALK_DATE.year)),
            ("date", TALK_DATE.isoformat()),
            ("version", self.version),
            ("url", self.url),
            ("language", TEXT[self.lang]["language"]),
            ("note", _bibtex_escape(self.note())),
        ]
        width = max(len(name) for name, _ in fields)
        body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}"

    # APA ------------------------------------------------------------------------------------
    def apa_html(self) -> str:
        """An APA-style (7th edition) reference, with the site's name in italics."""
        text = TEXT[self.lang]
        if self.lang == "fr":
            day = f"{TALK_DATE.year}, {TALK_DATE.day} {MONTHS['fr'][TALK_DATE.month - 1]}"
        else:
            day = f"{TALK_DATE.year}, {MONTHS['en'][TALK_DATE.month - 1]} {TALK_DATE.day}"
        author = f"{SPEAKER['family']}, {SPEAKER['given'][0]}."
        description = (
            f"[{text['kind']}, {text['version']} {self.version}, "
            f"{text['updated']} {long_date(self.updated, self.lang)}]"
        )
        esc = html.escape
        if self.section_title:
            title = (
                f"{esc(self.section_title)}. {text['in']} <em>{esc(self.page_title)}</em> "
                f"{esc(description)}"
            )
        else:
            title = f"<em>{esc(self.page_title)}</em> {esc(description)}"
        return (
            f"{esc(author)} ({esc(day)}). {title}. {esc(self.site_name)}. {esc(PUBLISHER)}. "
            f'<a href="{esc(self.url)}">{esc(self.url)}</a>'
        )

    def apa_text(self) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", self.apa_html()))

    # CSL-JSON -------------------------------------------------------------------------------
    def csl(self) -> dict:
        """One CSL-JSON item (the format of Zotero, Pandoc's citeproc and citation.js)."""
        item = {
            "id": self.key,
            "type": "webpage",
            "title": plain(self.title),
            "container-title": plain(self.site_name),
            "author": [dict(SPEAKER)],
            "contributor": [{"literal": self.contributors()}],
            "issued": {"date-parts": [[TALK_DATE.year, TALK_DATE.month, TALK_DATE.day]]},
            "publisher": PUBLISHER,
            "genre": TEXT[self.lang]["kind"],
            "version": self.version,
            "URL": self.url,
            "language": self.lang,
            "note": self.note(),
        }
        if self.section_title:
            item["section"] = plain(self.section_title)
        return item

    def csl_json(self) -> str:
        """The item as a one-element CSL-JSON array, one field per line."""
        fields = ",\n".join(
            f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
            for key, value in self.csl().items()
        )
        return "[\n  {\n" + fields + "\n  }\n]"

    # Meta tags ------------------------------------------------------------------------------
    def meta_tags(self, description: str = "") -> str:
        """Highwire Press ``citation_*`` and Dublin Core tags for the page's ``<head>``."""
        updated = self.updated
        tags: list[tuple[str, str]] = [
            ("citation_title", plain(self.title)),
            ("citation_author", f"{SPEAKER['family']}, {SPEAKER['given']}"),
            ("citation_author_institution", PUBLISHER),
            ("citation_publication_date", TALK_DATE.strftime("%Y/%m/%d")),
            ("citation_online_date", updated.strftime("%Y/%m/%d")),
            ("citation_publisher", PUBLISHER),
            ("citation_language", self.lang),
            ("citation_abstract_html_url", self.url),
            ("citation_fulltext_html_url", self.url),
            ("citation_public_url", self.url),
            ("DC.title", plain(self.title)),
            ("DC.creator", f"{SPEAKER['family']}, {SPEAKER['given']}"),
            ("DC.contributor", self.contributors()),
            ("DC.date", TALK_DATE.isoformat()),
            ("DC.publisher", PUBLISHER),
            ("DC.language", self.lang),
            ("DC.identifier", self.url),
            ("DC.type", "Text"),
            ("DC.format", "text/html"),
            ("DC.rights", f"{TEXT_LICENCE[0]} ({TEXT_LICENCE[1]})"),
            ("DC.relation", plain(self.site_name)),
            ("DCTERMS.isPartOf", plain(self.site_name)),
            ("DCTERMS.modified", updated.isoformat()),
            ("DCTERMS.hasVersion", self.version),
            ("DCTERMS.license", TEXT_LICENCE[1]),
        ]
        if description:
            tags.insert(10, ("DC.description", description))
        lines = [
            '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">',
            '<link rel="schema.DCTERMS" href="http://purl.org/dc/terms/">',
        ]
        lines += [
            f'<meta name="{name}" content="{html.escape(value, quote=True)}">' for name, value in tags
        ]
        return "\n".join(lines)


_BIBTEX_SPECIAL = re.compile(r"([&%$#_])")


def _bibtex_escape(value: str) -> str:
    """Braces balanced and LaTeX's special characters escaped in a BibTeX field value."""
    value = plain(value).replace("\\", "").replace("{", "").replace("}", "")
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)


# Last-update dates ------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def last_update(path: str) -> date:
    """The date of the last commit that touched ``path``.

    Without git history (a tarball, a copy) the build does not fail and asks nothing of the
    network: it takes ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the file's
    modification time, else today.
    """
    source = Path(path)
    try:
        completed = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", source.name],
            cwd=source.parent,
            capture_output=True,
            text=True,
            timeout=20,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
        stamp = completed.stdout.strip()
        if completed.returncode == 0 and stamp:
            return date.fromisoformat(stamp)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    try:
        return datetime.fromtimestamp(source.stat().st_mtime, tz=timezone.utc).date()
    except OSError:
        return datetime.now(tz=timezone.utc).date()
