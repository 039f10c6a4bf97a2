#!/usr/bin/env bash
# Ingest throughput of vst against valkey-benchmark writing the same work, in one run.
#
# Both sides write N distinct hashes of vst's shape, HSET <key> vector <dims*4 bytes>, with the same
# connections and pipeline depth, each on a fresh plain valkey-server:
#   vst              an ingest step of synthetic-<dims> (keys <prefix><id>, real distinct FLOAT32 vectors)
#   valkey-benchmark -n N -r 2000000000 -c C -P P HSET vec:__rand_int__ vector <dims*4 bytes>
# The keys are of one length on both sides: valkey-benchmark's are vec: and 12 digits (16 bytes), so vst's
# prefix is vec: and zeros, with ids from start_index 10^k that all have the same number of digits
# (vec:00000 and 1,000,000 to 1,499,999 for N=500,000). The server's cost of an HSET depends on the key's
# length: with vst's default keys (vec:0 to vec:499999) it took 1.05-1.06 us per HSET against 0.94-1.02 us
# with these (INFO commandstats, three runs each), and a Python client writing the same vectors in the same
# pipelines measured 1.02-1.08 us for vec:<id> against 0.90-0.97 us for vec:<12 digits>. The server's own
# microseconds per HSET (INFO commandstats of each side's fresh server) are printed for both sides.
# -r 2e9 (valkey-benchmark's largest key space) makes repeats rare: N=500,000 repeats ~60 keys. DBSIZE is
# read after every side and each rate is also given per distinct key written (keys/s). After one uncounted
# round of each side, the sides run interleaved REPS times, alternating which goes first, with the server's
# busy share per side (its CPU over the writing time); min / median / max of each and of the per-repetition
# ratio vst / peer are printed, with each side's client CPU (user+sys of the whole process, vst's JVM
# start and its JIT warm-up before the step included) per vector, and vst's marginal CPU per vector (less a
# 1,000-vector run's, which has no warm-up), and each client's peak anonymous memory (RssAnon, polled every
# 0.2 s): on a virtual machine the pages a client takes are ones its server then pays host faults for
# (client-memory.sh). Every side runs on a fresh server.
#
#   bench/ingest/run.sh [N_1536] [N_128]      defaults: 200000 500000 (0 skips a configuration)
#   env: CLIENTS=8 PIPELINE=100 THREADS=1 REPS=3 BENCH_THREADS=<valkey-benchmark --threads> VST_JAVA_OPTS=...
#        THREADS is vst's n_threads: 1 by default, the one client thread valkey-benchmark runs without --threads
#        (on 2 cores shared with the server a second writer thread took the server's CPU: interleaved pairs
#        at 200,000 x 1536-d gave 0.88 and 1.02 x with 1 thread, 0.77 and 0.90 x with 2).
#        VST_JAR=<a vst jar to measure instead of this tree's>
#        PEER_IDLE=<seconds> the peer's wait between its server's start and its first write (see below);
#        by default the median of vst's own waits so far (its JVM start and warm-up, about 3 s)
#        STEAL_MAX=2 (percent): on a virtual machine the hypervisor can take CPU from both sides at random
#        (/proc/stat "steal"; seen taking 20 s of 2 cores' time during one 600k run). A repetition in which
#        either side lost more than STEAL_MAX % of the machine's time is printed, marked and run again, at
#        most REPS more times; the summary counts only the kept repetitions.
#        PEER_HOG=1: each repetition also runs valkey-benchmark beside a process that holds as much memory as
#        vst's JVM peaked at in it (RssAnon), printed apart from the ratio (on a virtual machine the server pays
#        for the pages its client takes: client-memory.sh); PEER_HOG=0 leaves that side out.
#        REPORT=0: vst runs with --no-report, as valkey-benchmark writes none. The report is drawn after the
#        step, when the server no longer writes, and it was where vst's memory peaked: 121-131 MB against 85-100
#        MB during the step (200,000 x 1536-d, 7 runs, RssAnon every 50 ms). So the held memory above is what
#        vst holds while the server writes. REPORT=1 writes the report (its CPU and memory then count).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
n1536=${1:-200000}
n128=${2:-500000}
clients=${CLIENTS:-8}
pipeline=${PIPELINE:-100}
threads=${THREADS:-1}
reps=${REPS:-3}
bench_threads=${BENCH_THREADS:-}
# VST_JAR=path runs that jar instead of this tree's launcher (e.g. an earlier build, for a before/after).
if [ -n "${VST_JAR:-}" ]; then
  vst="java ${VST_JAVA_OPTS:-} -jar '$VST_JAR'"
else
  vst="'$here/vst'"
