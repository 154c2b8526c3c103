/* The tokeniser playground (docs/tokenisation.*.md): type a sentence, see three real tokenisers cut it.
 *
 * Python does the work (lectureutils.toy.tokenize, standard library only) in the page's one Python,
 * shared with the demos and the snippets' Edit and run (runtime.js: backend.load, backend.call with
 * JSON text; the requests are in lectureutils/toy/tokenize/api.py). Nothing is fetched before the reader presses start: then the
 * bare Pyodide core, the toy Python files, and the data of the ticked tokenisers only (one gzip
 * file each, sizes shown next to the boxes). Unticking a box before start saves its download;
 * ticking one later fetches it then. The text, the mode, the example and the ticked tokenisers live
 * in the URL (tokens-fr, tokens-en, tokens-mode, tokens-preset, tokens-tk).
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 120;
  // This script's folder (assets/demos/), from its own address: right on every page, however deep
  // (a side-by-side page sits one folder below the chapter its configuration was written for).
  var HERE = new URL(".", document.currentScript.src).href;

  function Playground(section) {
    this.section = section;
    this.config = JSON.parse(section.querySelector(".lecture-demo__config").textContent);
    this.config.assets = HERE;
    Object.keys(this.config.files).forEach(function (name) {
      var file = this.config.files[name];
      file.url = new URL("../tokenizers/" + file.url.split("/").pop(), HERE).href;
    }, this);
    this.strings = this.config.strings;
    this.live = section.querySelector(".lecture-demo__live");
    this.form = section.querySelector(".lecture-tokens__form");
    this.boxes = Array.prototype.slice.call(this.form.querySelectorAll("input[name=tk]"));
    // By name, never by id: a page that gathers chapters (the printable edition) prefixes every
    // id with the chapter's slug, and a page may hold the playground more than once.
    this.mode = this.form.elements.namedItem("mode");
    this.preset = this.form.elements.namedItem("preset");
    this.french = this.form.elements.namedItem("fr");
    this.english = this.form.elements.namedItem("en");
    this.frenchLabel = this.french.labels[0];
    this.englishField = this.form.querySelector(".lecture-tokens__input--en");
    this.startButton = section.querySelector(".lecture-demo__start");
    this.linkButton = section.querySelector(".lecture-demo__link");
    this.progressBox = section.querySelector(".lecture-demo__progress");
    this.progressBar = this.progressBox.querySelector("progress");
    this.progressText = this.progressBox.querySelector(".lecture-demo__progress-text");
    this.errorBox = section.querySelector(".lecture-demo__error");
    this.results = section.querySelector(".lecture-tokens__results");
    this.status = section.querySelector(".lecture-demo__status");
    this.backend = null;
    this.loaded = {}; // name -> promise of the tokens-load reply
    this.queue = Promise.resolve();
    this.timer = null;
    this.runs = 0;
    this.readUrl();
    this.showMode();
    this.bind();
    this.live.hidden = false;
    section.classList.add("lecture-demo--js");
  }

  Playground.prototype.selected = function () {
    return this.boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  };

  Playground.prototype.texts = function () {
    var limit = this.config.max_chars;
    var french = this.french.value.slice(0, limit);
    return this.mode.value === "pair" ? [french, this.english.value.slice(0, limit)] : [french];
  };

  Playground.prototype.readUrl = function () {
    var query = new URLSearchParams(window.location.search);
    var mode = query.get("tokens-mode");
    if (mode === "one" || mode === "pair") this.mode.value = mode;
    var preset = query.get("tokens-preset");
    if (preset !== null && this.config.presets[preset]) {
      this.preset.value = preset;
      this.french.value = this.config.presets[preset][0];
      this.english.value = this.config.presets[preset][1];
    }
    if (query.get("tokens-fr") !== null || query.get("tokens-en") !== null) {
      this.preset.value = "";
      if (query.get("tokens-fr") !== null) this.french.value = query.get("tokens-fr").slice(0, this.config.max_chars);
      if (query.get("tokens-en") !== null) this.english.value = query.get("tokens-en").slice(0, this.config.max_chars);
    }
    var ticked = query.get("tokens-tk");
    if (ticked !== null) {
      var names = ticked.split(",");
      this.boxes.forEach(function (box) { box.checked = names.indexOf(box.value) >= 0; });
    }
  };

  Playground.prototype.writeUrl = function () {
    var url = new URL(window.location.href);
    var params = url.searchParams;
    ["tokens-mode", "tokens-preset", "tokens-fr", "tokens-en", "tokens-tk"].forEach(function (key) { params.delete(key); });
    if (this.mode.value !== "pair") params.set("tokens-mode", this.mode.value);
    if (this.preset.value) {
      if (this.preset.value !== this.preset.querySelector("option[selected]").value) params.set("tokens-preset", this.preset.value);
    } else {
      params.set("tokens-fr", this.french.value);
      if (this.mode.value === "pair") params.set("tokens-en", this.english.value);
    }
    var selected = this.selected();
    if (selected.length !== this.boxes.length) params.set("tokens-tk", selected.join(","));
    window.history.replaceState(window.history.state, "", url.toString());
    return url;
  };

  Playground.prototype.showMode = function () {
    var pair = this.mode.value === "pair";
    this.englishField.hidden = !pair;
    this.frenchLabel.textContent = pair ? this.frenchLabel.dataset.pair : this.frenchLabel.dataset.one;
  };

  Playground.prototype.bind = function () {
    var self = this;
    this.startButton.addEventListener("click", function () { self.start(); });
    this.linkButton.addEventListener("click", function () {
      var url = self.writeUrl();
      url.hash = self.section.id;
      var done = function () { self.say(self.strings.copied); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url.toString()).then(done, function () { self.say(url.toString()); });
      } else {
        self.say(url.toString());
      }
    });
    this.mode.addEventListener("change", function () { self.showMode(); self.changed(true); });
    this.preset.addEventListener("change", function () {
      var texts = self.config.presets[self.preset.value];
      if (texts) {
        self.french.value = texts[0];
        self.english.value = texts[1];
      }
      self.changed(true);
    });
    [this.french, this.english].forEach(function (field) {
      field.addEventListener("input", function () {
        self.preset.value = "";
        self.changed(false);
      });
    });
    this.boxes.forEach(function (box) { box.addEventListener("change", function () { self.changed(true); }); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
  };

  // Any change: the URL follows; once started, the pieces follow too (typing is debounced).
  Playground.prototype.changed = function (now) {
    var self = this;
    this.writeUrl();
    if (!this.backend || this.section.dataset.state !== "ready") return;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.update(); }, now ? 0 : DEBOUNCE_MS);
  };

  Playground.prototype.say = function (text) { this.status.textContent = text; };

  Playground.prototype.progress = function (value, text) {
    this.progressBox.hidden = false;
    this.progressBar.value = value;
    this.progressText.textContent = text;
  };

  // A failure says why where the reader is: focus moves to the message, which offers to retry.
  Playground.prototype.fail = function (error, message) {
    var self = this;
    this.errorBox.hidden = false;
    this.errorBox.innerHTML = "";
    this.errorBox.setAttribute("tabindex", "-1");
    var text = document.createElement("p");
    text.textContent = message;
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "lecture-demo__retry md-button";
    retry.textContent = this.strings.retry;
    retry.addEventListener("click", function () {
      if (self.backend && self.section.dataset.state === "ready") self.update(); else self.start();
    });
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = this.strings.details;
    var code = document.createElement("code");
    code.textContent = String(error && error.message ? error.message : error).slice(0, 500);
    details.appendChild(summary);
    details.appendChild(code);
    this.errorBox.appendChild(text);
    this.errorBox.appendChild(retry);
    this.errorBox.appendChild(details);
    this.errorBox.focus();
  };

  // One request to Python, behind the earlier ones; resolves to the reply object.
  Playground.prototype.request = function (body) {
    var self = this;
    var reply = this.queue.then(function () {
      return self.backend.call(JSON.stringify(body));
    }).then(function (text) {
      var data = JSON.parse(text);
      if (data.error) throw new Error(data.error);
      return data;
    });
    this.queue = reply.catch(function () {});
    return reply;
  };

  // The gzip file of one tokeniser, as text (a server that already decoded it sends plain JSON).
  async function fetchText(url) {
    var response = await fetch(url);
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    var bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).text();
    }
    return new TextDecoder().decode(bytes);
  }

  Playground.prototype.loadTokenizer = function (name) {
    var self = this;
    if (!this.loaded[name]) {
      var file = this.config.files[name];
      this.progress(3, this.strings.loading_tokenizer.replace("{name}", file.label).replace("{size}", file.size));
      this.loaded[name] = fetchText(file.url).then(function (text) {
        return self.request({ op: "tokens-load", name: name, data: text });
      });
      this.loaded[name].catch(function () { delete self.loaded[name]; });
    }
    return this.loaded[name];
  };

  Playground.prototype.start = async function () {
    var self = this;
    var hadFocus = document.activeElement === this.startButton;
    this.startButton.disabled = true;
    this.errorBox.hidden = true;
    this.section.dataset.state = "loading";
    try {
      var runtime = await import(new URL(this.config.assets + "runtime.js", document.baseURI).href);
      this.backend = runtime.chooseBackend();
      if (this.backend.onRestart && !this.listening) {
        this.listening = true;
        this.backend.onRestart(function () { self.restarted(); });
      }
      await this.backend.load(this.config, function (v, t) { self.progress(v, t); });
    } catch (error) {
      this.progressBox.hidden = true;
      this.startButton.disabled = false;
      this.backend = null;
      this.section.dataset.state = "failed";
      this.fail(error, this.strings.failed);
      return;
    }
    this.section.dataset.state = "ready";
    this.startButton.hidden = true;
    if (hadFocus) this.french.focus(); // the start button is gone: keyboard users land in the text
    await this.update();
    this.say(this.strings.ready);
  };

  // The page's Python was stopped and started afresh: the tokenisers' data is gone, load it again.
  Playground.prototype.restarted = function () {
    this.loaded = {};
    this.queue = Promise.resolve();
    if (this.section.dataset.state === "ready") this.update();
  };

  // Load what is ticked and not loaded yet, then cut the text with every ticked tokeniser.
  Playground.prototype.update = async function () {
    var self = this;
    var ticket = (this.ticket = (this.ticket || 0) + 1); // only the latest update may say it is done
    var names = this.selected();
    this.section.dataset.pending = "1";
    if (!names.length) {
      this.results.hidden = true;
      this.say(this.strings.none_selected);
      if (ticket === this.ticket) this.section.dataset.pending = "0";
      return;
    }
    var ready = [];
    for (var i = 0; i < names.length; i += 1) {
      try {
        await this.loadTokenizer(names[i]);
        ready.push(names[i]);
      } catch (error) {
        if (error && error.stopped) return; // the page's Python was stopped: restarted() follows
        var file = this.config.files[names[i]];
        this.fail(error, this.strings.failed_tokenizer.replace("{name}", file.label).replace("{reason}", error.message || error));
      }
    }
    if (!ready.length) {
      if (ticket === this.ticket) this.section.dataset.pending = "0";
      return;
    }
    var texts = this.texts();
    try {
      var reply = await this.request({ op: "tokens-run", tokenizers: ready, texts: texts, lang: this.config.lang,
                                       uid: "tokens-live" });
      // Only the latest text is shown: an answer about an older one is dropped.
      if (JSON.stringify(texts) !== JSON.stringify(this.texts())) return;
      this.results.innerHTML = reply.html;
      this.results.hidden = false;
      this.runs += 1;
      this.section.dataset.runs = String(this.runs);
      this.section.dataset.shown = JSON.stringify([ready, texts]); // what the chips show (for tests)
      if (ready.length === names.length) this.errorBox.hidden = true;
      this.say(reply.summary);
    } catch (error) {
      if (!(error && error.stopped)) this.fail(error, this.strings.failed);
    } finally {
      if (ticket === self.ticket) {
        self.section.dataset.pending = "0";
        self.progressBox.hidden = true; // every ticked tokeniser is loaded
      }
    }
  };

  function init() {
    window.lectureTokenPlaygrounds = Array.prototype.map.call(
      document.querySelectorAll("section.lecture-tokens"),
      function (section) { return new Playground(section); }
    );
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
