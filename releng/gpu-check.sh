#!/bin/bash
# On a machine with an NVIDIA GPU: build with -Pcuda (ND4J's CUDA 11.6 backend), run the compute self-test
# (1D, 2D and 3D convnet training) on the GPU and on the CPU, and print examples/s side by side.
# ND4J 1.0.0-M2.1 is the last DL4J release; its CUDA build targets compute capabilities up to 8.6 (Ampere), so on
# newer GPUs (Hopper: 9.0) this check is what tells whether it runs at all.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
command -v nvidia-smi >/dev/null || { echo "gpu-check: nvidia-smi not found: no NVIDIA GPU here" >&2; exit 2; }
nvidia-smi --query-gpu=name,compute_cap,memory.total,driver_version --format=csv
./mvnw -B -q package -DskipTests -Pcuda
export CONVBENCH_NO_BUILD=1 OUT_DIR=${OUT_DIR:-/tmp/convbench-gpu-check}
mkdir -p "$OUT_DIR"
echo "== CPU backend"
BACKEND_PRIORITY_GPU=-1 ./convbench compute selftest --json > "$OUT_DIR/cpu.json"
echo "== CUDA backend"
BACKEND_PRIORITY_GPU=200 ./convbench compute info --json | tee "$OUT_DIR/gpu-info.json"
BACKEND_PRIORITY_GPU=200 ./convbench compute selftest --json > "$OUT_DIR/gpu.json" || echo "gpu-check: the CUDA self-test failed (see above)"
python3 - "$OUT_DIR/cpu.json" "$OUT_DIR/gpu.json" <<'PY'
import json, sys
cpu = {n["name"]: n for n in json.load(open(sys.argv[1]))["nets"]}
try:
    gpu_doc = json.load(open(sys.argv[2])); gpu = {n["name"]: n for n in gpu_doc["nets"]}
except Exception as e:
    gpu_doc, gpu = {"backend": "failed"}, {}
print(f"{'net':8} {'CPU ex/s':>10} {'GPU ex/s':>10} {'GPU/CPU':>8}   (GPU backend: {gpu_doc.get('backend')})")
for name, c in cpu.items():
    g = gpu.get(name, {}).get("examplesPerSecond")
    ratio = "-" if not g else f"{g / c['examplesPerSecond']:.2f}"
    print(f"{name:8} {c['examplesPerSecond']:10.1f} {'-' if g is None else round(g, 1)!s:>10} {ratio:>8}")
PY
