#!/usr/bin/env bash
# The whole test suite: installs the system packages it needs (when run as root), then runs every
# Maven test, under a virtual X display so the workbench's GUI tests have a screen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
export VST_TEST_REQUIRE_VALKEY=1
# The real valkey-search module (beside the project, or where VST_SEARCH_HOME says): where it is there,
# a missing or broken module fails the real-module tests instead of skipping them.
search_home=${VST_SEARCH_HOME:-$(pwd)/../shared/valkey-search}
if [ -x "$search_home/bin/valkey-server" ] && [ -f "$search_home/bin/libsearch.so" ]; then
  export VST_TEST_REQUIRE_SEARCH=1
fi
mvn_args=(-B -ntp verify "$@")
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" mvn "${mvn_args[@]}"
fi
exec mvn "${mvn_args[@]}"
