"""The two citations a teacher needs: the talk, and this edition (a page or a section of it).

- **The talk** (:class:`TalkCitation`): what Cyriel Mallart said, on 27 May 2024, at a LIDILE
  seminar. Its author is the speaker; its type is a talk (CSL ``speech``).
- **This edition** (:class:`Citation`): the site's text, a rewriting of the talk written by the
  executable lecture's contributors, cited as one collective name (as in ``CITATION.cff``),
  "after a talk by Cyriel Mallart", with the site's version and the page's address. Its date is
  the page's own: the date of its last change (git), not the talk's, because the text cited is
  ours and changes between versions; the talk's date belongs to the talk's citation.

Every format (APA, BibTeX, CSL-JSON, RIS, the ``<head>`` meta tags) is made from these records,
so they cannot disagree; ``CITATION.cff`` says the same things and a test compares them. No
publisher is named: the site is not published by the LIDILE lab.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from lectureutils import __version__
from lectureutils.textformat import plain

SPEAKER = {"family": "Mallart", "given": "Cyriel"}
"""The speaker of the talk: the author of the talk, never of the site's text."""
TALK_DATE = date(2024, 5, 27)
TALK_TITLE = ("Understanding the \u2018Large Language Models\u2019: "
              "Where do they come from and where can we go with them?")
"""As announced (the announcement set the three words in guillemets; single quotes here, so that
a style that quotes the title nests them correctly)."""
TALK = {
    "fr": {"genre": "Exposé", "event": "Séminaire du LIDILE",
           "place": "Université Rennes 2, Rennes, France"},
    "en": {"genre": "Talk", "event": "LIDILE seminar",
           "place": "Université Rennes 2, Rennes, France"},
}
TALK_LANGUAGE = "fr"
"""The talk was given in French (its title and slides were in English)."""

TEXT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
CODE_LICENCE = ("MIT", "https://opensource.org/license/mit")

CONTRIBUTORS = {
    "fr": "Contributeurs et contributrices du cours exécutable",
    "en": "Executable lecture contributors",
}
"""The site's authors: one collective name (``CITATION.cff`` has the English one)."""

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}

TEXT = {
    "fr": {
        "kind": "cours exécutable d'après un exposé de {speaker}, {date}",
        "version": "version",
        "in": "Dans",
        "language": "french",
        "locale": "fr_FR",
    },
    "en": {
        "kind": "executable lecture after a talk by {speaker}, {date}",
        "version": "Version",
        "in": "In",
        "language": "english",
        "locale": "en_GB",
    },
}

DOWNLOAD_TYPES = {"csl": "application/vnd.citationstyles.csl+json",
                  "ris": "application/x-research-info-systems"}

# Reserved names (RFC 2606, RFC 6761): an address under one of them is a placeholder.
PLACEHOLDER_DOMAINS = ("example", "example.com", "example.net", "example.org", "test", "invalid",
                       "localhost")


def long_date(day: date, lang: str) -> str:
    """``27 mai 2024`` / ``27 May 2024``."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def apa_date(day: date, lang: str) -> str:
    """APA's date of a dated work: ``2024, 27 mai`` / ``2024, May 27``."""
    if lang == "fr":
        return f"{day.year}, {day.day} {MONTHS['fr'][day.month - 1]}"
    return f"{day.year}, {MONTHS['en'][day.month - 1]} {day.day}"


def speaker_name() -> str:
    return f"{SPEAKER['given']} {SPEAKER['family']}"


