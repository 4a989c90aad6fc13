COPY (SELECT "id", "Placed At" FROM "sales"."Orders" WHERE ctid >= '(250,0)'::tid AND ctid < '(500,0)'::tid) TO STDOUT (FORMAT csv, DELIMITER ',', NULL '', QUOTE '"', ESCAPE '"');
COPY (SELECT * FROM (select id, "Placed At" from sales."Orders" where note <> 'x') AS q WHERE "id" IS NULL) TO STDOUT (FORMAT text, DELIMITER E'\t', NULL E'\\N');
COPY (SELECT "id", "Placed At"::text FROM "sales"."Orders" WHERE ctid >= '(250,0)'::tid AND ctid < '(500,0)'::tid) TO STDOUT (FORMAT binary);
COPY (SELECT "id" FROM (select id, "Placed At" from sales."Orders" where note <> 'x') AS q) TO STDOUT (FORMAT binary);
