CREATE WRITABLE EXTERNAL TABLE "public"."orders_out" (
    "id" int8,
    "Amount" numeric(12,2),
    "note" text,
    "at" timestamp with time zone
)
LOCATION ('oss://oss-cn-hangzhou.aliyuncs.com prefix=exp/orders_ id=**** key=**** bucket=bkt compressiontype=gzip compressionlevel=9 oss_flush_block_size=64 oss_file_max_size=4000 num_parallel_worker=8 oss_connect_timeout=20')
FORMAT 'CSV' (NULL E'\\N' FORCE QUOTE "note" ESCAPE E'\\')
DISTRIBUTED RANDOMLY;
