/* Live toy demos of the lecture (lectureutils.toy, run by Pyodide in the browser).
 *
 * Nothing is fetched from another host until the reader presses a demo's start button. Then
 * Pyodide (the `pyodide_url` setting of mkdocs.yml), numpy and the toy model's Python files
 * (copied by the build into assets/demos/py/) are loaded once for the whole page. Python draws
 * every figure (SVG text); this file only wires the controls, the URL and the step loop, which
 * hands control back to the browser every few milliseconds so the page never freezes.
 */
(function () {
  "use strict";
  if (window.lectureDemos) return;

  var runtime = null; // one promise per page: {pyodide, demos}
  var CHUNK_SECONDS = 0.025; // Python trains this long, then the browser gets control back
  var RENDER_EVERY_MS = 90;

  function loadRuntime(config, progress) {
    if (runtime) return runtime;
    runtime = (async function () {
      var strings = config.strings;
      progress(1, strings.loading_core);
      var module = await import(config.pyodide + "pyodide.mjs");
      var pyodide = await module.loadPyodide({ indexURL: config.pyodide });
      progress(2, strings.loading_numpy);
      var problems = [];
      try {
        await pyodide.loadPackage("numpy", {
          messageCallback: function () {},
          errorCallback: function (message) { problems.push(message); },
        });
      } catch (error) {
        problems.push(String(error));
      }
      try {
        pyodide.runPython("import numpy");
      } catch (error) {
        throw new Error("numpy: " + (problems.join(" ") || String(error)));
      }
      progress(3, strings.loading_code);
      var root = "/home/pyodide/lecture";
      await Promise.all(config.sources.map(async function (path) {
        var response = await fetch(config.assets + "py/" + path);
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        var text = await response.text();
        var folder = (root + "/" + path).replace(/\/[^/]*$/, "");
        pyodide.FS.mkdirTree(folder);
        pyodide.FS.writeFile(root + "/" + path, text);
      }));
      pyodide.runPython("import sys\nif '" + root + "' not in sys.path: sys.path.insert(0, '" + root + "')");
      var demos = pyodide.pyimport("lectureutils.toy.demos");
      return { pyodide: pyodide, demos: demos };
    })();
    runtime.catch(function () { runtime = null; }); // a later click may try again
    return runtime;
  }

  function Demo(section) {
    this.section = section;
    this.config = JSON.parse(section.querySelector(".lecture-demo__config").textContent);
    this.strings = this.config.strings;
    this.name = this.config.demo;
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
    this.model = null;
    this.running = false;
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
      if (self.model) { self.reset(); self.say(self.strings.changed); }
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
  };

  Demo.prototype.say = function (text) { this.status.textContent = text; };

  Demo.prototype.progress = function (value, text) {
    this.progressBox.hidden = false;
    this.progressBar.value = value;
    this.progressText.textContent = text;
  };

  Demo.prototype.start = async function () {
    var self = this;
    this.startButton.disabled = true;
    this.errorBox.hidden = true;
    try {
      this.runtime = await loadRuntime(this.config, function (v, t) { self.progress(v, t); });
    } catch (error) {
      this.progressBox.hidden = true;
      this.startButton.disabled = false;
      this.errorBox.hidden = false;
      this.errorBox.innerHTML = "";
      var message = document.createElement("p");
      message.textContent = this.strings.failed;
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = this.strings.details;
      var code = document.createElement("code");
      code.textContent = String(error && error.message ? error.message : error).slice(0, 500);
      details.appendChild(summary);
      details.appendChild(code);
      this.errorBox.appendChild(message);
      this.errorBox.appendChild(details);
      this.section.dataset.state = "failed";
      return;
    }
    this.progress(4, this.strings.ready);
    this.startButton.hidden = true;
    [this.playButton, this.stepButton, this.resetButton].forEach(function (b) { b.disabled = false; });
    this.reset();
    this.say(this.strings.ready);
    this.section.dataset.state = "ready";
  };

  Demo.prototype.reset = function () {
    var wasRunning = this.running;
    this.pause();
    if (this.model) { this.model.destroy(); this.model = null; }
    this.model = this.runtime.demos.create(this.name, JSON.stringify(this.settings()));
    this.errorBox.hidden = true;
    this.draw(true);
    if (wasRunning) this.play();
  };

  Demo.prototype.draw = function (announce) {
    this.canvas.innerHTML = this.model.render(this.config.lang, "demo-" + this.name + "-live");
    var status = JSON.parse(this.model.status_json(this.config.lang));
    this.counter.textContent = status.counter;
    this.section.dataset.steps = status.steps;
    if (this.description) this.description.textContent = status.description;
    if (status.message) {
      this.errorBox.hidden = false;
      this.errorBox.textContent = status.message;
    }
    if (announce) this.say(status.counter + ". " + status.description);
    return status;
  };

  Demo.prototype.advance = function (count) {
    if (!this.model) return;
    this.model.advance(count);
    var status = this.draw(true);
    if (status.done) this.pause();
  };

  Demo.prototype.play = function () {
    if (!this.model || this.running) return;
    this.running = true;
    this.playButton.textContent = this.strings.pause;
    this.playButton.setAttribute("aria-pressed", "true");
    this.section.dataset.running = "1";
    this.loop();
  };

  Demo.prototype.pause = function () {
    if (!this.running) return;
    this.running = false;
    this.playButton.textContent = this.strings.play;
    this.playButton.setAttribute("aria-pressed", "false");
    this.section.dataset.running = "0";
    if (this.model) this.draw(true);
  };

  Demo.prototype.loop = async function () {
    var lastDraw = 0;
    while (this.running && this.model) {
      this.model.run_for(CHUNK_SECONDS);
      var now = performance.now();
      if (now - lastDraw > RENDER_EVERY_MS) {
        var status = this.draw(false);
        lastDraw = performance.now();
        if (status.done) { this.pause(); break; }
      } else if (this.model.done) {
        this.pause();
        break;
      }
      await new Promise(function (resolve) { setTimeout(resolve, 0); });
    }
  };

  function init() {
    window.lectureDemos = Array.prototype.map.call(
      document.querySelectorAll("section.lecture-demo"),
      function (section) { return new Demo(section); }
    );
  }

  window.lectureDemos = [];
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
