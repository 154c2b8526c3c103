/* The page's one Python, shared by the live demos (demos.js), the tokeniser playground (tokens.js)
 * and the snippets' « Modifier et exécuter » / "Edit and run" (editrun/editrun.js).
 *
 * An ES module, imported on first use only (a start button, an Edit and run button): nothing here
 * is fetched on a first visit. Python runs in one Web Worker (pyworker.js), so a long computation
 * never freezes the page. Every importer gets the same module, hence the same worker.
 *
 * chooseBackend() returns the backend, an object with:
 *   load(config, progress) -> Promise, resolved once Python, the packages (config.packages,
 *       default ["numpy"]) and the Python files (config.sources, paths under config.assets + "py/")
 *       are ready; progress(value 1-3, text) reports the steps, with config.strings' texts.
 *   call(requestJson) -> Promise of the JSON text of lectureutils.toy.api.call (the demos'
 *       requests: lectureutils/toy/demos/api.py and lectureutils/toy/tokenize/api.py).
 *   run(requestJson) -> Promise of the JSON text of lectureutils.reader_run.call (a reader's
 *       snippet: its code, the page's language; the reply has stdout, stderr, figures, error).
 *   stop() -> ends whatever Python is doing: the worker is terminated and the next request starts a
 *       fresh one, loaded with everything loaded before. Pending requests reject with an error
 *       whose `stopped` is true; every onRestart(listener) is called (Python's state is gone).
 * Readers always get the worker backend. The one exception is an explicit test hook: a test may
 * define `window.lectureDemosBackend` (load and call, and run for the snippets) before the page
 * runs; the browser tests use it to send the same requests to the same Python code running in
 * CPython on their local server (tests/test_demos_browser.py). No page of the site defines it.
 */

const PROGRESS = { core: [1, "loading_core"], packages: [2, "loading_numpy"], code: [3, "loading_code"] };

class WorkerBackend {
  constructor() {
    this.name = "pyodide-worker";
    this.worker = null;
    this.pending = new Map(); // id -> {resolve, reject, progress}
    this.nextId = 1;
    this.pyodide = null; // the Pyodide URL of the first load
    this.packages = new Set();
    this.sources = new Map(); // path -> absolute URL
    this.ready = null; // the promise of the last load of this worker
    this.listeners = [];
  }

  start() {
    this.worker = new Worker(new URL("pyworker.js", import.meta.url), { type: "module" });
    this.worker.onmessage = (event) => {
      const message = event.data;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      if (message.progress) {
        waiting.progress(message.progress);
        return;
      }
      this.pending.delete(message.id);
      if ("error" in message) waiting.reject(new Error(message.error));
      else waiting.resolve(message.result);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.failAll(new Error("Python worker: " + (event.message || "failed to start")));
    };
    this.ready = null;
  }

  send(body, progress) {
    if (!this.worker) this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress: progress || function () {} });
      this.worker.postMessage(Object.assign({ id: id }, body));
    });
  }

  failAll(error) {
    const waiting = Array.from(this.pending.values());
    this.pending.clear();
    waiting.forEach((entry) => entry.reject(error));
  }

  // Everything loaded so far, into the current worker (a fresh one after stop()).
  loadAll(progress) {
    const ready = this.send({
      type: "load", pyodide: this.pyodide, packages: Array.from(this.packages),
      sources: Array.from(this.sources.entries()), env: { PYTHONHASHSEED: "0" },
    }, progress);
    this.ready = ready;
    ready.catch(() => { if (this.ready === ready) this.ready = null; }); // a later click may try again
    return ready;
  }

  load(config, progress) {
    const strings = config.strings || {};
    const base = new URL(config.assets + "py/", document.baseURI);
    this.pyodide = this.pyodide || new URL(config.pyodide, document.baseURI).href;
    (config.packages || ["numpy"]).forEach((name) => this.packages.add(name));
    config.sources.forEach((path) => this.sources.set(path, new URL(path, base).href));
    return this.loadAll(function (step) {
      const [value, key] = PROGRESS[step];
      if (progress) progress(value, strings[key] || "");
    });
  }

  async request(type, requestJson) {
    if (!this.ready) {
      if (!this.pyodide) throw new Error("Python is not loaded yet");
      this.loadAll();
    }
    await this.ready;
    return this.send({ type: type, request: requestJson });
  }

  call(requestJson) { return this.request("call", requestJson); }

  run(requestJson) { return this.request("run", requestJson); }

  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    const error = new Error("stopped");
    error.stopped = true;
    this.failAll(error);
    this.listeners.forEach((listener) => { try { listener(); } catch (problem) { console.error(problem); } });
  }

  onRestart(listener) { this.listeners.push(listener); }
}

const workerBackend = new WorkerBackend();

export function chooseBackend() {
  const hook = window.lectureDemosBackend; // test hook only, see the header
  if (hook && typeof hook.load === "function" && typeof hook.call === "function") return hook;
  return workerBackend;
}
