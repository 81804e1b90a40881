#!/usr/bin/env bash
# Builds the Kitstage plugins and exports them as Red Hat Developer Hub dynamic plugins with
# `@red-hat-developer-hub/cli plugin export`, then collects the exports in one directory that a
# Developer Hub (or any backend with Backstage's dynamic feature service) can use as its
# `dynamicPlugins.rootDirectory`.
#
#   scripts/export-dynamic.sh [--out DIR] [--backend-only] [--module-federation]
#
#   --out DIR        where the exports are collected (default: dist-dynamic/ at the repository
#                    root); each export is a folder named after its package, such as
#                    kitstage-plugin-modelkit-backend-dynamic
#   --backend-only   skips the frontend plugin, whose export (a webpack build) takes minutes
#   --module-federation
#                    also builds the frontend plugin's module federation assets (dist/ of the
#                    export, with mf-manifest.json), which the new frontend system loads (Red
#                    Hat Developer Hub 2.x); without it the frontend export has the Scalprum
#                    assets (dist-scalprum/) of the legacy wiring only
#
# The export tool writes each export into plugins/<package>/dist-dynamic/; it is moved from
# there into the output directory, so that the packages' own lint and tests never see it. The
# output directory is ignored by Git.
#
# The export tool is installed on first use into .kitstage/tools/rhdh-cli/ from the npm
# registry, pinned to RHDH_CLI_VERSION, with Yarn 1, which the tool runs to learn the package
# manager's flavour. The backend exports' private dependencies are installed with npm (the
# repository has no yarn.lock for the tool's own `yarn install` step), and then checked the way
# the tool checks them: no `@backstage/` package (those are shared with the host) and no native
# module among them.
set -euo pipefail

KITSTAGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export KITSTAGE_ROOT
# shellcheck source=toolchain.sh
source "$KITSTAGE_ROOT/scripts/toolchain.sh"

RHDH_CLI_VERSION="1.9.1"
YARN_VERSION="1.22.22"

out="$KITSTAGE_ROOT/dist-dynamic"
frontend=1
module_federation=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out)
      [ -n "${2:-}" ] || kitstage_die "--out takes a directory"
      out="$(mkdir -p "$2" && cd "$2" && pwd)"
      shift
      ;;
    --backend-only) frontend=0 ;;
    --module-federation) module_federation=1 ;;
    *) kitstage_die "unknown option $1 (try: --out DIR, --backend-only, --module-federation)" ;;
  esac
  shift
done

kitstage_setup_node
cd "$KITSTAGE_ROOT"
[ -x node_modules/.bin/backstage-cli ] || kitstage_install_deps

# The export tool and Yarn 1, in their own folder so that their dependencies (an older
# @backstage/cli among them) stay out of the repository's lockfile.
tools="$KITSTAGE_ROOT/.kitstage/tools/rhdh-cli"
if [ "$(cat "$tools/.version" 2>/dev/null || true)" != "$RHDH_CLI_VERSION+$YARN_VERSION" ]; then
  kitstage_log "installing @red-hat-developer-hub/cli@$RHDH_CLI_VERSION into ${tools#"$KITSTAGE_ROOT"/}"
  rm -rf "$tools"
  mkdir -p "$tools"
  echo '{ "private": true }' >"$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --loglevel=error \
    "@red-hat-developer-hub/cli@$RHDH_CLI_VERSION" "yarn@$YARN_VERSION")
  echo "$RHDH_CLI_VERSION+$YARN_VERSION" >"$tools/.version"
fi
export PATH="$tools/node_modules/.bin:$PATH"

backends=(modelkit-backend catalog-backend-module-modelkit scaffolder-backend-module-modelkit)
# The modules' names do not tell the tool which Kitstage libraries to embed; the backend
# plugin's do (-common and -node), but naming them does no harm.
embed=(--embed-package @kitstage/plugin-modelkit-common @kitstage/plugin-modelkit-node)

build() { # package directory names...
  local pkg
  for pkg in "$@"; do
    kitstage_log "building plugins/$pkg"
    (cd "plugins/$pkg" && npx backstage-cli package build)
  done
}

