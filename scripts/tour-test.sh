#!/usr/bin/env bash
# Runs every command block of the README's tour (the ```sh blocks after a '<!-- tour-test -->' line)
# in one shell from the project root, stopping at the first command that fails, so the tour cannot
# drift from what the code does. Needs the jar (mvn -B -ntp -q -DskipTests package) and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f cli/target/lading.jar ] || { echo "tour-test: build the jar first: mvn -B -ntp -q -DskipTests package" >&2; exit 1; }
scripts/pg-up.sh
script=$(awk '/^<!-- tour-test -->$/ {armed=1; next}
              armed && /^```sh$/ {inblock=1; next}
              inblock && /^```$/ {inblock=0; armed=0; print "echo \"tour-test: block done\" >&2"; next}
              inblock {print}' README.md)
blocks=$(grep -c '^<!-- tour-test -->$' README.md)
[ "$blocks" -gt 0 ] || { echo "tour-test: no tour blocks found in README.md" >&2; exit 1; }
# its own S3 port, so a server the developer runs on 9000 is left alone
export S3_PORT=${TOUR_S3_PORT:-19000}
trap 'scripts/s3-up.sh stop >/dev/null 2>&1 || true' EXIT
echo "tour-test: running $blocks README blocks" >&2
if bash -euo pipefail -x -c "$script" > target/tour-test.log 2>&1; then
  echo "tour-test: all $blocks README tour blocks ran (log: target/tour-test.log)" >&2
else
  tail -20 target/tour-test.log >&2
  echo "tour-test: a README tour command failed (whole log: target/tour-test.log)" >&2
  exit 1
fi
