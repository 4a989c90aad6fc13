UNLOAD ('SELECT "id", "Placed At", "note" FROM "sales"."Orders"')
TO 's3://bucket/exports/.lading-staging-20261201T061700000/orders/'
IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftUnload'
MANIFEST VERBOSE
DELIMITER AS '\t' NULL AS '\\N' ESCAPE
PARALLEL ON
MAXFILESIZE 1024 MB;
