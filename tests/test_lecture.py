"""The lecture's text: both languages in step, translations reviewed, no transcript copied."""

from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import PROJECT_ROOT, page_slugs
from lectureutils.plan import SitePlan
from lectureutils.site import drift

DOCS = PROJECT_ROOT / "docs"
TRANSCRIPT = PROJECT_ROOT.parent / "shared" / "seed" / "000_39f1cfc6a9048a30.txt"
COPIED_WORDS = 8
# The talk's title is a name, quoted on purpose.
TALK_TITLE = "Understanding the Large Language Models: Where do they come from and where can we go with them?"


PLAN = SitePlan.read(DOCS)


def directives(src_uri: str) -> list[tuple[str, tuple, tuple]]:
    return [(d.name, d.args, tuple(sorted(d.kwargs.items()))) for d in PLAN.pages[src_uri].directives]


@pytest.mark.parametrize("slug", page_slugs())
def test_both_languages_run_the_same_code(slug):
    """Snippets, computations and demos: the same, in the same order, in French and English."""
    french = directives(f"{slug}.fr.md")
    english = directives(f"{slug}.en.md")
    assert french == english, f"{slug}: French runs {french}, English runs {english}"


def test_every_english_page_translates_the_current_french_page():
    problems = drift.drifted(DOCS)
    assert not problems, "\n".join(problem.message() for problem in problems)


def test_drift_is_caught_and_marking_clears_it(tmp_path):
    (tmp_path / "page.fr.md").write_text("---\ntitle: Page\n---\n# Bonjour\n", encoding="utf-8")
    english = tmp_path / "page.en.md"
    english.write_text("---\ntitle: Page\n---\n# Hello\n", encoding="utf-8")
    (problem,) = drift.drifted(tmp_path)
    assert problem.recorded is None
    version = drift.mark_reviewed(english)
    assert drift.drifted(tmp_path) == []
    assert f"translated_from: {version}" in english.read_text(encoding="utf-8")
    (tmp_path / "page.fr.md").write_text("---\ntitle: Page\n---\n# Bonjour à tous\n", encoding="utf-8")
    (problem,) = drift.drifted(tmp_path)
    assert problem.recorded == version
    assert "python -m lectureutils.site.drift --mark" in problem.message()
    assert "page.en.md" in problem.message()
    assert drift.main(["--docs", str(tmp_path)]) == 1
    assert drift.main(["--mark", str(english)]) == 0
    assert drift.main(["--docs", str(tmp_path)]) == 0


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)


def ngrams(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[index : index + size]) for index in range(len(tokens) - size + 1)}


def copied_sequences(text: str, seed: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Runs of COPIED_WORDS words of ``text`` (code blocks aside) that also occur in the seed."""
    prose = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    return ngrams(words(prose), COPIED_WORDS) & seed


needs_transcript = pytest.mark.skipif(
    not TRANSCRIPT.is_file(), reason=f"the seed transcript is not at {TRANSCRIPT} (outside a clone)"
)


@needs_transcript
def test_no_long_word_sequence_is_copied_from_the_transcript():
    seed = ngrams(words(TRANSCRIPT.read_text(encoding="utf-8")), COPIED_WORDS)
    assert len(seed) > 5000, "the transcript was not read"
    seed -= ngrams(words(TALK_TITLE), COPIED_WORDS)
    copied = {}
    for page in sorted(DOCS.glob("*.md")):
        shared = copied_sequences(page.read_text(encoding="utf-8"), seed)
        if shared:
            copied[page.name] = [" ".join(gram) for gram in sorted(shared)[:3]]
    assert not copied, f"sequences of {COPIED_WORDS} words copied from the transcript: {copied}"


@needs_transcript
def test_a_copied_sentence_is_found_despite_case_and_punctuation():
    transcript_words = words(TRANSCRIPT.read_text(encoding="utf-8"))
    seed = ngrams(transcript_words, COPIED_WORDS)
    fragment = " ".join(transcript_words[2000:2010])
    page = f"# Titre\n\nComme elle le dit : « {fragment.upper()} ! »\n\n```python\nx = 1\n```\n"
    assert copied_sequences(page, seed)
    assert not copied_sequences("# Titre\n\nUne phrase écrite par nous, sans rien reprendre du tout ici.", seed)
