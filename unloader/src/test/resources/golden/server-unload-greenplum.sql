SET extra_float_digits = 3;
CREATE WRITABLE EXTERNAL TABLE "sales"."lading_ext_Orders_00ff00ff00ff00ff" (
    "id" bigint,
    "Placed At" timestamp with time zone,
    "amount" double precision
)
LOCATION ('s3://s3.amazonaws.com/bucket/exports/.lading-staging-20261201T041700000/orders/ config=/home/gpadmin/s3/s3.conf')
FORMAT 'CSV'
DISTRIBUTED BY ("id");
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT gp_segment_id, count(*) FROM "sales"."Orders" GROUP BY gp_segment_id ORDER BY gp_segment_id;
INSERT INTO "sales"."lading_ext_Orders_00ff00ff00ff00ff" SELECT "id", "Placed At", "amount" FROM "sales"."Orders";
COMMIT;
DROP EXTERNAL TABLE IF EXISTS "sales"."lading_ext_Orders_00ff00ff00ff00ff";
