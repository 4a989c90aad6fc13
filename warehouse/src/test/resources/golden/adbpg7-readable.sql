CREATE SERVER "Orders_oss_server" FOREIGN DATA WRAPPER oss_fdw OPTIONS (endpoint 'oss-cn-hangzhou-internal.aliyuncs.com', bucket 'bkt');
CREATE USER MAPPING FOR "loader" SERVER "Orders_oss_server" OPTIONS (id 'AKID', key 'S3CR3T');
CREATE FOREIGN TABLE "staging"."Orders" (
    "id" int8,
    "Amount" numeric(12,2),
    "note" text,
    "at" timestamp with time zone
)
SERVER "Orders_oss_server"
OPTIONS (dir 'in/orders/', format 'csv', filetype 'gzip', header 'true', delimiter ';', encoding 'UTF8', log_errors 'true', segment_reject_limit '100');
