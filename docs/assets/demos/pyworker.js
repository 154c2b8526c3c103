/* The page's one Python: Pyodide in a module Web Worker, so that no Python run ever freezes the page.
 *
 * Only runtime.js starts it (new Worker(url, {type: "module"})), when a reader first starts a demo,
 * the tokeniser playground or an edited snippet. Messages (structured clones):
 *   page -> worker  {id, type: "load", pyodide, packages, sources: [[path, url]], env}
 *                       boots Pyodide once (with `env`, which Python reads at start-up, such as
 *                       PYTHONHASHSEED), loads the packages, writes each source file under
 *                       /home/pyodide/lecture (put on sys.path) unless already written.
 *                   {id, type: "call", request}   request: JSON text for lectureutils.toy.api.call
 *                   {id, type: "run", request}    request: JSON text for lectureutils.reader_run.call
 *   worker -> page  {id, progress: "core" | "packages" | "code"}   a step of a load
 *                   {id, result: text}                              the reply (JSON text for call/run)
 *                   {id, error: text}                               the load or the call failed
 * A runaway run is ended from outside: runtime.js terminates this worker and starts a fresh one.
 */
const ROOT = "/home/pyodide/lecture";
let pyodide = null;
let booting = null;
const written = new Set();
const modules = {};

function boot(message) {
  if (!booting) {
    booting = (async () => {
      post(message.id, { progress: "core" });
      const module = await import(message.pyodide + "pyodide.mjs");
      pyodide = await module.loadPyodide({ indexURL: message.pyodide, env: message.env || {} });
      pyodide.runPython(`import sys\nif ${JSON.stringify(ROOT)} not in sys.path: sys.path.insert(0, ${JSON.stringify(ROOT)})`);
      return pyodide;
    })();
    booting.catch(() => { booting = null; }); // a later load may try again
  }
  return booting;
}

async function load(message) {
  const py = await boot(message);
  const packages = message.packages || [];
  if (packages.length) {
    post(message.id, { progress: "packages" });
    const problems = [];
    try {
      await py.loadPackage(packages, {
        messageCallback: () => {},
        errorCallback: (text) => { problems.push(text); },
      });
    } catch (error) {
      problems.push(String(error));
    }
    for (const name of packages) {
      try {
        py.runPython("import " + name);
      } catch (error) {
        throw new Error(name + ": " + (problems.join(" ") || String(error)));
      }
    }
  }
  const missing = (message.sources || []).filter(([path]) => !written.has(path));
  if (missing.length) {
    post(message.id, { progress: "code" });
    await Promise.all(missing.map(async ([path, url]) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(path + ": HTTP " + response.status);
      const text = await response.text();
      const file = ROOT + "/" + path;
      py.FS.mkdirTree(file.replace(/\/[^/]*$/, ""));
      py.FS.writeFile(file, text);
      written.add(path);
    }));
    py.runPython("import importlib\nimportlib.invalidate_caches()");
  }
  return "ready";
}

function entry(name) {
  if (!modules[name]) modules[name] = pyodide.pyimport(name);
  return modules[name];
}

function post(id, body) {
  self.postMessage(Object.assign({ id: id }, body));
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    let result;
    if (message.type === "load") {
      result = await load(message);
    } else {
      if (!pyodide) throw new Error("Python is not loaded yet");
      if (message.type === "call") {
        result = entry("lectureutils.toy.api").call(message.request);
      } else if (message.type === "run") {
        // A reader's own code may import a package the page did not announce (numpy...).
        const request = JSON.parse(message.request);
        await pyodide.loadPackagesFromImports(request.code || "").catch(() => {});
        result = entry("lectureutils.reader_run").call(message.request);
      } else {
        throw new Error("unknown message type " + message.type);
      }
    }
    post(message.id, { result: result });
  } catch (error) {
    post(message.id, { error: String(error && error.message ? error.message : error) });
  }
};
