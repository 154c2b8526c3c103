/* Live toy demos of the lecture (lectureutils.toy, run by Pyodide in the browser).
 *
 * Nothing is fetched from another host until the reader presses a demo's start button. Then the
 * page's one Python (runtime.js: Pyodide in a Web Worker, shared with the tokeniser playground and
 * the snippets' Edit and run) loads Pyodide (the `pyodide_url` setting of mkdocs.yml), the
 * packages the demo names in its config (numpy, by default) and the toy model's Python files
 * (copied by the build into assets/demos/py/). Python draws every figure (SVG text); this file
 * only wires the controls, the URL and the step loop. Python runs in the worker, so the page never
 * freezes, even while the transfer demo pretrains its network.
 *
 * The backend (runtime.js documents it; a test may replace it): this file reaches Python through
 * backend.load(config, progress) and backend.call(requestJson) only, and never holds a Python
 * object. The requests (create, advance, run, render, destroy) are documented in
 * lectureutils/toy/demos/api.py. When the page's Python is stopped (a runaway snippet's Stop
 * button), the demo starts again from zero with its settings.
 */
(function () {
  "use strict";
  if (window.lectureDemos) return;

  var CHUNK_SECONDS = 0.025; // Python trains this long, then the browser gets control back
  var RENDER_EVERY_MS = 90;

  // This script's folder (assets/demos/), from its own address: right on every page, however deep
  // (a side-by-side page sits one folder below the chapter its configuration was written for).
  var HERE = new URL(".", document.currentScript.src).href;

  // The page's one Python (runtime.js), imported on the first start only.
  function chooseBackend(config) {
    return import(new URL(config.assets + "runtime.js", document.baseURI).href).then(function (runtime) {
      return runtime.chooseBackend();
    });
  }

  function Demo(section) {
    this.section = section;
    this.config = JSON.parse(section.querySelector(".lecture-demo__config").textContent);
    this.config.assets = HERE;
    this.strings = this.config.strings;
    this.name = this.config.demo;
    this.uid = "demo-" + this.name + "-live";
    this.live = section.querySelector(".lecture-demo__live");
    this.canvas = section.querySelector(".lecture-demo__canvas");
    this.form = section.querySelector(".lecture-demo__controls");
    this.startButton = section.querySelector(".lecture-demo__start");
    this.playButton = section.querySelector(".lecture-demo__play");
    this.stepButton = section.querySelector(".lecture-demo__step");
    this.resetButton = section.querySelector(".lecture-demo__reset");
    this.linkButton = section.querySelector(".lecture-demo__link");
    this.progressBox = section.querySelector(".lecture-demo__progress");
    this.progressBar = this.progressBox.querySelector("progress");
    this.progressText = this.progressBox.querySelector(".lecture-demo__progress-text");
    this.errorBox = section.querySelector(".lecture-demo__error");
    this.status = section.querySelector(".lecture-demo__status");
    this.counter = section.querySelector(".lecture-demo__counter");
    this.description = section.querySelector(".lecture-demo__description");
    this.backend = null;
    this.model = null; // the id of the live demo in Python
    this.queue = Promise.resolve(); // backend calls of this demo run one after the other
    this.running = false;
    this.run = 0; // bumped by play and pause: a loop stops when its run is over
    this.readUrl();
    this.bind();
    this.live.hidden = false;
    section.classList.add("lecture-demo--js");
  }

  Demo.prototype.param = function (name) { return this.name + "-" + name; };

  Demo.prototype.fields = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("select, input[type=checkbox]"));
  };

  Demo.prototype.settings = function () {
    var settings = {};
    this.fields().forEach(function (field) {
      settings[field.name] = field.type === "checkbox" ? (field.checked ? "1" : "0") : field.value;
    });
    return settings;
  };

  Demo.prototype.readUrl = function () {
    var query = new URLSearchParams(window.location.search);
    var self = this;
    this.fields().forEach(function (field) {
      var value = query.get(self.param(field.name));
      if (value === null) return;
      if (field.type === "checkbox") {
        field.checked = value === "1";
      } else if (Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
        field.value = value; // only allowed values; Python checks them again
      }
    });
  };

  Demo.prototype.writeUrl = function () {
    var url = new URL(window.location.href);
    var self = this;
    var settings = this.settings();
    this.fields().forEach(function (field) {
      var fallback = field.type === "checkbox" ? (field.defaultChecked ? "1" : "0") : field.querySelector("option[selected]").value;
      var key = self.param(field.name);
      if (settings[field.name] === fallback) url.searchParams.delete(key);
      else url.searchParams.set(key, settings[field.name]);
    });
    window.history.replaceState(window.history.state, "", url.toString());
    return url;
  };

  Demo.prototype.bind = function () {
    var self = this;
    this.startButton.addEventListener("click", function () { self.start(); });
    this.playButton.addEventListener("click", function () { self.running ? self.pause() : self.play(); });
    this.stepButton.addEventListener("click", function () { self.pause(); self.advance(1); });
    this.resetButton.addEventListener("click", function () { self.reset(); });
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
    this.form.addEventListener("change", function () {
      self.writeUrl();
      if (self.model !== null) self.reset().then(function () { self.say(self.strings.changed); });
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
  };

  Demo.prototype.say = function (text) { this.status.textContent = text; };

  Demo.prototype.progress = function (value, text) {
    this.progressBox.hidden = false;
    this.progressBar.value = value;
    this.progressText.textContent = text;
  };

  // One request to Python, queued behind this demo's earlier ones; resolves to the reply object.
  Demo.prototype.request = function (op, fields) {
    var self = this;
    var body = { op: op, lang: this.config.lang, uid: this.uid };
    Object.keys(fields || {}).forEach(function (key) { body[key] = fields[key]; });
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

  // The settings only act on a running demo: they are enabled once Python is ready.
  Demo.prototype.enableSettings = function (enabled) {
    this.form.querySelectorAll("fieldset").forEach(function (fieldset) { fieldset.disabled = !enabled; });
  };

  // A failed start says why where the reader is: focus moves to the message, which offers to retry.
  Demo.prototype.fail = function (error, message) {
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
    retry.addEventListener("click", function () { self.start(); });
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
    this.section.dataset.state = "failed";
    this.errorBox.focus();
  };

  Demo.prototype.start = async function () {
    var self = this;
    var hadFocus = document.activeElement === this.startButton;
    this.startButton.disabled = true;
    this.errorBox.hidden = true;
    try {
      if (!this.backend) {
        this.backend = await chooseBackend(this.config);
        if (this.backend.onRestart) this.backend.onRestart(function () { self.restarted(); });
      }
      await this.backend.load(this.config, function (v, t) { self.progress(v, t); });
      await this.reset();
    } catch (error) {
      this.progressBox.hidden = true;
      this.startButton.disabled = false;
      this.model = null;
      this.fail(error, this.strings.failed);
      return;
    }
    this.progress(4, this.strings.ready);
    this.startButton.hidden = true;
    this.errorBox.hidden = true;
    this.enableSettings(true);
    [this.playButton, this.stepButton, this.resetButton].forEach(function (b) { b.disabled = false; });
    if (hadFocus) this.playButton.focus(); // the start button is gone: keyboard users land on Play
    this.say(this.strings.ready);
    this.section.dataset.state = "ready";
  };

  // A fresh demo with the current settings; it keeps playing if it was playing.
  Demo.prototype.reset = async function () {
    var wasRunning = this.running;
    this.pause(true);
    if (this.model !== null) this.request("destroy", { id: this.model });
    this.model = null;
    var state = await this.request("create", { demo: this.name, settings: this.settings() });
    this.model = state.id;
    this.errorBox.hidden = true;
    this.show(state, true);
    if (wasRunning) this.play();
  };

  // Show a state from Python: figure (when it came), counter, description, stop message.
  Demo.prototype.show = function (state, announce) {
    if (state.id !== this.model) return state; // a reply about a demo that was replaced
    if (state.svg) this.canvas.innerHTML = state.svg;
    this.counter.textContent = state.counter;
    this.section.dataset.steps = state.steps;
    if (this.description) this.description.textContent = state.description;
    if (state.message) {
      this.errorBox.hidden = false;
      this.errorBox.textContent = state.message;
    }
    if (announce) this.say(state.counter + ". " + state.description);
    return state;
  };

  // The page's Python was stopped and started afresh: this demo's model is gone, make a new one.
  Demo.prototype.restarted = function () {
    if (this.model === null) return;
    var self = this;
    this.pause(true);
    this.model = null;
    this.queue = Promise.resolve();
    this.reset().catch(function (error) { self.broken(error); });
  };

  Demo.prototype.broken = function (error) {
    if (error && error.stopped) return; // the page's Python was stopped: restarted() follows
    this.pause(true);
    this.fail(error, this.strings.failed);
  };

  Demo.prototype.advance = function (count) {
    var self = this;
    if (this.model === null) return Promise.resolve();
    return this.request("advance", { id: this.model, count: count }).then(function (state) {
      self.show(state, true);
    }, function (error) { self.broken(error); });
  };

  Demo.prototype.play = function () {
    if (this.model === null || this.running) return;
    this.running = true;
    this.run += 1;
    this.playButton.textContent = this.strings.pause;
    this.playButton.setAttribute("aria-pressed", "true");
    this.section.dataset.running = "1";
    this.loop(this.run);
  };

  // Stop the loop; unless `quiet`, draw and announce where it stopped.
  Demo.prototype.pause = function (quiet) {
    if (!this.running) return;
    var self = this;
    this.running = false;
    this.run += 1;
    this.playButton.textContent = this.strings.play;
    this.playButton.setAttribute("aria-pressed", "false");
    this.section.dataset.running = "0";
    if (this.model !== null && !quiet) {
      this.request("render", { id: this.model }).then(function (state) { self.show(state, true); },
                                                      function (error) { self.broken(error); });
    }
  };

  Demo.prototype.loop = async function (run) {
    var lastDraw = 0;
    while (this.running && this.run === run && this.model !== null) {
      var due = performance.now() - lastDraw > RENDER_EVERY_MS;
      var state;
      try {
        state = await this.request("run", { id: this.model, seconds: CHUNK_SECONDS, render: due });
      } catch (error) {
        if (this.run === run) this.broken(error);
        return;
      }
      if (this.run !== run) return; // paused or reset meanwhile
      this.show(state, false);
      if (state.svg) lastDraw = performance.now();
      if (state.done) { this.pause(); return; }
      await new Promise(function (resolve) { setTimeout(resolve, 0); });
    }
  };

  function init() {
    window.lectureDemos = Array.prototype.map.call(
      document.querySelectorAll("section.lecture-demo:not(.lecture-tokens)"),
      function (section) { return new Demo(section); }
    );
  }

  window.lectureDemos = [];
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
