#!/usr/bin/env bash
# Runs every check and test suite, then prints one summary line `N passed, N failed`.
# Static checks (types, lint, formatting, API reports) count one each; jest and end-to-end
# suites count their individual tests. Every step runs even when an earlier one fails, so the
# summary is complete; the exit status is non-zero when anything failed.
#
# Options: --no-e2e skips the browser suite (for quick local runs; CI runs everything).
set -uo pipefail

cd "${KITSTAGE_ROOT:?run through ./kitstage test}" || exit 1
# shellcheck source=toolchain.sh
source "$KITSTAGE_ROOT/scripts/toolchain.sh"
results_dir="$KITSTAGE_ROOT/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

run_e2e=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) run_e2e=0 ;;
    *) kitstage_die "unknown option $arg" ;;
  esac
done

passed=0
failed=0
summary=()

record() { # name passed failed
  passed=$((passed + $2))
  failed=$((failed + $3))
  summary+=("$(printf '%-22s %5s passed %5s failed' "$1" "$2" "$3")")
}

# A single check: passes when the command exits 0.
check() { # name logfile command...
  local name="$1" log="$results_dir/$2"
  shift 2
  kitstage_log "$name"
  local start=$SECONDS
  if "$@" >"$log" 2>&1; then
    record "$name" 1 0
    kitstage_log "$name passed in $((SECONDS - start))s"
  else
    record "$name" 0 1
    tail -n 60 "$log" >&2
    kitstage_log "$name FAILED in $((SECONDS - start))s (full log: $log)"
  fi
}

# Counts from a jest or Playwright JSON report: prints "passed failed".
count_report() { # kind file
  node -e '
    const [kind, file] = process.argv.slice(1);
    let r;
    try { r = JSON.parse(require("fs").readFileSync(file, "utf8")); } catch { console.log("0 1"); process.exit(0); }
    if (kind === "jest") {
      // Suites that failed to run at all count as failures too.
      const broken = r.testResults.filter(s => s.status === "failed" && s.assertionResults.length === 0).length;
      console.log(`${r.numPassedTests} ${r.numFailedTests + broken}`);
    } else {
      const s = r.stats;
      // Errors outside any test (a web server that cannot start, a broken config) count too.
      console.log(`${s.expected} ${s.unexpected + s.flaky + (r.errors || []).length}`);
    }' "$1" "$2"
}

check "type check" tsc.log npx tsc
check "lint" lint.log npx backstage-cli repo lint
check "formatting" prettier.log npx prettier --check .
check "api reports" api-reports.log bash scripts/api-reports.sh --ci

kitstage_log "unit and integration tests (jest)"
start=$SECONDS
CI=true npx backstage-cli repo test --json --outputFile="$results_dir/jest.json" 2>&1 | tee "$results_dir/jest.log" | grep -E '^(PASS|FAIL)|●'
status=${PIPESTATUS[0]}
read -r p f < <(count_report jest "$results_dir/jest.json")
# A run that failed without a failed test (a crash, a coverage or config error) still fails.
if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
record "jest" "$p" "$f"
kitstage_log "jest: $p passed, $f failed in $((SECONDS - start))s"

if [ "$run_e2e" = 1 ]; then
  kitstage_log "end-to-end tests (Playwright, headless Chromium, demo portal)"
  start=$SECONDS
  CI=true npx playwright test 2>&1 | tee "$results_dir/e2e.log" | grep -vE '^\s*$' | tail -n 80
  status=${PIPESTATUS[0]}
  read -r p f < <(count_report playwright "$results_dir/e2e.json")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  record "end-to-end" "$p" "$f"
  kitstage_log "end-to-end: $p passed, $f failed in $((SECONDS - start))s"
fi

echo
for line in "${summary[@]}"; do echo "  $line"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
