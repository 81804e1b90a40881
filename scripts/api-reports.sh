#!/usr/bin/env bash
# Generates (or, with --ci, checks) the API report of each plugin package.
#
# Each package is processed in its own API Extractor run. In a single run over several
# packages, the packages are analysed in whatever order the file system returns them, and
# TypeScript prints the members of inferred types (zod schemas, translation messages) in the
# order it first met them, so the reports would change from run to run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# API Extractor reads the declarations `tsc` writes to dist-types/. An incremental build only
# re-checks changed files, which changes the order in which inferred members are printed, so
# the declarations are always built afresh: reports are then the same on every machine.
rm -rf dist-types
npx tsc --incremental false

status=0
for dir in plugins/*/; do
  dir="${dir%/}"
  [ -f "$dir/package.json" ] || continue
  if ! npx backstage-repo-tools api-reports \
    -o ae-wrong-input-file-type,ae-undocumented \
    --validate-release-tags "$@" "$dir"; then
    echo "API report of $dir: FAILED" >&2
    status=1
  fi
done
exit "$status"
