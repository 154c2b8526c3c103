"""``make screenshots``: every page of the site, both languages, at desktop and mobile widths.

``python -m lectureutils.qa.screenshots [--site DIR] [--out screenshots]`` builds the site into a
temporary folder (unless ``--site`` names one already built), serves it on 127.0.0.1 and writes
``<out>/desktop/<page>.png`` and ``<out>/mobile/<page>.png`` (full page; ``en/...`` for English),
plus ``<out>/index.html`` to review them side by side. ``screenshots/`` is git-ignored.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lectureutils.qa import browser as qa_browser
from lectureutils.qa.server import SiteServer

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"desktop": qa_browser.DESKTOP, "mobile": qa_browser.MOBILE}


def file_name(path: str) -> str:
    name = path.rstrip("/") or "index"
    if name == "en":
        name = "en/index"
    return name.replace(".html", "") + ".png"


def build(site_dir: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                    str(PROJECT_ROOT / "mkdocs.yml"), "-d", str(site_dir)], check=True, cwd=PROJECT_ROOT)


def shoot(site_dir: Path, out_dir: Path, paths=None, full_page: bool = True) -> list[Path]:
    from playwright.sync_api import sync_playwright

    paths = list(paths) if paths is not None else qa_browser.site_pages(site_dir)
    written = []
    with SiteServer(site_dir) as server, sync_playwright() as playwright:
        chromium = qa_browser.launch(playwright)
        try:
            for label, viewport in WIDTHS.items():
                mobile = label == "mobile"
                context = chromium.new_context(viewport=viewport, device_scale_factor=1,
                                               is_mobile=mobile, has_touch=mobile)
                context.route(lambda url: not url.startswith(server.origin + "/"),
                              lambda route: route.abort())
                page = context.new_page()
                for path in paths:
                    page.goto(server.url(path), wait_until="load")
                    page.wait_for_timeout(150)  # let Material lay out the header and sidebars
                    qa_browser.load_lazy_images(page)
                    target = out_dir / label / file_name(path)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        # The printable edition is tens of thousands of pixels long.
                        page.screenshot(path=str(target), full_page=full_page, timeout=180_000)
                    except Exception as error:  # noqa: BLE001 - one page must not stop the review
                        print(f"screenshots: {label} /{path} failed: {error}", file=sys.stderr)
                        continue
                    written.append(target)
                context.close()
        finally:
            chromium.close()
    _index(out_dir, paths)
    return written


def _index(out_dir: Path, paths) -> None:
    rows = "\n".join(
        f"<tr><th>/{html.escape(path)}</th>"
        + "".join(f'<td><a href="{label}/{file_name(path)}"><img loading="lazy" src="{label}/{file_name(path)}" '
                  f'alt="/{html.escape(path)}, {label}" width="{320 if label == "desktop" else 160}"></a></td>'
                  for label in WIDTHS)
        + "</tr>"
        for path in paths
    )
    (out_dir / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>Screenshots</title>"
        "<style>body{font-family:sans-serif}td,th{vertical-align:top;padding:4px;text-align:left}"
        "img{border:1px solid #ccc}</style>"
        f"<table><tr><th>page</th><th>desktop {WIDTHS['desktop']['width']} px</th>"
        f"<th>mobile {WIDTHS['mobile']['width']} px</th></tr>{rows}</table>\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built (default: build one)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "screenshots")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lecture-shots-") as temporary:
        site = args.site
        if site is None:
            site = Path(temporary) / "site"
            build(site)
        written = shoot(site, args.out)
    print(f"{len(written)} screenshots in {args.out} ({time.perf_counter() - started:.0f} s); "
          f"open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
