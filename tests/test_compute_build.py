"""The site builds from the compute cache with torch and transformers made unimportable.

A small two-language project asks for one computation from both pages. The entry is computed
once (two small tokenizers, a few seconds), then ``mkdocs build`` runs in a subprocess where a
meta-path blocker (a ``sitecustomize`` on PYTHONPATH) makes ``import torch``, ``transformers`` and
``spacy`` fail, as on a reader's machine without the compute extra.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lectureutils.cache import CacheStore, Results
from lectureutils.compute import models
from lectureutils.compute.engine import KIND, ComputeEngine, scan_docs

BLOCKER = '''
import sys

class _Blocker:
    BLOCKED = ("torch", "transformers", "spacy", "tokenizers", "mistral_common")

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.BLOCKED:
            raise ImportError(f"{name} is blocked: this build must not need the compute extra")
        return None

sys.meta_path.insert(0, _Blocker())
'''

MKDOCS_YML = """
site_name: Test
docs_dir: docs
strict: true
theme:
  name: material
  language: fr
  font: false
plugins:
  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      languages:
        - locale: fr
          name: Français
          default: true
          build: true
        - locale: en
          name: English
          build: true
  - lecture:
      cache_dir: cache
markdown_extensions:
  - attr_list
  - md_in_html
nav:
  - index.md
"""

DIRECTIVE = ('{{ compute("tokenize", sentences=["Je suis très déçue par ce film.", '
             '"I am very disappointed by this film."], tokenizers=["xlmr", "tekken"]) }}')


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    if not (models.is_installed("xlmr") and models.is_installed("tekken")):
        pytest.skip("the xlmr and tekken tokenizers are not installed (make precompute)")
    pytest.importorskip("transformers")
    root = tmp_path_factory.mktemp("compute-build")
    (root / "docs").mkdir()
    (root / "snippets").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs" / "index.fr.md").write_text(f"# Tokenisation\n\n{DIRECTIVE}\n", encoding="utf-8")
    (root / "docs" / "index.en.md").write_text(f"# Tokenisation\n\n{DIRECTIVE}\n", encoding="utf-8")
    engine = ComputeEngine(Results(CacheStore(root / "cache"), writable=True))
    summary = engine.precompute(scan_docs(root / "docs"), stream=sys.stderr)
    assert summary["computed"] == 1  # one entry for both languages
    blocker = root / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    return root


def build_without_torch(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(project / "blocker"), str(Path(__file__).resolve().parents[1])]),
        "LECTUREUTILS_JUPYTERLITE": "0"}  # the lab is built and checked once, in built_site
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, timeout=600, cwd=project,
    )


def test_the_blocker_really_blocks(project):
    env = {**os.environ, "PYTHONPATH": str(project / "blocker")}
    completed = subprocess.run([sys.executable, "-c", "import torch"], capture_output=True, text=True, env=env)
    assert completed.returncode != 0 and "blocked" in completed.stderr


def test_build_without_torch_uses_the_cache(project, tmp_path):
    completed = build_without_torch(project, tmp_path / "site")
    assert completed.returncode == 0, completed.stderr[-3000:]
    french = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    english = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    for page in (french, english):
        # The chart itself is a lazy image (lectureutils/site/delivery.py): its drawing is a file.
        drawings = re.findall(r'<img class="lecture-chart__svg" src="(?:\.\./)*(assets/figures/[0-9a-f]+\.svg)"', page)
        assert drawings, "no chart image in the page"
        svg = "".join((tmp_path / "site" / drawing).read_text(encoding="utf-8") for drawing in drawings)
        assert 'role="img"' in svg and "<desc" in svg and "<details" in page
        assert "▁très" in page or "␣très" in page  # XLM-R's piece, spaces made visible
    assert "Jetons par mot" in french and "calculé le" in french
    assert "Tokens per word" in english and "computed on" in english
    assert len(list((project / "cache" / KIND).glob("*.json"))) == 1


def test_missing_or_corrupted_entry_fails_the_build_naming_precompute(project, tmp_path):
    (entry,) = (project / "cache" / KIND).glob("*.json")
    original = entry.read_text(encoding="utf-8")
    try:
        entry.write_text(original[: len(original) // 2], encoding="utf-8")  # truncated
        completed = build_without_torch(project, tmp_path / "site-corrupt")
        assert completed.returncode != 0
        assert "make precompute" in completed.stderr and "docs/index.fr.md:3" in completed.stderr
        assert entry.read_text(encoding="utf-8") == original[: len(original) // 2]
        entry.unlink()
        completed = build_without_torch(project, tmp_path / "site-missing")
        assert completed.returncode != 0
        assert "no cache entry for compute('tokenize'" in completed.stderr and "make precompute" in completed.stderr
        assert "docs/index.fr.md:3" in completed.stderr
    finally:
        entry.write_text(original, encoding="utf-8")
