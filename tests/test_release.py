"""``make release``: precompressed copies, the published address, and the README's nginx recipe.

The recipe test runs the README's own ``nginx`` block (Debian: ``nginx-light`` and
``libnginx-mod-http-brotli-static``, installed by ``.ci/run``) over the built site.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import brotli
import pytest

from conftest import PROJECT_ROOT, copy_site_without_lab
from lectureutils.site.release import precompress

NGINX_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def test_text_files_get_identical_gzip_and_brotli_copies(tmp_path):
    text = ("<p>" + "tokenisation " * 200 + "</p>").encode()
    (tmp_path / "index.html").write_bytes(text)
    (tmp_path / "small.css").write_bytes(b"a{}")
    (tmp_path / "image.png").write_bytes(bytes(range(256)) * 10)
    first = precompress(tmp_path, 0)
    assert first["files"] == 1
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == text
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()) == text
    assert not (tmp_path / "small.css.gz").exists(), "a file under 1 kB is left alone"
    assert not (tmp_path / "image.png.gz").exists(), "binary files are not compressed"
    copies = {path.name: path.read_bytes() for path in tmp_path.glob("*.*z*")}
    precompress(tmp_path, 0)
    assert {path.name: path.read_bytes() for path in tmp_path.glob("*.*z*")} == copies, "not reproducible"


def test_site_url_comes_from_the_documented_variable(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.setenv("LECTURE_SITE_URL", "https://example.edu/llm-lecture/")
    assert load_config(str(PROJECT_ROOT / "mkdocs.yml")).site_url == "https://example.edu/llm-lecture/"
    monkeypatch.delenv("LECTURE_SITE_URL")
    assert "example.org" in load_config(str(PROJECT_ROOT / "mkdocs.yml")).site_url


def _readme_recipe() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", readme, flags=re.DOTALL)
    assert len(blocks) == 1, "the README has one nginx recipe"
    return blocks[0]


def _get(url: str, encoding: str | None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


def test_the_readme_recipe_serves_compressed_copies_and_caches_hashed_assets(built_site, tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if nginx is None or not NGINX_MODULE.is_file():
        pytest.fail("the recipe test needs nginx: apt-get install nginx-light libnginx-mod-http-brotli-static")
    site = tmp_path / "site"
    copy_site_without_lab(built_site.site_dir, site)
    precompress(site, 0)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = _readme_recipe().replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = re.sub(r"root [^;]+;", f"root {site};", server)
    (tmp_path / "logs").mkdir()
    conf = tmp_path / "nginx.conf"
    # As root, nginx's workers would switch to "nobody", who cannot read pytest's private tmp_path.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        f"{user}load_module {NGINX_MODULE};\nerror_log {tmp_path}/logs/error.log;\npid {tmp_path}/nginx.pid;\n"
        f"events {{}}\nhttp {{\n include /etc/nginx/mime.types;\n access_log off;\n"
        f" client_body_temp_path {tmp_path}/body;\n proxy_temp_path {tmp_path}/proxy;\n"
        f" fastcgi_temp_path {tmp_path}/fastcgi;\n uwsgi_temp_path {tmp_path}/uwsgi;\n"
        f" scgi_temp_path {tmp_path}/scgi;\n{server}\n}}\n", encoding="utf-8")
    process = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
                               stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                _get(base, None)
                break
            except OSError:
                time.sleep(0.1)
        page = (site / "en" / "modele" / "index.html").read_bytes()
        headers, body = _get(base + "en/modele/", "br")
        assert headers["Content-Encoding"] == "br" and brotli.decompress(body) == page
        assert "max-age=0" in headers["Cache-Control"]
        headers, body = _get(base + "en/modele/", "gzip")
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == page
        assert "Accept-Encoding" in headers.get("Vary", "")
        # Every kind of file whose name carries a content hash is kept for a year; nothing else is.
        hashed = [next((site / "assets" / "stylesheets").glob("main.*.min.css")),
                  next((site / "assets").glob("lecture.*.min.css")), next((site / "assets").glob("lecture.*.min.js")),
                  next((site / "assets" / "figures").glob("*.svg")), next((site / "assets" / "listings").glob("*.json")),
                  next((site / "assets" / "listings").glob("*.txt"))]
        for path in hashed:
            headers, _ = _get(base + path.relative_to(site).as_posix(), "gzip")
            assert headers["Cache-Control"] == "public, max-age=31536000, immutable", path
        for unhashed in ("assets/demos/demos.js", "assets/images/favicon.png", "search/search_index.json"):
            assert (site / unhashed).is_file(), unhashed
            headers, _ = _get(base + unhashed, "gzip")
            assert "max-age=0" in headers["Cache-Control"], unhashed
        headers, body = _get(base + "en/modele/", None)
        assert "Content-Encoding" not in headers and body == page
    finally:
        process.terminate()
        process.wait(timeout=10)
