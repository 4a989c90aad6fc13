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
LOCATION ('oss://oss-cn-hangzhou.aliyuncs.com dir=osstest/ id=**** key=**** bucket=testbucket')
FORMAT 'CSV'
LOG ERRORS SEGMENT REJECT LIMIT 5;
