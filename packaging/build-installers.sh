#!/usr/bin/env bash
# Builds the Linux app-image and .deb with JDK 17's jpackage: launcher 'vst' (the CLI) and launcher
# 'vst-workbench' (the window, with a desktop entry), both over the shaded jar and a bundled runtime.
# Called by 'mvn -Pinstaller package'; usable by hand: packaging/build-installers.sh target 0.1.0
set -euo pipefail
target="$(cd "$1" && pwd)"
version="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
jpackage="${JPACKAGE:-}"
if [ -z "$jpackage" ]; then
  for j in "${JAVA_HOME:-}/bin/jpackage" /usr/lib/jvm/java-17-openjdk-amd64/bin/jpackage "$(command -v jpackage || true)"; do
    if [ -x "$j" ]; then jpackage="$j"; break; fi
  done
fi
[ -x "$jpackage" ] || { echo "build-installers: jpackage not found (install a JDK 17 with jpackage)" >&2; exit 1; }
jar="vst-$version-all.jar"
[ -f "$target/$jar" ] || { echo "build-installers: $target/$jar missing (run mvn package first)" >&2; exit 1; }
input="$target/jpackage-input"
out="$target/installer"
rm -rf "$input" "$out"
mkdir -p "$input" "$out"
cp "$target/$jar" "$input/"
# Class-data sharing: the classes a CLI command and a workbench start load, listed by this JDK's java over
# the same jar (the bundled runtime is made from this JDK). The list is shipped in lib/app; the archive
# itself must be made where the image lives (JDK 17 maps it only for the class path it was made with), so
# the app-image gets it below and the .deb at installation (postinst).
java_bin="$(dirname "$(readlink -f "$jpackage")")/java"
lists="$(mktemp -d)"
"$java_bin" -XX:DumpLoadedClassList="$lists/cli.lst" -jar "$target/$jar" scenario validate --scenario quickstart >/dev/null
if command -v xvfb-run >/dev/null 2>&1; then
  xvfb-run -a -s "-screen 0 1400x900x24" "$java_bin" -XX:DumpLoadedClassList="$lists/gui.lst" -jar "$target/$jar" \
    gui --close-after 0 --output "$lists/runs" >/dev/null
else
  echo "build-installers: no xvfb-run; the class list covers the CLI only" >&2
fi
cat "$lists"/*.lst | awk '!seen[$0]++' >"$input/vst.classlist"
rm -rf "$lists"
# jpackage resolves the add-launcher icon path against the working directory.
cd "$root"
common=(
  --name vst
  --app-version "$version"
  --vendor "vst"
  --description "Memory and performance stress testing of Valkey with the valkey-search vector module"
  --input "$input"
  --main-jar "$jar"
  --main-class io.vst.cli.Main
  --icon "$root/icons/vst-256.png"
  --java-options "-Xmx512m"
  --java-options "-Xmn16m"
  --java-options "-Xms32m"
  --java-options '-XX:SharedArchiveFile=$APPDIR/vst.jsa'
  --java-options "-XX:+UnlockDiagnosticVMOptions"
  --java-options "-XX:ArchiveRelocationMode=0"
  --java-options "-Xlog:cds=off"
  --java-options "-Xlog:cds+dynamic=off"
  --add-launcher "vst-workbench=$root/packaging/linux/vst-workbench.properties"
)
"$jpackage" --type app-image --dest "$out" "${common[@]}"
# -Xshare:dump through the launcher writes the archive its options name ($APPDIR/vst.jsa), for its class path.
JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$out/vst/lib/app/vst.classlist" "$out/vst/bin/vst" \
  >"$out/cds-dump.log" 2>&1 || { cat "$out/cds-dump.log" >&2; echo "build-installers: class archive not made" >&2; exit 1; }
rm -f "$out/cds-dump.log"
JAVA_TOOL_OPTIONS="-Xshare:on" "$out/vst/bin/vst" --version >/dev/null 2>&1 \
  || { echo "build-installers: the app-image does not start with its class archive (-Xshare:on)" >&2; exit 1; }
"$jpackage" --type deb --dest "$out" "${common[@]}" \
  --license-file "$root/LICENSE" \
  --linux-package-name vst \
  --linux-deb-maintainer "vst@localhost" \
  --linux-menu-group "Development" \
  --linux-app-category devel \
  --resource-dir "$root/packaging/linux/resources"
ls -l "$out"
