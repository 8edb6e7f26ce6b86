# Sourced by ./mvnw and ./convbench: ConvBench needs a JDK 21 or newer (Eclipse platform bundles require
# JavaSE-21). Keeps a suitable JAVA_HOME, else picks the newest JDK >= 21 found under /usr/lib/jvm.
convbench_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(convbench_java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    if [ -x "$candidate/bin/javac" ] && [ "$(convbench_java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$candidate; export JAVA_HOME; break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(convbench_java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  echo "ConvBench needs a JDK 21 or newer: set JAVA_HOME (found: ${JAVA_HOME:-none})" >&2; exit 1
fi
