-- The hard data set: every value that breaks naive TEXT/CSV/Parquet handling.
-- Tests replace the table name lading_hard_rows with their own and run the file as one batch
-- (values contain ';', so do not split it on semicolons). psql -f runs it as is.
create table lading_hard_rows (
    id          integer primary key,
    s           text,
    vc          varchar(20),
    ch          char(3),
    i2          smallint,
    i8          bigint,
    f4          real,
    f8          double precision,
    n           numeric(38,10),
    nu          numeric,
    b           boolean,
    d           date,
    ts          timestamp,
    tstz        timestamptz,
    tm          time,
    iv          interval,
    by          bytea,
    u           uuid,
    j           json,
    jb          jsonb,
    arr         integer[],
    tarr        text[]
);
insert into lading_hard_rows values
 (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (2, '', '', '   ', 0, 0, 0, 0, 0, 0, false, '2000-01-01', '2000-01-01 00:00:00', '2000-01-01 00:00:00+00', '00:00:00', '0 seconds', '\x', '00000000-0000-0000-0000-000000000000', '""', '""', '{}', '{}'),
 (3, '\N', 'NULL', 'N', -32768, -9223372036854775808, -3.4e38, -1.7976931348623157e308, -9999999999999999999999999999.9999999999, -1e-30, true, '0001-01-01', '0001-01-01 00:00:00', '0001-01-01 00:00:00+00', '23:59:59.999999', '-178000000 years', '\x00ff00', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{"a":null}', '{"a": [1, "x\"y"]}', '{NULL,1,-2}', '{NULL,"","a,b","c\"d"}'),
 (4, E'tab\there', 'comma,here', 'a,b', 32767, 9223372036854775807, 3.4e38, 1.7976931348623157e308, 9999999999999999999999999999.9999999999, 123456789012345678901234567890.123456789012345, true, '9999-12-31', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00', '12:34:56.789', '1 year 2 mons 3 days 04:05:06.789', '\x5c0a0d09', '123e4567-e89b-12d3-a456-426614174000', '[1,2,3]', '{"k": "v"}', '{2147483647,-2147483648}', '{"x y","line\nbreak"}'),
 (5, E'line1\nline2', E'cr\rhere', E'\r\n', 1, 1, 'NaN', 'NaN', 0.0000000001, 'NaN', false, '1970-01-01', '1970-01-01 00:00:00.000001', '1969-12-31 23:59:59.999999+00', '00:00:00.000001', '1 microsecond', '\x0102', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '"unicode ☃ é ✓"', '{"nested": {"deep": [true, false, null]}}', '{1}', '{"ü","日本語"}'),
 (6, E'crlf\r\nend', E'back\\slash', '\', 2, 2, 'Infinity', 'Infinity', -0.0000000001, 'Infinity', true, '2024-02-29', '2024-02-29 12:00:00', '2024-02-29 12:00:00+05:30', '06:00:00', '-1 days', '\x5c4e', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', 'null', 'null', '{3,4}', '{"\\N"}'),
 (7, E'quote"double', E'quote''single', '"', 3, 3, '-Infinity', '-Infinity', 1, '-Infinity', false, '1999-12-31', '1999-12-31 23:59:59', '1999-12-31 23:59:59-08', '18:30:00', '00:00:01', '\x22', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', '{"q": "\""}', '{"q": "''"}', '{5}', '{"\"\""}'),
 (8, E'unicode ☃ 日本語 émoji 😀', '😀', 'é', 4, 4, 1.5, 0.1, 123.456, 0.1, true, '2038-01-19', '2038-01-19 03:14:07', '2038-01-19 03:14:07+00', '03:14:07', '1 day', '\xe29883', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a14', '{}', '{}', '{6}', '{"😀"}'),
 (9, E'\\N', E'\\.', '\.', 5, 5, -0.0, -0.0, -0.5, -0.5, false, '1900-01-01', '1900-01-01 00:00:00', '1900-01-01 00:00:00+00', '00:00:00', '00:00:00', '\x5c2e', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a15', '1', '1', '{7}', '{"."}'),
 (10, E'\\.', ',', ',', 6, 6, 1e-38, 5e-324, 0.5, 1e100, true, '2000-02-29', '2000-02-29 00:00:00.5', '2000-02-29 00:00:00.5+00', '00:00:00.5', '0.5 seconds', '\x2c', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a16', '"\\"', '"\\"', '{8}', '{"\\"}'),
 (11, E'leading and trailing spaces  ', ' x ', ' x ', 7, 7, 2, 2, 2, 2, false, '2001-01-01', '2001-01-01 00:00:00', '2001-01-01 00:00:00+14', '01:00:00', '2 hours', '\x20', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a17', '" "', '" "', '{9}', '{" "}'),
 (12, E'delims\t,|;\x01', '|', '|', 8, 8, 3, 3, 3, 3, true, '2002-01-01', '2002-01-01 00:00:00', '2002-01-01 00:00:00-12', '02:00:00', '3 hours', '\x7c', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a18', '"|"', '"|"', '{10}', '{"|"}');