def is_placeholder(url: str) -> bool:
    """Whether ``url`` is empty, relative, or under a reserved example domain."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return True
    return any(host == domain or host.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS)


# --- the talk -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TalkCitation:
    """Cyriel Mallart's talk, described in the language of the page that cites it."""

    lang: str
    key: str = "mallart2024talk"

    @property
    def details(self) -> dict:
        return TALK[self.lang]

    def csl(self) -> dict:
        talk = self.details
        return {
            "id": self.key,
            "type": "speech",
            "title": TALK_TITLE,
            "author": [dict(SPEAKER)],
            "issued": {"date-parts": [[TALK_DATE.year, TALK_DATE.month, TALK_DATE.day]]},
            "genre": talk["genre"],
            # "event" rather than CSL 1.0.2's "event-title": every processor reads it (citeproc-js
            # maps it to event-title; citeproc-py knows only "event").
            "event": talk["event"],
            "event-place": talk["place"],
            "language": TALK_LANGUAGE,
        }

    def bibtex(self) -> str:
        talk = self.details
        return _bibtex_entry(self.key, [
            ("author", f"{SPEAKER['family']}, {SPEAKER['given']}"),
            ("title", "{" + _bibtex_escape(TALK_TITLE) + "}"),
            ("howpublished", _bibtex_escape(f"{talk['genre']}, {talk['event']}, {talk['place']}")),
            ("year", str(TALK_DATE.year)),
            ("month", MONTHS["en"][TALK_DATE.month - 1][:3].lower()),
            ("date", TALK_DATE.isoformat()),
            ("language", TEXT[TALK_LANGUAGE]["language"]),
        ])

    def ris(self) -> str:
        talk = self.details
        # Zotero reads SLIDE as a presentation: T2 its meeting, M3 its type, CY its place.
        return _ris_record([
            ("TY", "SLIDE"),
            ("AU", f"{SPEAKER['family']}, {SPEAKER['given']}"),
            ("TI", TALK_TITLE),
            ("T2", talk["event"]),
            ("M3", talk["genre"]),
            ("CY", talk["place"]),
            ("DA", TALK_DATE.strftime("%Y/%m/%d/")),
            ("PY", str(TALK_DATE.year)),
            ("LA", TALK_LANGUAGE),
        ])

    def apa_html(self) -> str:
        talk = self.details
        esc = html.escape
        author = f"{SPEAKER['family']}, {SPEAKER['given'][0]}."
        return (f"{esc(author)} ({esc(apa_date(TALK_DATE, self.lang))}). <em>{esc(TALK_TITLE)}</em> "
                f"[{esc(talk['genre'])}]. {esc(talk['event'])}, {esc(talk['place'])}.")

    def apa_text(self) -> str:
        return _text_of(self.apa_html())


