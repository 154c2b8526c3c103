"""The Nu Html Checker (``vnu.jar``, the W3C's HTML validator) over every page of a built site.

The checker comes from the npm package ``vnu-jar`` (pinned, installed on first use into
``.cache/vnu-node/``, git-ignored, without its install script: Java is the system's, 11 or newer)
and runs offline. Material for MkDocs 9.7.1 has a few known errors in its own templates; they are
listed below with the reason, and filtered by message (never by page), so that an error of the
project's own markup on any page still fails.

    python -m lectureutils.qa.html_check SITE_DIR     # prints the project's errors, exit 1 if any
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from lectureutils.site import jupyterlite

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VNU_VERSION = "26.9.27"
PREFIX = PROJECT_ROOT / ".cache" / "vnu-node"
INSTALL = ["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", "--no-save",
           "--ignore-scripts", f"vnu-jar@{VNU_VERSION}"]

# Material 9.7.1's own markup, on every site it builds (upstream, not fixable from the pages).
MATERIAL_KNOWN_ERRORS = {
    # Its drawer, search and TOC toggles are <input type="checkbox" autocomplete="off">.
    "material-toggle-autocomplete": re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
    # partials/toc.html labels the TOC toggle "__toc", which nav-item.html only renders for a page
    # of the navigation; a page outside the nav (the lab notebooks here) keeps the orphan label.
    "material-toc-label": re.compile(
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
}


class CheckerUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Message:
    page: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}\n    {self.extract.strip()[:160]}"


def vnu_jar(install: bool = True) -> Path:
    """``vnu.jar`` of the pinned version; installed with npm if missing."""
    jar = PREFIX / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    package = PREFIX / "node_modules" / "vnu-jar" / "package.json"
    if jar.is_file() and package.is_file() and json.loads(package.read_text())["version"] == VNU_VERSION:
        return jar
    if not install or shutil.which("npm") is None:
        raise CheckerUnavailable(f"vnu-jar {VNU_VERSION} is missing; run: {' '.join(INSTALL)}")
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(INSTALL, check=True, capture_output=True, timeout=600)
    return jar


def java() -> str:
    found = shutil.which("java")
    if found is None:
        raise CheckerUnavailable("Java is missing; run: apt-get install -y default-jre-headless")
    return found


def check(paths: list[Path]) -> list[Message]:
    """Every error the checker reports in the HTML files or folders ``paths``."""
    command = [java(), "-Xss16m", "-jar", str(vnu_jar()), "--format", "json", "--errors-only",
               "--skip-non-html", *map(str, paths)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=900)
    try:
        report = json.loads(completed.stderr or completed.stdout)
    except ValueError:
        raise RuntimeError(f"the checker failed: {(completed.stderr or completed.stdout)[-2000:]}") from None
    messages = []
    for entry in report.get("messages", []):
        if entry.get("type") not in ("error", "non-document-error"):
            continue
        url = entry.get("url", "")
        messages.append(Message(page=url.split("file:", 1)[-1], line=entry.get("lastLine"),
                                message=entry.get("message", ""), extract=entry.get("extract", "")))
    return messages


def known_material_error(message: Message) -> str | None:
    """The name of the known Material error ``message`` is, or None."""
    for name, pattern in MATERIAL_KNOWN_ERRORS.items():
        if pattern.search(message.message):
            return name
    return None


def project_errors(site_dir: Path) -> tuple[list[Message], dict[str, int]]:
    """(errors in the project's markup, count of each known Material error) over a built site."""
    errors, known = [], {}
    site_dir = Path(site_dir)
    # The JupyterLite app's pages (lab/) are JupyterLab's markup, not the project's.
    paths = [path for path in sorted(site_dir.iterdir()) if not jupyterlite.in_lab(path.name)]
    for message in check(paths):
        name = known_material_error(message)
        if name is None:
            page = message.page
            if str(site_dir) in page:
                page = page.split(str(site_dir), 1)[1].lstrip("/")
            errors.append(Message(page, message.line, message.message, message.extract))
        else:
            known[name] = known.get(name, 0) + 1
    return errors, known


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    errors, known = project_errors(site)
    for error in errors:
        print(error)
    print(f"{len(errors)} error(s) in the project's markup; known Material errors filtered: {known}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
