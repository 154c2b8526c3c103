"""``make release``: the built site as a versioned, reproducible archive.

    python -m lectureutils.site.release --site site --out dist --version 0.1.0

Refuses a site built while ``site_url`` was still a placeholder (an example domain): every
citation, download and meta tag of such a site points nowhere.

Writes ``dist/lecture-site-<version>.tar.gz``: every file of the built site under one folder,
``lecture-site-<version>/``, with a ``VERSION`` file, in sorted order, with neutral owners and
one timestamp (``SOURCE_DATE_EPOCH``, else the last commit's date, else now), so that two
releases of the same sources are byte-identical.

Before archiving, every text asset (HTML, CSS, JavaScript, JSON, SVG, XML, notebooks) gets
precompressed siblings, ``<file>.gz`` (gzip, level 9) and ``<file>.br`` (Brotli, quality 11, the
``brotli`` package), when they are smaller: a static host sends them as they are
(nginx ``gzip_static``/``brotli_static``; the README's recipe), without compressing on each request.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from lectureutils import __version__
from lectureutils.site.citation import is_placeholder

_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')


def site_address(site: Path) -> str:
    """The address the site was built for: its home page's canonical link (from ``site_url``)."""
    match = _CANONICAL.search((site / "index.html").read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def check_address(site: Path) -> None:
    address = site_address(site)
    if is_placeholder(address):
        raise SystemExit(
            f"{site} was built for {address or 'no address'}, a placeholder: citations and meta "
            "tags would point nowhere. Build it for its real address: make release "
            "LECTURE_SITE_URL=https://… (README, 'Publishing the site')."
        )


TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ipynb", ".map"}
# Below this size a compressed copy saves less than one network packet.
MIN_BYTES = 1024


def timestamp() -> int:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return int(epoch)
    try:
        completed = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True,
                                   text=True, timeout=20)
        if completed.returncode == 0 and completed.stdout.strip().isdigit():
            return int(completed.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return int(time.time())


def precompress(site: Path, mtime: int) -> dict[str, int]:
    """Write ``.gz`` and ``.br`` copies of the site's text assets; returns bytes before/after."""
    import brotli

    totals = {"files": 0, "bytes": 0, "gzip_bytes": 0, "brotli_bytes": 0}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=mtime, filename="") as stream:
            stream.write(data)
        variants = {".gz": buffer.getvalue(), ".br": brotli.compress(data, quality=11)}
        totals["files"] += 1
        totals["bytes"] += len(data)
        for suffix, compressed in variants.items():
            target = path.with_name(path.name + suffix)
            if len(compressed) < len(data):
                target.write_bytes(compressed)
                os.utime(target, (mtime, mtime))
                totals["gzip_bytes" if suffix == ".gz" else "brotli_bytes"] += len(compressed)
            elif target.exists():
                target.unlink()
    return totals


def archive(site: Path, out: Path, version: str) -> Path:
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} holds no built site: run `make build` first")
    check_address(site)
    out.mkdir(parents=True, exist_ok=True)
    name = f"lecture-site-{version}"
    target = out / f"{name}.tar.gz"
    mtime = timestamp()
    precompress(site, mtime)

    def info(arcname: str, size: int, directory: bool = False) -> tarfile.TarInfo:
        entry = tarfile.TarInfo(arcname)
        entry.size, entry.mtime, entry.uid, entry.gid = size, mtime, 0, 0
        entry.uname = entry.gname = ""
        entry.mode = 0o755 if directory else 0o644
        if directory:
            entry.type = tarfile.DIRTYPE
        return entry

    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime,
                                                  filename="") as zipped, \
            tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(info(name, 0, directory=True))
        stamp = f"{version}\n".encode()
        tar.addfile(info(f"{name}/VERSION", len(stamp)), io.BytesIO(stamp))
        for path in sorted(site.rglob("*")):
            arcname = f"{name}/{path.relative_to(site).as_posix()}"
            if path.is_dir():
                tar.addfile(info(arcname, 0, directory=True))
            elif path.is_file():
                with path.open("rb") as handle:
                    tar.addfile(info(arcname, path.stat().st_size), handle)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("dist"))
    parser.add_argument("--version", default=__version__)
    args = parser.parse_args(argv)
    if args.version != __version__:
        raise SystemExit(f"version {args.version} is not the package's {__version__}")
    target = archive(args.site, args.out, args.version)
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