# --- this edition: a page or a section ------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """One page of the site (or one section of it) as a work of the site's contributors."""

    lang: str
    site_name: str
    page_title: str
    url: str
    """The page's absolute address (from ``site_url``), with ``#anchor`` for a section."""
    slug: str
    updated: date
    """The date the page's source last changed: the date this citation carries."""
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
        """A BibTeX key, unique per page and section, stable across versions."""
        parts = ["lecture", self.slug or "index"]
        if self.section_id:
            parts.append(self.section_id)
        key = "_".join(parts)
        if self.lang != "fr":
            key += f"_{self.lang}"
        return re.sub(r"[^A-Za-z0-9_:\-.]", "-", key)

    @property
    def author(self) -> str:
        return CONTRIBUTORS[self.lang]

    @property
    def kind(self) -> str:
        """What the work is and what it comes from: the edition's "after a talk by" line."""
        return TEXT[self.lang]["kind"].format(speaker=speaker_name(),
                                              date=long_date(TALK_DATE, self.lang))

    def section(self, section_id: str, section_title: str) -> Citation:
        return replace(self, section_id=section_id, section_title=section_title,
                       url=f"{self.url.split('#')[0]}#{section_id}")

    def talk(self) -> TalkCitation:
        return TalkCitation(self.lang)

    # CSL-JSON ---------------------------------------------------------------------------------
    def csl(self) -> dict:
        """One CSL-JSON item (the format of Zotero, Pandoc's citeproc and citation.js)."""
        item = {
            "id": self.key,
            "type": "webpage",
            "title": plain(self.title),
            "container-title": plain(self.site_name),
            "author": [{"literal": self.author}],
            "issued": {"date-parts": [[self.updated.year, self.updated.month, self.updated.day]]},
            # APA prints the genre in brackets after the title, Chicago after it: the "after a
            # talk by" line reaches every rendered reference, without making the speaker an author.
            "genre": _capitalised(self.kind),
            "version": self.version,
            "URL": self.url,
            "language": self.lang,
        }
        if self.section_title:
            item["section"] = plain(self.section_title)
        return item

    def csl_json(self, with_talk: bool = False) -> str:
        """The item (and the talk's, ``with_talk``) as a CSL-JSON array, one field per line."""
        items = [self.csl()] + ([self.talk().csl()] if with_talk else [])
        return "[\n" + ",\n".join(_json_item(item) for item in items) + "\n]"

    # BibTeX -----------------------------------------------------------------------------------
    def bibtex(self) -> str:
        """A ``@misc`` entry readable by BibTeX and biblatex (``date``, ``version``)."""
        return _bibtex_entry(self.key, [
            # Double braces: a collective name, not "Lecture Contributors, Executable".
            ("author", "{" + _bibtex_escape(self.author) + "}"),
            ("title", "{" + _bibtex_escape(self.title) + "}"),
            ("howpublished", _bibtex_escape(self.site_name)),
            ("year", str(self.updated.year)),
            ("date", self.updated.isoformat()),
            ("version", self.version),
            ("url", self.url),
            ("language", TEXT[self.lang]["language"]),
            ("note", _bibtex_escape(f"{_capitalised(self.kind)}. {TEXT[self.lang]['version'].capitalize()} "
                                    f"{self.version}")),
        ])

    # RIS --------------------------------------------------------------------------------------
    def ris(self, with_talk: bool = False) -> str:
        """A RIS record (EndNote, Zotero, Mendeley), the talk's after it ``with_talk``."""
        record = _ris_record([
            ("TY", "ELEC"),
            # No comma: RIS readers keep a name without one whole (a collective name).
            ("AU", self.author),
            ("TI", self.title),
            ("T2", self.site_name),
            ("M3", _capitalised(self.kind)),
            ("DA", self.updated.strftime("%Y/%m/%d/")),
            ("PY", str(self.updated.year)),
            ("UR", self.url),
            ("LA", self.lang),
            ("N1", f"{TEXT[self.lang]['version'].capitalize()} {self.version}"),
        ])
        return record + (self.talk().ris() if with_talk else "")

    # APA --------------------------------------------------------------------------------------
    def apa_html(self) -> str:
        """An APA (7th edition) reference to a web page, the page's title in italics."""
        esc = html.escape
        text = TEXT[self.lang]
        return (
            f"{esc(self.author)}. ({esc(apa_date(self.updated, self.lang))}). "
            f"<em>{esc(self.title)}</em> ({esc(text['version'])} {esc(self.version)}) "
            f"[{esc(self.kind)}]. {esc(self.site_name)}. "
            f'<a href="{esc(self.url)}">{esc(self.url)}</a>'
        )

    def apa_text(self) -> str:
        return _text_of(self.apa_html())

    # Downloads --------------------------------------------------------------------------------
    @property
    def file_stem(self) -> str:
        return self.key.replace("_", "-")

    def downloads(self) -> dict[str, tuple[str, str]]:
        """``{"csl": (file name, its text), "ris": …}``: the page's record and the talk's, written
        next to the page. (``cite.js`` composes a section's the same way, as a ``data:`` URL: its
        record, then the talk's.)"""
        return {
            "csl": (f"{self.file_stem}.json", self.csl_json(with_talk=True)),
            "ris": (f"{self.file_stem}.ris", self.ris(with_talk=True)),
        }

    # Meta tags --------------------------------------------------------------------------------
    def meta_tags(self, description: str = "") -> str:
        """Highwire Press, Dublin Core and Open Graph tags for the page's ``<head>``.

        They say what the page's citation says. ``og:type=website`` and ``og:site_name`` (and no
        ``DC.type``) make Zotero save a web page with the site's name as its website title. Its
        ``citation_author`` reader splits a name without a comma at its last space ("contributors,
        Executable lecture"); a trailing comma marks the collective name as one surname.
        """
        day = self.updated
        title = plain(self.title)
        site = plain(self.site_name)
        tags: list[tuple[str, str, str]] = [
            ("name", "citation_title", title),
            ("name", "citation_author", f"{self.author},"),
            ("name", "citation_publication_date", day.strftime("%Y/%m/%d")),
            ("name", "citation_language", self.lang),
            ("name", "citation_abstract_html_url", self.url),
            ("name", "citation_fulltext_html_url", self.url),
            ("name", "citation_public_url", self.url),
            ("name", "DC.title", title),
            ("name", "DC.creator", self.author),
            ("name", "DC.date", day.isoformat()),
            ("name", "DC.language", self.lang),
            ("name", "DC.identifier", self.url),
            ("name", "DC.format", "text/html"),
            ("name", "DC.rights", f"{TEXT_LICENCE[0]} ({TEXT_LICENCE[1]})"),
            ("name", "DCTERMS.isPartOf", site),
            ("name", "DCTERMS.modified", day.isoformat()),
            ("name", "DCTERMS.hasVersion", self.version),
            ("name", "DCTERMS.license", TEXT_LICENCE[1]),
            ("property", "og:type", "website"),
            ("property", "og:site_name", site),
            ("property", "og:title", title),
            ("property", "og:url", self.url),
            ("property", "og:locale", TEXT[self.lang]["locale"]),
        ]
        if description:
            tags.insert(8, ("name", "DC.description", description))
            tags.append(("property", "og:description", description))
        lines = [
            '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">',
            '<link rel="schema.DCTERMS" href="http://purl.org/dc/terms/">',
        ]
        lines += [
            f'<meta {attribute}="{name}" content="{html.escape(value, quote=True)}">'
            for attribute, name, value in tags
        ]
        return "\n".join(lines)