fi
work=$(mktemp -d)
server_pid=
trap '[ -n "${hold_pid:-}" ] && kill "$hold_pid" 2>/dev/null; [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cli() { valkey-cli -p "$port" "$@"; }
# Every side gets a fresh server: after a FLUSHALL the allocator keeps pages that the next side would
# then not pay for (seen as 15k, 29k, 50k vectors/s in three vst runs on one server).
fresh_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  valkey-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do cli ping >/dev/null 2>&1 && break; sleep 0.1; done
}
fresh_server
echo "server: $(valkey-server --version | cut -d' ' -f3) on 127.0.0.1:$port; $clients clients, pipeline $pipeline;" \
  "vst threads $threads, valkey-benchmark threads ${bench_threads:-default}; $reps interleaved repetitions"

steal_max=${STEAL_MAX:-2}
peer_hog=${PEER_HOG:-1}
report_flag=--no-report
[ "${REPORT:-0}" = 0 ] || report_flag=
# Runs "$@" and writes the CPU ticks (user+sys, children included) it cost to $work/cpu, and the share of
# the machine's time the hypervisor stole meanwhile (percent, /proc/stat) to $work/steal.
cpu_of() {
  local me=$$ t0 t1 s0 s1 rc=0
  t0=$(awk '{print $14+$15+$16+$17}' "/proc/$me/stat")
  read -r s0 <<<"$(awk 'NR==1 {t=0; for (i=2; i<=NF; i++) t+=$i; print $9, t}' /proc/stat)"
  "$@" || rc=$?
  t1=$(awk '{print $14+$15+$16+$17}' "/proc/$me/stat")
  read -r s1 <<<"$(awk 'NR==1 {t=0; for (i=2; i<=NF; i++) t+=$i; print $9, t}' /proc/stat)"
  echo $(( t1 - t0 )) >"$work/cpu"
  python3 -c 'import sys; a, b, c, d = map(int, sys.argv[1:]); print(f"{100 * (c - a) / max(1, d - b):.1f}")' \
    $s0 $s1 >"$work/steal"
  return $rc
}

# shellcheck source=bench/ingest/client-lib.sh
. "$here/bench/ingest/client-lib.sh"

# run_peer / run_vst N DIMS write "rate keys cpu_ticks steal busy us_per_hset anon_mb" to $work/result (they
# run in this shell, so that fresh_server keeps track of the server it started).
# run_peer N DIMS [HOG_MB]: with HOG_MB, another process touches and holds that much memory from the server's
# start until valkey-benchmark is done, as vst's JVM holds its own beside vst's server.
run_peer() {
  local n=$1 dims=$2 hog=${3:-0} payload rate
  payload=$(head -c $((dims * 4)) /dev/zero | tr '\0' x)
  fresh_server
  if [ "$hog" -gt 0 ]; then hold_memory "$hog"; fi
  sleep "$(peer_idle)"
  watch_anon "^valkey-benchmark -p $port "
  cpu_of bash -c "valkey-benchmark -p $port -n $n -r 2000000000 -c $clients -P $pipeline \
    ${bench_threads:+--threads $bench_threads} --csv HSET 'vec:__rand_int__' vector $payload >$work/peer.csv 2>/dev/null"
  rate=$(tail -1 "$work/peer.csv" | cut -d, -f2 | tr -d '"')
  # The server's busy share while valkey-benchmark wrote: its CPU (a fresh server: all of it) over n / rate.
  busy=$(python3 -c 'import sys; print(f"{float(sys.argv[1]) * float(sys.argv[2]) / float(sys.argv[3]):.2f}")' \
    "$(server_cpu)" "$rate" "$n")
  anon=$(stop_anon)
  release_memory
  echo "$rate $(cli dbsize) $(cat "$work/cpu") $(cat "$work/steal") $busy $(hset_us) $anon" >"$work/result"
}

# How long the peer's server stands idle before valkey-benchmark writes: as long as vst's did. vst starts
# writing about 3 s after its server (JVM start, connecting, the JIT warm-up). On a virtual machine that
# returns freed memory to its host (virtio_balloon here), the previous side's freed pages are taken back
# within those seconds, and every page the server then touches first costs a fault in the host: its
# clear_page was 20 % of its perf samples under vst against 10 % under valkey-benchmark, which began
# within 0.4 s. valkey-benchmark alone wrote 200,000 x 1536-d at 116k-142k commands/s (4.5-6.5 us per HSET)
# 0.4 s after its server started and at 92k-104k (7.1-8.0 us) after 6 s, three of each, interleaved.
# So both sides write after the same idle time: the median of vst's waits measured so far in this run.
peer_idle() {
  if [ -n "${PEER_IDLE:-}" ]; then
    echo "$PEER_IDLE"
  elif [ -s "$work/idle" ]; then
    sort -n "$work/idle" | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
  else
    echo 0
  fi
}

