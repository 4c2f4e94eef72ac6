#!/usr/bin/env bash
# Runs on the GPU machine (x86-64, NVIDIA, root, python3 with PyTorch+CUDA, no Node, no
# internet), from a checkout that carries .gpu/ (scripts/gpu/build-bundle.sh). Recipe:
# /work/shared/GPU.md. Writes into $OUT, 7 files:
#   summary.txt        the figures side by side (also printed at the end)
#   measure.log        set-up, the machine, each part's exit status and time, PyTorch's stderr
#   bench-webgpu.json  + .log   the bench on tfjs-webgpu (Dawn on Vulkan): adapter, ms/step, kernels and
#   bench-wasm.json    + .log   readbacks per step, GPU errors, default runs, text scenario, larger batches
#   torch.jsonl        PyTorch on cuda, then on cpu (1 thread and all cores): skills and text, batch ×1, ×4, ×8
#
#   bash scripts/gpu/measure.sh                         the measurement (about 4 min; at most 5.5)
#   OUT=/tmp/gpuout bash scripts/gpu/measure.sh --quick a smoke test anywhere (few steps, short time
#                                                       limits; the .debs go to a private folder, not /)
# Each part runs under its own `timeout`, shortened to fit MEASURE_DEADLINE seconds (default 330)
# from the start, so one hang costs only its own part.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="${OUT:-/tmp/gpuout}"
mkdir -p "$OUT"
QUICK=0
[ "${1:-}" = --quick ] && QUICK=1
DEADLINE="${MEASURE_DEADLINE:-330}"
START=$(date +%s)
TMPD=/tmp/lab-gpu
PY="${TORCH_PYTHON:-python3}"

elapsed() { echo $(( $(date +%s) - START )); }

# part NAME CAP_SECONDS COMMAND...: the command under timeout (its own redirections apply to it);
# the status line goes to the log (fd 3).
part() {
  local name=$1 cap=$2 left
  shift 2
  left=$(( DEADLINE - $(elapsed) - 5 ))
  [ "$cap" -gt "$left" ] && cap=$left
  if [ "$cap" -lt 10 ]; then
    echo "== $name: skipped, $(elapsed) s of the ${DEADLINE} s deadline used" >&3
    return 0
  fi
  echo "== $name: starting at $(elapsed) s (limit ${cap} s)" >&3
  local t rc
  t=$(date +%s)
  timeout -k 5 "$cap" "$@"
  rc=$?
  local why=""
  [ $rc -eq 124 ] || [ $rc -eq 137 ] && why=" (TIMED OUT at ${cap} s)"
  echo "== $name: exit $rc after $(( $(date +%s) - t )) s$why" >&3
  return 0
}

unxz_to() {
  if command -v xz > /dev/null; then xz -dc "$1" > "$2"
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}
# dpkg -x, or where there is no dpkg, the same in Python (a .deb is an ar archive holding data.tar.*)
deb_x() {
  if command -v dpkg > /dev/null; then dpkg -x "$1" "$2"
  else python3 - "$1" "$2" << 'PYEOF'
import io, sys, tarfile
data = open(sys.argv[1], 'rb').read()
pos = 8
while pos < len(data):
    name, size = data[pos:pos + 16].decode().strip().rstrip('/'), int(data[pos + 48:pos + 58])
    if name.startswith('data.tar'):
        tarfile.open(fileobj=io.BytesIO(data[pos + 60:pos + 60 + size])).extractall(sys.argv[2])
    pos += 60 + size + (size & 1)
PYEOF
  fi
}
untar_xz() {
  if command -v xz > /dev/null; then tar -C "$2" -xJf "$1"
  else python3 -c 'import tarfile, sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"; fi
}

