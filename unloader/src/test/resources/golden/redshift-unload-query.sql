UNLOAD ('SELECT * FROM (select id, note from sales."Orders" where note <> ''it''''s'' and note not like ''a\\_%'') AS q')
TO 's3://bucket/exports/.lading-staging-20261201T061700000/q/'
ACCESS_KEY_ID '****' SECRET_ACCESS_KEY '****' SESSION_TOKEN '****'
MANIFEST VERBOSE
FORMAT AS CSV
GZIP
PARALLEL ON
MAXFILESIZE 1024 MB;
