# Sourced by bench/query/run.sh and bench/search/run.sh (which set $root): finds the real valkey-search,
# $VST_SEARCH_HOME or ../shared/valkey-search beside the project, and sets $home, $server (its
# bin/valkey-server) and $module (its bin/libsearch.so); exits 2 with what to set when either is missing.
home=${VST_SEARCH_HOME:-$root/../shared/valkey-search}
server="$home/bin/valkey-server"
module="$home/bin/libsearch.so"
if [ ! -x "$server" ] || [ ! -f "$module" ]; then
  echo "bench: no valkey-search at $home (set VST_SEARCH_HOME to the folder with bin/valkey-server and bin/libsearch.so)" >&2
  exit 2
fi
