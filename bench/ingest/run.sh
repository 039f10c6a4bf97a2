#!/usr/bin/env bash
# Ingest throughput of vst against valkey-benchmark on the same server, in one run.
#
# Both write N hashes with one field of 1536*4 = 6144 bytes (a 1536-d FLOAT32 vector) using the
# same number of client connections and pipeline depth; the server is flushed in between.
# valkey-benchmark runs with its own default (one event-loop thread) unless BENCH_THREADS is set;
# vst uses THREADS worker threads (it generates real, distinct vectors; valkey-benchmark sends one
# fixed payload). Prints vectors per second of each and the ratio vst / valkey-benchmark.
#
#   bench/ingest/run.sh [N] [CLIENTS] [PIPELINE] [THREADS]      defaults: 200000 8 100 4
#   VST_JAVA_OPTS=-Xmx256m bench/ingest/run.sh 1000000           the 1M-vector run with a 256 MB heap
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
n=${1:-200000}
clients=${2:-8}
pipeline=${3:-100}
threads=${4:-4}
bench_threads=${BENCH_THREADS:-}
dims=1536
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
valkey-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do valkey-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

echo "server: $(valkey-server --version | cut -d' ' -f3) on 127.0.0.1:$port; $n vectors of $dims floats ($((dims*4)) bytes), $clients clients, pipeline $pipeline; vst threads $threads, valkey-benchmark threads ${bench_threads:-default}"

bench_out=$(valkey-benchmark -p "$port" -t hset -n "$n" -r "$n" -d $((dims*4)) -c "$clients" -P "$pipeline" \
  ${bench_threads:+--threads "$bench_threads"} -q 2>/dev/null | tr '\r' '\n' | grep -E '^HSET: [0-9.]+ requests per second' | tail -1)
bench_rate=$(echo "$bench_out" | sed -E 's/^HSET: ([0-9.]+) requests per second.*/\1/')
valkey-cli -p "$port" flushall >/dev/null

cat >"$work/ingest.yaml" <<YAML
name: bench_ingest
dataset: synthetic-$dims
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
YAML
"$here/vst" run --scenario "$work/ingest.yaml" --server "valkey://127.0.0.1:$port" --output "$work/runs" >"$work/vst.log" 2>&1 || {
  cat "$work/vst.log"; exit 1; }
steps=$(ls "$work"/runs/*/steps.csv)
vst_rate=$(python3 - "$steps" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["name"] == "ingest":
        print(row["ops_per_s"])
PY
)
keys=$(valkey-cli -p "$port" dbsize)
printf 'valkey-benchmark -t hset : %12.0f vectors/s\n' "$bench_rate"
printf 'vst ingest               : %12.0f vectors/s  (%s keys on the server)\n' "$vst_rate" "$keys"
python3 -c "print(f'ratio vst / valkey-benchmark: {float($vst_rate)/float($bench_rate):.2f}')"
