SELECT min("id")::text, max("id")::text FROM "sales"."Orders";
SELECT min("Placed At")::text, max("Placed At")::text FROM (select id, "Placed At" from sales."Orders" where note <> 'x') AS q WHERE isfinite("Placed At");
SELECT v::text FROM (SELECT DISTINCT '2024-01-01'::date + (('2024-12-31'::date - '2024-01-01'::date) * g / ?) AS v FROM generate_series(1, ? - 1) AS g) AS s WHERE v > '2024-01-01'::date ORDER BY v;
SELECT v::text FROM (SELECT DISTINCT '2024-01-01 00:00:00+00'::timestamp with time zone + ('2024-12-31 23:59:59.5+00'::timestamp with time zone - '2024-01-01 00:00:00+00'::timestamp with time zone) * (g::float8 / ?) AS v FROM generate_series(1, ? - 1) AS g) AS s WHERE v > '2024-01-01 00:00:00+00'::timestamp with time zone ORDER BY v;
"Placed At" < '2024-04-01 00:00:00+00'::timestamp with time zone
"Placed At" >= '2024-04-01 00:00:00+00'::timestamp with time zone AND "Placed At" < 'it''s'::timestamp with time zone
"Placed At" >= 'it''s'::timestamp with time zone
"Placed At" IS NULL
"k" IS NOT NULL
"k" IS NULL