# --- shared writers ------------------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"([&%$#_])")


def _bibtex_escape(value: str) -> str:
    """Braces balanced and LaTeX's special characters escaped in a BibTeX field value."""
    value = plain(value).replace("\\", "").replace("{", "").replace("}", "")
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)


def _bibtex_entry(key: str, fields: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def _ris_record(fields: list[tuple[str, str]]) -> str:
    lines = [f"{tag}  - {plain(value)}" for tag, value in fields]
    return "\r\n".join(lines + ["ER  - ", ""])


def _json_item(item: dict) -> str:
    fields = ",\n".join(f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
                        for key, value in item.items())
    return "  {\n" + fields + "\n  }"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# --- last-update dates ---------------------------------------------------------------------------

@cache
def last_update(path: str) -> date:
    """The date of the last commit that touched ``path``.

    Without git history (a tarball, a copy) the build does not fail and asks nothing of the
    network: it takes ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the file's
    modification time, else today.
    """
    return git_date(path) or fallback_date(path)


def git_date(path: str) -> date | None:
    """The date of the last commit that touched ``path``; None outside git or for a file git
    does not track."""
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
    return None


def git_head(folder: Path) -> str | None:
    """The commit checked out in ``folder``'s repository (None outside git): the history that
    :func:`git_date` reads is the same as long as it is."""
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=20,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    head = completed.stdout.strip()
    return head if completed.returncode == 0 and head else None


def fallback_date(path: str) -> date:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the file's modification time,
    else today."""
    source = Path(path)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    try:
        return datetime.fromtimestamp(source.stat().st_mtime, tz=UTC).date()
    except OSError:
        return datetime.now(tz=UTC).date()
