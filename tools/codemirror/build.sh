#!/bin/sh
# Rebuilds the vendored CodeMirror 6 bundle of the snippets' Edit and run (`make codemirror`):
# installs the exact versions of package.json / package-lock.json into a git-ignored folder,
# bundles entry.mjs with esbuild into one minified ES module, and gathers the licences of every
# package bundled. Needs node and npm (and the network, for npm). Commit the two output files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/.cache/codemirror-build"
out="$root/docs/assets/vendor/codemirror"
mkdir -p "$work" "$out"
cp "$here/package.json" "$here/entry.mjs" "$work/"
[ -f "$here/package-lock.json" ] && cp "$here/package-lock.json" "$work/"
cd "$work"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; cp package-lock.json "$here/"; fi
npx esbuild entry.mjs --bundle --format=esm --minify --legal-comments=none --target=es2020 \
  --outfile="$out/codemirror.min.js"
# The licence of every package in the bundle (its dependency tree, esbuild excluded).
node -e '
const fs = require("fs"), path = require("path");
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const names = Object.keys(lock.packages).filter((p) => p.startsWith("node_modules/") && !lock.packages[p].dev).sort();
let text = "CodeMirror 6 bundle of this site (docs/assets/vendor/codemirror/codemirror.min.js),\nbuilt by tools/codemirror/build.sh from these packages, each under its own licence:\n";
for (const p of names) {
  const info = lock.packages[p];
  const dir = path.join(p);
  const file = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  text += "\n==== " + p.slice("node_modules/".length) + " " + info.version + " (" + (info.license || "?") + ") ====\n\n";
  text += file ? fs.readFileSync(path.join(dir, file), "utf8").trim() + "\n" : "(no licence file in the package)\n";
}
fs.writeFileSync(process.argv[1], text);
' "$out/LICENSE.txt"
ls -l "$out"
