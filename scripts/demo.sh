#!/usr/bin/env bash
# The 5-minute tour: creates a sample orders table in the local PostgreSQL (database test) and
# unloads it to the local store under demo-out/, then shows the files and the manifest.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
echo "demo: building lading (mvn -B -ntp -q -DskipTests package)..." >&2
mvn -B -ntp -q -DskipTests package
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
gzip -dc "demo-out/orders/$first" | head -3 || true  # head closes the pipe early; SIGPIPE is expected

echo
echo "demo: loading what was unloaded into a new table lading_orders_copy (copy mode, found through" >&2
echo "      demo-out/orders.manifest; the row counts are checked against it)" >&2
db="jdbc:postgresql://$host:$port/test?user=$user"
psql -h "$host" -p "$port" -U "$user" -d test -q -v ON_ERROR_STOP=1 -c "set client_min_messages = warning" \
  -c "drop table if exists lading_orders_copy"
# --truncate also forgets the ledger rows of an earlier demo run, which would otherwise skip every file
set -x
scripts/lading load --target "$db" --table lading_orders_copy --from "$out" --create-table --truncate
{ set +x; } 2>/dev/null
echo
echo "counts and checksums (md5 of every row's text, in order_id order):"
psql -h "$host" -p "$port" -U "$user" -d test -v ON_ERROR_STOP=1 -c "
  select 'lading_orders' as \"table\", count(*) as rows, md5(string_agg(t::text, '|' order by order_id)) as checksum from lading_orders t
  union all
  select 'lading_orders_copy', count(*), md5(string_agg(t::text, '|' order by order_id)) from lading_orders_copy t"
echo "a second run finds every file in the ledger and loads nothing:"
scripts/lading load --target "$db" --table lading_orders_copy --from "$out"

echo
echo "demo: the same files read by the warehouse itself, once copied to a bucket (lading ddl prints, runs nothing;" >&2
echo "      keys come from the environment and show as ****):" >&2
export OSS_ACCESS_KEY_ID=${OSS_ACCESS_KEY_ID:-demo-key-id} OSS_ACCESS_KEY_SECRET=${OSS_ACCESS_KEY_SECRET:-demo-secret}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-demo-key-id} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-demo-secret}
echo "-- AnalyticDB for PostgreSQL 6 (oss_ext):"
scripts/lading ddl --dialect adbpg --readable --table lading_orders_ext --like lading_orders --db "$db" \
  --from oss://demo-bucket/demo-out/orders/ --match dir --endpoint oss-cn-hangzhou-internal.aliyuncs.com \
  --format csv --compression gzip --reject-limit 10 --log-errors
echo
echo "-- Greenplum (gpcloud s3 protocol):"
scripts/lading ddl --dialect greenplum --readable --table lading_orders_ext --like lading_orders --db "$db" \
  --from s3://demo-bucket/demo-out/orders/ --match prefix --endpoint s3.us-east-1.amazonaws.com --s3-config /home/gpadmin/s3.conf \
  --format csv