# Runs the export tool in a backend package, then installs and checks the export's private
# dependencies.
export_backend() { # package directory name
  local dir="$KITSTAGE_ROOT/plugins/$1" log
  local target="$dir/dist-dynamic"
  kitstage_log "exporting plugins/$1"
  rm -rf "$target"
  mkdir -p "$target"
  # The tool copies the monorepo's yarn.lock into the export unless one is there already.
  : >"$target/yarn.lock"
  log="$(mktemp)"
  if ! (cd "$dir" && rhdh-cli plugin export --no-build --no-install "${embed[@]}") >"$log" 2>&1; then
    cat "$log" >&2
    # The tool compiles config.d.ts files with an older schema compiler that rejects any
    # declaration besides `Config`; the Backstage release line the packages target accepts
    # them. Everything but the schema is exported by then, so write it with the repository's
    # own compiler.
    if grep -q 'additional symbol definitions are not allowed' "$log"; then
      kitstage_log "writing the configuration schema of plugins/$1 with @backstage/config-loader"
      node scripts/export-dynamic/config-schema.cjs "$dir"
      node -e '
        const fs = require("fs");
        const [file, version] = process.argv.slice(1);
        const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
        pkg.backstage["supported-versions"] = version;
        fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");' \
        "$target/package.json" "$(node -p 'require("./backstage.json").version')"
    else
      rm -f "$log"
      kitstage_die "exporting plugins/$1 failed"
    fi
  fi
  rm -f "$log" "$target/yarn.lock"

  kitstage_log "installing the private dependencies of plugins/$1/dist-dynamic"
  # Peer dependencies (the @backstage packages) come from the host, never from the export.
  (cd "$target" && npm install --omit=dev --omit=peer --legacy-peer-deps --ignore-scripts \
    --no-package-lock --no-audit --no-fund --loglevel=error)
  # npm links the embedded Kitstage libraries; `npm pack` and copies must carry their files.
  local link
  for link in "$target"/node_modules/@kitstage/*; do
    if [ -L "$link" ]; then
      local real
      real="$(cd "$link" && pwd -P)"
      rm "$link"
      cp -R "$real" "$link"
    fi
  done
  local shared native
  shared="$(cd "$target" && find node_modules -type d -path '*node_modules/@backstage/*' -prune -print | head -n 5)"
  [ -z "$shared" ] || kitstage_die "plugins/$1/dist-dynamic holds shared packages privately: $shared"
  native="$(cd "$target" && find -L node_modules \( -name '*.node' -o -name binding.gyp \) -print | head -n 5)"
  [ -z "$native" ] || kitstage_die "plugins/$1/dist-dynamic holds native modules: $native"
}

export_frontend() {
  local assets=(--no-generate-module-federation-assets)
  if [ "$module_federation" = 1 ]; then
    assets=()
    kitstage_log "exporting plugins/modelkit (Scalprum and module federation assets)"
  else
    kitstage_log "exporting plugins/modelkit (Scalprum assets)"
  fi
  (cd plugins/modelkit && rhdh-cli plugin export --clean "${assets[@]}") \
    >"$KITSTAGE_ROOT/.kitstage/export-dynamic-frontend.log" 2>&1 ||
    {
      tail -n 60 "$KITSTAGE_ROOT/.kitstage/export-dynamic-frontend.log" >&2
      kitstage_die "exporting plugins/modelkit failed"
    }
  # The module federation build replaces the package's own dist/: build it again.
  [ "$module_federation" = 0 ] || build modelkit
}

mkdir -p "$KITSTAGE_ROOT/.kitstage"
start=$SECONDS
build modelkit-common modelkit-node "${backends[@]}"
for pkg in "${backends[@]}"; do export_backend "$pkg"; done
exported=("${backends[@]}")
if [ "$frontend" = 1 ]; then
  build modelkit
  export_frontend
  exported+=(modelkit)
fi

mkdir -p "$out"
for pkg in "${exported[@]}"; do
  name="$(node -p 'require(process.argv[1]).name.replace(/^@/, "").replace("/", "-")' \
    "$KITSTAGE_ROOT/plugins/$pkg/dist-dynamic/package.json")"
  rm -rf "${out:?}/$name"
  cp -R "$KITSTAGE_ROOT/plugins/$pkg/dist-dynamic" "$out/$name"
  rm -rf "$KITSTAGE_ROOT/plugins/$pkg/dist-dynamic"
  rm -f "$out/$name/.gitignore"
  kitstage_log "$name: $(du -sh "$out/$name" | cut -f1)"
done
kitstage_log "exported ${#exported[@]} dynamic plugins into $out in $((SECONDS - start))s"
