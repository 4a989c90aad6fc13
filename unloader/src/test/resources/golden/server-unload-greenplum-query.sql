SET extra_float_digits = 3;
CREATE WRITABLE EXTERNAL TABLE "sales"."lading_ext_Orders_00ff00ff00ff00ff" (
    "id" bigint,
    "Placed At" timestamp with time zone,
    "amount" double precision
)
LOCATION ('s3://s3.amazonaws.com/bucket/exports/.lading-staging-20261201T041700000/orders/ config=/home/gpadmin/s3/s3.conf')
FORMAT 'CSV'
DISTRIBUTED RANDOMLY;
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO "sales"."lading_ext_Orders_00ff00ff00ff00ff" SELECT * FROM (select id, amount from sales."Orders" where amount > 0) AS q;
COMMIT;
DROP EXTERNAL TABLE IF EXISTS "sales"."lading_ext_Orders_00ff00ff00ff00ff";
