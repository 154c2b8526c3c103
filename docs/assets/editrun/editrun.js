/* « Modifier et exécuter » / "Edit and run" under a snippet: the code becomes editable (CodeMirror 6,
 * docs/assets/vendor/codemirror/, rebuilt by tools/codemirror/build.sh) and runs in the page's one
 * Python (../demos/runtime.js: Pyodide in a Web Worker, shared with the demos).
 *
 * An ES module, imported by boot.js when a reader presses the button: nothing here, nor CodeMirror,
 * nor Pyodide, is fetched before. open(output, config, bar) turns the snippet whose build output
 * is `output` into an editor; config comes from the page (lectureutils.site.directives.snippet):
 * name, lang, pyodide, packages, sources, and assets (this site's assets/demos/, set by boot.js).
 *
 * The build's output stays where it is; the reader's output (stdout, stderr, the figures that
 * lectureutils.figures.save writes, an error with the line of the reader's code) appears under it.
 * Stop ends a runaway run (the worker is terminated; the next run starts a fresh Python). Reset
 * puts the original code back. Keyboard: Tab indents; Escape, then Tab, leaves the editor.
 */

const STRINGS = {
  fr: {
    region: "Modifier et exécuter\u202f: snippets/{name}",
    editor: "Code modifiable de snippets/{name}",
    help: "Tab indente. Pour quitter l'éditeur au clavier\u202f: Échap, puis Maj+Tab (vers les boutons) ou Tab.",
    run: "Exécuter",
    stop: "Arrêter",
    reset: "Rétablir l'original",
    notice: "Le code tourne dans votre navigateur, avec Pyodide (Python compilé en WebAssembly), "
      + "téléchargé au premier lancement depuis {host}{numpy}.",
    with_numpy: ", avec numpy",
    loading: "Chargement de Python dans le navigateur…",
    loading_core: "Téléchargement de Pyodide…",
    loading_numpy: "Chargement de numpy…",
    loading_code: "Chargement des modules du cours…",
    running: "Exécution…",
    done: "Exécution terminée.",
    same: "Même sortie que celle de la construction du site, ci-dessus.",
    different: "Sortie différente de celle de la construction du site, ci-dessus.",
    failed_line: "Erreur à la ligne {line}\u202f: {error}",
    failed: "Erreur\u202f: {error}",
    goto: "Aller à la ligne {line}",
    traceback: "Trace complète",
    stopped: "Exécution arrêtée. Python repart de zéro au prochain lancement.",
    reset_done: "Code d'origine rétabli.",
    unavailable: "Impossible de charger Python dans le navigateur (Pyodide)\u202f: vous êtes peut-être "
      + "hors ligne, ou {host} est bloqué. La sortie ci-dessus reste valable.",
    details: "Détail technique",
    output: "Votre sortie",
    stderr: "Sortie d'erreur (stderr)",
    empty: "(rien d'affiché)",
    figure: "Figure produite par votre code",
  },
  en: {
    region: "Edit and run: snippets/{name}",
    editor: "Editable code of snippets/{name}",
    help: "Tab indents. To leave the editor with the keyboard: Escape, then Shift+Tab (to the buttons) or Tab.",
    run: "Run",
    stop: "Stop",
    reset: "Reset to the original",
    notice: "The code runs in your browser, with Pyodide (Python compiled to WebAssembly), "
      + "downloaded from {host} on the first run{numpy}.",
    with_numpy: ", with numpy",
    loading: "Loading Python in the browser…",
    loading_core: "Downloading Pyodide…",
    loading_numpy: "Loading numpy…",
    loading_code: "Loading the lecture's modules…",
    running: "Running…",
    done: "Run finished.",
    same: "Same output as the site's build, above.",
    different: "Output differs from the site's build, above.",
    failed_line: "Error on line {line}: {error}",
    failed: "Error: {error}",
    goto: "Go to line {line}",
    traceback: "Full traceback",
    stopped: "Run stopped. Python starts afresh on the next run.",
    reset_done: "Original code restored.",
    unavailable: "Python could not be loaded in the browser (Pyodide): you may be offline, or {host} "
      + "is blocked. The output above still holds.",
    details: "Technical detail",
    output: "Your output",
    stderr: "Error output (stderr)",
    empty: "(nothing printed)",
    figure: "Figure made by your code",
  },
};

