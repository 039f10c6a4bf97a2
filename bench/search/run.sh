#!/usr/bin/env bash
# Reference table of valkey-search as vst measures it: a fixed matrix of index kinds, dimensions and
# sizes, each run with the vst CLI on an embedded valkey-server with the real module, summarised into
# docs/measurements.md.
#
#   bench/search/run.sh                 # the whole matrix (about 10 minutes on 2 shared cores)
#   BENCH_QUICK=1 bench/search/run.sh   # one small configuration, to try the script
#   BENCH_WORK=DIR bench/search/run.sh  # keep scenarios and runs in DIR; a rerun skips what completed
#
# The module comes from $VST_SEARCH_HOME or ../shared/valkey-search (bin/valkey-server 8.1.1 and
# bin/libsearch.so). Scenarios and run directories go to a temporary folder ($BENCH_WORK to keep them).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. "$root/bench/lib/search-home.sh"
work=${BENCH_WORK:-$(mktemp -d)}
mkdir -p "$work/scenarios" "$work/runs"
out=${BENCH_OUT:-$root/docs/measurements.md}

# algorithm m dims vectors
matrix=(
  "FLAT 0 128 10000" "HNSW 16 128 10000" "HNSW 32 128 10000"
  "FLAT 0 128 50000" "HNSW 16 128 50000" "HNSW 32 128 50000"
  "FLAT 0 128 100000" "HNSW 16 128 100000" "HNSW 32 128 100000"
  "FLAT 0 768 10000" "HNSW 16 768 10000" "HNSW 32 768 10000"
)
if [ "${BENCH_QUICK:-0}" = "1" ]; then
  matrix=("HNSW 16 128 2000")
fi
ef_values=(10 50 200)

scenario() { # algorithm m dims vectors -> scenario text
  local algo=$1 m=$2 dims=$3 n=$4
  local index="{algorithm: $algo}"
  [ "$algo" = "HNSW" ] && index="{algorithm: HNSW, m: $m, ef_construction: 200}"
  cat <<YAML
name: bench_${algo,,}${m/#0/}_${dims}d_${n}
description: vst reference measurement ($algo${m/#0/} M, $dims-d, $n vectors)
dataset: synthetic-$dims
index: $index
global_config: {n_threads: 2, n_clients: 4, batch_size: 200, metrics_collection_interval: 1}
steps:
  - name: ingest
    type: workload
    workload: ingest
    parameters: {target_vectors: $n}
  - name: cp_full
    type: checkpoint
    parameters: {force_gc: true, analyze_fragmentation: true}
YAML
  local efs=("${ef_values[@]}")
  [ "$algo" = "FLAT" ] && efs=(0)
  for ef in "${efs[@]}"; do
    local efparam="" name="query"
    if [ "$ef" != "0" ]; then efparam=", ef_runtime: $ef"; name="query_ef$ef"; fi
    cat <<YAML
  - name: $name
    type: workload
    workload: query
    max_operations: 1000
    config: {n_threads: 1, n_clients: 1, batch_size: 1}
    parameters: {query_k: 10$efparam, verify_results: true, recall_sample_rate: 0.3}
YAML
  done
  cat <<YAML
  - name: shrink
    type: workload
    workload: shrink
    parameters: {target_vectors: $((n / 4)), removal_strategy: random}
  - name: cp_shrunk
    type: checkpoint
    parameters: {compare_with: cp_full, force_gc: true}
YAML
}

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s)
for row in "${matrix[@]}"; do
  read -r algo m dims n <<<"$row"
  file="$work/scenarios/${algo,,}${m/#0/}_${dims}d_${n}.yaml"
  # With BENCH_WORK kept from an interrupted run, configurations that completed are not run again.
  if grep -qs '"outcome" *: *"completed"' "$work"/runs/*_bench_${algo,,}${m/#0/}_${dims}d_${n}/run.json; then
    echo "bench: $algo ${m/#0/-} ${dims}-d ${n} vectors: done already" >&2
    continue
  fi
  scenario "$algo" "$m" "$dims" "$n" >"$file"
  echo "bench: $algo ${m/#0/-} ${dims}-d ${n} vectors" >&2
  ./vst run --scenario "$file" --valkey-server "$server" --module "$module" --output "$work/runs" --no-report \
    >"$file.log" 2>&1 || { echo "bench: run failed, see $file.log" >&2; tail -5 "$file.log" >&2; exit 1; }
done
elapsed=$(( $(date +%s) - t0 ))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 "$root/bench/search/summarise.py" "$work/runs" "$out" \
  --started "$started" --load "$load_before" "$load_after" \
  --cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" --cores "$(nproc)" \
  --mem "$(free -g | awk '/^Mem:/ {print $2}')" --kernel "$(uname -sr)" \
  --java "$(java -version 2>&1 | head -1)" --server "$("$server" --version | cut -d' ' -f1-3)" \
  --command "bench/search/run.sh"
echo "bench: wrote $out in ${elapsed}s (runs in $work/runs)" >&2
