COPY "sales"."it's" ("id", "Amount", "note", "at")
FROM 's3://bkt/unload/sales/manifest'
ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 'secret' SESSION_TOKEN 'token'
MANIFEST
DELIMITER AS '\t' NULL AS '\\N' ESCAPE
GZIP
ENCODING AS UTF8
FILLRECORD
MAXERROR 10
REGION 'us-west-2';
