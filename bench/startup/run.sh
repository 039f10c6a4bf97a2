#!/usr/bin/env bash
# Start-up time of short vst commands, interleaved, REPS repetitions each; prints min / median / max of
# each and of the ratios:
#   - the launcher as it is (class-data sharing, C1 for short commands) against plain `java -jar` on the
#     same jar: what the launcher alone saves;
#   - with BASELINE=DIR (a vst checkout, built, e.g. a git worktree of an older commit), the launcher
#     against that checkout's own launcher: what the whole change saves, code included. The issue's
#     "today" is 8c9a376, the last commit before any start-up work.
#
#   bench/startup/run.sh [REPS]      default 7;  env: BASELINE=DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
reps=${1:-7}
jar="$root/target/vst-0.1.0-all.jar"
base=${BASELINE:-}
"$root/vst" --version >/dev/null   # builds the jar and the class archive when needed
[ -n "$base" ] && "$base/vst" --version >/dev/null
now() { date +%s.%N; }
for cmd in "--version" "scenario validate --scenario quickstart"; do
  launcher=(); plain=(); baseline=()
  for _ in $(seq "$reps"); do
    t0=$(now); "$root/vst" $cmd >/dev/null; t1=$(now)
    java -jar "$jar" $cmd >/dev/null; t2=$(now)
    launcher+=("$(echo "$t1 - $t0" | bc)"); plain+=("$(echo "$t2 - $t1" | bc)")
    if [ -n "$base" ]; then
      t3=$(now); "$base/vst" $cmd >/dev/null; t4=$(now)
      baseline+=("$(echo "$t4 - $t3" | bc)")
    fi
  done
  python3 - "$cmd" "${launcher[*]}" "${plain[*]}" "${baseline[*]:-}" "$base" <<'PY'
import statistics, sys
cmd, a, b, c, base = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()], \
    [float(x) for x in sys.argv[4].split()], sys.argv[5]
f = lambda v: f"{min(v):.3f} / {statistics.median(v):.3f} / {max(v):.3f}"
r = [x / y for x, y in zip(a, b)]
print(f"vst {cmd}: launcher {f(a)} s, java -jar {f(b)} s, ratio {f(r)} (min / median / max)")
if c:
    rb = [x / y for x, y in zip(a, c)]
    print(f"vst {cmd}: baseline {base} {f(c)} s, launcher / baseline {f(rb)}")
PY
done
