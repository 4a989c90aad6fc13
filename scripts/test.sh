#!/usr/bin/env bash
# Runs the whole test suite: unit tests, store contract tests against in-process S3Proxy servers,
# and database tests against the local PostgreSQL (started if it is down). Maven's output goes to
# the terminal as usual (the shade plugin's per-artifact lines left out) and, whole, to
# target/test.log; then the README's tour runs (scripts/tour-test.sh); the last line sums up every
# module's tests, the tour, the time and the result.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/pg-up.sh
mkdir -p target
log=target/test.log
start=$(date +%s)
set +e
mvn -B -ntp -Dstyle.color=never verify "$@" 2>&1 | tee "$log" | grep --line-buffered -v -E '^\[INFO\] (Including .* in the shaded jar\.|Excluding .* from the shaded jar\.)$'
status=${PIPESTATUS[0]}
set -e
secs=$(( $(date +%s) - start ))
# Each module's surefire totals are the 'Tests run:' lines without a 'Time elapsed' (those are per class).
read -r run failed errors skipped < <(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
  | sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)/\1 \2 \3 \4/' \
  | awk '{r+=$1; f+=$2; e+=$3; s+=$4} END {print r+0, f+0, e+0, s+0}')
tour="not run"
if [ "$status" = 0 ] && [ $# = 0 ]; then
  # the README's tour, run as written against the jar this build made
  if scripts/tour-test.sh; then tour="ran"; else status=1; tour="FAILED (target/tour-test.log)"; fi
  secs=$(( $(date +%s) - start ))
fi
result=$([ "$status" = 0 ] && echo PASSED || echo "FAILED (full log: $log)")
printf 'lading tests: %d run, %d failed, %d errors, %d skipped; README tour %s; %dm%02ds: %s\n' \
  "$run" "$failed" "$errors" "$skipped" "$tour" $((secs / 60)) $((secs % 60)) "$result"
exit "$status"
