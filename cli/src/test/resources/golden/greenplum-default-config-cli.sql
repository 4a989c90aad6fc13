-- once per database (print as statements with --setup):
-- CREATE OR REPLACE FUNCTION write_to_s3() RETURNS integer AS '$libdir/gpcloud.so', 's3_export' LANGUAGE C STABLE;
-- CREATE OR REPLACE FUNCTION read_from_s3() RETURNS integer AS '$libdir/gpcloud.so', 's3_import' LANGUAGE C STABLE;
-- CREATE PROTOCOL s3 (writefunc = write_to_s3, readfunc = read_from_s3);

CREATE READABLE EXTERNAL TABLE "ossexample" (
    "date" text,
    "time" text,
    "open" float,
    "high" float,
    "low" float,
    "volume" int
)
LOCATION ('s3://127.0.0.1:9000/testbucket/osstest/example region=us-east-1')
FORMAT 'CSV';

-- s3.conf for s3/s3.conf in every segment's data directory (write it with --s3-config-out FILE):
-- [default]
-- accessid = "****"
-- secret = "****"
-- token = "****"
-- threadnum = 4
-- chunksize = 67108864
-- encryption = false
-- version = 2
-- autocompress = true
