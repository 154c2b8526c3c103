"""The five live demos: each one object with ``advance``, ``run_for``, ``render`` and ``describe``.

The browser creates one with ``create(name, settings_json)``; the build draws its static figure
with ``static_figure(name, lang)``. Both run this same code.
"""

from __future__ import annotations

import json

from .alien import AlienNotebook
from .base import Demo, option_label, validate
from .playground import Playground
from .robots import Robots
from .stopping import WhenToStop
from .transfer import SwapLastLayer

DEMOS = {cls.name: cls for cls in (Playground, AlienNotebook, Robots, WhenToStop, SwapLastLayer)}


def create(name: str, settings=None) -> Demo:
    """A fresh demo; ``settings`` is a dict or its JSON text (untrusted: it is validated)."""
    if name not in DEMOS:
        raise ValueError(f"unknown demo {name!r} (known: {', '.join(sorted(DEMOS))})")
    if isinstance(settings, str):
        try:
            settings = json.loads(settings)
        except ValueError:
            settings = {}
    if not isinstance(settings, dict):
        settings = {}
    return DEMOS[name](settings)


def static_figure(name: str, lang: str, uid: str | None = None) -> dict:
    """The figure a page shows before (or without) the live demo: default settings, fixed steps."""
    demo = create(name)
    demo.advance(demo.STATIC_STEPS)
    return {
        "svg": demo.render(lang, uid or f"demo-{name}-static"),
        "description": demo.describe(lang),
        "counter": demo.counter(lang),
        "steps": demo.units(demo.steps, lang),
        "message": demo.message_text(lang),
        "values": demo.values(),
    }


def schema(name: str, lang: str) -> list[dict]:
    """The demo's controls, localised: what the page's form shows."""
    controls = []
    for entry in DEMOS[name].SETTINGS:
        control = {"name": entry["name"], "kind": entry["kind"], "label": entry["label"][lang], "default": entry["default"]}
        if entry["kind"] == "select":
            control["options"] = [{"value": o["value"], "label": option_label(o, lang)} for o in entry["options"]]
        controls.append(control)
    return controls


__all__ = ["DEMOS", "Demo", "create", "schema", "static_figure", "validate"]