# The server's own microseconds per HSET call (INFO commandstats; a fresh server: this side's calls only).
hset_us() {
  cli info commandstats | awk -F'usec_per_call=' '/^cmdstat_hset:/ {split($2, a, ","); print a[1]}'
}

# The server's CPU seconds (user + sys) since it started.
server_cpu() {
  cli info cpu | awk -F: '/^used_cpu_(sys|user):/ {s += $2} END {print s}'
}

run_vst() {
  local n=$1 dims=$2 rate digits start prefix up
  fresh_server
  up=$(date +%s.%N)
  rm -rf "$work/runs"
  # Ids from 10^digits, all of digits+1 digits, under vec: and the zeros that make 12 digits (see the top).
  digits=${#n}
  start=$((10 ** digits))
  prefix="vec:$(printf '%0*d' $((11 - digits)) 0)"
  cat >"$work/ingest.yaml" <<YAML
name: bench_ingest
dataset: synthetic-$dims
index: {prefix: "$prefix"}
global_config:
  n_threads: $threads
  n_clients: $clients
  batch_size: $pipeline
steps:
  - name: ingest
    type: workload
    workload: ingest
    parameters:
      target_vectors: $n
      start_index: $start
YAML
  watch_anon "run --scenario $work/ingest.yaml"
  if ! cpu_of bash -c "$vst run --scenario '$work/ingest.yaml' --server 'valkey://127.0.0.1:$port' \
      --output '$work/runs' $report_flag >'$work/vst.log' 2>&1"; then
    cat "$work/vst.log" >&2
    exit 1
  fi
  anon=$(stop_anon)
  # The rate, and the server's busy share during the step: its CPU (a fresh server: all of it, the run's
  # few INFO replies included) over the step's time of work.
  read -r rate busy <<<"$(python3 - "$work"/runs/*/steps.csv "$(server_cpu)" <<'PY'
import csv, sys
step = next(r for r in csv.DictReader(open(sys.argv[1])) if r["name"] == "ingest")
print(step["ops_per_s"], f"{float(sys.argv[2]) / float(step['active_s']):.2f}")
PY
)"
  echo "$rate $(cli dbsize) $(cat "$work/cpu") $(cat "$work/steal") $busy $(hset_us) $anon" >"$work/result"
  # The server's idle time before vst's first write: from its start to the step's start in vst.log.
  python3 - "$up" "$work"/runs/*/vst.log >>"$work/idle" <<'PY'
import datetime, sys
line = next(l for l in open(sys.argv[2]) if " step ingest (ingest) started" in l)
at = datetime.datetime.fromisoformat(line.split()[0][:26]).replace(tzinfo=datetime.timezone.utc).timestamp()
print(f"{at - float(sys.argv[1]):.2f}")
PY
  # The JIT warm-up before the step (vst.log): its CPU is in the client CPU below, not in the step's rate.
  grep -ho 'warm-up: .*' "$work"/runs/*/vst.log | head -1 | sed 's/^/    /' || true
}

