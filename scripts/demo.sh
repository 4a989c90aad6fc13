#!/usr/bin/env bash
# The 5-minute tour: creates a sample orders table in the local PostgreSQL (database test) and
# unloads it to the local store under demo-out/, then shows the files and the manifest.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
if [ ! -f cli/target/lading.jar ]; then
  echo "demo: building lading (mvn -B -ntp -q -DskipTests package)..." >&2
  mvn -B -ntp -q -DskipTests package
fi
scripts/pg-up.sh
host=${PGHOST:-127.0.0.1}; port=${PGPORT:-5432}; user=${PGUSER:-postgres}
echo "demo: creating table lading_orders (100,000 rows) in database test from samples/orders.sql" >&2
psql -h "$host" -p "$port" -U "$user" -d test -q -v ON_ERROR_STOP=1 -f samples/orders.sql
mkdir -p demo-out
out="file://$here/demo-out/orders/"
set -x
scripts/lading unload --source "jdbc:postgresql://$host:$port/test?user=$user" --table lading_orders \
  --to "$out" --segments 4 --overwrite
{ set +x; } 2>/dev/null
echo
echo "files:    $(ls demo-out/orders | wc -l) in $here/demo-out/orders/"
ls -l demo-out/orders
echo "manifest: $here/demo-out/orders.manifest"
echo "first rows of the first file:"
first=$(ls demo-out/orders | head -1)
gzip -dc "demo-out/orders/$first" | head -3
