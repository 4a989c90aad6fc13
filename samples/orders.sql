-- A sample orders table (~100,000 rows) with varied types, for the demo and for trying Lading.
-- Deterministic: run it again and you get the same rows. psql -v rows=N -f overrides the size.
\if :{?rows}
\else
\set rows 100000
\endif
drop table if exists lading_orders;
create table lading_orders (
    order_id     bigint primary key,
    customer_id  integer not null,
    status       text not null,
    ordered_at   timestamptz not null,
    ship_date    date,
    quantity     smallint not null,
    unit_price   numeric(12,2) not null,
    discount     real,
    total        numeric(14,2) not null,
    express      boolean not null,
    comment      text,
    tags         text[],
    attributes   jsonb
);
insert into lading_orders
select g,
       1 + (g * 7919) % 5000,
       (array['new','paid','shipped','delivered','returned'])[1 + g % 5],
       timestamptz '2024-01-01 00:00:00+00' + (g * interval '317 seconds'),
       case when g % 5 >= 2 then date '2024-01-03' + (g * 317 / 86400) end,
       (1 + g % 9)::smallint,
       round((5 + (g * 37) % 995 + (g % 100) / 100.0)::numeric, 2),
       case when g % 4 = 0 then ((g % 30) / 100.0)::real end,
       round(((1 + g % 9) * (5 + (g * 37) % 995 + (g % 100) / 100.0))::numeric, 2),
       g % 3 = 0,
       case g % 7 when 0 then null when 1 then '' when 2 then 'leave at the door, "please"'
                  when 3 then E'two\nlines' else 'order ' || md5(g::text) end,
       case when g % 2 = 0 then array['gift', 'n' || (g % 13)] end,
       jsonb_build_object('channel', (array['web','app','store'])[1 + g % 3], 'items', 1 + g % 9)
from generate_series(1, :rows) g;
analyze lading_orders;
