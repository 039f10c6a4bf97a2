#!/usr/bin/env bash
# Validation benchmark: reads and validates a generated 5,000-step scenario in-process after warm-up.
# Usage: bench/scenario/run.sh [steps] [warmup] [runs]     (run from anywhere; target: < 300 ms)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -ntp -o compile 2>/dev/null || mvn -q -B -ntp compile
cp_file=target/bench/classpath.txt
mkdir -p target/bench
if [[ ! -s "$cp_file" || pom.xml -nt "$cp_file" ]]; then
  mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
fi
cp="target/classes:$(cat "$cp_file")"
javac -d target/bench -cp "$cp" bench/scenario/ValidationBench.java
exec java -Xmx1g -cp "target/bench:$cp" ValidationBench "${1:-5000}" "${2:-20}" "${3:-30}"
