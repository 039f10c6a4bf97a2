#!/usr/bin/env bash
# How long 'vst report' takes: the recorded quickstart run, and a synthetic 10-hour run
# (36,000 one-second samples, 36,000 latency intervals, 20 steps, 10 checkpoints).
# Prints wall and CPU seconds of each, and the ratio of the long run to the quickstart.
# Usage: bench/report/run.sh [SAMPLES]   (from the repository root, after mvn -DskipTests package)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$here/target/vst-0.1.0-all.jar"
out="$here/bench/out/report"
samples="${1:-36000}"
rm -rf "$out" && mkdir -p "$out"
long=$(java -cp "$jar" "$here/bench/report/LongRun.java" "$out/runs" "$samples")
time_report() {
  local dir="$1" report="$2"
  /usr/bin/time -f "%e %U %S" -o "$out/time.txt" \
    java -Djava.awt.headless=true -jar "$jar" report "$dir" --out "$report" >/dev/null
  read -r wall user sys < "$out/time.txt"
  echo "$wall $(echo "$user + $sys" | bc)"
}
read -r qs_wall qs_cpu <<<"$(time_report "$here/src/test/resources/runs/quickstart" "$out/quickstart")"
read -r long_wall long_cpu <<<"$(time_report "$long" "$out/long")"
printf '%-32s %10s %10s\n' "run" "wall s" "cpu s"
printf '%-32s %10s %10s\n' "quickstart (5 samples)" "$qs_wall" "$qs_cpu"
printf '%-32s %10s %10s\n' "synthetic ($samples samples)" "$long_wall" "$long_cpu"
printf 'ratio long/quickstart: wall %.2f, cpu %.2f\n' "$(echo "$long_wall / $qs_wall" | bc -l)" \
  "$(echo "$long_cpu / $qs_cpu" | bc -l)"
printf 'report.html: %s bytes; timeline.csv: %s bytes; load average: %s\n' \
  "$(stat -c %s "$out/long/report.html")" "$(stat -c %s "$long/timeline.csv")" "$(cut -d' ' -f1-3 /proc/loadavg)"
