#!/usr/bin/env bash
# Start-up time of short vst commands: the launcher as it is (class-data sharing, C1 for short commands)
# against plain `java -jar` on the same jar, interleaved, REPS repetitions each; prints min / median / max
# of each and of the ratio.
#
#   bench/startup/run.sh [REPS]      default 7
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
reps=${1:-7}
jar="$root/target/vst-0.1.0-all.jar"
"$root/vst" --version >/dev/null   # builds the jar and the class archive when needed
now() { date +%s.%N; }
for cmd in "--version" "scenario validate --scenario quickstart"; do
  launcher=(); plain=()
  for _ in $(seq "$reps"); do
    t0=$(now); "$root/vst" $cmd >/dev/null; t1=$(now)
    java -jar "$jar" $cmd >/dev/null; t2=$(now)
    launcher+=("$(echo "$t1 - $t0" | bc)"); plain+=("$(echo "$t2 - $t1" | bc)")
  done
  python3 - "$cmd" "${launcher[*]}" "${plain[*]}" <<'PY'
import statistics, sys
cmd, a, b = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
r = [x / y for x, y in zip(a, b)]
f = lambda v: f"{min(v):.3f} / {statistics.median(v):.3f} / {max(v):.3f}"
print(f"vst {cmd}: launcher {f(a)} s, java -jar {f(b)} s, ratio {f(r)} (min / median / max)")
PY
done
