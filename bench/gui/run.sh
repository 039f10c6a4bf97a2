#!/usr/bin/env bash
# Worst EDT stall and heap of the workbench during a full-speed run on the embedded server, beside the
# same window idle. Needs xvfb-run and valkey-server.
#
#   bench/gui/run.sh [SECONDS]        default 600 (the 10-minute run); e.g. 120 for a shorter one
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=${1:-600}
cd "$here"
mvn -q -B -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
xvfb-run -a -s "-screen 0 1600x1000x24" java ${VST_JAVA_OPTS:--Xmx1g} \
  -cp "target/classes:$(cat target/cp.txt)" bench/gui/EdtStallBench.java "$seconds" "$work"
