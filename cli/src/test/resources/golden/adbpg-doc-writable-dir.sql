-- once per database (print as statements with --setup):
-- CREATE EXTENSION IF NOT EXISTS oss_ext;

CREATE WRITABLE EXTERNAL TABLE "output_ossexample" (
    "date" text,
    "time" text,
    "open" float,
    "high" float,
    "low" float,
    "volume" int
)
LOCATION ('oss://oss-cn-hangzhou.aliyuncs.com dir=osstest/exp/ id=**** key=**** bucket=testbucket')
FORMAT 'CSV'
DISTRIBUTED BY ("date");
