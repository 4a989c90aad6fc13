-- --create-table with --distributed-by
create table "Sales"."Orders 2024" ("id" bigint, "Amount ""x""" numeric(12,2), "at" timestamp with time zone, "tags" text[], "v" character varying(20)) distributed by ("id", "Amount ""x""");
-- --atomic
create unlogged table "Sales"."lading_stage_0123456789ab" (like "Sales"."Orders 2024" including defaults);
truncate table "Sales"."Orders 2024";
insert into "Sales"."Orders 2024" ("id", "Amount ""x""", "at", "tags", "v") select "id", "Amount ""x""", "at", "tags", "v" from "Sales"."lading_stage_0123456789ab";
drop table if exists "Sales"."lading_stage_0123456789ab";
-- the ledger
create table if not exists "Ops ""EU"""."lading_load_ledger" (target text not null, object_uri text not null, size bigint not null, etag text, rows bigint not null, loaded_at timestamptz not null default now(), primary key (target, object_uri));
create table if not exists "Ops ""EU"""."lading_rejects" (target text not null, object_uri text not null, line bigint not null, raw_line text, message text not null, rejected_at timestamptz not null default now());
select object_uri, size, etag, rows, loaded_at::text from "Ops ""EU"""."lading_load_ledger" where target = ?;
insert into "Ops ""EU"""."lading_load_ledger" (target, object_uri, size, etag, rows) values (?, ?, ?, ?, ?);
delete from "Ops ""EU"""."lading_load_ledger" where target = ? and object_uri = ?;
delete from "Ops ""EU"""."lading_load_ledger" where target = ?;
insert into "Ops ""EU"""."lading_rejects" (target, object_uri, line, raw_line, message) values (?, ?, ?, ?, ?);
