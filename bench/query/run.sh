#!/usr/bin/env bash
# Closed-loop KNN queries/s, p50 and p99 of vst against a peer client at the same concurrency: C redis-py
# processes (bench/query/peer.py, as VectorDBBench drives Redis), each a closed loop of the same FT.SEARCH
# KNN with the same query vectors, on the real valkey-search module. One index of 20,000 x 128-d (HNSW,
# M 16) is loaded once; then for every repetition and concurrency vst and the peer run one after the
# other (vst, peer, vst, peer, ...), each for BENCH_SECONDS. Prints min / median / max of each figure and
# of the ratio vst / peer, with the load average beside them.
#
#   bench/query/run.sh
#   BENCH_CONCURRENCY="1 4 16" BENCH_REPS=1 BENCH_SECONDS=5 bench/query/run.sh   # a quick look
#   BENCH_PEER_MAX=64 bench/query/run.sh      # the peer stops at 64 processes (vst goes on alone)
#   BENCH_THREADS=2 bench/query/run.sh        # vst's n_threads: min(concurrency, this); default 8
#
# Needs ../shared/valkey-search (or $VST_SEARCH_HOME) and redis-py for a python3 (Debian:
# apt-get install -y python3-redis; BENCH_PYTHON picks the interpreter).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/bench/lib/search-home.sh"
py=${BENCH_PYTHON:-}
if [ -z "$py" ]; then
  for candidate in /usr/bin/python3 python3; do
    if "$candidate" -c 'import redis' 2>/dev/null; then py=$candidate; break; fi
  done
fi
if [ -z "$py" ] || ! "$py" -c 'import redis' 2>/dev/null; then
  echo "bench: the peer needs redis-py: apt-get install -y python3-redis (or set BENCH_PYTHON to a python3 that has it)" >&2
  exit 2
fi
vectors=${BENCH_VECTORS:-20000}
queries=${BENCH_QUERIES:-1000}
dims=128
seconds=${BENCH_SECONDS:-8}
reps=${BENCH_REPS:-3}
concurrency=${BENCH_CONCURRENCY:-"1 4 16 64 256"}
peer_max=${BENCH_PEER_MAX:-256}
max_threads=${BENCH_THREADS:-8}   # vst's n_threads: min(concurrency, this)
k=10

work=$(mktemp -d)
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$server" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --maxclients 10000 \
  --loadmodule "$module" >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  "$py" -c "import redis,sys; redis.Redis(port=$port).ping()" 2>/dev/null && break
  sleep 0.1
done

echo "bench: writing $vectors + $queries seeded ${dims}-d vectors" >&2
"$py" bench/query/vectors.py "$work/data" "$vectors" "$queries" "$dims"
mkdir -p "$work/config"
cat >"$work/config/datasets.yaml" <<YAML
datasets:
  bench-query:
    description: bench/query seeded Gaussian vectors
    format: texmex
    file: $work/data/base.fvecs
    query_file: $work/data/query.fvecs
    dims: $dims
    metric: l2
YAML
export VST_CONFIG_DIR="$work/config"
index="{algorithm: HNSW, m: 16, ef_construction: 200, distance_metric: L2"
cat >"$work/load.yaml" <<YAML
name: bench_query_load
dataset: bench-query
index: $index}
global_config: {n_threads: 2, n_clients: 4, batch_size: 500}
steps:
  - name: load
    type: workload
    workload: ingest
    parameters: {target_vectors: $vectors}
YAML
echo "bench: loading the index (vst ingest, HNSW)" >&2
./vst run --scenario "$work/load.yaml" --server "valkey://127.0.0.1:$port" --output "$work/runs" --no-report \
  >"$work/load.log" 2>&1 || { echo "bench: load failed, see $work/load.log" >&2; tail -5 "$work/load.log" >&2; exit 1; }

results="$work/results.txt"
: >"$results"
load1() { cut -d' ' -f1 /proc/loadavg; }
for rep in $(seq 1 "$reps"); do
  for c in $concurrency; do
    threads=$(( c < max_threads ? c : max_threads ))
    cat >"$work/q$c.yaml" <<YAML
name: bench_query_c$c
dataset: bench-query
index: $index, recreate_index: false}
steps:
  - name: knn
    type: workload
    workload: query
    duration_seconds: $seconds
    config: {n_threads: $threads, n_clients: $c}
    parameters: {query_k: $k}
YAML
    out="$work/runs/r$rep-c$c"
    ./vst run --scenario "$work/q$c.yaml" --server "valkey://127.0.0.1:$port" --output "$out" --no-report \
      >"$out.log" 2>&1 || { echo "bench: vst run failed, see $out.log" >&2; tail -5 "$out.log" >&2; exit 1; }
    "$py" - "$out"/*/steps.csv "$rep" "$c" "$(load1)" >>"$results" <<'PY'
import csv, sys
row = next(r for r in csv.DictReader(open(sys.argv[1])) if r["name"] == "knn")
lat = dict(kv.split("=") for kv in row["latency_ms"].split(":", 1)[1].split(","))
print(sys.argv[2], "vst", sys.argv[3], row["ops_per_s"], lat["p50"], lat["p99"], sys.argv[4])
PY
    tail -1 "$results" >&2
    if [ "$c" -le "$peer_max" ]; then
      line=$("$py" bench/query/peer.py 127.0.0.1 "$port" vst_idx "$work/data/query.fvecs" "$c" "$seconds" "$k")
      echo "$line" | "$py" -c '
import sys
f = dict(kv.split("=") for kv in sys.stdin.read().split())
print(sys.argv[1], "peer", sys.argv[2], f["qps"], f["p50_ms"], f["p99_ms"], sys.argv[3])' "$rep" "$c" "$(load1)" >>"$results"
      tail -1 "$results" >&2
    fi
  done
done
echo
echo "Closed-loop KNN (k=$k) on valkey-search $(basename "$home"), $vectors x ${dims}-d HNSW M16, ${seconds} s per run," \
  "$reps interleaved repetitions; min / median / max; $(nproc) cores"
"$py" bench/query/summarise.py "$results"
echo "(raw results: $results)"
