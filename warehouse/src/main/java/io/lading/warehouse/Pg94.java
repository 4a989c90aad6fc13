package io.lading.warehouse;

/**
 * What PostgreSQL 9.4 lacks that a newer server has, and the one form Lading sends instead, so every
 * statement runs on Greenplum 6 and AnalyticDB for PostgreSQL 6 (9.4 underneath) as well as on
 * PostgreSQL 9.4 to 17. The tests run on PostgreSQL 9.6, which has some of these already: each fact
 * has a test that checks the statement text ({@code Pg94Test}).
 */
public enum Pg94 {
    TO_REGCLASS_TEXT("to_regclass(text) is PostgreSQL 9.6+ (9.4 has to_regclass(cstring) only)",
            "table lookups read pg_class, with pg_table_is_visible() for a name without schema"),
    ON_CONFLICT("INSERT ... ON CONFLICT is PostgreSQL 9.5+",
            "the ledger row of a file is a plain INSERT in the file's own transaction"),
    CURRENT_SETTING_MISSING_OK("current_setting(name, missing_ok) is PostgreSQL 9.6+",
            "only settings every version has are read, with current_setting(name)"),
    IF_NOT_EXISTS("IF NOT EXISTS on CREATE INDEX / SEQUENCE / ADD COLUMN is PostgreSQL 9.5+ (CREATE TABLE and EXTENSION have it since 9.1)",
            "IF NOT EXISTS only on CREATE TABLE and CREATE EXTENSION"),
    PARTITION_TREE("pg_partition_tree() is PostgreSQL 12+",
            "partitions are found through pg_inherits"),
    TID_RANGE_SCAN("TID Range Scan is PostgreSQL 14+: before it a ctid range reads the whole table",
            "ctid page ranges only on PostgreSQL 14+; older servers read one stream unless --split-by"),
    SHARED_SNAPSHOT("Greenplum 6 and AnalyticDB 6 cannot share a snapshot between sessions"
            + " (pg_export_snapshot() + SET TRANSACTION SNAPSHOT do not reach the segments)",
            "an MPP source is read as one consistent stream (REPEATABLE READ)"),
    COPY_TEXT_HEADER("COPY ... (FORMAT text, HEADER) is PostgreSQL 15+ (CSV has had HEADER since 9.0)",
            "a TEXT header is unloaded as a COPY of the column names as one row, and loaded by leaving its line out"
                    + " of the text COPY before PostgreSQL 15"),
    FLOAT_DIGITS("extra_float_digits is 0 by default before PostgreSQL 12: float8 prints 15 significant digits",
            "every session sets extra_float_digits = 3 (pgjdbc does at connect), so COPY TO prints floats exactly");

    private final String fact;
    private final String lading;

    Pg94(String fact, String lading) {
        this.fact = fact;
        this.lading = lading;
    }

    /** What the old server lacks or does differently. */
    public String fact() {
        return fact;
    }

    /** The form Lading uses because of it. */
    public String lading() {
        return lading;
    }
}
