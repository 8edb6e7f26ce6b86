#!/bin/bash
# ./convbench bench [--json] [--threads N] [--nets A,B] [--runs N] [--quick]: ConvBench vs TensorFlow Java 1.1.0 on the
# reference nets. Builds releng/benchmarks with ./mvnw when it is missing or older than the sources (the first build
# downloads TensorFlow Java's CPU natives, about 160 MB) and runs the harness; none of it is part of the product.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/releng/java-home.sh"
HARNESS=$ROOT/releng/benchmarks/harness/target
WORKER=$ROOT/releng/benchmarks/tensorflow/target
stale() {
  [ -f "$HARNESS/harness.classpath" ] && [ -f "$WORKER/worker.classpath" ] && [ -d "$WORKER/classes" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/bundles" "$ROOT/releng/benchmarks" -newer "$HARNESS/harness.classpath" \
      -type f -not -path '*/target/*' -print -quit)" ]
}
if [ -z "${CONVBENCH_NO_BUILD:-}" ] && stale; then
  echo "convbench bench: building releng/benchmarks (./mvnw -B -q package -DskipTests)..." >&2
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl releng/benchmarks/harness -am >&2)
  touch "$HARNESS/harness.classpath"
fi
# ND4J's OpenMP kernels read their thread count from the environment before the harness can set it
threads=2
args=("$@")
for ((i = 0; i < ${#args[@]} - 1; i++)); do [ "${args[$i]}" = --threads ] && threads=${args[$((i + 1))]}; done
export OMP_NUM_THREADS=$threads
# the product's setting (releng/run-product.sh): OpenMP threads sleep between ops instead of spinning
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
JVM=(-Xmx4g --enable-native-access=ALL-UNNAMED
     -Dorg.bytedeco.javacpp.cachedir="${CONVBENCH_HOME:-$HOME/.convbench}/javacpp-1.0.0-M2.1"
     -Dconvbench.bench.worker="$WORKER")
[ -n "${CONVBENCH_JVM_ARGS:-}" ] && read -r -a extra <<< "$CONVBENCH_JVM_ARGS" && JVM+=("${extra[@]}")
exec "$JAVA_HOME/bin/java" "${JVM[@]}" \
  -cp "$HARNESS/classes:$(cat "$HARNESS/harness.classpath")" convbench.bench.BenchMain "$@"