setup() {
  echo "== setup: $(date -u +%FT%TZ), $(uname -srm), $(ldd --version 2>&1 | head -1), $(nproc) cores"
  [ -d .gpu/bench ] || { echo "no .gpu/bench here: build it with scripts/gpu/build-bundle.sh and carry .gpu"; return 1; }
  (cd .gpu && sha256sum --quiet -c SHA256SUMS) || echo "WARNING: .gpu/SHA256SUMS does not match"
  mkdir -p "$TMPD"
  unxz_to .gpu/node.xz "$TMPD/node" && chmod +x "$TMPD/node" || return 1
  echo "node: $("$TMPD/node" --version)"
  rm -rf "$TMPD/node_modules" && mkdir -p "$TMPD/node_modules"
  untar_xz .gpu/webgpu.tar.xz "$TMPD/node_modules" || return 1
  # The bundle imports 'webgpu' by name: Node looks in .gpu/node_modules (beside .gpu/bench/).
  rm -rf .gpu/node_modules && ln -s "$TMPD/node_modules" .gpu/node_modules

  # Vulkan: the loader and the GL dispatch libraries NVIDIA's driver needs (GPU.md step 3).
  if [ $QUICK -eq 1 ]; then
    # a smoke test must not change this machine's /: a private root and LD_LIBRARY_PATH
    for f in .gpu/debs/*.deb; do deb_x "$f" "$TMPD/sysroot"; done
    export LD_LIBRARY_PATH="$TMPD/sysroot/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "debs: extracted into $TMPD/sysroot (--quick)"
  else
    for f in .gpu/debs/*.deb; do
      pkg=$(basename "$f" | cut -d_ -f1)
      if dpkg -s "$pkg" > /dev/null 2>&1; then echo "debs: $pkg is installed here, kept"
      else deb_x "$f" / && echo "debs: $pkg extracted into /"; fi
    done
    ldconfig
  fi
  ICD=""
  for f in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.x86_64.json; do
    [ -f "$f" ] && { ICD=$f; break; }
  done
  if [ -z "$ICD" ] && ldconfig -p | grep -q 'libGLX_nvidia.so.0'; then
    ICD="$TMPD/nvidia_icd.json"
    printf '{ "file_format_version": "1.0.0", "ICD": { "library_path": "libGLX_nvidia.so.0", "api_version": "1.3.0" } }\n' > "$ICD"
    echo "vulkan: no NVIDIA ICD manifest found; wrote $ICD for libGLX_nvidia.so.0"
  fi
  if [ -n "$ICD" ]; then
    export VK_ICD_FILENAMES="$ICD"
    echo "vulkan: VK_ICD_FILENAMES=$ICD: $(tr -d '\n' < "$ICD" | tr -s ' ')"
  else
    echo "vulkan: no NVIDIA ICD (the lab looks for other drivers, then SwiftShader)"
  fi
  [ $QUICK -eq 0 ] && export LAB_WEBGPU_DRIVER=system
  ldconfig -p | grep -E 'libvulkan.so.1|libGLX_nvidia.so.0|libGLdispatch.so.0|libnvidia-glvkspirv' | sed 's/^/  /'
  if command -v nvidia-smi > /dev/null; then
    nvidia-smi -L
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader
  else
    echo "nvidia-smi: not here"
  fi
  "$PY" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())' 2>&1 | tail -1
  echo "== setup done at $(elapsed) s"
}

main() {
  exec 3>&1
  setup || { echo "== setup failed"; return 1; }
  local bench=(.gpu/bench/bench.mjs --json --no-torch)
  if [ $QUICK -eq 1 ]; then
    part webgpu 45 "$TMPD/node" "${bench[@]}" --backends webgpu --steps 1 --no-text > "$OUT/bench-webgpu.json" 2> "$OUT/bench-webgpu.log"
    part torch-cuda 30 "$PY" scripts/bench_torch.py 3 1 --device cuda --model skills,text --batch-scales 1,2 >> "$OUT/torch.jsonl"
    part wasm 150 "$TMPD/node" "${bench[@]}" --backends wasm --steps 3 --run-steps 4 --batch-scales 2 > "$OUT/bench-wasm.json" 2> "$OUT/bench-wasm.log"
    for th in 1 "$(nproc)"; do
      part "torch-cpu-${th}" 60 env OMP_NUM_THREADS="$th" "$PY" scripts/bench_torch.py 3 "$th" --device cpu --model skills,text --batch-scales 1,2 >> "$OUT/torch.jsonl"
    done
  else
    part webgpu 140 "$TMPD/node" "${bench[@]}" --backends webgpu --steps 30 --batch-scales 4,8 > "$OUT/bench-webgpu.json" 2> "$OUT/bench-webgpu.log"
    part torch-cuda 40 "$PY" scripts/bench_torch.py 50 1 --device cuda --model skills,text --batch-scales 1,4,8 >> "$OUT/torch.jsonl"
    part wasm 110 "$TMPD/node" "${bench[@]}" --backends wasm --steps 30 --batch-scales 4,8 > "$OUT/bench-wasm.json" 2> "$OUT/bench-wasm.log"
    for th in 1 "$(nproc)"; do
      part "torch-cpu-${th}" 25 env OMP_NUM_THREADS="$th" "$PY" scripts/bench_torch.py 20 "$th" --device cpu --model skills,text --batch-scales 1,4,8 >> "$OUT/torch.jsonl"
    done
  fi
  for f in bench-webgpu bench-wasm; do
    if [ ! -s "$OUT/$f.json" ]; then echo "== $f: no JSON; the last lines of $f.log:"; tail -n 8 "$OUT/$f.log" | sed 's/^/  /'; fi
  done
  echo "== all parts done at $(elapsed) s"
  python3 scripts/gpu/summarize.py "$OUT" | tee "$OUT/summary.txt"
}

main 2>&1 | tee "$OUT/measure.log"
