"""``{{ glue(...) }}``: numbers of the prose read from the results shown on the page.

The directive itself (formatting in both languages, paths, errors with page and line), a build
where a recomputed result changes the prose, and the audit of the real pages: no number of the
prose may be a hand copy of a result's value.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from test_snippets import minimal_project

from conftest import PROJECT_ROOT, copy_project, run_build
from lectureutils.errors import DirectiveError
from lectureutils.site.glue import PageResults, find_inline, format_value, hand_copies, lookup

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("value", "options", "fr", "en"),
    [
        (0.6931, {"digits": 3}, "0,693", "0.693"),
        (0.1149, {"percent": True, "digits": 1}, f"11,5{NNBSP}%", "11.5%"),
        (0.46, {"percent": True, "digits": 0}, f"46{NNBSP}%", "46%"),
        (1500, {}, f"1{NNBSP}500", "1,500"),
        (50257, {}, f"50{NNBSP}257", "50,257"),
        (3.714, {}, "3,71", "3.71"),
        (-0.4213, {"digits": 2}, "\u22120,42", "\u22120.42"),
        (-0.4213, {"digits": 2, "abs": True}, "0,42", "0.42"),
        (-0.0001, {"digits": 2}, "0,00", "0.00"),
        (95.4, {"digits": 0, "scale": 1 / 60}, "2", "2"),
        ([0.25, 0.5], {"of": "sum", "percent": True, "digits": 0}, f"75{NNBSP}%", "75%"),
        ([0.95, 1.0, 0.9], {"of": "min", "digits": 2}, "0,90", "0.90"),
        ([1, 2, 3, 4], {"of": "count"}, "4", "4"),
        ("local", {}, "local", "local"),
    ],
)
def test_numbers_are_written_as_each_language_writes_them(value, options, fr, en):
    assert format_value(value, "fr", **options) == fr
    assert format_value(value, "en", **options) == en


def page_results() -> PageResults:
    results = PageResults()
    results.publish("boy", {"top": [{"token": " local", "probability": 0.1149},
                                    {"token": " bathroom", "probability": 0.0966}]}, "docs/p.md:3")
    results.publish("loop", {"losses": [0.693, 0.41, 0.12]}, "docs/p.md:9")
    return results


def test_paths_walk_keys_positions_lists_and_selections():
    results = page_results()
    assert lookup(results, "loop.losses.0") == 0.693
    assert lookup(results, "loop.losses.-1") == 0.12
    assert lookup(results, "boy.top[token= bathroom].probability") == 0.0966
    assert lookup(results, "boy.top.0[token= local].probability") == 0.1149
    assert lookup(results, "boy.top.*.probability") == [0.1149, 0.0966]
    assert lookup(results, "loop.losses.1:") == [0.41, 0.12]


def test_a_comparison_the_text_states_fails_when_the_result_no_longer_agrees():
    from lectureutils.site.glue import render_inline

    results = page_results()
    assert render_inline('glue("loop.losses.-1", below="loop.losses.0", digits=2)', results, "en").endswith(">0.12</span>")
    with pytest.raises(DirectiveError, match="the text says this value is above loop.losses.0"):
        render_inline('glue("loop.losses.-1", above="loop.losses.0")', results, "en")
    with pytest.raises(DirectiveError, match=r"is below 0.1 \(0.1\), but it is 0.12"):
        render_inline('glue("loop.losses.-1", below=0.1)', results, "en")


def test_a_difference_of_two_values():
    from lectureutils.site.glue import render_inline

    html = render_inline('glue("loop.losses.0", minus="loop.losses.-1", digits=3)', page_results(), "fr")
    assert html.endswith(">0,573</span>")


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("nothing.x", "no result named 'nothing' on this page (results shown here: boy, loop)"),
        ("loop.loss", "no 'loss' in (the result) (known: losses)"),
        ("loop.losses.7", "is a list of 3"),
        ("boy.top[token= school].probability", "no element of top has token = ' school'"),
        ("boy.top.0[token= bathroom].probability", "top.0 has token = ' local', not ' bathroom'"),
    ],
)
def test_a_missing_value_is_an_error_that_says_what_exists(key, message):
    with pytest.raises(DirectiveError) as error:
        lookup(page_results(), key)
    assert message in str(error.value)


def test_two_results_under_one_name_ask_for_an_id():
    results = page_results()
    results.publish("boy", {"top": []}, "docs/p.md:12")
    with pytest.raises(DirectiveError) as error:
        lookup(results, "boy.top.0.probability")
    assert "2 results on this page are named 'boy' (docs/p.md:3, docs/p.md:12): give each" in str(error.value)


def test_the_scanner_skips_code_fences_and_code_spans():
    text = (
        'Loss {{ glue("loop.losses.0", digits=3) }} and {{ glue("boy.top.0.token") }}.\n'
        'Written as `{{ glue("loop.x") }}` in CONTRIBUTING.\n'
        "```text\n{{ glue(\"loop.y\") }}\n```\n"
        '{{ glue("loop.losses.-1") }}\n'
    )
    found = [(glue.index, glue.call) for glue in find_inline(text)]
    assert found == [
        (0, 'glue("loop.losses.0", digits=3)'),
        (0, 'glue("boy.top.0.token")'),
        (5, 'glue("loop.losses.-1")'),
    ]


LOSS_SNIPPET = """\
import math
from lectureutils.glue import glue

