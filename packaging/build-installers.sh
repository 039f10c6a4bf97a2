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
  --java-options "-Xmx2g"
  --add-launcher "vst-workbench=$root/packaging/linux/vst-workbench.properties"
)
"$jpackage" --type app-image --dest "$out" "${common[@]}"
"$jpackage" --type deb --dest "$out" "${common[@]}" \
  --license-file "$root/LICENSE" \
  --linux-package-name vst \
  --linux-deb-maintainer "vst@localhost" \
  --linux-menu-group "Development" \
  --linux-app-category devel \
  --resource-dir "$root/packaging/linux/resources"
ls -l "$out"
