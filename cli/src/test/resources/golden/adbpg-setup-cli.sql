CREATE EXTENSION IF NOT EXISTS oss_ext;

CREATE WRITABLE EXTERNAL TABLE "out" (
    "a" int
)
LOCATION ('oss://oss-cn-hangzhou.aliyuncs.com dir=exp/ id=**** key=**** bucket=bkt compressiontype=gzip oss_file_max_size=256 num_parallel_worker=4')
FORMAT 'TEXT' (DELIMITER '|')
DISTRIBUTED RANDOMLY;
