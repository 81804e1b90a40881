#!/usr/bin/env bash
# Runs every check and test suite, then prints one summary line `N passed, N failed`.
# Static checks (types, lint, formatting, API reports) count one each; jest and end-to-end
# suites count their individual tests. Every step runs even when an earlier one fails, so the
# summary is complete; the exit status is non-zero when anything failed.
#
# Options:
#   --no-e2e     skips the browser suite (for quick local runs; CI runs everything).
#   --e2e-only   runs only the browser suite.
#   --repeat N   runs the browser suite N times in a row, each run against a freshly started
#                portal, and names every test that did not pass in all N runs (the repeat check
#                for flaky end-to-end tests; CI runs the suite once, with no retries).
set -uo pipefail

cd "${KITSTAGE_ROOT:?run through ./kitstage test}" || exit 1
# shellcheck source=toolchain.sh
source "$KITSTAGE_ROOT/scripts/toolchain.sh"
results_dir="$KITSTAGE_ROOT/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

run_e2e=1
run_checks=1
repeat=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-e2e) run_e2e=0 ;;
    --e2e-only) run_checks=0 ;;
    --repeat)
      repeat="${2:-}"
      [[ "$repeat" =~ ^[1-9][0-9]*$ ]] || kitstage_die "--repeat takes a whole number of runs, got '${2:-}'"
      run_checks=0
      shift
      ;;
    *) kitstage_die "unknown option $1" ;;
  esac
  shift
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

# Prints the title of every test of a Playwright JSON report with its outcome, one a line:
# "<expected|unexpected|flaky|skipped> <file> › <title>".
report_outcomes() { # file
  node -e '
    let r;
    try { r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { process.exit(0); }
    const walk = (suite, prefix) => {
      for (const spec of suite.specs || []) {
        for (const t of spec.tests || []) console.log(`${t.status} ${spec.file} › ${[...prefix, spec.title].join(" › ")}`);
      }
      for (const child of suite.suites || []) walk(child, child.file === child.title ? prefix : [...prefix, child.title]);
    };
    for (const s of r.suites || []) walk(s, []);' "$1"
}

if [ "$run_checks" = 1 ]; then
  check "type check" tsc.log npx tsc
  # The benchmarks run with tsx, which does not check types: checked here so they keep
  # building when the code they measure changes.
  check "benchmarks type check" bench-tsc.log npx tsc -p bench/tsconfig.json
  check "lint" lint.log npx backstage-cli repo lint
  check "formatting" prettier.log npx prettier --check .
  check "api reports" api-reports.log bash scripts/api-reports.sh --ci
  check "import cycles" cycles.log npm run -s check:cycles
  # The packages' release readiness without building them (the tarballs themselves are
  # checked by ./kitstage pack and ./kitstage install-test).
  check "backstage release" release.log node scripts/release/check-backstage-versions.mjs
  check "package manifests" packages.log node scripts/release/check-packages.mjs
  check "readme install steps" install-steps.log \
    node scripts/install-test/readme-steps.mjs README.md "$results_dir/install-steps"

  kitstage_log "unit and integration tests (jest)"
  start=$SECONDS
  CI=true npx backstage-cli repo test --json --outputFile="$results_dir/jest.json" 2>&1 | tee "$results_dir/jest.log" | grep -E '^(PASS|FAIL)|●'
  status=${PIPESTATUS[0]}
  read -r p f < <(count_report jest "$results_dir/jest.json")
  # A run that failed without a failed test (a crash, a coverage or config error) still fails.
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  record "jest" "$p" "$f"
  kitstage_log "jest: $p passed, $f failed in $((SECONDS - start))s"
fi

if [ "$run_e2e" = 1 ]; then
  for run in $(seq 1 "$repeat"); do
    label="end-to-end"
    [ "$repeat" -gt 1 ] && label="end-to-end run $run/$repeat"
    kitstage_log "$label (Playwright, headless Chromium, demo portal)"
    start=$SECONDS
    CI=true npx playwright test 2>&1 | tee "$results_dir/e2e.log" | grep -vE '^\s*$' | tail -n 80
    status=${PIPESTATUS[0]}
    read -r p f < <(count_report playwright "$results_dir/e2e.json")
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    record "$label" "$p" "$f"
    kitstage_log "$label: $p passed, $f failed in $((SECONDS - start))s"
    if [ "$repeat" -gt 1 ]; then
      cp "$results_dir/e2e.log" "$results_dir/e2e-run-$run.log"
      report_outcomes "$results_dir/e2e.json" >"$results_dir/e2e-run-$run.outcomes"
      [ "$status" -ne 0 ] && echo "run failed (exit $status)" >>"$results_dir/e2e-run-$run.outcomes"
    fi
  done
  if [ "$repeat" -gt 1 ]; then
    # A test that did not pass in every run, and how often it did not.
    unstable="$(cat "$results_dir"/e2e-run-*.outcomes | grep -v '^expected ' | sort | uniq -c || true)"
    if [ -n "$unstable" ]; then
      kitstage_log "not passed in every one of $repeat runs (count, outcome, test):"
      echo "$unstable"
    else
      kitstage_log "every end-to-end test passed in all $repeat runs"
    fi
  fi
fi

echo
for line in "${summary[@]}"; do echo "  $line"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
