"""Translation drift: each English page records the version of the French page it translates.

The English page's front matter holds ``translated_from: <first 12 hex digits of the sha256 of the
French file>``. When the French page changes, the recorded hash no longer matches and the tests
name the page. After reviewing the English page, mark it reviewed::

    python -m lectureutils.site.drift --mark docs/modele.en.md
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

SOURCE_SUFFIX = ".fr.md"
TRANSLATION_SUFFIX = ".en.md"
_FIELD = re.compile(r"^translated_from:[ \t]*(?P<value>\S*)[ \t]*$", flags=re.MULTILINE)


@dataclass(frozen=True)
class Drift:
    translation: Path
    source: Path
    recorded: str | None
    expected: str

    def message(self) -> str:
        state = "has no translated_from field" if self.recorded is None else (
            f"translates version {self.recorded} but the French page is now {self.expected}"
        )
        return (
            f"{self.translation} {state} ({self.source} changed). Review the English page, then "
            f"run: python -m lectureutils.site.drift --mark {self.translation}"
        )


def source_version(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()[:12]


def source_of(translation: Path) -> Path:
    return translation.with_name(translation.name[: -len(TRANSLATION_SUFFIX)] + SOURCE_SUFFIX)


def recorded_version(translation: Path) -> str | None:
    text = translation.read_text(encoding="utf-8")
    front_matter = re.match(r"---\s*\n(.*?)\n---", text, flags=re.DOTALL)
    match = _FIELD.search(front_matter.group(1)) if front_matter else None
    return match.group("value") if match else None


def drifted(docs_dir: Path) -> list[Drift]:
    """English pages whose French page changed since they were last reviewed."""
    problems = []
    for translation in sorted(Path(docs_dir).rglob(f"*{TRANSLATION_SUFFIX}")):
        source = source_of(translation)
        if not source.is_file():
            continue
        expected = source_version(source)
        recorded = recorded_version(translation)
        if recorded != expected:
            problems.append(Drift(translation, source, recorded, expected))
    return problems


def mark_reviewed(translation: Path) -> str:
    """Record the French page's current version in the English page's front matter."""
    version = source_version(source_of(translation))
    text = translation.read_text(encoding="utf-8")
    front_matter = re.match(r"---\s*\n(.*?)\n---", text, flags=re.DOTALL)
    if front_matter is None:
        text = f"---\ntranslated_from: {version}\n---\n\n{text}"
    elif _FIELD.search(front_matter.group(1)):
        start, end = front_matter.span(1)
        text = text[:start] + _FIELD.sub(f"translated_from: {version}", front_matter.group(1)) + text[end:]
    else:
        end = front_matter.end(1)
        text = text[:end] + f"\ntranslated_from: {version}" + text[end:]
    translation.write_text(text, encoding="utf-8")
    return version


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder")
    parser.add_argument("--mark", type=Path, nargs="+", metavar="PAGE.en.md",
                        help="English pages reviewed against their current French page")
    arguments = parser.parse_args(argv)
    if arguments.mark:
        for translation in arguments.mark:
            if not translation.name.endswith(TRANSLATION_SUFFIX) or not source_of(translation).is_file():
                parser.error(f"{translation}: not an English page with a French counterpart")
            print(f"{translation}: translated_from {mark_reviewed(translation)}")
        return 0
    problems = drifted(arguments.docs)
    for problem in problems:
        print(problem.message())
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
