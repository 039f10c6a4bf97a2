#!/usr/bin/env bash
# Cost of vst's sampler thread ("vst-sampler") against the whole vst process during an ingest at the
# default metrics_collection_interval. From outside the JVM: the sampler thread's CPU time is read from
# /proc/<pid>/task/<tid>/schedstat (nanoseconds on CPU), the process's from /proc/<pid>/stat (user+sys
# ticks of all its threads, ended ones included), both polled until the process exits; the number of
# samples is the run's timeline.csv rows. Prints the ratio, the CPU per sample and the load average.
#
#   bench/sampler/run.sh [N] [DIMS]      defaults 200000 1536;  env: REPS=3 VST_JAVA_OPTS (launcher)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n=${1:-200000}
dims=${2:-1536}
reps=${REPS:-3}
# shellcheck source=bench/startup/ingest-lib.sh
. "$root/bench/startup/ingest-lib.sh"
ingest_yaml "$work/ingest.yaml" "$n" "$dims"
tick=$(getconf CLK_TCK)
echo "ingest of $n x $dims-d vectors at the default sampling interval, $reps runs, $(nproc) cores," \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/rows"
for rep in $(seq "$reps"); do
  fresh_server
  rm -rf "$work/runs"
  "$root/vst" run --scenario "$work/ingest.yaml" --server "valkey://127.0.0.1:$port" --output "$work/runs" \
    --no-report >"$work/vst.log" 2>&1 &
  pid=$!
  proc=0; declare -A sampler=()
  while kill -0 "$pid" 2>/dev/null; do
    p=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true)
    [ -n "$p" ] && proc=$p
    for t in /proc/"$pid"/task/*; do
      if [ "$(cat "$t/comm" 2>/dev/null || true)" = vst-sampler ]; then
        ns=$(cut -d' ' -f1 "$t/schedstat" 2>/dev/null || true)
        [ -n "$ns" ] && sampler[${t##*/}]=$ns
      fi
    done
    sleep 0.5
  done
  wait "$pid" || { cat "$work/vst.log" >&2; exit 1; }
  total=0; for v in "${sampler[@]}"; do total=$((total + v)); done
  samples=$(( $(cat "$work"/runs/*/timeline.csv | wc -l) - 1 ))
  python3 - "$rep" "$total" "$proc" "$tick" "$samples" "$(cut -d' ' -f1 /proc/loadavg)" "$work/rows" <<'PY'
import sys
rep, sampler_ns, proc_ticks, tick, samples, load, rows = sys.argv[1:]
s = int(sampler_ns) / 1e9
p = int(proc_ticks) / int(tick)
print(f"  run {rep}: sampler {s * 1000:.0f} ms CPU over {samples} samples ({s * 1000 / max(1, int(samples)):.2f} ms each),"
      f" vst process {p:.1f} s CPU, ratio {100 * s / p:.2f} %, load {load}")
open(rows, "a").write(f"{100 * s / p} {s * 1000 / max(1, int(samples))}\n")
PY
  unset sampler
done
python3 - "$work/rows" <<'PY'
import statistics, sys
rows = [[float(x) for x in l.split()] for l in open(sys.argv[1])]
f = lambda v, u: f"{min(v):.2f} / {statistics.median(v):.2f} / {max(v):.2f}{u}"
print(f"sampler CPU / vst CPU {f([r[0] for r in rows], ' %')}, per sample {f([r[1] for r in rows], ' ms')}"
      " (min / median / max); target < 1 %")
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
