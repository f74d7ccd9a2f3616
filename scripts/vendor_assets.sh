#!/usr/bin/env bash
# Copy the browser files the HTML book serves itself (no CDN at read time) into _build/vendor/
# (axe-core, for the tests only, into _build/test-vendor/; reveal.js, for the slide decks, into
# _build/slides-vendor/reveal/, which scripts/build_slides.py copies next to the decks; JupyterHub's proxy
# into _build/hub-proxy/). Versions are pinned in package.json and package-lock.json and installed with
# `npm ci` from the npm registry; node_modules/ is removed after the copy. Not in book/_static/: every .js
# there would get a <script> tag on every page. Runs again only when the lockfile or these scripts change
# (the stamp is their checksum).
set -euo pipefail
cd "$(dirname "$0")/.."
out=_build/vendor/vendor
stamp="$out/.versions"
key=$(cat package-lock.json "$0" scripts/node_closure.js | sha256sum | cut -c1-16)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
nm=node_modules
rm -rf "$out" _build/test-vendor _build/vendor/notebooks _build/slides-vendor
mkdir -p "$out"/pyodide "$out"/mathjax _build/test-vendor _build/slides-vendor/reveal/theme
# Pyodide's core only, what the static book's calculators need to run the package's pure-Python answer
# functions (book/_static/calculator-worker.js): the loader, the interpreter, the standard library, the
# lock file it reads at start. Fetched by a page only when a reader first uses a calculator.
cp "$nm"/pyodide/{pyodide.mjs,pyodide.asm.mjs,pyodide.asm.wasm,python_stdlib.zip,pyodide-lock.json} "$out"/pyodide/
cp -r "$nm"/mathjax/es5/. "$out"/mathjax/
cp "$nm"/axe-core/axe.min.js _build/test-vendor/  # used by the accessibility tests only
# reveal.js for the slides: its script, base styles and the white theme (fonts inlined, nothing fetched).
cp "$nm"/reveal.js/dist/{reveal.js,reveal.css,reset.css} "$nm"/reveal.js/LICENSE _build/slides-vendor/reveal/
cp "$nm"/reveal.js/dist/theme/white.css _build/slides-vendor/reveal/theme/
# JupyterHub's proxy (the multi-user course and its test): the package and what it requires, ~9 MB
# of the ~250 MB installed; run as `node _build/hub-proxy/node_modules/configurable-http-proxy/bin/...`.
rm -rf _build/hub-proxy && mkdir -p _build/hub-proxy
node scripts/node_closure.js configurable-http-proxy | xargs -I{} cp -r --parents {} _build/hub-proxy/
versions=$(node -e 'const l=require("./package-lock.json");console.log(Object.keys(l.packages[""].dependencies).map(n=>n+"@"+l.packages["node_modules/"+n].version).join(" "))')
rm -rf "$nm"
echo "$key" > "$stamp"
echo "vendored: $versions"
