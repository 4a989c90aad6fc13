CREATE READABLE EXTERNAL TABLE "we""ird"."a""b" (
    "id" int8,
    "Amount" numeric(12,2),
    "note" text,
    "at" timestamp with time zone
)
LOCATION ('oss://oss-cn-beijing.aliyuncs.com prefix=it''s/a"b/ id=AKID key=S3CR3T bucket=bkt async=false oss_speed_time=30')
FORMAT 'TEXT' (HEADER DELIMITER '|' NULL E'NULL''\\' NEWLINE 'CRLF' FILL MISSING FIELDS)
ENCODING 'latin1'
LOG ERRORS SEGMENT REJECT LIMIT 10 PERCENT;
