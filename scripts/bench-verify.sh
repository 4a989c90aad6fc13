#!/usr/bin/env bash
# Verify benchmark: two identical lineitem-like tables in two databases (standing for two servers),
#   reference: both tables read once, at the same time: psql -c "copy (select * from t) to stdout" > /dev/null
#   naive peer: both tables streamed in key order and compared in the client (MOLT Verify's way):
#               cmp <(psql -c "copy (select * from t order by key) to stdout") <(... target ...)
#   lading verify --parallel N (hash-and-bisect: a count and a checksum per key range cross the network)
# and prints the medians, lading / reference (target <= 1.5x) and naive / lading, the heap limit and
# the peak RSS of lading, with the bytes each approach moves to the client per row compared.
#
#   scripts/bench-verify.sh [ROWS=2000000] [PARALLEL=cores/2]
#
# PARALLEL is per side: both "servers" are databases of the one local server, so N ranges at a time
# keep 2N backends busy; half the cores (one connection per side on 2 cores, as the two peers use)
# is what this machine holds without the backends slowing each other down.
#
# BENCH_REPEAT rounds (default 3), interleaved. The launcher runs Lading with -Xmx512m; the peak
# resident size of the Lading process is printed too. Needs the jar (mvn -B -q -pl cli -am package
# -DskipTests), psql, PostgreSQL at PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres), source
# database PGDATABASE (default test); creates the database lading_bench_verify_target if missing.
# Leaves no table behind.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2000000}
parallel=${2:-$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
target_db=lading_bench_verify_target
# the heap the target is stated for; the launcher's default, spelled out so the report can say it
export LADING_JAVA_OPTS=${LADING_JAVA_OPTS:--Xmx512m -XX:CompileThresholdScaling=5}
source_url="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?user=$PGUSER"
target_url="jdbc:postgresql://$PGHOST:$PGPORT/$target_db?user=$PGUSER"
schema="ld_bench_verify_$$"
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
  psql_ -c "drop schema if exists $schema cascade" >/dev/null 2>&1 || true
  psql_ -d "$target_db" -c "drop schema if exists $schema cascade" >/dev/null 2>&1 || true
}
trap cleanup EXIT

[ -f cli/target/lading.jar ] || { echo "build the jar first: mvn -B -q -pl cli -am package -DskipTests" >&2; exit 1; }
psql_ -At -c "select 1 from pg_database where datname = '$target_db'" | grep -q 1 || psql_ -c "create database $target_db"

echo "== generating two identical tables of $rows lineitem-like rows"
for db in "$PGDATABASE" "$target_db"; do
  psql_ -d "$db" -c "create schema $schema"
  psql_ -d "$db" -v table="$schema.lineitem" -v rows="$rows" -f scripts/lineitem-like.sql
  psql_ -d "$db" <<SQL
alter table $schema.lineitem add primary key (l_orderkey);
vacuum analyze $schema.lineitem;
SQL
done
row_bytes=$(psql_ -At -c "select sum(octet_length(t::text)) / count(*) from $schema.lineitem t")
# the ranges of lading verify on identical tables: 4 x parallel, or twice the rows over the rows of
# one digest (16 MiB of the table on disk), as TableVerifier.initialRanges computes them
ranges=$(psql_ -At -c "select greatest(4 * $parallel, floor(2 * reltuples / least(1000000, greatest(1000,
  floor(16 * 1024 * 1024 / (relpages::float8 * 8192 / reltuples))))) + 1)::int from pg_class where oid = '$schema.lineitem'::regclass")

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk -v n=$# 'NR == int((n + 1) / 2)'; }
read_both() {
  psql_ -c "copy (select * from $schema.lineitem) to stdout" > /dev/null &
  psql_ -d "$target_db" -c "copy (select * from $schema.lineitem) to stdout" > /dev/null &
  wait
}
naive() {
  cmp -s <(psql_ -c "copy (select * from $schema.lineitem order by l_orderkey) to stdout") \
         <(psql_ -d "$target_db" -c "copy (select * from $schema.lineitem order by l_orderkey) to stdout")
}
rounds=${BENCH_REPEAT:-3}
read_t=(); naive_t=(); lading_t=(); rss=()
for ((round = 1; round <= rounds; round++)); do
  echo "== round $round of $rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(now); read_both; read_t+=("$(echo "$(now) - $start" | bc -l)")
  start=$(now); naive || { echo "naive comparison found a difference in identical tables" >&2; exit 1; }
  naive_t+=("$(echo "$(now) - $start" | bc -l)")
  start=$(now)
  /usr/bin/time -f '%M' -o "/tmp/$schema.rss" scripts/lading verify --source "$source_url" --target "$target_url" \
    --table "$schema.lineitem" --parallel "$parallel"
  lading_t+=("$(echo "$(now) - $start" | bc -l)")
  rss+=("$(cat "/tmp/$schema.rss")"); rm -f "/tmp/$schema.rss"
  printf '   read both %.2f s, naive %.2f s, lading verify %.2f s (peak RSS %d MiB)\n' \
    "${read_t[-1]}" "${naive_t[-1]}" "${lading_t[-1]}" "$((rss[-1] / 1024))"
done
read_secs=$(median "${read_t[@]}"); naive_secs=$(median "${naive_t[@]}"); lading_secs=$(median "${lading_t[@]}")
echo
echo "median of $rounds rounds, $rows rows, --parallel $parallel (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '%-52s %8.2f s\n' "reference: read both tables once, in parallel (psql)" "$read_secs"
printf '%-52s %8.2f s\n' "naive: stream both in key order, compare in client" "$naive_secs"
printf '%-52s %8.2f s\n' "lading verify" "$lading_secs"
printf 'lading / reference: %.2fx (target <= 1.5x); naive / lading: %.2fx (above 1: lading faster); peak RSS of lading %d MiB (java: %s)\n' \
  "$(echo "$lading_secs / $read_secs" | bc -l)" "$(echo "$naive_secs / $lading_secs" | bc -l)" "$(( $(median "${rss[@]}") / 1024 ))" "$LADING_JAVA_OPTS"
printf 'bytes to the client per row compared: naive %d (both sides, %d each), lading verify of identical tables %.4f (%d ranges x 2 sides x ~60 bytes: a count and a checksum)\n' \
  "$((2 * row_bytes))" "$row_bytes" "$(echo "$ranges * 2 * 60 / $rows" | bc -l)" "$ranges"
