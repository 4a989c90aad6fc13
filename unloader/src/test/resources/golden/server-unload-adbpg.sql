SET extra_float_digits = 3;
CREATE WRITABLE EXTERNAL TABLE "sales"."lading_ext_Orders_00ff00ff00ff00ff" (
    "id" bigint,
    "Placed At" timestamp with time zone,
    "amount" double precision
)
LOCATION ('oss://oss-cn-hangzhou-internal.aliyuncs.com prefix=exports/.lading-staging-20261201T041700000/orders/ id=**** key=**** bucket=bucket compressiontype=gzip')
FORMAT 'CSV'
DISTRIBUTED BY ("id");
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO "sales"."lading_ext_Orders_00ff00ff00ff00ff" SELECT "id", "Placed At", "amount" FROM "sales"."Orders";
COMMIT;
DROP EXTERNAL TABLE IF EXISTS "sales"."lading_ext_Orders_00ff00ff00ff00ff";
