#!/usr/bin/env bash
# The whole test suite: installs the system packages it needs (when run as root), then runs every
# Maven test, under a virtual X display so the workbench's GUI tests have a screen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
export VST_TEST_REQUIRE_VALKEY=1
mvn_args=(-B -ntp verify "$@")
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" mvn "${mvn_args[@]}"
fi
exec mvn "${mvn_args[@]}"
