"""``{{ compute("tokenizer_playground") }}``: type your own sentence, three real tokenizers.

The cache entry (``lectureutils.compute.vocabulary``) holds each tokenizer's exported data; the
build writes each one as a static file, ``assets/tokenizers/<name>-<sha256 prefix>.json.gz``, and
draws the static figure (the default sentences cut by the three tokenizers) with the very code the
browser runs later (``lectureutils.toy.tokenize``). Nothing is fetched before the reader presses
start: then the bare Pyodide core (no package), the toy Python files, and only the tokenizers the
reader selected, whose sizes the page states first. The page's controls are driven by
``docs/assets/demos/tokens.js`` in the page's one Python, shared with the demos (``runtime.js``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from pathlib import Path

from mkdocs.utils import get_relative_url

from lectureutils import demo_figures, textformat
from lectureutils.errors import CorruptEntryError
from lectureutils.site.context import DirectiveContext
from lectureutils.site.directives import demo

# The bare Pyodide core of the pinned version (pyodide.asm.wasm, python_stdlib.zip,
# pyodide.asm.mjs, pyodide.mjs, pyodide-lock.json from the npm package): no package is loaded.
CORE_BYTES = 13_531_207

UI = {
    "fr": {
        "demo": "Démo interactive",
        "title": "Laboratoire de tokenisation",
        "static": ("Figure calculée à la construction du site par le même code Python que le laboratoire "
                   "interactif : la paire de phrases par défaut, découpée par les trois tokeniseurs."),
        "noscript": "Le laboratoire demande JavaScript ; la figure ci-dessus en montre un exemple calculé d'avance.",
        "start": "Lancer le laboratoire",
        "download": ("Au lancement, votre navigateur télécharge Pyodide (Python compilé en WebAssembly, "
                     "sans aucun paquet), environ {core}\u00a0Mo depuis {host}, puis les données des seuls "
                     "tokeniseurs cochés (taille indiquée à côté de chacun) depuis ce site ; rien n'est chargé avant."),
        "settings": "Réglages",
        "tokenizers": "Tokeniseurs",
        "size": "{size}\u00a0Mo",
        "mode": "Mode",
        "mode_one": "Une phrase",
        "mode_pair": "Paire français / anglais",
        "preset": "Exemple",
        "preset_none": "(votre texte)",
        "sentence": "Phrase",
        "french": "Phrase française",
        "english": "Phrase anglaise",
        "link": "Copier le lien de ces réglages",
        "results": "Résultats",
        # For the script:
        "copied": "Lien copié : il rouvre ce laboratoire avec ce texte et ces réglages.",
        "loading_core": "Téléchargement de Pyodide…",
        "loading_code": "Chargement du code des tokeniseurs…",
        "loading_tokenizer": "Téléchargement du tokeniseur {name} ({size}\u00a0Mo)…",
        "ready": "Prêt : tapez une phrase, le découpage suit.",
        "failed": ("Impossible de charger Python dans le navigateur (Pyodide) : vous êtes peut-être hors "
                   "ligne, ou {host} est bloqué. La figure ci-dessus reste valable : elle a été calculée par "
                   "le même code."),
        "failed_tokenizer": "Impossible de charger le tokeniseur {name} : {reason}",
        "details": "Détail technique",
        "retry": "Réessayer",
        "none_selected": "Cochez au moins un tokeniseur.",
    },
    "en": {
        "demo": "Interactive demo",
        "title": "Tokeniser playground",
        "static": ("Figure computed when the site was built, by the same Python code as the interactive "
                   "playground: the default pair of sentences, cut by the three tokenisers."),
        "noscript": "The playground needs JavaScript; the figure above shows an example computed in advance.",
        "start": "Start the playground",
        "download": ("On start, your browser downloads Pyodide (Python compiled to WebAssembly, with no "
                     "package), about {core} MB from {host}, then the data of the ticked tokenisers only "
                     "(size next to each) from this site; nothing is loaded before."),
        "settings": "Settings",
        "tokenizers": "Tokenisers",
        "size": "{size} MB",
        "mode": "Mode",
        "mode_one": "One sentence",
        "mode_pair": "French / English pair",
        "preset": "Example",
        "preset_none": "(your text)",
        "sentence": "Sentence",
        "french": "French sentence",
        "english": "English sentence",
        "link": "Copy a link to these settings",
        "results": "Results",
        "copied": "Link copied: it reopens this playground with this text and these settings.",
        "loading_core": "Downloading Pyodide…",
        "loading_code": "Loading the tokenisers' code…",
        "loading_tokenizer": "Downloading the {name} tokeniser ({size} MB)…",
        "ready": "Ready: type a sentence, the pieces follow.",
        "failed": ("Python could not be loaded in the browser (Pyodide): you may be offline, or {host} is "
                   "blocked. The figure above still holds: it was computed by the same code."),
        "failed_tokenizer": "The {name} tokeniser could not be loaded: {reason}",
        "details": "Technical detail",
        "retry": "Try again",
        "none_selected": "Tick at least one tokeniser.",
    },
}


def megabytes(size: int, lang: str) -> str:
    return textformat.number(size / 1_000_000, lang, 1 if size >= 100_000 else 2)


def _files(result: dict) -> dict:
    return result["tokenizers"]


def write_files(context: DirectiveContext, result: dict) -> dict[str, str]:
    """Each tokenizer's file in the built site (checked against its sha256); name -> site path."""
    target = Path(context.config.site_dir) / "assets" / "tokenizers"
    paths = {}
    for name, entry in _files(result).items():
        blob = base64.b64decode(entry["data"])
        if hashlib.sha256(blob).hexdigest() != entry["sha256"]:
            raise CorruptEntryError(f"tokenizer file {name}: sha256 mismatch in the cache entry")
        path = target / f"{name}-{entry['sha256'][:12]}.json.gz"
        if not path.exists() or path.read_bytes() != blob:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob)
        paths[name] = f"assets/tokenizers/{path.name}"
    return paths


