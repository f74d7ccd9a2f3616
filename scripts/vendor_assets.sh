#!/usr/bin/env bash
# Fetch the browser files the HTML book serves itself (no CDN at read time) from the npm registry,
# pinned by version, into _build/vendor/ (axe-core, for the tests only, into _build/test-vendor/).
# Runs once; later builds reuse the files.
set -euo pipefail
cd "$(dirname "$0")/.."
out=_build/vendor/vendor
stamp="$out/.versions"
packages=(
  "@jupyter-widgets/html-manager@1.0.6"
  "requirejs@2.3.7"
  "mathjax@3.2.2"
  "axe-core@4.10.3"
)
# The stamp is this script's own checksum: any change to what is fetched or copied runs it again.
key=$(sha256sum "$0" | cut -c1-16)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "${packages[@]}" >/dev/null)
rm -rf "$out" _build/test-vendor && mkdir -p "$out"/html-manager "$out"/requirejs "$out"/mathjax _build/test-vendor
tar -xzf "$tmp"/jupyter-widgets-html-manager-1.0.6.tgz -C "$tmp" && mv "$tmp"/package/dist/embed-amd.js "$out"/html-manager/
# The widget bundles ask for their icon fonts relative to the page, under @jupyter-widgets/ and
# @jupyter-widgets/html-manager/dist/; every page with widgets is a lesson in notebooks/.
rm -rf _build/vendor/notebooks
for fonts in _build/vendor/notebooks/@jupyter-widgets _build/vendor/notebooks/@jupyter-widgets/html-manager/dist; do
  mkdir -p "$fonts" && cp "$tmp"/package/dist/*.{woff2,woff,ttf,eot,svg} "$fonts"/
done
rm -rf "$tmp"/package
tar -xzf "$tmp"/requirejs-2.3.7.tgz -C "$tmp" && mv "$tmp"/package/require.js "$out"/requirejs/ && rm -rf "$tmp"/package
tar -xzf "$tmp"/mathjax-3.2.2.tgz -C "$tmp" && cp -r "$tmp"/package/es5/. "$out"/mathjax/ && rm -rf "$tmp"/package
tar -xzf "$tmp"/axe-core-4.10.3.tgz -C "$tmp" && mv "$tmp"/package/axe.min.js _build/test-vendor/  # used by the accessibility tests only && rm -rf "$tmp"/package
echo "$key" > "$stamp"
echo "vendored: ${packages[*]}"
