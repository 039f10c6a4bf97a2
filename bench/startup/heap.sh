#!/usr/bin/env bash
# vst's memory and ingest rate under a few JVM heap / collector choices, to pick the launcher's default.
#
# Each configuration runs one ingest step of N synthetic vectors (vst's shape, keys vec:<id>) into a fresh
# plain valkey-server, as `java <OPTS> -jar target/vst-0.1.0-all.jar run ...`; the configurations run
# interleaved REPS times. Per run: the JVM's peak resident set (VmHWM of /proc/<pid>/status, read until the
# process exits) and the step's rate (ops_per_s of the run's steps.csv). Prints min / median / max of each,
# the load average beside them, and every configuration's ratio of median rate and RSS to the first one's.
#
#   bench/startup/heap.sh [N] [DIMS]          defaults 500000 1536
#   env: REPS=2 CLIENTS=8 PIPELINE=100 THREADS=2
#        CONFIGS='default|-Xmx256m|-Xmx512m|...'  ('|'-separated JVM option sets; "default" is none)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n=${1:-500000}
dims=${2:-1536}
reps=${REPS:-2}
IFS='|' read -r -a configs <<<"${CONFIGS:-default|-Xmx256m|-Xmx512m|-XX:MaxRAMPercentage=5|-Xmx512m -XX:+UseSerialGC|-Xmx512m -XX:+UseParallelGC}"
jar="$root/target/vst-0.1.0-all.jar"
# shellcheck source=bench/startup/ingest-lib.sh
. "$root/bench/startup/ingest-lib.sh"
ingest_yaml "$work/ingest.yaml" "$n" "$dims" "$(printf '  n_threads: %s\n  n_clients: %s\n  batch_size: %s' \
  "${THREADS:-2}" "${CLIENTS:-8}" "${PIPELINE:-100}")"
echo "ingest of $n x $dims-d vectors, $reps interleaved repetitions, $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/rows"
for rep in $(seq "$reps"); do
  for i in "${!configs[@]}"; do
    opts="${configs[$i]}"; [ "$opts" = default ] && opts=""
    fresh_server
    rm -rf "$work/runs"
    # shellcheck disable=SC2086
    java $opts -jar "$jar" run --scenario "$work/ingest.yaml" --server "valkey://127.0.0.1:$port" \
      --output "$work/runs" --no-report >"$work/vst.log" 2>&1 &
    pid=$!
    hwm=0
    while kill -0 "$pid" 2>/dev/null; do
      h=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$h" ] && hwm=$h
      sleep 0.2
    done
    if ! wait "$pid"; then cat "$work/vst.log" >&2; exit 1; fi
    rate=$(python3 - "$work"/runs/*/steps.csv <<'PY'
import csv, sys
print(next(r["ops_per_s"] for r in csv.DictReader(open(sys.argv[1])) if r["name"] == "ingest"))
PY
)
    keys=$(valkey-cli -p "$port" dbsize)
    load=$(cut -d' ' -f1 /proc/loadavg)
    printf '  rep %d  %-36s %9.0f vectors/s  RSS %5d MB  keys %d  load %s\n' "$rep" "${configs[$i]}" "$rate" $((hwm / 1024)) "$keys" "$load"
    echo "$i $rate $((hwm / 1024))" >>"$work/rows"
  done
done
python3 - "$work/rows" "${configs[@]}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
names = sys.argv[2:]
f = lambda v: f"{min(v):.0f} / {statistics.median(v):.0f} / {max(v):.0f}"
base = None
for i, name in enumerate(names):
    rate = [float(r[1]) for r in rows if int(r[0]) == i]
    rss = [float(r[2]) for r in rows if int(r[0]) == i]
    m = (statistics.median(rate), statistics.median(rss))
    base = base or m
    print(f"{name:36s} rate {f(rate)} vectors/s, RSS {f(rss)} MB (min / median / max);"
          f" x first: rate {m[0] / base[0]:.2f}, RSS {m[1] / base[1]:.2f}")
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
