-- The lineitem-like table of bench-load.sh and bench-verify.sh:
--   psql -v table=SCHEMA.NAME -v rows=N -f scripts/lineitem-like.sql
create table :table as
select g::bigint as l_orderkey, (g * 7 % 200000)::int as l_partkey, (g * 13 % 10000)::int as l_suppkey,
       (g % 7 + 1)::int as l_linenumber, (g % 50 + 1)::numeric(15,2) as l_quantity,
       round((g % 100000) * 1.37, 2)::numeric(15,2) as l_extendedprice, ((g % 11) / 100.0)::numeric(15,2) as l_discount,
       ((g % 9) / 100.0)::numeric(15,2) as l_tax, (array['A','N','R'])[g % 3 + 1]::char(1) as l_returnflag,
       (array['F','O'])[g % 2 + 1]::char(1) as l_linestatus, date '1992-01-01' + (g % 2500)::int as l_shipdate,
       date '1992-01-01' + (g % 2530)::int as l_commitdate, date '1992-01-01' + (g % 2560)::int as l_receiptdate,
       (array['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[g % 4 + 1]::char(25) as l_shipinstruct,
       (array['TRUCK','MAIL','SHIP','AIR','RAIL','FOB','REG AIR'])[g % 7 + 1]::char(10) as l_shipmode,
       md5(g::text)::varchar(44) as l_comment
from generate_series(1, :rows) g;
