CREATE READABLE EXTERNAL TABLE "gp_in" (
    "id" int8,
    "Amount" numeric(12,2),
    "note" text,
    "at" timestamp with time zone
)
LOCATION ('s3://10.0.0.5:9000/bkt/unload/orders/ region=us-east-1')
FORMAT 'CSV';
