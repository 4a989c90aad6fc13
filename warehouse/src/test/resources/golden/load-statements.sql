-- --create-table with --distributed-by
create table "Sales"."Orders 2024" ("id" bigint, "Amount ""x""" numeric(12,2), "at" timestamp with time zone, "tags" text[], "v" character varying(20)) distributed by ("id", "Amount ""x""");
-- --atomic
create unlogged table "Sales"."lading_stage_0123456789ab" (like "Sales"."Orders 2024" including defaults);
truncate table "Sales"."Orders 2024";
insert into "Sales"."Orders 2024" ("id", "Amount ""x""", "at", "tags", "v") select "id", "Amount ""x""", "at", "tags", "v" from "Sales"."lading_stage_0123456789ab";
drop table if exists "Sales"."lading_stage_0123456789ab";
-- the ledger
create table if not exists "Ops ""EU"""."lading_load_ledger" (target text not null, object_uri text not null, size bigint not null, etag text, rows bigint not null, loaded_at timestamptz not null default now(), target_oid bigint, export text, run_id text, primary key (target, object_uri));
create table if not exists "Ops ""EU"""."lading_rejects" (target text not null, object_uri text not null, line bigint not null, raw_line text, message text not null, rejected_at timestamptz not null default now());
select object_uri, size, etag, rows, loaded_at::text, export, run_id from "Ops ""EU"""."lading_load_ledger" where target_oid = ?;
insert into "Ops ""EU"""."lading_load_ledger" (target, target_oid, object_uri, size, etag, rows, export, run_id) values (?, ?, ?, ?, ?, ?, ?, ?);
delete from "Ops ""EU"""."lading_load_ledger" where target_oid = ? and object_uri = ?;
delete from "Ops ""EU"""."lading_load_ledger" where target_oid = ?;
insert into "Ops ""EU"""."lading_rejects" (target, object_uri, line, raw_line, message) values (?, ?, ?, ?, ?);
-- the ledger follows the table: an older ledger upgraded, an earlier table's rows, an emptied target
select 1 from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ? and a.attname = 'target_oid' and not a.attisdropped;
alter table "Ops ""EU"""."lading_load_ledger" add column target_oid bigint, add column export text, add column run_id text;
update "Ops ""EU"""."lading_load_ledger" set target_oid = ? where target = ? and target_oid is null;
delete from "Ops ""EU"""."lading_load_ledger" where target = ? and target_oid <> ?;
select 1 from "Sales"."Orders 2024" limit 1;
