#!/usr/bin/env bash
# Unload speed, side by side on the same table: psql \copy | gzip, psql \copy | pigz, and lading
# (csv.gz level 6 and 1, Parquet). Builds a lineitem-like table once (BENCH_ROWS, default 3M rows,
# table lading_bench_lineitem in database test; BENCH_REBUILD=1 rebuilds it). Output goes to
# bench-data/ (git-ignored). MB/s are of uncompressed CSV bytes, so every column compares the same
# amount of work; cpu-s is the client side only (psql + gzip/pigz, or lading's JVM), the PostgreSQL
# backends excluded. Run it on a quiet machine: the load average is printed with the figures.
# BENCH_REPEAT rounds (default 3) run every pipeline once per round, interleaved, and the table
# at the end gives each pipeline's median round, because a small VM's timings vary by 20% or more.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
rows=${BENCH_ROWS:-3000000}
cores=$(nproc)
segments=${BENCH_SEGMENTS:-$((cores * 2))}
host=${PGHOST:-127.0.0.1}; port=${PGPORT:-5432}; user=${PGUSER:-postgres}; db=test
table=lading_bench_lineitem
psqlc() { psql -h "$host" -p "$port" -U "$user" -d "$db" -v ON_ERROR_STOP=1 -Atq "$@"; }

if ! command -v pigz >/dev/null 2>&1; then
  echo "bench: pigz is missing; trying apt-get install pigz" >&2
  apt-get install -y -q pigz >/dev/null 2>&1 || { echo "bench: could not install pigz (apt-get install pigz); its column is skipped" >&2; }
fi
[ -f cli/target/lading.jar ] || mvn -B -ntp -q -DskipTests package
scripts/pg-up.sh

have=$(psqlc -c "select count(*) from $table" 2>/dev/null || echo 0)
if [ "${BENCH_REBUILD:-0}" = 1 ] || [ "$have" != "$rows" ]; then
  echo "bench: building $table with $rows rows (once)..." >&2
  psqlc <<SQL
drop table if exists $table;
create table $table (
  l_orderkey bigint, l_partkey integer, l_suppkey integer, l_linenumber integer,
  l_quantity numeric(15,2), l_extendedprice numeric(15,2), l_discount numeric(15,2), l_tax numeric(15,2),
  l_returnflag char(1), l_linestatus char(1), l_shipdate date, l_commitdate date, l_receiptdate date,
  l_shipinstruct char(25), l_shipmode char(10), l_comment varchar(44));
insert into $table
select g / 4 + 1, ((g::bigint * 7919) % 200000 + 1)::int, ((g::bigint * 104729) % 10000 + 1)::int, g % 4 + 1,
       (g % 50) + 1, round(((g % 50) + 1) * (900 + (g * 31) % 100000 / 100.0), 2), (g % 11) / 100.0, (g % 9) / 100.0,
       (array['A','N','R'])[1 + g % 3], (array['F','O'])[1 + g % 2],
       date '1992-01-02' + (g * 13) % 2500, date '1992-01-31' + (g * 17) % 2500, date '1992-01-03' + (g * 19) % 2530,
       (array['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[1 + g % 4],
       (array['REG AIR','AIR','RAIL','SHIP','TRUCK','MAIL','FOB'])[1 + g % 7],
       substr(md5(g::text) || ' carefully ironic ' || md5((g * 3)::text), 1 + g % 7, 10 + g % 34)
from generate_series(0, $rows - 1) g;
vacuum analyze $table;
SQL
fi
mkdir -p bench-data
select="select * from $table"
echo "bench: measuring the CSV size..." >&2
csv_bytes=$(psqlc -c "\\copy ($select) to stdout csv" | wc -c)

repeat=${BENCH_REPEAT:-3}
timings=$(mktemp)
trap 'rm -f "$timings"' EXIT
line() { # name wall-seconds cpu-seconds suffix
  local mbs rps
  mbs=$(awk -v b="$csv_bytes" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }')
  rps=$(awk -v r="$rows" -v s="$2" 'BEGIN { printf "%.0f", r / s }')
  printf '%-34s %8.2f s %10s rows/s %7s MB/s %7.1f cpu-s%s\n' "$1" "$2" "$rps" "$mbs" "$3" "$4"
}
record() { # name wall-seconds cpu-seconds
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$timings"  # tab-separated: names contain '|'
  line "$1" "$2" "$3" "   load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}
run() { # name command... ; cpu-s = user + sys of the client processes (not the PostgreSQL backends)
  local name=$1; shift
  local TIMEFORMAT='%R %U %S' t
  if t=$( { time "$@" >/dev/null 2>/tmp/lading-bench-err.$$ ; } 2>&1 ); then
    record "$name" "$(echo "$t" | awk '{ print $1 }')" "$(echo "$t" | awk '{ print $2 + $3 }')"
  else
    echo "bench: $name failed: $(head -1 /tmp/lading-bench-err.$$)" >&2
  fi
  rm -f /tmp/lading-bench-err.$$
}
src="jdbc:postgresql://$host:$port/$db?user=$user"
lading() { scripts/lading unload --source "$src" --table "$table" --segments "$segments" --overwrite "$@"; }

echo "bench: $rows rows, $csv_bytes bytes of CSV, $cores cores, lading N = $segments files" >&2
echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$repeat"); do
  echo "bench: round $round of $repeat" >&2
  run "psql \\copy csv | gzip -6" bash -c "psql -h $host -p $port -U $user -d $db -Atqc '\\copy ($select) to stdout csv' | gzip -6 > bench-data/psql.csv.gz"
  if command -v pigz >/dev/null 2>&1; then
    run "psql \\copy csv | pigz -6 -p $cores" bash -c "psql -h $host -p $port -U $user -d $db -Atqc '\\copy ($select) to stdout csv' | pigz -6 -p $cores > bench-data/psql-pigz.csv.gz"
    run "psql \\copy csv | pigz -1 -p $cores" bash -c "psql -h $host -p $port -U $user -d $db -Atqc '\\copy ($select) to stdout csv' | pigz -1 -p $cores > bench-data/psql-pigz1.csv.gz"
  fi
  run "lading csv.gz level 6" lading --to "file://$here/bench-data/lading6/" --gzip-level 6
  run "lading csv.gz level 1" lading --to "file://$here/bench-data/lading1/" --gzip-level 1
  run "lading csv (no compression)" lading --to "file://$here/bench-data/lading0/" --compression none
  run "lading parquet snappy" lading --to "file://$here/bench-data/parquet/" --format parquet
done
echo
echo "unload of $table: $rows rows, $(awk -v b="$csv_bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB as CSV, $cores cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "median of $repeat rounds (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)):"
# names in first-seen order; the median round of each by wall clock
awk -F'\t' '!seen[$1]++ { print $1 }' "$timings" | while IFS= read -r name; do
  median=$(NAME="$name" awk -F'\t' '$1 == ENVIRON["NAME"] { print $2, $3 }' "$timings" | sort -k1,1g | awk -v r="$repeat" 'NR == int((r + 1) / 2)')
  line "$name" "${median%% *}" "${median##* }" ""
done
