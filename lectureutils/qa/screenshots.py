"""``make screenshots``: every page of the site, both languages, at desktop and mobile widths.

``python -m lectureutils.qa.screenshots [--site DIR] [--out screenshots] [--pages PATHS]`` builds
the site into a temporary folder (unless ``--site`` names one already built), serves it on
127.0.0.1 and writes ``<out>/desktop/<page>.png`` and ``<out>/mobile/<page>.png`` (full page;
``en/...`` for English), plus ``<out>/index.html`` to review them side by side. ``--pages``
takes comma-separated addresses (``modele/,en/modele/``) to shoot again only what a fix touched.
A page taller than :data:`PART_PX` (the printable edition, the long side-by-side pages) is written
in parts, ``<page>-01.png``, ``<page>-02.png``…: one capture that long comes back with its text
missing past some depth (Chromium; seen past ~85,000 px at 1280 px wide).
``screenshots/`` is git-ignored.
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
PART_PX = 30_000


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
                    for stale in target.parent.glob(f"{target.stem}-[0-9][0-9].png"):
                        stale.unlink()
                    height = page.evaluate("document.documentElement.scrollHeight") if full_page else 0
                    try:
                        if height <= PART_PX:
                            page.screenshot(path=str(target), full_page=full_page, timeout=180_000)
                            written.append(target)
                            continue
                        target.unlink(missing_ok=True)
                        for number, top in enumerate(range(0, height, PART_PX), start=1):
                            part = part_name(target, number)
                            clip = {"x": 0, "y": top, "width": viewport["width"], "height": min(PART_PX, height - top)}
                            page.screenshot(path=str(part), full_page=True, clip=clip, timeout=180_000)
                            written.append(part)
                    except Exception as error:  # noqa: BLE001 - one page must not stop the review
                        print(f"screenshots: {label} /{path} failed: {error}", file=sys.stderr)
                context.close()
        finally:
            chromium.close()
    _index(out_dir, qa_browser.site_pages(site_dir))  # every page, whichever were shot again
    return written


def part_name(target: Path, number: int) -> Path:
    return target.with_name(f"{target.stem}-{number:02d}.png")


def _images(out_dir: Path, label: str, path: str) -> list[str]:
    """The image(s) of one page at one width, relative to ``out_dir``: the page, or its parts."""
    target = out_dir / label / file_name(path)
    if target.is_file():
        return [f"{label}/{file_name(path)}"]
    return [part.relative_to(out_dir).as_posix()
            for part in sorted(target.parent.glob(f"{target.stem}-[0-9][0-9].png"))]


def _cell(out_dir: Path, label: str, path: str) -> str:
    images = _images(out_dir, label, path)
    if not images:
        return "<td>(none)</td>"
    width = 320 if label == "desktop" else 160
    first = (f'<a href="{images[0]}"><img loading="lazy" src="{images[0]}" '
             f'alt="/{html.escape(path)}, {label}" width="{width}"></a>')
    parts = " ".join(f'<a href="{image}">{number}</a>' for number, image in enumerate(images, start=1))
    return f"<td>{first}" + (f"<br>parts: {parts}" if len(images) > 1 else "") + "</td>"


def _index(out_dir: Path, paths) -> None:
    rows = "\n".join(
        f"<tr><th>/{html.escape(path)}</th>" + "".join(_cell(out_dir, label, path) for label in WIDTHS) + "</tr>"
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
    parser.add_argument("--pages", help="comma-separated addresses to shoot (default: every page)")
    args = parser.parse_args(argv)
    pages = [page.strip() for page in args.pages.split(",")] if args.pages else None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lecture-shots-") as temporary:
        site = args.site
        if site is None:
            site = Path(temporary) / "site"
            build(site)
        written = shoot(site, args.out, pages)
    print(f"{len(written)} screenshots in {args.out} ({time.perf_counter() - started:.0f} s); "
          f"open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
