#!/usr/bin/env bash
# Installs the system packages vst's tests need on Debian 12 (bookworm). Idempotent.
# valkey-server/valkey-tools come from bookworm-backports; the archive URI is taken from the
# system's own apt sources, so no mirror host is written anywhere.
set -euo pipefail

# With --runtime only what running vst needs (Java, Maven to build it, valkey-server); without it,
# everything the test suite needs too.
runtime_only=0
[ "${1:-}" = "--runtime" ] && runtime_only=1

need=()
command -v valkey-server >/dev/null 2>&1 || need+=(valkey-server)
command -v valkey-cli >/dev/null 2>&1 || need+=(valkey-tools)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
# OpenBLAS: exact neighbours (recall ground truth) run on its sgemm; without it vst uses its own slower kernel.
ldconfig -p 2>/dev/null | grep 'libopenblas\.so\.0' >/dev/null || need+=(libopenblas0-pthread)
if [ "$runtime_only" -eq 0 ]; then
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)
command -v fakeroot >/dev/null 2>&1 || need+=(fakeroot)
command -v objcopy >/dev/null 2>&1 || need+=(binutils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# The dataset tests read HDF5 and NumPy files written by an independent writer (Debian's h5py/NumPy).
/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1 || need+=(python3-h5py python3-numpy)
# bench/query's peer client (redis-py processes running the same KNN queries).
/usr/bin/python3 -c 'import redis' >/dev/null 2>&1 || need+=(python3-redis)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "vst setup: missing system packages: ${need[*]}" >&2
  echo "vst setup: run this script as root (sudo $0) to install them." >&2
  exit 1
fi

# The first Debian archive URI configured on this system (deb822 or one-line format).
archive_uri() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      /^[[:space:]]*$/ { if (uri != "" && suites ~ /bookworm( |$)/) { print uri; exit } uri=""; suites=""; next }
      /^URIs:/ { uri=$2 }
      /^Suites:/ { $1=""; suites=$0 }
      END { if (uri != "" && suites ~ /bookworm( |$)/) print uri }
    ' "$f" | head -n 1
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1=="deb" && $0 ~ / bookworm / { for (i=2;i<=NF;i++) if ($i ~ /^(https?|file|ftp):/) { print $i; exit } }' "$f"
  done
}

backports_present() {
  grep -rqsE '(^|[[:space:]])bookworm-backports([[:space:]]|$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null
}

if ! backports_present; then
  uri=$(archive_uri | head -n 1)
  if [ -z "$uri" ]; then
    echo "vst setup: no Debian bookworm archive found in /etc/apt/sources.list*; add bookworm-backports by hand" >&2
    exit 1
  fi
  cat > /etc/apt/sources.list.d/vst-bookworm-backports.sources <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
pkgs=()
for p in "${need[@]}"; do
  case "$p" in
    valkey-server|valkey-tools) pkgs+=("$p/bookworm-backports") ;;
    *) pkgs+=("$p") ;;
  esac
done
apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
