package io.lading.warehouse;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Pure builders for the statements a copy-mode load runs besides COPY: {@code --create-table}, the
 * {@code --atomic} staging table and its publication, and the load ledger's tables
 * ({@code lading_load_ledger}, {@code lading_rejects}). Identifiers go through {@link Sql#ident};
 * values are JDBC parameters ({@code ?}), named in each method's comment in order.
 */
public final class LoadStatements {
    public static final String LEDGER_TABLE = "lading_load_ledger";
    public static final String REJECTS_TABLE = "lading_rejects";

    /**
     * Type names as {@code format_type()} prints them: words, an optional (p[,s]) modifier, an optional
     * time zone clause, array brackets. Types are not identifiers we can quote, so anything else is refused.
     */
    private static final Pattern TYPE = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*( ?\\(\\d+( ?, ?\\d+)?\\))?( with(out)? time zone)?(\\[\\])*");

    private LoadStatements() {
    }

    /** {@code --create-table} from a file schema (a manifest's, or Parquet's), with Greenplum's DISTRIBUTED BY when given. */
    public static String createTable(TableName table, TableSchema schema, List<String> distributedBy) {
        requireNonNull(table, "table is null");
        String columns = schema.columns().stream().map(c -> Sql.ident(c.name()) + " " + type(c)).collect(Collectors.joining(", "));
        String ddl = "create table " + table.sql() + " (" + columns + ")";
        if (!distributedBy.isEmpty()) {
            for (String col : distributedBy) {
                if (!schema.names().contains(col)) {
                    throw new LadingException("--distributed-by column " + col + " is not among the columns ("
                            + String.join(", ", schema.names()) + ")");
                }
            }
            ddl += " distributed by (" + Sql.identList(distributedBy) + ")";
        }
        return ddl;
    }

    private static String type(Column column) {
        String type = column.pgType().trim();
        if (!TYPE.matcher(type).matches()) {
            throw new LadingException("column " + column.name() + " has type '" + column.pgType()
                    + "', which --create-table cannot use; create the table yourself");
        }
        return type;
    }

    /** The {@code --atomic} staging table: UNLOGGED (it is dropped either way), the target's columns and defaults. */
    public static String createStaging(TableName staging, TableName like) {
        return "create unlogged table " + staging.sql() + " (like " + like.sql() + " including defaults)";
    }

    public static String truncate(TableName table) {
        return "truncate table " + table.sql();
    }

    /** The publication of a staging table: {@code insert into target (cols) select cols from staging}. */
    public static String insertSelect(TableName target, List<String> columns, TableName source) {
        String cols = Sql.identList(columns);
        return "insert into " + target.sql() + " (" + cols + ") select " + cols + " from " + source.sql();
    }

    public static String dropIfExists(TableName table) {
        return "drop table if exists " + table.sql();
    }

    /**
     * The ledger: one row per file loaded into a target. A target is its table's OID
     * ({@code target_oid}), with its name beside it for humans: a table dropped and created again
     * under the same name is another target. {@code export} and {@code run_id} say which run of
     * which export (a manifest's) the file came from. The primary key stops a second load of a file.
     */
    public static String createLedger(String schema) {
        return "create table if not exists " + ledger(schema) + " (target text not null, object_uri text not null,"
                + " size bigint not null, etag text, rows bigint not null, loaded_at timestamptz not null default now(),"
                + " target_oid bigint, export text, run_id text, primary key (target, object_uri))";
    }

    /**
     * Parameters: schema, table name. One row when the ledger has {@code target_oid}; none when it was
     * created by an older Lading (and {@link #upgradeLedger} adds the columns).
     */
    public static String ledgerHasOid() {
        return "select 1 from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relname = ? and a.attname = 'target_oid' and not a.attisdropped";
    }

    /** Adds the columns an older Lading's ledger lacks; its rows keep working ({@link #ledgerAdopt}). */
    public static String upgradeLedger(String schema) {
        return "alter table " + ledger(schema) + " add column target_oid bigint, add column export text, add column run_id text";
    }

    /** The rows that come without an OID (an older Lading's) go to the table that has the name now. Parameters: target_oid, target. */
    public static String ledgerAdopt(String schema) {
        return "update " + ledger(schema) + " set target_oid = ? where target = ? and target_oid is null";
    }

    /** The rows of an earlier table of the same name (dropped or renamed since). Parameters: target, target_oid. */
    public static String ledgerDeleteEarlier(String schema) {
        return "delete from " + ledger(schema) + " where target = ? and target_oid <> ?";
    }

    /** Parameter: target_oid. Columns: object_uri, size, etag, rows, loaded_at as text, export, run_id. */
    public static String ledgerEntries(String schema) {
        return "select object_uri, size, etag, rows, loaded_at::text, export, run_id from " + ledger(schema) + " where target_oid = ?";
    }

    /** Parameters: target, target_oid, object_uri, size, etag, rows, export, run_id. */
    public static String ledgerInsert(String schema) {
        return "insert into " + ledger(schema) + " (target, target_oid, object_uri, size, etag, rows, export, run_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** Parameters: target_oid, object_uri. */
    public static String ledgerDelete(String schema) {
        return "delete from " + ledger(schema) + " where target_oid = ? and object_uri = ?";
    }

    /** Parameter: target_oid. */
    public static String ledgerDeleteTarget(String schema) {
        return "delete from " + ledger(schema) + " where target_oid = ?";
    }

    /** A row when the table has any: whether the ledger's files are still in it. */
    public static String anyRow(TableName table) {
        return "select 1 from " + table.sql() + " limit 1";
    }

    /** The rows the database refused, with their object, line, raw text and message. */
    public static String createRejects(String schema) {
        return "create table if not exists " + rejects(schema) + " (target text not null, object_uri text not null,"
                + " line bigint not null, raw_line text, message text not null, rejected_at timestamptz not null default now())";
    }

    /** Parameters: target, object_uri, line, raw_line, message. */
    public static String rejectsInsert(String schema) {
        return "insert into " + rejects(schema) + " (target, object_uri, line, raw_line, message) values (?, ?, ?, ?, ?)";
    }

    private static String ledger(String schema) {
        return Sql.qualified(requireNonNull(schema, "schema is null"), LEDGER_TABLE);
    }

    private static String rejects(String schema) {
        return Sql.qualified(requireNonNull(schema, "schema is null"), REJECTS_TABLE);
    }
}
