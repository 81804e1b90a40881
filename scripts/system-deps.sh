#!/usr/bin/env bash
# Sourced by ./kitstage. The test suites talk to real services: an OCI registry, PostgreSQL,
# Redis, Prometheus, headless Chromium and friends. This makes sure their binaries are present,
# installing the Debian packages when the machine allows it (root or password-less sudo).

# binary-or-path:debian-package
KITSTAGE_TEST_DEPS=(
  "docker-registry:docker-registry"
  "skopeo:skopeo"
  "htpasswd:apache2-utils"
  "chromium:chromium"
  "/usr/lib/postgresql/15/bin/initdb:postgresql"
  "redis-server:redis-server"
  "prometheus:prometheus"
  "yamllint:yamllint"
  "shellcheck:shellcheck"
  "kubectl:kubectl"
  "git:git"
)

kitstage_have() {
  case "$1" in
    /*) [ -x "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

kitstage_ensure_test_deps() {
  local missing=() entry bin pkg sudo=""
  for entry in "${KITSTAGE_TEST_DEPS[@]}"; do
    bin="${entry%%:*}"
    pkg="${entry##*:}"
    kitstage_have "$bin" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      kitstage_die "missing test dependencies: ${missing[*]}. Install these Debian/Ubuntu packages (apt-get install ${missing[*]}) and run again."
    fi
  fi
  command -v apt-get >/dev/null 2>&1 ||
    kitstage_die "missing test dependencies: ${missing[*]}; this machine has no apt-get, install their equivalents and run again."
  kitstage_log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq >/dev/null || kitstage_die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    kitstage_die "apt-get install ${missing[*]} failed"
  for entry in "${KITSTAGE_TEST_DEPS[@]}"; do
    bin="${entry%%:*}"
    kitstage_have "$bin" || kitstage_die "$bin is still missing after installing ${entry##*:}"
  done
}
