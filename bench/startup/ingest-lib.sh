# Sourced by bench/startup/heap.sh and bench/sampler/run.sh (which set $root): builds the jar when needed,
# makes $work (removed at exit, with the server stopped), picks a free $port for a plain valkey-server
# (restarted fresh by fresh_server; $server_pid is its process) and writes ingest scenario files.
"$root/vst" --version >/dev/null
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# Stops the previous server (if any) and starts an empty one on $port.
fresh_server() {
  if [ -n "${server_pid:-}" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  valkey-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do valkey-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
}

# ingest_yaml FILE N DIMS [GLOBAL_CONFIG_LINES]: one ingest step of N synthetic DIMS-d vectors.
ingest_yaml() {
  {
    echo "name: bench_ingest"
    echo "dataset: synthetic-$3"
    [ -n "${4:-}" ] && printf 'global_config:\n%s\n' "$4"
    printf 'steps:\n  - name: ingest\n    type: workload\n    workload: ingest\n    parameters:\n      target_vectors: %s\n' "$2"
  } >"$1"
}
