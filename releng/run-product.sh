#!/bin/bash
# Starts the materialised ConvBench product through the Equinox launcher jar (the product has no native
# launcher: that feature is not on Maven Central). With arguments it runs the headless CLI application.
# usage: releng/run-product.sh [<area> <action> [options]]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/releng/java-home.sh"
PRODUCT=${CONVBENCH_PRODUCT:-$ROOT/releng/convbench.product/target/products/convbench/linux/gtk/x86_64}
LAUNCHER=$(ls "$PRODUCT"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -1)
[ -n "$LAUNCHER" ] || { echo "convbench: no product at $PRODUCT (build it: ./mvnw -B package -DskipTests)" >&2; exit 1; }
STATE=${CONVBENCH_HOME:-$HOME/.convbench}
mkdir -p "$STATE"

# Memory from the machine: DL4J keeps tensors off the Java heap, so the heap stays a quarter of RAM and ND4J may
# use most of the rest (JavaCPP's limits); the compute service refuses jobs that would not fit.
ram_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
heap_mb=$(( ram_kb / 1024 / 4 )); offheap_mb=$(( ram_kb / 1024 * 55 / 100 )); physical_mb=$(( ram_kb / 1024 * 85 / 100 ))
JVM=(-Xmx${heap_mb}m -Dorg.bytedeco.javacpp.maxbytes=${offheap_mb}m -Dorg.bytedeco.javacpp.maxphysicalbytes=${physical_mb}m
     -Dorg.bytedeco.javacpp.cachedir="$STATE/javacpp-1.0.0-M2.1"
     -Dconvbench.sampleData="$ROOT/sample-data" -Dconvbench.repo="$ROOT"
     --enable-native-access=ALL-UNNAMED)
# libgomp's default spin-wait between ND4J's many small ops costs up to 10x when the cores are shared (with the UI
# thread, other jobs, other programs): measured by `./convbench bench` and `compute selftest` (conv1d 103 -> 858 ex/s)
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
[ -n "${CONVBENCH_JVM_ARGS:-}" ] && read -r -a extra <<< "$CONVBENCH_JVM_ARGS" && JVM+=("${extra[@]}")

if [ $# -eq 0 ]; then
  exec "$JAVA_HOME/bin/java" "${JVM[@]}" -jar "$LAUNCHER" -consoleLog -data "${CONVBENCH_WORKSPACE:-$STATE/workspace}"
else
  exec "$JAVA_HOME/bin/java" "${JVM[@]}" -Djava.awt.headless=true -jar "$LAUNCHER" -nosplash \
    -application convbench.cli.app -data "$STATE/cli-workspace" "$@"
fi