let sequence = 0;
const modules = {};

function load(name, url) {
  if (!modules[name]) {
    modules[name] = import(url);
    modules[name].catch(() => { delete modules[name]; });
  }
  return modules[name];
}

function codemirror() { return load("codemirror", new URL("../vendor/codemirror/codemirror.min.js", import.meta.url).href); }
function runtime() { return load("runtime", new URL("../demos/runtime.js", import.meta.url).href); }

// The panel's styles, before the panel is drawn (no layout shift under the reader's pointer).
function stylesheet() {
  if (!modules.stylesheet) {
    modules.stylesheet = new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL("editrun.css", import.meta.url).href;
      link.onload = resolve;
      link.onerror = resolve; // unstyled is still usable
      document.head.appendChild(link);
    });
  }
  return modules.stylesheet;
}

function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function host(url) {
  const parsed = new URL(url, document.baseURI);
  return parsed.origin === window.location.origin ? parsed.pathname : parsed.host;
}

// The listing this output belongs to: the nearest one before it with the snippet's title, in the
// same language on a side-by-side page (any language when the listing is shared by both).
function findListing(output, config) {
  const title = "snippets/" + config.name;
  const cellOf = (node) => node.closest("[data-lang]");
  const candidates = Array.from(document.querySelectorAll(".highlight")).filter((listing) => {
    const name = listing.querySelector(".filename");
    if (!name || name.textContent.trim() !== title) return false;
    if (!(listing.compareDocumentPosition(output) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
    const cell = cellOf(listing);
    return !cell || !cellOf(output) || cell.dataset.lang === cellOf(output).dataset.lang;
  });
  return candidates.length ? candidates[candidates.length - 1] : null;
}

// The reader's SVG ids get a prefix of their own: the build's figure of the same code is on the page.
function ownIds(svg, prefix) {
  return svg
    .replace(/\sid="([^"]+)"/g, (m, id) => ` id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (m, id) => `url(#${prefix}${id})`)
    .replace(/(\s(?:xlink:)?href)="#([^"]+)"/g, (m, attr, id) => `${attr}="#${prefix}${id}"`)
    .replace(/(\saria-(?:labelledby|describedby))="([^"]+)"/g,
      (m, attr, ids) => `${attr}="${ids.split(/\s+/).map((id) => prefix + id).join(" ")}"`);
}