compare() {    # n dims
  local n=$1 dims=$2 i kept=0 tries=0
  [ "$n" -gt 0 ] || return 0
  "$here/vst" --version >/dev/null   # builds the jar if needed, outside the measurement
  # vst's fixed CPU (JVM start, connecting, and the report with REPORT=1) from a 1,000-vector run, for the
  # marginal cost.
  run_vst 1000 "$dims"
  read -r _ _ fixed _ <"$work/result"
  : >"$work/idle"   # the peer waits as long as vst's runs of this configuration did, not this short one's
  # One round of each side that is not counted. On a virtual machine, memory the guest has not touched for
  # a while costs a fault in the host at first touch (the host takes back freed pages): a server after a
  # pause wrote 200,000 x 1536-d in 3.3 s, the next ones in 1.4 s. Without this round the first measured
  # side paid it alone (42,085 against 96,470 and 77,511 vectors/s after it, in one run).
  run_vst "$n" "$dims"
  run_peer "$n" "$dims"
  : >"$work/rows"
  while [ "$kept" -lt "$reps" ] && [ "$tries" -lt $((2 * reps)) ]; do
    tries=$((tries + 1))
    # Alternating which side goes first, so neither always runs on the memory the other just freed.
    if [ $((tries % 2)) -eq 1 ]; then
      run_vst "$n" "$dims"
      read -r vr vk vc vs vb vh va <"$work/result"
      run_peer "$n" "$dims"
      read -r pr pk pc ps pb ph pa <"$work/result"
    else
      run_peer "$n" "$dims"
      read -r pr pk pc ps pb ph pa <"$work/result"
      run_vst "$n" "$dims"
      read -r vr vk vc vs vb vh va <"$work/result"
    fi
    # A third side, not in the ratio above: valkey-benchmark again, beside a process holding as much memory as
    # vst's JVM peaked at in this repetition. Near vst's rate, the rest of the gap is that memory (client-memory.sh).
    hr=0 hh=0 hs=0
    if [ "$peer_hog" != 0 ]; then
      run_peer "$n" "$dims" "$va"
      read -r hr _ _ hs _ hh _ <"$work/result"
    fi
    mark=kept
    if python3 -c 'import sys; sys.exit(0 if max(map(float, sys.argv[2:])) > float(sys.argv[1]) else 1)' \
        "$steal_max" "$vs" "$ps" "$hs"; then
      mark="not kept: steal above ${steal_max} %, run again"
    else
      kept=$((kept + 1))
      echo "$vr $vk $vc $pr $pk $pc $vb $pb $vh $ph $va $pa $hr $hh" >>"$work/rows"
    fi
    printf '  try %d: vst %9.0f vectors/s (%d keys, server busy %s, %s us/HSET, client %s MB, steal %s %%)   valkey-benchmark %9.0f commands/s (%d keys, server busy %s, %s us/HSET, client %s MB, steal %s %%, after %s s idle)  %s\n' \
      "$tries" "$vr" "$vk" "$vb" "$vh" "$va" "$vs" "$pr" "$pk" "$pb" "$ph" "$pa" "$ps" "$(peer_idle)" "$mark"
    [ "$peer_hog" = 0 ] || printf '         valkey-benchmark beside %s MB held: %9.0f commands/s, %s us/HSET\n' "$va" "$hr" "$hh"
  done
  if [ "$kept" -eq 0 ]; then
    echo "  no repetition without steal above ${steal_max} %: the machine's host is busy; try later" >&2
    return 0
  fi
  python3 - "$work/rows" "$n" "$dims" "$(getconf CLK_TCK)" "$fixed" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
n, dims, tick, fixed = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
def mmm(xs, fmt):
    xs = sorted(xs)
    return " / ".join(fmt.format(x) for x in (xs[0], statistics.median(xs), xs[-1]))
print(f"{n:,} x {dims}-d ({dims * 4:,} B), min / median / max of {len(rows)}:")
print("  vst               vectors/s  " + mmm([r[0] for r in rows], "{:,.0f}"))
print("  valkey-benchmark  commands/s " + mmm([r[3] for r in rows], "{:,.0f}"))
# Per distinct key: valkey-benchmark's rate scaled by the share of its commands that wrote a new key.
print("  valkey-benchmark  keys/s     " + mmm([r[3] * r[4] / n for r in rows], "{:,.0f}"))
print("  ratio vst / peer  (commands) " + mmm([r[0] / r[3] for r in rows], "{:.2f}"))
print("  ratio vst / peer  (keys)     " + mmm([(r[0] * r[1] / n) / (r[3] * r[4] / n) for r in rows], "{:.2f}"))
print("  client CPU-us per vector: vst " + mmm([r[2] / tick / n * 1e6 for r in rows], "{:.2f}")
      + "   valkey-benchmark " + mmm([r[5] / tick / n * 1e6 for r in rows], "{:.2f}"))
# Near 1.00 on both sides, the server was the limit: a faster client could not have written faster.
print("  server busy share (its CPU / the writing time): vst " + mmm([r[6] for r in rows], "{:.2f}")
      + "   valkey-benchmark " + mmm([r[7] for r in rows], "{:.2f}"))
# The same work: the server's own time per HSET (INFO commandstats) under each side.
print("  server us per HSET (INFO commandstats): vst " + mmm([r[8] for r in rows], "{:.2f}")
      + "   valkey-benchmark " + mmm([r[9] for r in rows], "{:.2f}"))
# The client's own memory (peak RssAnon): on a virtual machine every MB of it is taken from the server's
# warm pages (client-memory.sh).
print("  client peak anonymous memory, MB: vst " + mmm([r[10] for r in rows], "{:.0f}")
      + "   valkey-benchmark " + mmm([r[11] for r in rows], "{:.0f}"))
if any(r[12] > 0 for r in rows):
    print("  valkey-benchmark beside vst's peak memory held: commands/s " + mmm([r[12] for r in rows], "{:,.0f}")
          + ", us per HSET " + mmm([r[13] for r in rows], "{:.2f}"))
    print("  ratio vst / that (not the target's ratio)  " + mmm([r[0] / r[12] for r in rows], "{:.2f}"))
print("  vst marginal CPU-us per vector (less the %.1f s of a 1,000-vector run): " % (fixed / tick)
      + mmm([(r[2] - fixed) / tick / (n - 1000) * 1e6 for r in rows], "{:.2f}"))
PY
}

compare "$n1536" 1536
compare "$n128" 128
