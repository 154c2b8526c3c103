"""``{{ demo("playground") }}``: a live numpy demo, shown first as a static figure.

The figure is drawn by the very code the browser runs later (``lectureutils.toy.demos``) and
read from the result layer (``lectureutils.demo_figures``), so the page is complete without
JavaScript and offline. The live part loads only when the reader presses the start
button: Pyodide (from the ``pyodide_url`` setting of the ``lecture`` plugin in ``mkdocs.yml``),
then numpy, then the toy model's Python files, which the build copies from the package into
``assets/demos/py/`` (one source, never a second copy under ``docs/``). Nothing is requested
from another host before that click.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from mkdocs.utils import get_relative_url

from lectureutils import demo_figures, textformat
from lectureutils.site.context import DirectiveContext, DirectiveError

# Build-time override of the plugin's ``pyodide_url`` (self-hosting, tests): a URL or a path.
PYODIDE_URL_VARIABLE = "LECTUREUTILS_PYODIDE_URL"
SOURCES_FOLDER = "assets/demos/py/"
# What the reader downloads on start: the Pyodide core of the pinned version (measured on the npm
# package: pyodide.asm.wasm 9.6 MB, python_stdlib.zip 2.5 MB, pyodide.asm.mjs 1.25 MB, lock file
# and loader 0.14 MB) plus numpy's WebAssembly wheel (about 3 MB).
DOWNLOAD_MEGABYTES = 16.5

TITLES = {
    "playground": {"fr": "Mini-Playground", "en": "Mini-Playground"},
    "alien-notebook": {"fr": "Le carnet de l'alien", "en": "The alien's notebook"},
    "robots": {"fr": "Robot bâtisseur contre robot régleur", "en": "Builder robot versus dial-adjusting robot"},
    "when-to-stop": {"fr": "Savoir s'arrêter", "en": "Knowing when to stop"},
    "swap-last-layer": {"fr": "Changer la dernière couche", "en": "Swap the last layer"},
}

UI = {
    "fr": {
        "demo": "Démo interactive",
        "static": ("Figure calculée à la construction du site par le même code Python que la démo "
                   "interactive, avec les réglages par défaut, après {steps}."),
        "description": "Description de la figure",
        "noscript": "La démo interactive demande JavaScript ; la figure ci-dessus en montre un état calculé d'avance.",
        "start": "Lancer la démo interactive",
        "download": ("Au lancement, votre navigateur télécharge Pyodide (Python compilé en WebAssembly) et "
                     "numpy, environ {size}\u00a0Mo, depuis {host} ; rien n'est chargé avant."),
        "settings": "Réglages",
        "play": "Lecture",
        "pause": "Pause",
        "step": "Un pas",
        "reset": "Recommencer",
        "link": "Copier le lien de ces réglages",
        "copied": "Lien copié : il rouvre cette démo avec ces réglages.",
        "loading_core": "Téléchargement de Pyodide…",
        "loading_numpy": "Chargement de numpy…",
        "loading_code": "Chargement du code des modèles…",
        "ready": "Prêt. Réglez, puis lancez l'entraînement ou avancez pas à pas.",
        "failed": ("Impossible de charger Python dans le navigateur (Pyodide et numpy) : vous êtes "
                   "peut-être hors ligne, ou {host} est bloqué. La figure ci-dessus reste valable : elle a "
                   "été calculée par le même code."),
        "details": "Détail technique",
        "retry": "Réessayer",
        "changed": "Réglages modifiés : la démo repart de zéro.",
    },
    "en": {
        "demo": "Interactive demo",
        "static": ("Figure computed when the site was built, by the same Python code as the interactive "
                   "demo, with the default settings, after {steps}."),
        "description": "Description of the figure",
        "noscript": "The interactive demo needs JavaScript; the figure above shows a state computed in advance.",
        "start": "Start the interactive demo",
        "download": ("On start, your browser downloads Pyodide (Python compiled to WebAssembly) and numpy, "
                     "about {size} MB, from {host}; nothing is loaded before."),
        "settings": "Settings",
        "play": "Play",
        "pause": "Pause",
        "step": "One step",
        "reset": "Start over",
        "link": "Copy a link to these settings",
        "copied": "Link copied: it reopens this demo with these settings.",
        "loading_core": "Downloading Pyodide…",
        "loading_numpy": "Loading numpy…",
        "loading_code": "Loading the models' code…",
        "ready": "Ready. Adjust the settings, then train or go step by step.",
        "failed": ("Python could not be loaded in the browser (Pyodide and numpy): you may be offline, or "
                   "{host} is blocked. The figure above still holds: it was computed by the same code."),
        "details": "Technical detail",
        "retry": "Try again",
        "changed": "Settings changed: the demo starts again from zero.",
    },
}


def pyodide_url(context: DirectiveContext) -> str:
    url = os.environ.get(PYODIDE_URL_VARIABLE) or context.options.pyodide_url or ""
    if not url:
        raise DirectiveError("the lecture plugin's pyodide_url setting is empty")
    return url if url.endswith("/") else url + "/"


def _host(url: str) -> str:
    if "://" not in url:
        return url  # a path on this very site (self-hosted)
    return url.split("://", 1)[1].split("/", 1)[0]


def browser_sources() -> list[tuple[str, Path]]:
    """(path in the site, file) of what the browser fetches on start (``demo_figures.
    browser_sources``), one source, added to the build as generated files by the plugin."""
    return [
        (f"{SOURCES_FOLDER}lectureutils/{path.relative_to(demo_figures.PACKAGE_DIR).as_posix()}", path)
        for path in demo_figures.browser_sources()
    ]


def _control(demo: str, entry: dict) -> str:
    ident = f"demo-{demo}-{entry['name']}"
    label = html.escape(entry["label"])
    if entry["kind"] == "checkbox":
        checked = " checked" if entry["default"] == "1" else ""
        return (
            f'<div class="lecture-demo__field lecture-demo__field--check">'
            f'<input type="checkbox" id="{ident}" name="{entry["name"]}" value="1"{checked}>'
            f'<label for="{ident}">{label}</label></div>'
        )
    options = "".join(
        f'<option value="{html.escape(o["value"])}"{" selected" if o["value"] == entry["default"] else ""}>'
        f'{html.escape(o["label"])}</option>'
        for o in entry["options"]
    )
    return (
        f'<div class="lecture-demo__field"><label for="{ident}">{label}</label>'
        f'<select id="{ident}" name="{entry["name"]}">{options}</select></div>'
    )


def controls(name: str, lang: str) -> list[dict] | None:
    """The form controls of demo ``name`` in ``lang`` (``demos.schema``), None for an unknown demo."""
    from lectureutils.toy import demos

    return demos.schema(name, lang) if name in demos.DEMOS else None


def render(context: DirectiveContext, name: str) -> str:
    lang = context.lang
    # From the build memo when it has them: the toy model's package imports numpy (a tenth of a
    # second) and a warm build needs nothing else from it.
    schema = (controls(name, lang) if context.memo is None
              else context.memo.value("demo-controls", lambda: controls(name, lang), name, lang))
    if schema is None:
        from lectureutils.toy import demos

        raise DirectiveError(f"unknown demo {name!r} (known: {', '.join(sorted(demos.DEMOS))})")
    ui = context.text(UI)
    title = context.text(TITLES[name])
    figure = demo_figures.static_figure(context.services.results, name, lang)
    context.publish(name, figure.get("values", {}))
    sources = [relative.removeprefix(SOURCES_FOLDER) for relative, _ in browser_sources()]
    url = pyodide_url(context)
    host = _host(url)
    assets = get_relative_url("assets/demos/", context.page.url or "./")
    if not assets.endswith("/"):
        assets += "/"
    fields = "".join(_control(name, entry) for entry in schema)
    server_side = ("demo", "static", "description", "noscript", "start", "download", "settings")
    strings = {key: value for key, value in ui.items() if key not in server_side}
    strings["failed"] = ui["failed"].format(host=host)
    strings = {key: textformat.typeset(value, lang) for key, value in strings.items()}
    config = {"demo": name, "lang": lang, "pyodide": url, "assets": assets, "sources": sources, "strings": strings}
    config_json = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    caption = ui["static"].format(steps=figure.get("steps") or figure["counter"])
    notice = f'<p class="lecture-demo__notice">{html.escape(figure["message"])}</p>' if figure.get("message") else ""
    block = f"""<section class="lecture-demo" id="demo-{name}" data-demo="{name}" aria-labelledby="demo-{name}-heading">
