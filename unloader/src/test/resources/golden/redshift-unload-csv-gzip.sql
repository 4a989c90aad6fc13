UNLOAD ('SELECT "id", "Placed At", "note" FROM "sales"."Orders"')
TO 's3://bucket/exports/.lading-staging-20261201T061700000/orders/'
ACCESS_KEY_ID '****' SECRET_ACCESS_KEY '****' SESSION_TOKEN '****'
MANIFEST VERBOSE
FORMAT AS CSV
GZIP
PARALLEL ON
MAXFILESIZE 1024 MB;
