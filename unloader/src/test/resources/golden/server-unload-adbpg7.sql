SET extra_float_digits = 3;
CREATE SERVER "lading_ext_Orders_00ff00ff00ff00ff_oss_server" FOREIGN DATA WRAPPER oss_fdw OPTIONS (endpoint 'oss-cn-hangzhou-internal.aliyuncs.com', bucket 'bucket');
CREATE USER MAPPING FOR CURRENT_USER SERVER "lading_ext_Orders_00ff00ff00ff00ff_oss_server" OPTIONS (id '****', key '****');
CREATE FOREIGN TABLE "sales"."lading_ext_Orders_00ff00ff00ff00ff" (
    "id" bigint,
    "Placed At" timestamp with time zone,
    "amount" double precision
)
SERVER "lading_ext_Orders_00ff00ff00ff00ff_oss_server"
OPTIONS (prefix 'exports/.lading-staging-20261201T041700000/orders/', format 'csv', filetype 'gzip');
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO "sales"."lading_ext_Orders_00ff00ff00ff00ff" SELECT "id", "Placed At", "amount" FROM "sales"."Orders";
COMMIT;
DROP FOREIGN TABLE IF EXISTS "sales"."lading_ext_Orders_00ff00ff00ff00ff";
DROP USER MAPPING IF EXISTS FOR CURRENT_USER SERVER "lading_ext_Orders_00ff00ff00ff00ff_oss_server";
DROP SERVER IF EXISTS "lading_ext_Orders_00ff00ff00ff00ff_oss_server";
