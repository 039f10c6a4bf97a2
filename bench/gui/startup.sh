#!/usr/bin/env bash
# Start-up of the workbench: from starting `vst gui` (the launcher script) to its window showing with the
# event queue idle, under one Xvfb server, with and without the launcher's class-data sharing archives
# (VST_CDS=1 / VST_CDS=0), interleaved REPS times; min / median / max of each and of the ratio. The window
# reports the wall-clock moment it was first idle (`vst gui --close-after 0`); the time is taken from the
# moment before the launcher starts. Target: under 2 s.
#
#   bench/gui/startup.sh [REPS]      default 7;  env: VST_JAVA_OPTS (passed to the launcher)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
reps=${1:-7}
work=$(mktemp -d)
xvfb_pid=
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; wait; rm -rf "$work"' EXIT
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -1 "$work/display")"
# The first run after a build makes the class archives; it is not measured.
"$root/vst" gui --close-after 0 --output "$work/runs" >/dev/null
echo "workbench start-up, $reps interleaved repetitions, $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# one VST_CDS -> "ms from launch to an idle window" and "CPU s of the whole process (start and close)"; the
# CPU time says what the start costs when the machine is shared and the wall time stretches.
one() {
  local t0 out
  t0=$(date +%s%3N)
  out=$(VST_CDS=$1 /usr/bin/time -f '%U %S' -o "$work/cpu" "$root/vst" gui --close-after 0 --output "$work/runs")
  echo "$(echo "$out" | sed -n 's/.*(epoch ms \([0-9]*\)).*/\1/p' | awk -v t0="$t0" '{print $1 - t0}')" \
    "$(awk '{print $1 + $2}' "$work/cpu")"
}
: >"$work/rows"
for _ in $(seq "$reps"); do
  echo "$(one 1) $(one 0)" >>"$work/rows"
done
python3 - "$work/rows" <<'PY'
import statistics, sys
rows = [[float(x) for x in l.split()] for l in open(sys.argv[1])]
f = lambda v, u: f"{min(v):.3f} / {statistics.median(v):.3f} / {max(v):.3f}{u}"
a, b = [r[0] / 1000 for r in rows], [r[2] / 1000 for r in rows]
print(f"launch to idle window: with class-data sharing {f(a, ' s')}, without {f(b, ' s')},"
      f" ratio {f([x / y for x, y in zip(a, b)], '')} (min / median / max)")
print(f"CPU of the process (start and close): with {f([r[1] for r in rows], ' s')}, without {f([r[3] for r in rows], ' s')}")
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
