#!/usr/bin/env bash
# What a client's own memory costs the server it loads, measured with valkey-benchmark alone.
#
# On a virtual machine that hands freed memory back to its host (virtio_balloon free page reporting), the
# pages a server touches first cost a fault in the host when the guest has no recently used free pages left
# to give it. Any process that takes memory at the same time, a load generator's JVM included, takes those
# pages first. This script shows the size of that effect without vst: the same valkey-benchmark write as
# run.sh's peer (N distinct hashes HSET vec:<12 digits> vector <dims*4 bytes>, 8 clients, pipeline 100), each
# on a fresh server after the same idle time, while another process holds HOG MB of memory it touched during
# that idle time (a Python mmap, one write per page), for each HOG in turn, interleaved REPS times. It prints
# min / median / max of valkey-benchmark's rate and the server's microseconds per HSET (INFO commandstats)
# per HOG, and each median's ratio to the one without a hog. vst's own peak anonymous memory (RssAnon of its
# JVM during one ingest of the same size) is printed first, to place it among the HOGs. The effect comes and
# goes with the host's state: 250 MB held cost 0.68-0.91 x (4 repetitions) in one run and 256 MB nothing
# measurable (medians 0.96-1.03 x) an hour later on the same machine, so run it beside the figure it explains.
#
#   bench/ingest/client-memory.sh [N] [DIMS]      defaults: 200000 1536
#   env: HOGS="0 64 128 256" (MB)  REPS=3  IDLE=3.6 (s: about vst's time from its server's start to its first
#        write)  CLIENTS=8 PIPELINE=100
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n=${1:-200000}
dims=${2:-1536}
read -r -a hogs <<<"${HOGS:-0 64 128 256}"
reps=${REPS:-3}
idle=${IDLE:-3.6}
clients=${CLIENTS:-8}
pipeline=${PIPELINE:-100}
# shellcheck source=bench/startup/ingest-lib.sh
. "$root/bench/startup/ingest-lib.sh"
# shellcheck source=bench/ingest/client-lib.sh
. "$root/bench/ingest/client-lib.sh"
trap '[ -n "${hold_pid:-}" ] && kill "$hold_pid" 2>/dev/null; [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait; rm -rf "$work"' EXIT
cli() { valkey-cli -p "$port" "$@"; }

# vst's peak anonymous memory during an ingest of the same size (its JVM).
fresh_server
ingest_yaml "$work/ingest.yaml" "$n" "$dims" "$(printf '  n_threads: 1\n  n_clients: %s\n  batch_size: %s' "$clients" "$pipeline")"
watch_anon "run --scenario $work/ingest.yaml"
"$root/vst" run --scenario "$work/ingest.yaml" --server "valkey://127.0.0.1:$port" --output "$work/runs" \
  --no-report >"$work/vst.log" 2>&1 || { cat "$work/vst.log" >&2; exit 1; }
peak=$(stop_anon)
echo "vst's JVM: peak anonymous memory $peak MB during an ingest of $n x $dims-d"
echo "valkey-benchmark: $n x HSET of $((dims * 4)) B, $clients clients, pipeline $pipeline, after $idle s idle; $reps interleaved repetitions"

payload=$(head -c $((dims * 4)) /dev/zero | tr '\0' x)
: >"$work/rows"
for rep in $(seq "$reps"); do
  for mb in "${hogs[@]}"; do
    fresh_server
    if [ "$mb" -gt 0 ]; then hold_memory "$mb"; fi
    sleep "$idle"
    valkey-benchmark -p "$port" -n "$n" -r 2000000000 -c "$clients" -P "$pipeline" --csv \
      HSET 'vec:__rand_int__' vector "$payload" >"$work/peer.csv" 2>/dev/null
    rate=$(tail -1 "$work/peer.csv" | cut -d, -f2 | tr -d '"')
    us=$(cli info commandstats | awk -F'usec_per_call=' '/^cmdstat_hset:/ {split($2, a, ","); print a[1]}')
    release_memory
    printf '  rep %d  hog %4d MB: %9.0f commands/s, %s us/HSET\n' "$rep" "$mb" "$rate" "$us"
    echo "$mb $rate $us" >>"$work/rows"
  done
done
python3 - "$work/rows" "${hogs[@]}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
hogs = [int(h) for h in sys.argv[2:]]
def mmm(xs, fmt):
    xs = sorted(xs)
    return " / ".join(fmt.format(x) for x in (xs[0], statistics.median(xs), xs[-1]))
base = None
print("min / median / max per hog, and the median's ratio to the first hog's:")
for h in hogs:
    rate = [float(r[1]) for r in rows if int(r[0]) == h]
    us = [float(r[2]) for r in rows if int(r[0]) == h]
    if base is None:
        base = (statistics.median(rate), statistics.median(us))
    print(f"  hog {h:4d} MB: {mmm(rate, '{:,.0f}')} commands/s (x {statistics.median(rate) / base[0]:.2f}),"
          f" {mmm(us, '{:.2f}')} us/HSET (x {statistics.median(us) / base[1]:.2f})")
PY
