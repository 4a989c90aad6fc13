#!/usr/bin/env bash
# Runs the whole test suite: unit tests, store contract tests against in-process S3Proxy servers,
# and database tests against the local PostgreSQL (started if it is down).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/pg-up.sh
exec mvn -B -ntp verify "$@"