class EditRun {
  constructor(output, config, bar, cm, original) {
    this.output = output;
    this.config = config;
    this.strings = STRINGS[config.lang] || STRINGS.en;
    this.original = original;
    this.uid = "lecture-run-" + (++sequence);
    this.backend = null;
    this.runs = 0;
    const s = this.strings;
    const values = { name: config.name };

    this.panel = element("div", "lecture-run");
    this.panel.setAttribute("role", "group");
    this.panel.setAttribute("aria-label", format(s.region, values));
    this.panel.lang = config.lang;
    const help = element("p", "lecture-run__help", s.help);
    help.id = this.uid + "-help";
    this.editorBox = element("div", "lecture-run__editor");
    const buttons = element("div", "lecture-run__buttons");
    this.runButton = element("button", "lecture-run__run md-button md-button--primary", s.run);
    this.stopButton = element("button", "lecture-run__stop md-button", s.stop);
    this.resetButton = element("button", "lecture-run__reset md-button", s.reset);
    [this.runButton, this.stopButton, this.resetButton].forEach((button) => {
      button.type = "button";
      buttons.appendChild(button);
    });
    this.stopButton.disabled = true;
    const notice = element("p", "lecture-run__notice", format(s.notice, {
      host: host(config.pyodide), numpy: config.packages.length ? s.with_numpy : "",
    }));
    this.progress = element("progress", "lecture-run__progress");
    this.progress.max = 4;
    this.progress.hidden = true;
    this.progress.setAttribute("aria-label", s.loading);
    this.status = element("p", "lecture-run__status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    // The buttons above the code: within reach however long the program is.
    [help, buttons, this.progress, this.status, this.editorBox, notice].forEach((n) => this.panel.appendChild(n));
    bar.replaceWith(this.panel);

    // The editor takes the listing's place when the listing sits right above (a chapter page).
    this.listing = null;
    let above = this.panel.previousElementSibling;
    if (above && above.matches("details.lecture-listing")) above = above.querySelector(".highlight");
    if (above && above === findListing(output, config)) {
      this.listing = above.closest("details.lecture-listing") || above;
      this.listing.hidden = true;
    }

    this.view = cm.createEditor(this.editorBox, original, format(s.editor, values));
    this.cm = cm;
    this.view.contentDOM.setAttribute("aria-describedby", help.id);

    // The reader's output: under the build's output and its figures.
    this.result = element("div", "lecture-run__result");
    this.result.setAttribute("role", "group");
    this.result.setAttribute("aria-label", s.output);
    this.result.lang = config.lang;
    this.result.hidden = true;
    let after = output;
    while (after.nextElementSibling && after.nextElementSibling.matches("figure.lecture-figure")) {
      after = after.nextElementSibling;
    }
    after.after(this.result);

    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => this.stop());
    this.resetButton.addEventListener("click", () => this.reset());
    this.output.dataset.run = "open";
    this.panel.lectureEditRun = this; // for the page's scripts and the tests: .code(), .run()
  }

  code() { return this.view.state.doc.toString(); }

  say(text) { this.status.textContent = text; }

  async backendReady() {
    if (this.backend && this.loaded) return this.backend;
    const s = this.strings;
    this.say(s.loading);
    const module = await runtime();
    this.backend = module.chooseBackend();
    if (typeof this.backend.run !== "function") throw new Error("this page's Python backend cannot run snippets");
    this.progress.hidden = false;
    await this.backend.load({
      pyodide: this.config.pyodide, assets: this.config.assets, packages: this.config.packages,
      sources: this.config.sources, strings: s,
    }, (value, text) => {
      this.progress.value = value;
      this.say(text);
    });
    this.progress.hidden = true;
    this.loaded = true;
    return this.backend;
  }

  async run() {
    const s = this.strings;
    const ticket = ++this.runs;
    const focused = document.activeElement === this.runButton;
    this.runButton.disabled = true;
    this.stopButton.disabled = false;
    if (focused) this.stopButton.focus(); // a keyboard user can stop what they started
    this.output.dataset.run = "running";
    let reply;
    try {
      const backend = await this.backendReady();
      this.say(s.running);
      reply = JSON.parse(await backend.run(JSON.stringify({ op: "run", code: this.code(), lang: this.config.lang })));
    } catch (error) {
      if (ticket !== this.runs) return;
      this.progress.hidden = true;
      this.finish(error && error.stopped ? "stopped" : "unavailable");
      if (error && error.stopped) {
        this.say(s.stopped);
      } else {
        this.loaded = false;
        this.showUnavailable(error);
      }
      return;
    }
    if (ticket !== this.runs) return;
    this.show(reply);
    this.finish(reply.error ? "error" : "done");
  }

  finish(state) {
    const focused = document.activeElement === this.stopButton;
    this.runButton.disabled = false;
    this.stopButton.disabled = true;
    if (focused) this.runButton.focus();
    this.output.dataset.run = state;
    this.output.dataset.runs = String(Number(this.output.dataset.runs || 0) + 1);
  }

  stop() {
    if (this.backend && typeof this.backend.stop === "function") this.backend.stop();
  }

