COPY "public"."sales" ("id", "Amount", "note")
FROM 's3://bkt/unload/sales/manifest'
IAM_ROLE 'arn:aws:iam::123456789012:role/Load'
MANIFEST
FORMAT AS CSV
GZIP
IGNOREHEADER 1
MAXERROR 10
REGION 'us-west-2';
