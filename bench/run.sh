#!/usr/bin/env bash
# Runs the benchmarks in bench/ one after the other and prints their figures.
#
#   bench/run.sh                  every benchmark, in directory order
#   bench/run.sh ingest fleet     only these (directory names under bench/)
#   bench/run.sh --list           the benchmarks it would run, and how
#
# Convention, per directory bench/<name>/:
#   - if it has an executable-or-not `run.sh`, that script is the benchmark (run with bash,
#     from the repository root);
#   - otherwise every `*Benchmark.ts` in it is run with `npx tsx`.
# A directory with neither is skipped with a note. Benchmarks print figures and never assert
# timings; a benchmark that fails (non-zero exit) is reported at the end and makes this script
# exit 1, after the others have run. Options for one benchmark go through its environment
# variables (see bench/README.md), e.g. INGEST_REPOSITORIES=50 bench/run.sh ingest.
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
cd "$ROOT" || exit 1

if [ -z "${KITSTAGE_ROOT:-}" ]; then
  # Called directly rather than through ./kitstage bench: use the pinned Node.
  # shellcheck source=scripts/toolchain.sh
  source "$ROOT/scripts/toolchain.sh"
  kitstage_setup_node
fi

list_only=false
selected=()
for arg in "$@"; do
  case "$arg" in
    --list) list_only=true ;;
    -h | --help)
      sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "bench/run.sh: unknown option '$arg' (try --help)" >&2
      exit 2
      ;;
    *) selected+=("${arg%/}") ;;
  esac
done

# The commands of one benchmark directory, one per line.
commands_for() {
  local dir="$1" file
  if [ -f "$dir/run.sh" ]; then
    printf 'bash %s\n' "$dir/run.sh"
    return
  fi
  for file in "$dir"/*Benchmark.ts; do
    [ -f "$file" ] && printf 'npx tsx %s\n' "$file"
  done
}

dirs=()
if [ ${#selected[@]} -gt 0 ]; then
  for name in "${selected[@]}"; do
    if [ ! -d "bench/$name" ]; then
      echo "bench/run.sh: no benchmark directory bench/$name" >&2
      exit 2
    fi
    dirs+=("bench/$name")
  done
else
  for dir in bench/*/; do
    dirs+=("${dir%/}")
  done
fi

failed=()
for dir in "${dirs[@]}"; do
  mapfile -t commands < <(commands_for "$dir")
  if [ ${#commands[@]} -eq 0 ]; then
    echo "== $dir: no run.sh or *Benchmark.ts, skipped"
    continue
  fi
  for command in "${commands[@]}"; do
    if $list_only; then
      echo "$command"
      continue
    fi
    echo
    echo "== $command"
    started=$SECONDS
    # The command is built from file names in bench/, split on spaces on purpose.
    # shellcheck disable=SC2086
    if $command; then
      echo "== $dir done in $((SECONDS - started)) s"
    else
      echo "== $dir FAILED (exit $?) after $((SECONDS - started)) s"
      failed+=("$command")
    fi
  done
done

if [ ${#failed[@]} -gt 0 ]; then
  echo
  echo "Failed benchmarks:"
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
