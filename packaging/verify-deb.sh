#!/usr/bin/env bash
# Installs the built .deb with dpkg -i, checks that both launchers start from the installed paths
# (the CLI prints its version; the workbench opens a window under Xvfb), then removes the package.
# Needs root, xvfb-run and a built target/installer/vst_*.deb (mvn -Pinstaller package).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
deb="${1:-$(ls "$root"/target/installer/vst_*.deb | head -1)}"
[ -f "$deb" ] || { echo "verify-deb: no .deb found; run mvn -Pinstaller package" >&2; exit 1; }
if dpkg -s vst >/dev/null 2>&1; then
  echo "verify-deb: a vst package is already installed; remove it first (dpkg -r vst)" >&2
  exit 1
fi
work="$(mktemp -d)"
cleanup() {
  dpkg -r vst >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "== dpkg -i $deb"
dpkg -i "$deb"
for f in /opt/vst/bin/vst /opt/vst/bin/vst-workbench; do
  [ -x "$f" ] || { echo "verify-deb: $f missing" >&2; exit 1; }
done
for f in /usr/bin/vst /usr/bin/vst-workbench; do
  [ -x "$f" ] || { echo "verify-deb: $f not on PATH" >&2; exit 1; }
done
desktop="$(ls /usr/share/applications/*vst-workbench*.desktop 2>/dev/null | head -1)"
[ -n "$desktop" ] || { echo "verify-deb: no desktop entry for vst-workbench installed" >&2; exit 1; }
echo "== desktop entry $desktop"
cat "$desktop"
echo "== /opt/vst/bin/vst --version"
/opt/vst/bin/vst --version | tee "$work/version.txt"
grep -q '^vst' "$work/version.txt"
/opt/vst/bin/vst scenario list | grep -q quickstart
echo "== class-data sharing: postinst made /opt/vst/lib/app/vst.jsa and both launchers map it"
[ -s /opt/vst/lib/app/vst.jsa ] || { echo "verify-deb: /opt/vst/lib/app/vst.jsa missing" >&2; exit 1; }
# -Xshare:on makes an unusable archive fail the start; the class log names where vst's own classes came from.
JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info" /opt/vst/bin/vst --version >"$work/cds.txt" 2>&1 \
  || { cat "$work/cds.txt" >&2; echo "verify-deb: the CLI does not start with -Xshare:on" >&2; exit 1; }
grep -q 'io.vst.cli.Main source: shared objects file' "$work/cds.txt" \
  || { echo "verify-deb: io.vst.cli.Main was not loaded from the class archive" >&2; exit 1; }
echo "CLI: $(grep -c 'source: shared objects file' "$work/cds.txt") classes from the archive," \
  "$(grep -c 'source: jar:\|source: file:' "$work/cds.txt") from the jar"
echo "== heap: the launcher's default, and _JAVA_OPTIONS replacing it"
grep -q 'max heap 512 MiB' "$work/version.txt" || { echo "verify-deb: default heap is not 512 MiB" >&2; exit 1; }
_JAVA_OPTIONS=-Xmx300m /opt/vst/bin/vst --version 2>/dev/null | tee "$work/heap.txt"
grep -q 'max heap 300 MiB' "$work/heap.txt" || { echo "verify-deb: _JAVA_OPTIONS=-Xmx300m not applied" >&2; exit 1; }
echo "== /opt/vst/bin/vst-workbench gui --close-after 2000 under Xvfb"
cd "$work"
xvfb-run -a -s "-screen 0 1400x900x24" /opt/vst/bin/vst-workbench gui --close-after 2000 | tee "$work/open.txt"
grep -q "window 'vst" "$work/open.txt"
JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info" xvfb-run -a -s "-screen 0 1400x900x24" \
  /opt/vst/bin/vst-workbench gui --close-after 0 >"$work/gui-cds.txt" 2>&1 \
  || { cat "$work/gui-cds.txt" >&2; echo "verify-deb: the workbench does not start with -Xshare:on" >&2; exit 1; }
grep -q 'io.vst.gui.MainFrame source: shared objects file' "$work/gui-cds.txt" \
  || { echo "verify-deb: the workbench's MainFrame was not loaded from the class archive" >&2; exit 1; }
echo "workbench: $(grep -c 'source: shared objects file' "$work/gui-cds.txt") classes from the archive," \
  "$(grep -c 'source: jar:\|source: file:' "$work/gui-cds.txt") from the jar; $(grep "window 'vst" "$work/gui-cds.txt")"
echo "== /opt/vst/bin/vst-workbench (desktop entry's command) under Xvfb"
# Without arguments the launcher runs 'gui' until its window closes: it must still be up after 15 s.
set +e
timeout 15 xvfb-run -a -s "-screen 0 1400x900x24" /opt/vst/bin/vst-workbench >"$work/gui.log" 2>&1
rc=$?
set -e
if [ "$rc" -ne 124 ]; then
  echo "verify-deb: the workbench exited early (rc=$rc):" >&2
  cat "$work/gui.log" >&2
  exit 1
fi
echo "workbench stayed up until stopped (rc=124 from timeout), log:"
cat "$work/gui.log"
echo "== dpkg -r vst"
dpkg -r vst
[ ! -e /opt/vst/bin/vst ] || { echo "verify-deb: /opt/vst still there after dpkg -r" >&2; exit 1; }
[ ! -e /usr/bin/vst ] || { echo "verify-deb: /usr/bin/vst still there after dpkg -r" >&2; exit 1; }
[ ! -e /opt/vst/lib/app/vst.jsa ] || { echo "verify-deb: the class archive is still there after dpkg -r" >&2; exit 1; }
echo "verify-deb: OK"
