#!/bin/bash
# Installs the Debian packages of releng/debian-packages.txt that this machine lacks (needs root or sudo).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
missing=()
while read -r pkg; do
  [ -z "$pkg" ] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$ROOT/releng/debian-packages.txt")
[ ${#missing[@]} -eq 0 ] && exit 0
echo "convbench: installing Debian packages: ${missing[*]}" >&2
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" > /tmp/convbench-apt.log 2>&1 \
  || { echo "convbench: apt-get install failed, see /tmp/convbench-apt.log" >&2; tail -20 /tmp/convbench-apt.log >&2; exit 1; }
