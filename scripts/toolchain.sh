#!/usr/bin/env bash
# Sourced by ./kitstage. Puts a Node.js that Backstage supports (22 or 24) first on PATH and
# points node-gyp at that Node's headers, so native addons are built for the Node that runs them.
# On a machine whose own Node is older, Node 24 is installed from the npm registry into
# .toolchain/ (no other download site is needed).

KITSTAGE_ROOT="${KITSTAGE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
KITSTAGE_NODE_VERSION="${KITSTAGE_NODE_VERSION:-24}"

kitstage_log() { printf '\033[1;34m[kitstage]\033[0m %s\n' "$*" >&2; }
kitstage_die() { printf '\033[1;31m[kitstage]\033[0m %s\n' "$*" >&2; exit 1; }

kitstage_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null; }

kitstage_setup_node() {
  local system_node major tc_dir node_home platform arch
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ]; then
    major="$(kitstage_node_major "$system_node")"
    if [ "$major" = 22 ] || [ "$major" = 24 ]; then
      node_home="$(cd "$(dirname "$system_node")/.." && pwd)"
      if [ -f "$node_home/include/node/node.h" ]; then
        export npm_config_nodedir="$node_home"
      else
        # Let node-gyp fetch the matching headers itself rather than use a stale nodedir.
        unset npm_config_nodedir
        export npm_config_nodedir=""
      fi
      return 0
    fi
  fi
  command -v npm >/dev/null || kitstage_die "npm is required to install Node.js ${KITSTAGE_NODE_VERSION}"
  platform="$(uname -s | tr '[:upper:]' '[:lower:]')"
  arch="$(uname -m)"
  case "$arch" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; esac
  tc_dir="$KITSTAGE_ROOT/.toolchain"
  node_home="$tc_dir/node_modules/node/node_modules/node-${platform}-${arch}"
  if [ ! -x "$node_home/bin/node" ] || [ "$(kitstage_node_major "$node_home/bin/node")" != "$KITSTAGE_NODE_VERSION" ]; then
    kitstage_log "Node ${major:-none} found; installing Node ${KITSTAGE_NODE_VERSION} from the npm registry into .toolchain/"
    mkdir -p "$tc_dir"
    printf '{"name":"kitstage-toolchain","private":true,"allowScripts":{"node":true}}\n' >"$tc_dir/package.json"
    (cd "$tc_dir" && npm install --no-save --no-audit --no-fund --loglevel=error "node@${KITSTAGE_NODE_VERSION}") ||
      kitstage_die "could not install node@${KITSTAGE_NODE_VERSION} from the npm registry"
    [ -x "$node_home/bin/node" ] || kitstage_die "node@${KITSTAGE_NODE_VERSION} installed, but $node_home/bin/node is missing"
  fi
  export PATH="$node_home/bin:$PATH"
  export npm_config_nodedir="$node_home"
}

# Installs the workspace dependencies when package-lock.json or the Node version changed since
# the last install.
kitstage_install_deps() {
  local stamp want
  stamp="$KITSTAGE_ROOT/node_modules/.kitstage-install"
  want="$(node -v) $(sha256sum "$KITSTAGE_ROOT/package-lock.json" 2>/dev/null | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  kitstage_log "installing dependencies with npm ci (node $(node -v))"
  (cd "$KITSTAGE_ROOT" && npm ci --no-audit --no-fund --loglevel=error) || kitstage_die "npm ci failed"
  echo "$want" >"$stamp"
}
