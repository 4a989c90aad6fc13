-- once per database (print as statements with --setup):
-- CREATE EXTENSION IF NOT EXISTS oss_fdw;

CREATE SERVER "ossexample_oss_server" FOREIGN DATA WRAPPER oss_fdw OPTIONS (endpoint 'oss-cn-hangzhou-internal.aliyuncs.com', bucket 'testbucket');

CREATE USER MAPPING FOR CURRENT_USER SERVER "ossexample_oss_server" OPTIONS (id '****', key '****');

CREATE FOREIGN TABLE "staging"."ossexample" (
    "date" text,
    "time" text,
    "open" float,
    "high" float,
    "low" float,
    "volume" int
)
SERVER "ossexample_oss_server"
OPTIONS (dir 'osstest/', format 'text', filetype 'gzip', header 'true', null '');
