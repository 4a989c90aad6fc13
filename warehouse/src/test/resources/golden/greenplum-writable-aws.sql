CREATE WRITABLE EXTERNAL TABLE "gp_out" (
    "id" int8,
    "Amount" numeric(12,2),
    "note" text,
    "at" timestamp with time zone
)
LOCATION ('s3://s3.eu-west-1.amazonaws.com/bkt/exp/orders_ config=/etc/gpcloud/s3.conf region=eu-west-1')
FORMAT 'CSV'
DISTRIBUTED BY ("id");
