#!/usr/bin/env bash
# Takes the README's workbench screenshots of the real window under Xvfb (Java Robot captures of the
# window): the editor with a problem, the step tree of a nested scenario, and the live charts of a run on
# the embedded server. Writes docs/screenshots/gui-*.png. Needs xvfb-run and valkey-server.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
mvn -q -B -ntp -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p docs/screenshots
xvfb-run -a -s "-screen 0 1600x1000x24" java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
  io.vst.gui.ScreenshotTour docs/screenshots "$work"
ls -l docs/screenshots/gui-*.png
