package io.lading.warehouse.ddl;

import io.lading.common.LadingException;
import io.lading.warehouse.Sql;
import io.lading.warehouse.TableName;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The SQL one warehouse needs to read or write files in a bucket. Every method is a pure string
 * builder: it runs nothing, and every identifier goes through {@link Sql#ident} and every value
 * through {@link Sql#literal} (or the dialect's escaping of a LOCATION string, which is itself one
 * literal).
 *
 * <p>External mode of a load, as the loader runs it:
 * <pre>{@code
 * ExternalTableDialect dialect = ExternalTableDialect.forName("adbpg");
 * ExternalTableSpec ext = spec.withName(ExternalTableDialect.temporaryName(target));
 * try {
 *     for (String sql : dialect.createStatements(ext, Secrets.REVEAL)) execute(sql);
 *     long rows = executeUpdate(dialect.insertSelect(target, ext.name()));
 *     if (ext.logErrors()) query(dialect.readErrorLog(ext.name()));
 * } finally {
 *     for (String sql : dialect.dropStatements(ext)) execute(sql);
 * }
 * }</pre>
 * Statements carry no trailing semicolon; {@code lading ddl} adds one when printing.
 */
public interface ExternalTableDialect {
    /** {@code adbpg}, {@code adbpg7}, {@code greenplum} or {@code redshift}. */
    String name();

    /**
     * Statements to run once per database before any table of this dialect works (extension or
     * protocol). Safe to re-run where the server allows ({@code IF NOT EXISTS}); empty when none.
     */
    List<String> setupStatements();

    /**
     * The statements that define the table, in order. For {@code adbpg7}: server, user mapping,
     * foreign table. For {@code redshift} there is no external table: the one statement is the
     * {@code COPY} (readable) or {@code UNLOAD} (writable) itself.
     *
     * @throws LadingException when the spec breaks a rule of this dialect; the message is one line
     */
    List<String> createStatements(ExternalTableSpec spec, Secrets secrets);

    /** Statements that remove what {@link #createStatements} made, each tolerant of its absence ({@code IF EXISTS}). */
    List<String> dropStatements(ExternalTableSpec spec);

    /**
     * Whether the table reads every object under one raw key prefix, whatever the selection asked
     * (gpcloud): a loader must then check that the prefix holds only the files it means to load.
     */
    default boolean readsRawPrefix() {
        return false;
    }

    /** {@code INSERT INTO target SELECT * FROM source}: a load from a readable table, or an unload into a writable one. */
    default String insertSelect(TableName target, TableName source) {
        return "INSERT INTO " + target.sql() + " SELECT * FROM " + source.sql();
    }

    /**
     * The rows a load rejected under {@code LOG ERRORS}, as columns {@code linenum, errmsg, rawdata,
     * filename} (the object's URL as the segment saw it).
     */
    default String readErrorLog(TableName externalTable) {
        return "SELECT linenum, errmsg, rawdata, filename FROM gp_read_error_log(" + Sql.literal(externalTable.sql())
                + ") ORDER BY filename, linenum";
    }

    /** Empties the error log of a table: {@code gp_truncate_error_log}. */
    default String truncateErrorLog(TableName externalTable) {
        return "SELECT gp_truncate_error_log(" + Sql.literal(externalTable.sql()) + ")";
    }

    static ExternalTableDialect forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "adbpg" -> new AdbpgDialect();
            case "adbpg7" -> new Adbpg7Dialect();
            case "greenplum", "gpdb" -> new GreenplumDialect();
            case "redshift" -> new RedshiftDialect();
            default -> throw new LadingException("unknown dialect '" + name + "'; use adbpg, adbpg7, greenplum or redshift");
        };
    }

    /**
     * A fresh name for a temporary external table next to {@code target}:
     * {@code lading_ext_<target>_<16 hex>} in the target's schema, at most 63 bytes.
     */
    static TableName temporaryName(TableName target) {
        byte[] random = new byte[8];
        Holder.RANDOM.nextBytes(random);
        String suffix = "_" + HexFormat.of().formatHex(random);
        String base = "lading_ext_" + target.name();
        while (base.getBytes(StandardCharsets.UTF_8).length + suffix.length() > 63) {
            base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
        }
        return new TableName(target.schema(), base + suffix);
    }

    final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();

        private Holder() {
        }
    }
}