  reset() {
    this.cm.setCode(this.view, this.original);
    this.result.hidden = true;
    this.result.textContent = "";
    this.say(this.strings.reset_done);
  }

  showUnavailable(error) {
    const s = this.strings;
    this.result.textContent = "";
    this.result.hidden = false;
    const message = element("p", "lecture-run__error", format(s.unavailable, { host: host(this.config.pyodide) }));
    const details = element("details");
    details.appendChild(element("summary", "", s.details));
    details.appendChild(element("code", "", String(error && error.message ? error.message : error).slice(0, 500)));
    this.result.appendChild(message);
    this.result.appendChild(details);
    this.say(message.textContent);
  }

  show(reply) {
    const s = this.strings;
    this.result.textContent = "";
    this.result.hidden = false;
    this.result.appendChild(element("p", "lecture-run__label", s.output));
    const stdout = element("pre", "lecture-run__stdout");
    stdout.appendChild(element("code", "", reply.stdout.replace(/\n+$/, "")));
    if (!reply.stdout) stdout.firstChild.textContent = s.empty;
    this.result.appendChild(stdout);
    if (reply.stderr) {
      this.result.appendChild(element("p", "lecture-run__label", s.stderr));
      const stderr = element("pre", "lecture-run__stderr");
      stderr.appendChild(element("code", "", reply.stderr.replace(/\n+$/, "")));
      this.result.appendChild(stderr);
    }
    const ticket = this.uid + "-" + this.runs + "-";
    reply.figures.forEach((svg, index) => {
      const figure = element("figure", "lecture-figure lecture-run__figure");
      figure.innerHTML = ownIds(svg, ticket + index + "-");
      figure.appendChild(element("figcaption", "", s.figure));
      this.result.appendChild(figure);
    });
    let summary;
    if (reply.error) {
      const error = reply.error.type + ": " + reply.error.message;
      summary = reply.error.line ? format(s.failed_line, { line: reply.error.line, error: error })
        : format(s.failed, { error: error });
      const box = element("div", "lecture-run__error");
      box.setAttribute("role", "alert");
      box.dataset.line = reply.error.line || "";
      box.appendChild(element("p", "", summary));
      if (reply.error.line) {
        const go = element("button", "lecture-run__goto md-button", format(s.goto, { line: reply.error.line }));
        go.type = "button";
        go.addEventListener("click", () => this.goToLine(reply.error.line));
        box.appendChild(go);
      }
      if (reply.error.traceback) {
        const details = element("details");
        details.appendChild(element("summary", "", s.traceback));
        details.appendChild(element("pre", "", reply.error.traceback));
        box.appendChild(details);
      }
      this.result.appendChild(box);
    } else {
      const build = this.output.querySelector(":scope > pre");
      const same = build && build.textContent === reply.stdout.replace(/\n+$/, "");
      summary = s.done + " " + (same ? s.same : s.different);
      this.result.appendChild(element("p", "lecture-run__compare", same ? s.same : s.different));
      this.output.dataset.same = same ? "1" : "0";
    }
    this.say(summary);
  }

  goToLine(number) {
    const line = this.view.state.doc.line(Math.min(number, this.view.state.doc.lines));
    this.view.dispatch({ selection: { anchor: line.from, head: line.to }, scrollIntoView: true });
    this.view.focus();
  }
}

/* Opens the editor of the snippet whose build output is `output`; `bar` holds the button pressed. */
export async function open(output, config, bar) {
  const styled = stylesheet();
  const listing = findListing(output, config);
  const code = listing && listing.querySelector("pre > code");
  if (!code) throw new Error("no listing of snippets/" + config.name + " above its output");
  const original = code.textContent.replace(/\n$/, "");
  const [cm] = await Promise.all([codemirror(), styled]);
  const editor = new EditRun(output, config, bar, cm, original);
  editor.view.focus();
  return editor;
}
