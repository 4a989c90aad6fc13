#!/usr/bin/env bash
# Load benchmark: the same gzip CSV files loaded by the serial psql pipeline
#   for f in files: gunzip -c f | psql -c "\copy t from stdin csv"
# and by 'lading load --mode copy' (parallel COPY, exactly-once ledger). Prints rows/s and MB/s
# (MB of uncompressed CSV) side by side, with the load average, since other builds may share the CPUs.
#
#   scripts/bench-load.sh [ROWS=2000000] [FILES=8] [PARALLEL=cores]
#
# BENCH_REPEAT rounds (default 3) load the same files each way, interleaved; the table at the end
# gives the median round of each, because a small VM's timings vary by 20% or more, and the last
# line the median of the rounds' own speed-ups.
#
# Needs: the jar (mvn -B -q -pl cli -am package -DskipTests), psql, gzip, PostgreSQL at
# PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1:5432, postgres, test). Leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2000000}
files=${2:-8}
parallel=${3:-$(nproc)}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
db="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?user=$PGUSER"
schema="ld_bench_load_$$"
work=$(mktemp -d /tmp/lading-bench-load.XXXXXX)
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
cleanup() { psql_ -c "drop schema if exists $schema cascade" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

[ -f cli/target/lading.jar ] || { echo "build the jar first: mvn -B -q -pl cli -am package -DskipTests" >&2; exit 1; }

echo "== generating $rows lineitem-like rows in $files gzip CSV files under $work"
psql_ -c "create schema $schema"
psql_ -v table="$schema.src" -v rows="$rows" -f scripts/lineitem-like.sql
psql_ <<SQL
-- no autovacuum: it would analyze one step's fresh table while the next step runs
create table $schema.t_psql (like $schema.src) with (autovacuum_enabled = false);
create table $schema.t_lading (like $schema.src) with (autovacuum_enabled = false);
create table $schema.t_psql2 (like $schema.src) with (autovacuum_enabled = false);
SQL
for ((i = 0; i < files; i++)); do
  psql_ -c "\\copy (select * from $schema.src where l_orderkey % $files = $i) to stdout csv" | gzip -1 > "$work/part_$(printf %02d $i).csv.gz"
done
csv_bytes=$(for f in "$work"/*.csv.gz; do gunzip -c "$f"; done | wc -c)
gz_bytes=$(cat "$work"/*.csv.gz | wc -c)
psql_ -c "drop table $schema.src; checkpoint" >/dev/null
echo "   $(ls "$work" | wc -l) files, $((gz_bytes / 1000000)) MB gzip, $((csv_bytes / 1000000)) MB CSV"

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk -v n=$# 'NR == int((n + 1) / 2)'; }
rounds=${BENCH_REPEAT:-3}
psql_t=(); psql2_t=(); lading_t=(); ratio_t=()
for ((round = 1; round <= rounds; round++)); do
  echo "== round $round of $rounds"
  psql_ -c "truncate $schema.t_psql, $schema.t_psql2; checkpoint" >/dev/null

  echo "   psql: gunzip -c f | psql -c '\\copy t from stdin csv', one file after another (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(now)
  for f in "$work"/*.csv.gz; do
    gunzip -c "$f" | psql_ -c "\\copy $schema.t_psql from stdin csv"
  done
  psql_t+=("$(echo "$(now) - $start" | bc -l)")
  psql_ -c "checkpoint" >/dev/null

  echo "   reference: $parallel psql pipelines at once, each on its share of the files (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(now)
  for ((w = 0; w < parallel; w++)); do
    (
      i=0
      for f in "$work"/*.csv.gz; do
        if (( i % parallel == w )); then gunzip -c "$f" | psql_ -c "\\copy $schema.t_psql2 from stdin csv"; fi
        i=$((i + 1))
      done
    ) &
  done
  wait
  psql2_t+=("$(echo "$(now) - $start" | bc -l)")
  psql_ -c "checkpoint" >/dev/null

  echo "   lading load --mode copy --parallel $parallel --truncate (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(now)
  scripts/lading load --target "$db" --table "$schema.t_lading" --from "file://$work/" --parallel "$parallel" \
    --ledger-schema "$schema" --mode copy --truncate
  lading_t+=("$(echo "$(now) - $start" | bc -l)")
  psql_ -c "checkpoint" >/dev/null
  ratio_t+=("$(echo "${psql_t[-1]} / ${lading_t[-1]}" | bc -l)")
  printf '   round %d: serial psql %.2f s, %d psql pipelines %.2f s, lading %.2f s: %.2fx\n' "$round" \
    "${psql_t[-1]}" "$parallel" "${psql2_t[-1]}" "${lading_t[-1]}" "$(echo "${psql_t[-1]} / ${lading_t[-1]}" | bc -l)"
done
psql_rows=$(psql -X -At -c "select count(*) from $schema.t_psql")
psql2_rows=$(psql -X -At -c "select count(*) from $schema.t_psql2")
lading_rows=$(psql -X -At -c "select count(*) from $schema.t_lading")
[ "$psql_rows" = "$rows" ] && [ "$psql2_rows" = "$rows" ] && [ "$lading_rows" = "$rows" ] \
  || { echo "row counts differ: psql $psql_rows, parallel psql $psql2_rows, lading $lading_rows, expected $rows" >&2; exit 1; }
psql_secs=$(median "${psql_t[@]}"); psql2_secs=$(median "${psql2_t[@]}"); lading_secs=$(median "${lading_t[@]}")
echo
echo "median of $rounds rounds (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '%-34s %10s %12s %10s\n' "pipeline ($rows rows, $files files)" seconds rows/s "MB/s"
printf '%-34s %10.2f %12.0f %10.1f\n' "gunzip | psql \\copy (serial)" "$psql_secs" "$(echo "$rows / $psql_secs" | bc -l)" "$(echo "$csv_bytes / 1000000 / $psql_secs" | bc -l)"
printf '%-34s %10.2f %12.0f %10.1f\n' "($parallel parallel psql pipelines)" "$psql2_secs" "$(echo "$rows / $psql2_secs" | bc -l)" "$(echo "$csv_bytes / 1000000 / $psql2_secs" | bc -l)"
printf '%-34s %10.2f %12.0f %10.1f\n' "lading load --parallel $parallel" "$lading_secs" "$(echo "$rows / $lading_secs" | bc -l)" "$(echo "$csv_bytes / 1000000 / $lading_secs" | bc -l)"
printf 'speed-up: %.2fx (medians, wall clock, JVM start included)\n' "$(echo "$psql_secs / $lading_secs" | bc -l)"
# each round's two timings are seconds apart, so their ratio is less exposed to the VM's speed
# drifting over the run than the ratio of the two medians, which may come from different rounds
printf 'speed-up per round: %s; median %.2fx\n' "$(printf '%.2fx ' "${ratio_t[@]}")" "$(median "${ratio_t[@]}")"
