CREATE SERVER "lake_srv" FOREIGN DATA WRAPPER oss_fdw OPTIONS (endpoint 'oss-cn-hangzhou-internal.aliyuncs.com', bucket 'bkt');
CREATE USER MAPPING FOR CURRENT_USER SERVER "lake_srv" OPTIONS (id '****', key '****');
CREATE FOREIGN TABLE "lake" (
    "id" int8,
    "Amount" numeric(12,2),
    "note" text,
    "at" timestamp with time zone
)
SERVER "lake_srv"
OPTIONS (dir 'lake/', format 'parquet');
