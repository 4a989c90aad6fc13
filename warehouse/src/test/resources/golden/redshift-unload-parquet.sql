UNLOAD ('SELECT "id", "Amount", "note", "at" FROM "sales"."it''s\\here"')
TO 's3://bkt/unload/sales/'
IAM_ROLE 'arn:aws:iam::123456789012:role/Unload'
MANIFEST VERBOSE
FORMAT AS PARQUET
PARALLEL ON
MAXFILESIZE 512 MB
ALLOWOVERWRITE;
