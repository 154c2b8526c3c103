"""What every demo shares: bounded settings, the step loop with a time budget, status and text.

A demo's settings come from the page's controls or from the URL, so they are untrusted: each is
checked against a fixed list of allowed values (sizes stay small, nothing can freeze the page).
"""

from __future__ import annotations

import json
import time

from ... import textformat


def option(value, label=None):
    """One allowed value of a setting; ``label`` is ``{"fr": …, "en": …}`` or None (the number)."""
    return {"value": str(value), "label": label}


def select(name, label, options, default, help=None):
    return {"name": name, "kind": "select", "label": label, "options": options, "default": str(default), "help": help}


def checkbox(name, label, default=True, help=None):
    return {"name": name, "kind": "checkbox", "label": label, "default": "1" if default else "0", "help": help}


def numbers(values):
    """Options for plain numbers; their labels are written in each language by ``option_label``."""
    return [option(v) for v in values]


def option_label(opt, lang: str) -> str:
    if opt["label"] is not None:
        return opt["label"][lang]
    value = float(opt["value"])
    digits = 0 if value == int(value) else max(0, len(opt["value"].split(".")[1]))
    return textformat.number(value, lang, digits)


def validate(schema, settings) -> dict:
    """Known names with allowed values; anything else falls back to the default."""
    settings = settings or {}
    clean = {}
    for entry in schema:
        raw = settings.get(entry["name"], entry["default"])
        raw = str(raw).strip()
        if entry["kind"] == "checkbox":
            clean[entry["name"]] = raw in ("1", "true", "on", "yes")
        else:
            allowed = [o["value"] for o in entry["options"]]
            clean[entry["name"]] = raw if raw in allowed else entry["default"]
    return clean


COMMON = {
    "diverged": {
        "fr": (
            "Arrêt : la perte a explosé ({step}). Le taux d'apprentissage ({rate}) est trop grand : "
            "chaque pas enjambe le fond de la vallée et l'erreur grandit au lieu de diminuer. "
            "Choisissez un taux plus petit, puis relancez."
        ),
        "en": (
            "Stopped: the loss blew up ({step}). The learning rate ({rate}) is too large: each step "
            "jumps over the bottom of the valley and the error grows instead of shrinking. Pick a "
            "smaller rate and start again."
        ),
    },
    "limit": {
        "fr": "Arrêt : limite de {limit} atteinte (la démo reste légère pour votre navigateur).",
        "en": "Stopped: the limit of {limit} was reached (the demo stays light for your browser).",
    },
}


class Demo:
    """One demo: ``step()`` advances it, ``render(lang)`` draws it, ``describe(lang)`` tells it."""

    name = "demo"
    SETTINGS: list = []
    MAX_STEPS = 1000
    STATIC_STEPS = 100
    UNIT = {"fr": ("époque", "époques"), "en": ("epoch", "epochs")}

    def __init__(self, settings=None):
        self.settings = validate(self.SETTINGS, settings)
        self.steps = 0
        self.done = False
        self.message = None  # (key of COMMON or of the demo's TEXT, arguments)

    # -- to implement ---------------------------------------------------------------------
    def step(self) -> None:
        raise NotImplementedError

    def render(self, lang: str, uid: str = "demo") -> str:
        raise NotImplementedError

    def describe(self, lang: str) -> str:
        raise NotImplementedError

    TEXT: dict = {}

    # -- shared ----------------------------------------------------------------------------
    def t(self, key: str, lang: str, **arguments) -> str:
        table = self.TEXT.get(key) or COMMON[key]
        text = table[lang].format(**arguments)
        return textformat.typeset(text, lang)

    def units(self, count: int, lang: str) -> str:
        singular, plural = self.UNIT[lang]
        return f"{textformat.number(count, lang, 0)} {singular if count <= 1 else plural}"

    def stop(self, key: str, **arguments) -> None:
        self.done = True
        self.message = (key, arguments)

    def advance(self, count: int = 1) -> int:
        """Run up to ``count`` steps (fewer if the demo stops); returns how many ran."""
        ran = 0
        while ran < count and not self.done:
            if self.steps >= self.MAX_STEPS:
                self.stop("limit", limit=self.MAX_STEPS)
                break
            self.step()
            ran += 1
        return ran

    def run_for(self, seconds: float, max_count: int = 10_000) -> int:
        """Steps for at most about ``seconds``, then hands control back (to the browser)."""
        start = time.perf_counter()
        ran = 0
        while ran < max_count and not self.done and time.perf_counter() - start < seconds:
            ran += self.advance(1)
        return ran

    def message_text(self, lang: str):
        if self.message is None:
            return None
        key, arguments = self.message
        shown = {}
        for name, value in arguments.items():
            if name == "step":
                shown[name] = f"{self.UNIT[lang][0]} {textformat.number(int(value), lang, 0)}"
            elif name == "limit":
                shown[name] = self.units(int(value), lang)
            elif name == "rate":
                shown[name] = str(value).replace(".", ",") if lang == "fr" else str(value)
            else:
                shown[name] = value
        return self.t(key, lang, **shown)

    def values(self) -> dict:
        """The figure's numbers, for the page's prose to quote (``{{ glue("robots.best") }}``)."""
        return {}

    def status(self, lang: str) -> dict:
        return {
            "steps": self.steps,
            "counter": self.counter(lang),
            "done": self.done,
            "message": self.message_text(lang),
            "description": self.describe(lang),
        }

    def status_json(self, lang: str) -> str:
        return json.dumps(self.status(lang), ensure_ascii=False)

    def counter(self, lang: str) -> str:
        singular = self.UNIT[lang][0]
        return f"{singular.capitalize()} {textformat.number(self.steps, lang, 0)}"


__all__ = ["Demo", "checkbox", "numbers", "option", "option_label", "select", "validate"]
