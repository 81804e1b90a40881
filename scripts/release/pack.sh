#!/usr/bin/env bash
# Builds every public package under plugins/ and packs it with `npm pack` into one directory,
# then checks the tarballs (scripts/release/check-packages.mjs --packs). The tarballs are what
# `npm publish` would upload; the install test (./kitstage install-test) installs them.
#
#   ./kitstage pack [--out DIR] [--skip-tsc] [--skip-build]
#
#   --out DIR     where the tarballs go (default: .kitstage/packs; emptied first)
#   --skip-tsc    use the type declarations already in dist-types/ instead of running tsc
#   --skip-build  pack the dist/ folders as they are
# Packages are built one after the other (each build uses both cores). Prints one line per
# tarball with its size.
set -euo pipefail

root="${KITSTAGE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# shellcheck source=../toolchain.sh
source "$root/scripts/toolchain.sh"

out="$root/.kitstage/packs"
run_tsc=1
run_build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out)
      [ -n "${2:-}" ] || kitstage_die "--out needs a directory"
      out="$(mkdir -p "$2" && cd "$2" && pwd)"
      shift
      ;;
    --skip-tsc) run_tsc=0 ;;
    --skip-build) run_build=0 ;;
    *) kitstage_die "unknown option $1 (see scripts/release/pack.sh)" ;;
  esac
  shift
done

cd "$root"
# shellcheck disable=SC2016 # JavaScript, not shell
mapfile -t dirs < <(node -e '
  const fs = require("fs");
  for (const d of fs.readdirSync("plugins").sort()) {
    const f = `plugins/${d}/package.json`;
    if (fs.existsSync(f) && !JSON.parse(fs.readFileSync(f, "utf8")).private) console.log(`plugins/${d}`);
  }')
[ "${#dirs[@]}" -gt 0 ] || kitstage_die "no public packages under plugins/"

start=$SECONDS
if [ "$run_tsc" = 1 ]; then
  # The type declarations that `package build` bundles come from dist-types/.
  kitstage_log "type declarations (tsc)"
  npx tsc
fi
if [ "$run_build" = 1 ]; then
  for dir in "${dirs[@]}"; do
    kitstage_log "build $dir"
    (cd "$dir" && npx backstage-cli package build) || kitstage_die "build of $dir failed"
  done
fi

rm -rf "$out"
mkdir -p "$out"
for dir in "${dirs[@]}"; do
  # npm runs the package's prepack (backstage-cli package prepack points main, types and
  # exports at dist/) and postpack (restores package.json).
  (cd "$dir" && npm pack --silent --pack-destination "$out" >/dev/null) || kitstage_die "npm pack of $dir failed"
done
kitstage_log "packed ${#dirs[@]} packages into $out in $((SECONDS - start))s"
node "$root/scripts/release/check-packages.mjs" --packs "$out"