loss = -math.log({p})
print(f"loss {{loss:.3f}}")
glue(loss=loss, steps=1500)
"""


def glued_text(site, lang_prefix: str) -> list[str]:
    soup = BeautifulSoup((site / lang_prefix / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [span.get_text() for span in soup.select("span.lecture-glue")]


@pytest.mark.build
def test_the_prose_follows_the_output_when_it_is_recomputed(tmp_path):
    body = ('{{ snippet("loss.py") }}\n\n'
            'The loss is {{ glue("loss.loss", digits=3) }} after {{ glue("loss.steps") }} steps.')
    project = minimal_project(tmp_path / "p", {"loss.py": LOSS_SNIPPET.format(p=0.5)}, body)
    completed = run_build(project, tmp_path / "site", write=True)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert glued_text(tmp_path / "site", "") == ["0,693", f"1{NNBSP}500"]
    assert glued_text(tmp_path / "site", "en") == ["0.693", "1,500"]
    # The result changes (here its snippet; on a GPU, another preset): the prose changes with it.
    (project / "snippets" / "loss.py").write_text(LOSS_SNIPPET.format(p=0.9), encoding="utf-8")
    completed = run_build(project, tmp_path / "site2", write=True)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert glued_text(tmp_path / "site2", "") == ["0,105", f"1{NNBSP}500"]
    assert glued_text(tmp_path / "site2", "en") == ["0.105", "1,500"]


@pytest.mark.build
def test_a_missing_value_fails_the_build_with_page_and_line(tmp_path):
    body = '{{ snippet("loss.py") }}\n\nThe loss is {{ glue("loss.los", digits=3) }}.'
    project = minimal_project(tmp_path / "p", {"loss.py": LOSS_SNIPPET.format(p=0.5)}, body)
    completed = run_build(project, tmp_path / "site", write=True)
    assert completed.returncode != 0
    assert "docs/index.fr.md:5: 'loss.los': no 'los' in (the result) (known: loss, steps)" in completed.stderr


@pytest.mark.build
def test_a_value_from_no_output_on_the_page_fails_the_build(tmp_path):
    body = 'A statistic quoted without its output: {{ glue("loss.loss") }}.'
    project = minimal_project(tmp_path / "p", {"loss.py": LOSS_SNIPPET.format(p=0.5)}, body)
    completed = run_build(project, tmp_path / "site", write=True)
    assert completed.returncode != 0
    assert "docs/index.fr.md:3: 'loss.loss': no result named 'loss' on this page (results shown here: none)" in (
        completed.stderr)


# Numbers the prose cannot glue (an exercise's worked answer does arithmetic on them) are checked
# against the result they depend on: (page, result, path, value the text assumes).
ASSUMED_BY_EXERCISES = [
    ("entrainement", "training_loop", "photos", 40),
    ("entrainement", "training_loop", "batch", 8),
    ("entrainement", "training_loop", "epochs", 15),
    ("entrainement", "training_loop", "losses.0", 0.693),
]


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The real site built in this process from a copy of the project: what every page's results
    publish, by language and page, and the page sources."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("glue-site")
    project = copy_project(root / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins["lecture"].config["jupyterlite"] = False  # built and checked once, in built_site
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config.plugins["lecture"].results, project / "docs"


@pytest.mark.parametrize(("slug", "result", "path", "assumed"), ASSUMED_BY_EXERCISES)
def test_the_numbers_an_exercise_works_with_are_the_outputs(published, slug, result, path, assumed):
    results, _ = published
    for lang, pages in results.items():
        value = lookup(pages[f"{slug}.md" if f"{slug}.md" in pages else f"{slug}.{lang}.md"], f"{result}.{path}")
        digits = len(str(assumed).split(".")[1]) if isinstance(assumed, float) else 0
        assert round(value, digits) == assumed, (
            f"docs/{slug}.{lang}.md: an exercise works with {assumed}, but {result}.{path} is now {value}: "
            "rewrite the exercise"
        )


# Numbers of the prose that equal a published value by coincidence, not by copy: (page, literal
# as written in the page's language) and why. Anything else that equals a value must be glued.
NOT_COPIES = {
    ("entrainement", "0,693"): "exercise 4 computes −ln(0,5) by hand",
    ("entrainement", "0.693"): "exercise 4 computes −ln(0.5) by hand",
    ("entrainement", "50%"): "the untrained model's answer, « 50% muffin », not its accuracy",
    ("modele", "2,50"): "the bakery's real price per muffin, an input the alien does not know",
    ("modele", "2.50"): "the bakery's real price per muffin, an input the alien does not know",
    ("modele", "2,60"): "a receipt of the alien's notebook, an input",
    ("modele", "2.60"): "a receipt of the alien's notebook, an input",
    ("reseaux-neurones", "1,5"): "GPT-2 XL's 1.5 billion parameters, a threshold, exercise 1's sum",
    ("reseaux-neurones", "1.5"): "GPT-2 XL's 1.5 billion parameters, a threshold, exercise 1's sum",
    ("pre-entrainement", "15 %"): "BERT's published recipe (15 % of the tokens)",
    ("pre-entrainement", "15%"): "BERT's published recipe (15% of the tokens)",
    ("pre-entrainement", "10 %"): "BERT's published recipe (80 / 10 / 10)",
    ("pre-entrainement", "10%"): "BERT's published recipe (80 / 10 / 10)",
    ("pre-entrainement", "0,025 %"): "one chance in 4 000, computed in the sentence",
    ("pre-entrainement", "0.025%"): "one chance in 4,000, computed in the sentence",
    ("pre-entrainement", "4,8"): "exercise 5: 80 % of 6 positions",
    ("pre-entrainement", "4.8"): "exercise 5: 80% of 6 positions",
    ("preconisations", "1,0"): "a sampling temperature, an argument written in the directive",
    ("preconisations", "1.0"): "a sampling temperature, an argument written in the directive",
    ("preconisations", "1,5"): "a sampling temperature, an argument written in the directive",
    ("preconisations", "1.5"): "a sampling temperature, an argument written in the directive",
    ("tokenisation", "1,5"): "GPT-2 XL's 1.5 billion parameters (Radford et al., 2019)",
    ("tokenisation", "1.5"): "GPT-2 XL's 1.5 billion parameters (Radford et al., 2019)",
    ("tokenisation", "1,3"): "exercise 3's hypothetical corpus",
    ("tokenisation", "1.3"): "exercise 3's hypothetical corpus",
    ("tokenisation", "1,8"): "exercise 3's hypothetical corpus",
    ("tokenisation", "1.8"): "exercise 3's hypothetical corpus",
    ("vraie-vie", "300"): "GPT-3's 300 billion training tokens (Brown et al., 2020)",
    ("vraie-vie", "3 %"): "Wikipedia's share of GPT-3's training mix (Brown et al., 2020)",
    ("vraie-vie", "3%"): "Wikipedia's share of GPT-3's training mix (Brown et al., 2020)",
}


def test_no_number_of_the_prose_is_a_hand_copy_of_a_result(published):
    results, docs = published
    copies = []
    for lang, pages in results.items():
        for uri, page_results in pages.items():
            slug = uri.split(".")[0]
            source = docs / f"{slug}.{lang}.md"
            if not uri.endswith(".md") or not source.is_file():
                continue
            for copy in hand_copies(source.read_text(encoding="utf-8"), page_results, lang):
                if (slug, copy.literal) not in NOT_COPIES:
                    copies.append(f"docs/{source.name}:{copy.index + 1}: {copy.literal!r} is {copy.key}")
    assert not copies, "numbers copied by hand from a result; insert them with {{ glue(...) }}:\n" + "\n".join(copies)


def test_the_audit_finds_a_hand_copied_number_and_ignores_a_glued_one():
    results = page_results()
    text = (
        "---\ntitle: T\n---\n"
        "SmolLM2 gives *local* 11.5% and *bathroom* {{ glue(\"boy.top.1.probability\", percent=True) }}.\n"
        "```\nlocal 11.5%\n```\n"
        "The loss falls to 0.12 after 1,500 steps in 2024.\n"
    )
    found = [(copy.index, copy.literal, copy.key) for copy in hand_copies(text, results, "en")]
    assert found == [(3, "11.5%", "boy.top.0.probability"), (7, "0.12", "loop.losses.2")]
    french = "La perte tombe à 0,12 ; *local* reçoit 11,5\u202f%.\n"
    assert [copy.literal for copy in hand_copies(french, results, "fr")] == ["0,12", "11,5\u202f%"]


def _rewrite_finetune_entry(project, change) -> None:
    """Store, under the same key, the tiny_finetune result as a recomputation might give it."""
    from lectureutils.cache import CacheStore

    store = CacheStore(project / "cache")
    for path in (project / "cache" / "compute").glob("*.json"):
        body = json.loads(path.read_text(encoding="utf-8"))["body"]
        if body["key_parts"]["computation"] == "tiny_finetune":
            result = body["result"]
            change(result)
            store.save("compute", body["key_parts"], result, {**body["provenance"], "device": "cuda"},
                       body["subject"])
            return
    raise AssertionError("no tiny_finetune entry in the cache")


@pytest.mark.build
def test_a_recomputed_result_rewrites_the_prose_or_fails_the_build(tmp_path):
    """What a GPU run with another preset does to vraie-vie: new numbers reach the sentences; a
    result that contradicts a sentence's comparison stops the build at that sentence."""
    project = copy_project(tmp_path / "project")

    def other_numbers(result):
        result["summary"]["gain"]["mean"] = 0.3699
        result["summary"]["finetuned_final"]["mean"] = 4.7813

    _rewrite_finetune_entry(project, other_numbers)
    completed = run_build(project, tmp_path / "site")
    assert completed.returncode == 0, completed.stderr[-3000:]
    for prefix, gain, final in (("", "0,37", "4,78"), ("en", "0.37", "4.78")):
        soup = BeautifulSoup((tmp_path / "site" / prefix / "vraie-vie" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        glued = {span["data-glue"]: span.get_text() for span in soup.select("span.lecture-glue")}
        assert glued["tiny_finetune.summary.gain.mean"] == gain
        assert glued["tiny_finetune.summary.finetuned_final.mean"] == final

    def contradiction(result):
        result["summary"]["finetuned_final"]["mean"] = 5.4

    _rewrite_finetune_entry(project, contradiction)
    completed = run_build(project, tmp_path / "site2")
    assert completed.returncode != 0
    assert "docs/vraie-vie.fr.md:74: 'tiny_finetune.summary.finetuned_final.mean': the text says this value is " \
           "below tiny_finetune.summary.scratch_final.mean" in completed.stderr


def test_the_answer_of_the_optimisation_exercise_is_what_the_snippet_gives():
    """fonction-usine, exercise 3: with a budget of 40 000 €, the best order is 4 wheels, 260 hp, 39 200 €."""
    import subprocess
    import sys

    source = (PROJECT_ROOT / "snippets" / "fonction-usine" / "optimise.py").read_text(encoding="utf-8")
    assert "BUDGET_EUR = 25_000" in source, "the exercise starts from a budget of 25 000 €: update it"
    changed = source.replace("BUDGET_EUR = 25_000", "BUDGET_EUR = 40_000")
    completed = subprocess.run([sys.executable, "-c", changed], capture_output=True, text=True, check=True,
                               env={"PYTHONPATH": str(PROJECT_ROOT)}, timeout=60)
    assert "best order           : wheels=4, hp=260" in completed.stdout
    assert "its cost (EUR)       : 39200" in completed.stdout
    for lang, cost in (("fr", "39 200"), ("en", "39,200")):
        page = (PROJECT_ROOT / "docs" / f"fonction-usine.{lang}.md").read_text(encoding="utf-8")
        assert cost in page.replace("\u202f", " ").replace("\u00a0", " ")


def _first_attention_table(source: str) -> dict[str, list[float]]:
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, check=True,
                               env={"PYTHONPATH": str(PROJECT_ROOT)}, timeout=60)
    lines = completed.stdout.splitlines()
    return {line.split()[0]: [float(v) for v in line.split()[1:]] for line in lines[2:6]}


def test_the_answer_of_the_attention_exercise_is_what_the_snippet_gives():
    """transformeur, exercise 2: without the W_q[2] line, the eats row goes 0.47 -> 0.60 on itself,
    0.25 -> 0.15 on cat, 0.27 -> 0.19 on muffins; cat 0.67 -> 0.63 and muffins 0.64 -> 0.61 on themselves."""
    source = (PROJECT_ROOT / "snippets" / "transformeur" / "attention.py").read_text(encoding="utf-8")
    line = "W_q[2] += np.array([0.0, 2.0, 0.0, 2.0])\n"
    assert line in source, "exercise 2 removes this line of attention.py: update the exercise"
    before, after = _first_attention_table(source), _first_attention_table(source.replace(line, ""))
    assert (before["eats"][2], after["eats"][2]) == (0.47, 0.60)
    assert (before["eats"][1], after["eats"][1]) == (0.25, 0.15)
    assert (before["eats"][3], after["eats"][3]) == (0.27, 0.19)
    assert (before["cat"][1], after["cat"][1]) == (0.67, 0.63)
    assert (before["muffins"][3], after["muffins"][3]) == (0.64, 0.61)
    for lang, text in (("fr", "passe de 0,47 à 0,60"), ("en", "0.47 to 0.60")):
        assert text in (PROJECT_ROOT / "docs" / f"transformeur.{lang}.md").read_text(encoding="utf-8")
