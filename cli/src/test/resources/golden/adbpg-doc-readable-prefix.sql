-- once per database (print as statements with --setup):
-- CREATE EXTENSION IF NOT EXISTS oss_ext;

CREATE READABLE EXTERNAL TABLE "ossexample" (
    "date" text,
    "time" text,
    "open" float,
    "high" float,
    "low" float,
    "volume" int
)
LOCATION ('oss://oss-cn-hangzhou.aliyuncs.com prefix=osstest/example id=**** key=**** bucket=testbucket compressiontype=gzip')
FORMAT 'CSV' (QUOTE '''' DELIMITER E'\t')
ENCODING 'utf8'
LOG ERRORS SEGMENT REJECT LIMIT 5;
