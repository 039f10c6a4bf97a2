# Sourced by bench/ingest/run.sh and client-memory.sh (which set $work): a client's memory, measured and stood in
# for. On a virtual machine the pages a client takes can be ones its server then pays host faults for.

# Polls the peak anonymous memory (RssAnon) of the processes whose command line matches $1 (a pgrep -f regular
# expression, anchored where a wrapping shell's command line would match too) into $work/anon
# until stop_anon; a client's own memory is taken from the pages the server would otherwise get warm (see
# client-memory.sh). The poller must cost nothing beside the sides it measures: one pgrep until the client is
# found (a pgrep every 0.1 s throughout took the server's CPU: vst's side fell from 0.96-0.97 server busy
# share to 0.90-0.93), then only builtins, /proc reads and a timed read on a FIFO as its sleep, every 0.2 s.
watch_anon() {
  local pattern=$1
  echo 0 >"$work/anon"
  [ -p "$work/tick" ] || mkfifo "$work/tick"
  ( exec 9<>"$work/tick"
    pids= peak=0
    while :; do
      [ -n "$pids" ] || pids=$(pgrep -f -- "$pattern" || true)
      for pid in $pids; do
        [ -r "/proc/$pid/status" ] || continue
        while read -r key value _; do
          if [ "$key" = RssAnon: ]; then
            if [ "$value" -gt "$peak" ]; then peak=$value; echo "$peak" >"$work/anon"; fi
            break
          fi
        done 2>/dev/null <"/proc/$pid/status" || true
      done
      read -r -t 0.2 -u 9 _ || true
    done ) &
  anon_pid=$!
}
stop_anon() {
  kill "$anon_pid" 2>/dev/null || true
  wait "$anon_pid" 2>/dev/null || true
  echo $(( $(cat "$work/anon") / 1024 ))
}

# hold_memory MB: another process touches and holds MB of private anonymous memory (hold-memory.py) until
# release_memory; its pid is $hold_pid.
hold_pid=
hold_memory() {
  python3 "$(dirname "${BASH_SOURCE[0]}")/hold-memory.py" "$1" &
  hold_pid=$!
}
release_memory() {
  if [ -n "$hold_pid" ]; then
    kill "$hold_pid" 2>/dev/null || true
    wait "$hold_pid" 2>/dev/null || true
    hold_pid=
  fi
}
