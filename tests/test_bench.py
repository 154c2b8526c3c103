"""``make bench``'s bookkeeping: the plain Material baseline, load records, the goals table."""

from __future__ import annotations

import json
import re

import yaml

from conftest import PROJECT_ROOT
from lectureutils import bench, bench_build


def test_plain_material_config_is_the_project_without_the_lecture_plugins(tmp_path):
    plain = yaml.safe_load(bench_build.plain_config(tmp_path / "plain.yml").read_text(encoding="utf-8"))
    names = [plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in plain["plugins"]]
    assert names == ["search", "i18n"]
    assert plain["theme"]["name"] == "material" and plain["theme"]["custom_dir"].startswith("/")
    assert plain["markdown_extensions"] == yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                                      Loader=_loader())["markdown_extensions"]
    assert plain["nav"]


def test_timed_builds_keep_python_bytecode_as_a_readers_build_does(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    environment = bench_build.build_environment()
    assert "PYTHONDONTWRITEBYTECODE" not in environment
    assert environment["HF_HUB_OFFLINE"] == "1"


def _loader():
    from mkdocs.utils.yaml import get_yaml_loader

    return get_yaml_loader()


def test_a_figure_taken_on_a_busy_machine_is_flagged(monkeypatch):
    monkeypatch.setattr(bench.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(bench.os, "getloadavg", lambda: (0.4, 0.3, 0.2))
    monkeypatch.setattr(bench, "machine_busy_cpu_seconds", lambda: None)
    assert bench.with_load(lambda: {"seconds": 1})["busy"] is False
    loads = iter([(0.4, 0, 0), (0.4, 0, 0), (1.6, 0, 0)])  # waiting for idle, before, after
    monkeypatch.setattr(bench.os, "getloadavg", lambda: next(loads))
    figure = bench.with_load(lambda: {"seconds": 1})
    assert figure["busy"] is True and figure["load_before"] == 0.4 and figure["load_after"] == 1.6
    data = {"sections": {"toy": {"figures": {**figure, "playground_cpython": {"per_step_ms": 0.4}}}}}
    rows = {row[0][:2]: row for row in bench.goals(data)}
    assert rows["5."][3] == "yes" and "busy" in rows["5."][4]
    assert rows["6b"][3] == "**no**" and "toy" in rows["6b"][2]


def test_a_figures_own_work_is_not_background_load_but_other_processes_are(monkeypatch):
    """A build raises the load average by itself; only what other processes used counts as busy."""
    monkeypatch.setattr(bench.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(bench, "wait_for_idle", lambda: 0.0)
    loads = iter([(0.2, 0, 0), (1.9, 0, 0)] * 2)  # before, after
    monkeypatch.setattr(bench.os, "getloadavg", lambda: next(loads))
    clock = iter([0.0, 10.0] * 2)  # the figure's start and end
    monkeypatch.setattr(bench.time, "monotonic", lambda: next(clock))
    # 10 s on 2 cores: the machine was busy 19 CPU s, of which this process and its children 18.
    machine = iter([100.0, 119.0, 200.0, 219.0])
    own = iter([5.0, 23.0, 5.0, 6.0])
    monkeypatch.setattr(bench, "machine_busy_cpu_seconds", lambda: next(machine))
    monkeypatch.setattr(bench, "own_cpu_seconds", lambda: next(own))
    alone = bench.with_load(lambda: {"seconds": 10})
    assert alone["other_cpu_per_core"] == 0.05 and alone["busy"] is False and alone["load_after"] == 1.9
    # The same load, but 18 of the 19 CPU s were someone else's: busy.
    shared = bench.with_load(lambda: {"seconds": 10})
    assert shared["other_cpu_per_core"] == 0.9 and shared["busy"] is True


def test_the_machine_busy_time_is_read_from_proc_stat():
    first = bench.machine_busy_cpu_seconds()
    if first is None:
        import pytest

        pytest.skip("not applicable: no /proc/stat on this system")
    sum(i * i for i in range(300_000))  # some CPU work between the two readings
    assert bench.machine_busy_cpu_seconds() >= first and bench.own_cpu_seconds() > 0


def test_readme_goals_table_matches_the_benchmark_file():
    data = json.loads((PROJECT_ROOT / "benchmarks.json").read_text(encoding="utf-8"))
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(bench.README_START) + r"\n(.*?)\n" + re.escape(bench.README_END), readme, re.DOTALL)
    assert block, "README.md has no goals table between its markers"
    assert block.group(1).split("\n") == bench.goals_table(data)
    assert "\n".join(bench.goals_table(data)) in (PROJECT_ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")


def test_goals_render_when_sections_are_missing():
    """A partial run (``--only``) into a new file still writes its tables."""
    rows = bench.goals({"sections": {}})
    assert all(isinstance(cell, str) for row in rows for cell in row)
    assert {row[3] for row in rows[:-1]} == {"not measured"}
    assert bench.render_markdown({"sections": {}}).startswith("# Benchmarks")


def test_side_by_side_pages_are_reported_apart_from_the_chapters():
    from lectureutils import bench_site

    assert bench_site._group("en/bilingue/modele/") == bench_site.SIDE_BY_SIDE
    assert bench_site._group("bilingue/") == bench_site.SIDE_BY_SIDE
    assert bench_site._group("en/modele/") == bench_site._group("glossaire/") == bench_site.CHAPTERS
    site = {"first visit, gzip, chapters and other pages": {
                "max_bytes": 99_000, "max_page": "/modele/", "median_bytes": 90_000, "over_goal": []},
            "first visit, gzip, side-by-side bilingual pages": {
                "pages": 30, "max_bytes": 127_600, "max_page": "/bilingue/pre-entrainement/",
                "median_bytes": 100_500, "over_goal": ["/bilingue/pre-entrainement/"] * 16}}
    rows = {row[0][:3]: row for row in bench.goals({"sections": {"site": {"figures": site}}})}
    assert rows["3a."][3] == "yes"  # the goal is about one chapter...
    # ...and the table says what the side-by-side pages weigh.
    assert "side-by-side bilingual pages (two chapters each), apart: max 127.6 kB (/bilingue/pre-entrainement/)" \
        in rows["3a."][2] and "16 of 30 over 100 kB" in rows["3a."][2]
