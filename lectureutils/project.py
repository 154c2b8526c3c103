"""The project's services, and what the CLI does with all three kinds of entries.

``Services`` gathers what a build, ``python -m lectureutils`` and the tests need: the page plan,
the result layer, the snippet runner and the compute engine, made once from the project's folders.
``wanted`` says which entry every current page and snippet uses (whatever the interpreter: no key
depends on it); ``check``, ``prune``, ``precompute`` and ``migrate`` work on snippets, demo figures
and computations alike.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from lectureutils import demo_figures, execution
from lectureutils.cache import FORMAT_VERSION, CacheStore, Results, make_key
from lectureutils.compute import COMPUTATIONS
from lectureutils.compute import engine as compute_engine
from lectureutils.errors import LectureError
from lectureutils.plan import DEFAULT_LANGUAGE, SitePlan

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
KINDS = (execution.CACHE_KIND, demo_figures.CACHE_KIND, compute_engine.KIND)


@dataclass
class Services:
    plan: SitePlan
    results: Results
    snippets: execution.SnippetRunner
    compute: compute_engine.ComputeEngine

    @property
    def store(self) -> CacheStore:
        return self.results.store


def open_project(
    docs_dir: Path,
    snippets_dir: Path,
    cache_dir: Path,
    writable: bool = False,
    snippet_timeout: float = 60,
    default_language: str = DEFAULT_LANGUAGE,
    plan: SitePlan | None = None,
) -> Services:
    results = Results(CacheStore(Path(cache_dir)), writable=writable)
    return Services(
        plan=plan or SitePlan.read(Path(docs_dir), default_language),
        results=results,
        snippets=execution.SnippetRunner(Path(snippets_dir), results, snippet_timeout, PACKAGE_ROOT),
        compute=compute_engine.ComputeEngine(results),
    )


@dataclass(frozen=True)
class Use:
    """One entry a page uses: its kind, key, subject, where a page first asks for it, how to
    check its shape and how to produce it."""

    kind: str
    key: str
    subject: str
    location: str
    validate: Callable[[Any], None]
    produce: Callable[[], Any]


def snippet_uses(services: Services) -> list[Use]:
    """One use per snippet, or per snippet and language when its output has words."""
    uses: dict[tuple[str, str | None], Use] = {}
    for page, directive in services.plan.directives("snippet"):
        if not directive.args:
            continue
        name = directive.args[0]
        try:
            lang = services.snippets.language_of(name, page.lang)
            parts = services.snippets.key_parts(name, lang)
        except LectureError as error:
            raise error.at(directive.location) from None
        if (name, lang) not in uses:
            uses[(name, lang)] = Use(
                execution.CACHE_KIND, make_key(execution.CACHE_KIND, parts), execution.subject(name, lang),
                directive.location, execution.validate, partial(services.snippets.run, name, lang),
            )
    return list(uses.values())


def demo_uses(services: Services) -> list[Use]:
    found: dict[tuple[str, str], str] = {}
    for page, directive in services.plan.directives("demo"):
        if directive.args:
            found.setdefault((directive.args[0], page.lang), directive.location)
    uses = [
        Use(
            demo_figures.CACHE_KIND,
            make_key(demo_figures.CACHE_KIND, demo_figures.key_parts(name, lang)),
            demo_figures.subject(name, lang), location, demo_figures.validate,
            partial(demo_figures.static_figure, services.results, name, lang),
        )
        for (name, lang), location in found.items()
    ]
    # The tokeniser playground's figure is drawn from its computation's result: keyed on it.
    for page, directive in services.plan.directives("compute"):
        if directive.args[:1] != ("tokenizer_playground",):
            continue
        try:
            files = services.compute.get("tokenizer_playground", {}).result["tokenizers"]
        except LectureError:
            continue  # the computation itself is reported missing or corrupt
        parts = demo_figures.playground_key_parts(files, page.lang)
        uses.append(Use(
            demo_figures.CACHE_KIND, make_key(demo_figures.CACHE_KIND, parts),
            demo_figures.subject(demo_figures.PLAYGROUND, page.lang), directive.location,
            demo_figures.validate_playground,
            partial(demo_figures.playground_figure, services.results, files, page.lang),
        ))
    return uses


def compute_uses(services: Services) -> list[Use]:
    uses = []
    for request in compute_engine.requests_of(services.plan):
        key, _ = services.compute.key(request.name, request.args)
        uses.append(Use(
            compute_engine.KIND, key, request.describe(), request.locations[0],
            COMPUTATIONS[request.name].validate,
            partial(services.compute.get, request.name, request.args),
        ))
    return uses


USES = {
    execution.CACHE_KIND: snippet_uses,
    demo_figures.CACHE_KIND: demo_uses,
    compute_engine.KIND: compute_uses,
}


def wanted(services: Services, kinds: Iterable[str] = KINDS) -> list[Use]:
    return [use for kind in kinds for use in USES[kind](services)]


def state(services: Services, use: Use, subjects: dict[str, set[str]] | None = None) -> str:
    """fresh, missing, stale (an entry for the same subject under older inputs), corrupt or shape
    (a result without its typed shape)."""
    try:
        body = services.store.load(use.kind, use.key)
    except LectureError:
        return "corrupt"
    if body is None:
        if subjects is None:
            subjects = stored_subjects(services.store, [use.kind])
        return "stale" if use.subject in subjects.get(use.kind, set()) else "missing"
    try:
        use.validate(body["result"])
    except LectureError:
        return "shape"
    return "fresh"


def stored_subjects(store: CacheStore, kinds: Iterable[str]) -> dict[str, set[str]]:
    return {kind: {body.get("subject") for _, body in store.bodies(kind) if body} for kind in kinds}


def check(services: Services, kinds: Iterable[str] = KINDS) -> list[tuple[Use, str]]:
    """(use, state) of every entry a page uses that is not fresh."""
    kinds = tuple(kinds)
    subjects = stored_subjects(services.store, kinds)
    return [
        (use, found) for use in wanted(services, kinds)
        if (found := state(services, use, subjects)) != "fresh"
    ]


def unused(services: Services, kinds: Iterable[str] = KINDS) -> list[tuple[str, str]]:
    """(kind, key) of entries no current page or snippet uses.

    A snippet file's entry is kept even when no page shows it yet (the author may be adding it).
    Computations: the keys come from the committed environment file; without it nothing of that
    kind is called unused (an EnvironmentMissingError is raised instead).
    """
    kinds = tuple(kinds)
    keep = {(use.kind, use.key) for use in wanted(services, kinds)}
    if execution.CACHE_KIND in kinds:
        keep |= {
            (execution.CACHE_KIND, key)
            for key in execution.current_keys(services.snippets.snippets_dir, PACKAGE_ROOT)
        }
    return [
        (kind, key) for kind in kinds for key in services.store.keys(kind) if (kind, key) not in keep
    ]


def produce_missing(services: Services, kinds: Iterable[str], force: bool = False, stream=sys.stderr) -> int:
    """Produce every snippet run and demo figure the pages use that is not fresh; how many.

    Computations go through ``ComputeEngine.precompute`` (models grouped, environment measured).
    """
    assert services.results.writable, "produce_missing needs a writable result layer"
    done = 0
    for use in wanted(services, [kind for kind in kinds if kind != compute_engine.KIND]):
        if not force and state(services, use) == "fresh":
            continue
        print(f"producing {use.subject} (used at {use.location})", file=stream, flush=True)
        if force:
            services.store.remove(use.kind, use.key)
        use.produce()
        done += 1
    return done


MIGRATIONS = {
    execution.CACHE_KIND: execution.rekey_v1,
    demo_figures.CACHE_KIND: demo_figures.rekey_v1,
    compute_engine.KIND: compute_engine.rekey_v1,
}


def migrate(store: CacheStore, stream=sys.stderr) -> int:
    """Re-key every entry of an older cache format under the current key policy, keeping its
    result (nothing is recomputed) and moving what left the key into its provenance."""
    moved = 0
    for kind, rekey in MIGRATIONS.items():
        for key, body in list(store.bodies(kind)):
            if body is None or body.get("format") == FORMAT_VERSION:
                continue
            parts, subject = rekey(body["key_parts"], body)
            provenance = dict(body["provenance"])
            left = {k: v for k, v in body["key_parts"].items() if k not in parts}
            if left:
                provenance["key_parts_before_migration"] = left
            new = store.save(kind, parts, body["result"], provenance, subject)
            if new["key"] != key:
                store.remove(kind, key)
            print(f"{kind}/{key[:12]} -> {new['key'][:12]}  {subject}", file=stream)
            moved += 1
    return moved
