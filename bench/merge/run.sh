#!/usr/bin/env bash
# How long 'vst merge' takes on SHARDS synthetic shards of SAMPLES one-second samples (one query latency
# interval each), REPS merges in one JVM. Prints the wall seconds of each merge and, apart, of the merged
# run's report alone, with the load average.
# Usage: bench/merge/run.sh [SHARDS] [SAMPLES] [REPS]   (from the repository root, after mvn compile)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
out="$here/bench/out/merge"
cp_file="$here/target/bench-merge.classpath"
[ -f "$cp_file" ] || (cd "$here" && mvn -o -q dependency:build-classpath -Dmdep.outputFile="$cp_file")
rm -rf "$out" && mkdir -p "$out"
java -Djava.awt.headless=true -cp "$here/target/classes:$(cat "$cp_file")" "$here/bench/merge/ShardRuns.java" \
  "$out" "${1:-3}" "${2:-3600}" "${3:-3}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