<p class="lecture-demo__heading" id="demo-{name}-heading"><strong>{html.escape(ui["demo"])}{textformat.colon(lang)} {html.escape(title)}</strong></p>
<figure class="lecture-demo__figure">
<div class="lecture-demo__canvas">{figure["svg"]}</div>
<figcaption>{html.escape(caption)}{notice}
<details class="lecture-demo__text"><summary>{html.escape(ui["description"])}</summary>
<p class="lecture-demo__description">{html.escape(figure["description"])}</p></details>
</figcaption>
</figure>
<noscript><p class="lecture-demo__noscript">{html.escape(ui["noscript"])}</p></noscript>
<div class="lecture-demo__live" hidden>
<p class="lecture-demo__download">{html.escape(ui["download"].format(size=str(DOWNLOAD_MEGABYTES).replace(".", "," if lang == "fr" else "."), host=host))}</p>
<p><button type="button" class="lecture-demo__start md-button md-button--primary">{html.escape(ui["start"])}</button></p>
<div class="lecture-demo__progress" hidden><progress max="4" value="0"></progress> <span class="lecture-demo__progress-text" role="status"></span></div>
<div class="lecture-demo__error" role="alert" hidden></div>
<form class="lecture-demo__controls" aria-label="{html.escape(ui["settings"])}">
<fieldset disabled><legend>{html.escape(ui["settings"])}</legend>{fields}</fieldset>
<div class="lecture-demo__buttons">
<button type="button" class="lecture-demo__play md-button" aria-pressed="false" disabled>{html.escape(ui["play"])}</button>
<button type="button" class="lecture-demo__step md-button" disabled>{html.escape(ui["step"])}</button>
<button type="button" class="lecture-demo__reset md-button" disabled>{html.escape(ui["reset"])}</button>
<button type="button" class="lecture-demo__link md-button">{html.escape(ui["link"])}</button>
<span class="lecture-demo__counter" aria-hidden="true"></span>
</div>
</form>
<p class="lecture-demo__status" role="status" aria-live="polite"></p>
</div>
<script type="application/json" class="lecture-demo__config">{config_json}</script>
</section>
<link rel="stylesheet" href="{assets}demos.css">
<script src="{assets}demos.js" defer></script>"""
    return context.stash(block)
