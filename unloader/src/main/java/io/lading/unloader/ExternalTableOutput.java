package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.ServerUnloadStatements;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Direction;
import io.lading.warehouse.ddl.Distribution;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.ddl.Secrets;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The real {@link SegmentOutput}: a writable external table of the dialect ({@code greenplum}
 * gpcloud, {@code adbpg} oss_ext, {@code adbpg7} oss_fdw), built by the same DDL {@code lading ddl}
 * prints, with its location moved to the staging prefix.
 *
 * @param template format, text options, compression, credentials and tuning options; its name
 *        and location are replaced, its columns and distribution set by {@link #forSource}
 */
public record ExternalTableOutput(ExternalTableDialect dialect, ExternalTableSpec template) implements SegmentOutput {
    public ExternalTableOutput {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(template, "template is null");
        if (dialect.name().equals("redshift")) {
            throw new LadingException("--mode external unloads through adbpg, adbpg7 or greenplum writable external tables;"
                    + " for Redshift print the UNLOAD with 'lading ddl --dialect redshift --writable'");
        }
        if (template.direction() != Direction.WRITABLE) {
            throw new IllegalArgumentException("the template must be writable");
        }
    }

    @Override
    public SegmentNaming naming() {
        return dialect.name().equals("greenplum") ? SegmentNaming.GPCLOUD : SegmentNaming.OSS_EXT;
    }

    /** The template for the source's columns with the distribution chosen when planning (the source's policy, or randomly). */
    public ExternalTableOutput forSource(TableSchema schema, Distribution distribution) {
        ExternalTableSpec t = template;
        if (dialect.name().equals("adbpg7")) {
            distribution = null; // a foreign table has no distribution: oss_fdw writes from where the rows are
        }
        return new ExternalTableOutput(dialect, new ExternalTableSpec(t.name(), schema, t.location(), t.selection(),
                t.direction(), t.format(), t.text(), t.compression(), false, List.of(), null, false, null, distribution,
                t.credentials(), t.options()));
    }

    @Override
    public List<String> create(TableName table, Location staging, boolean reveal) {
        // the dialect's setup (extension, protocol) is once per database, as for the load: not run here
        return dialect.createStatements(at(table, staging), reveal ? Secrets.REVEAL : Secrets.MASK);
    }

    @Override
    public List<String> drop(TableName table) {
        return dialect.dropStatements(template.withName(table));
    }

    @Override
    public String rowsPerSegment(TableName source) {
        return ServerUnloadStatements.rowsPerSegment(source);
    }

    private ExternalTableSpec at(TableName table, Location staging) {
        ExternalTableSpec t = template;
        Location where = staging.withOptions(t.location().options());
        return new ExternalTableSpec(table, t.schema(), where, SelectionRule.PREFIX, Direction.WRITABLE, t.format(), t.text(),
                t.compression(), false, List.of(), null, false, null, t.distribution(), t.credentials(), t.options());
    }
}