def render(context: DirectiveContext, uid: str, args: dict, body: dict) -> str:
    from lectureutils.toy.tokenize import playground

    lang = context.lang
    ui = context.text(UI)
    result = body["result"]
    files = _files(result)
    paths = write_files(context, result)
    sources = [relative.removeprefix(demo.SOURCES_FOLDER) for relative, _ in demo.browser_sources()]
    url = demo.pyodide_url(context)
    host = demo._host(url)
    base = get_relative_url(".", context.page.url or "./")
    base = "" if base in (".", "./") else base.rstrip("/") + "/"
    assets = base + "assets/demos/"
    figure = demo_figures.playground_figure(context.services.results, files, lang)

    def say(text):
        return textformat.typeset(text, lang)

    checks = "".join(
        f'<div class="lecture-demo__field lecture-demo__field--check">'
        f'<input type="checkbox" id="tokens-tk-{name}" name="tk" value="{name}" checked>'
        f'<label for="tokens-tk-{name}">{html.escape(playground.TOKENIZERS[name]["name"])} '
        f'({html.escape(playground.TOKENIZERS[name]["algorithm"][lang])}, '
        f'{html.escape(ui["size"].format(size=megabytes(entry["bytes"], lang)))})</label></div>'
        for name, entry in files.items())
    presets = "".join(
        f'<option value="{ident}"{" selected" if ident == playground.DEFAULT_PRESET else ""}>'
        f'{html.escape(label[lang])}</option>' for ident, label, _, _ in playground.PRESETS)
    presets += f'<option value="">{html.escape(ui["preset_none"])}</option>'
    default = next(p for p in playground.PRESETS if p[0] == playground.DEFAULT_PRESET)
    config = {
        "demo": "tokenizer-playground", "lang": lang, "pyodide": url, "assets": assets, "sources": sources,
        "packages": [], "max_chars": playground.MAX_CHARS,
        "files": {name: {"url": base + paths[name], "bytes": entry["bytes"], "size": megabytes(entry["bytes"], lang),
                         "label": playground.TOKENIZERS[name]["name"]} for name, entry in files.items()},
        "presets": {ident: [fr, en] for ident, _, fr, en in playground.PRESETS},
        "strings": {key: say(value.format(host=host) if key == "failed" else value) for key, value in ui.items()
                    if key in ("copied", "loading_core", "loading_code", "loading_tokenizer", "ready", "failed",
                               "failed_tokenizer", "details", "retry", "none_selected", "sentence", "french")},
    }
    config_json = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    heading = f"{ui['demo']}{textformat.colon(lang)} {ui['title']}"
    core = megabytes(CORE_BYTES, lang)
    return f"""<section class="lecture-demo lecture-tokens" id="demo-tokenizer-playground" data-demo="tokenizer-playground" aria-labelledby="tokens-heading">
<p class="lecture-demo__heading" id="tokens-heading"><strong>{html.escape(say(heading))}</strong></p>
<figure class="lecture-demo__figure lecture-tokens__static">
{figure["html"]}
<figcaption>{html.escape(say(ui["static"]))}</figcaption>
</figure>
<noscript><p class="lecture-demo__noscript">{html.escape(say(ui["noscript"]))}</p></noscript>
<div class="lecture-demo__live" hidden>
<p class="lecture-demo__download">{html.escape(say(ui["download"].format(core=core, host=host)))}</p>
<form class="lecture-demo__controls lecture-tokens__form" aria-label="{html.escape(ui["settings"])}">
<fieldset><legend>{html.escape(ui["tokenizers"])}</legend>{checks}</fieldset>
<fieldset><legend>{html.escape(ui["settings"])}</legend>
<div class="lecture-demo__field"><label for="tokens-mode">{html.escape(ui["mode"])}</label>
<select id="tokens-mode" name="mode"><option value="pair" selected>{html.escape(ui["mode_pair"])}</option><option value="one">{html.escape(ui["mode_one"])}</option></select></div>
<div class="lecture-demo__field"><label for="tokens-preset">{html.escape(ui["preset"])}</label>
<select id="tokens-preset" name="preset">{presets}</select></div>
</fieldset>
<div class="lecture-tokens__inputs">
<div class="lecture-demo__field lecture-tokens__input"><label for="tokens-fr" data-one="{html.escape(ui["sentence"])}" data-pair="{html.escape(ui["french"])}">{html.escape(ui["french"])}</label>
<textarea id="tokens-fr" name="fr" lang="fr" rows="2" maxlength="{playground.MAX_CHARS}" spellcheck="false">{html.escape(default[2])}</textarea></div>
<div class="lecture-demo__field lecture-tokens__input lecture-tokens__input--en"><label for="tokens-en">{html.escape(ui["english"])}</label>
<textarea id="tokens-en" name="en" rows="2" maxlength="{playground.MAX_CHARS}" spellcheck="false" lang="en">{html.escape(default[3])}</textarea></div>
</div>
<div class="lecture-demo__buttons">
<button type="button" class="lecture-demo__start md-button md-button--primary">{html.escape(ui["start"])}</button>
<button type="button" class="lecture-demo__link md-button">{html.escape(ui["link"])}</button>
</div>
</form>
<div class="lecture-demo__progress" hidden><progress max="4" value="0"></progress> <span class="lecture-demo__progress-text" role="status"></span></div>
<div class="lecture-demo__error" role="alert" hidden></div>
<div class="lecture-tokens__results" role="region" aria-label="{html.escape(ui["results"])}" hidden></div>
<p class="lecture-demo__status" role="status" aria-live="polite"></p>
</div>
<script type="application/json" class="lecture-demo__config">{config_json}</script>
</section>
<link rel="stylesheet" href="{assets}demos.css">
<link rel="stylesheet" href="{assets}tokens.css">
<script src="{assets}tokens.js" defer></script>"""


__all__ = ["render", "write_files"]
