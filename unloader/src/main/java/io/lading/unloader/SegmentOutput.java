package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.warehouse.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the segments write into during a server-side unload: a writable external table whose
 * {@code INSERT} makes every segment write its own objects under a staging folder. This is the one
 * Greenplum-specific part of {@link ServerUnload}; the tests put a PostgreSQL stand-in here.
 */
public interface SegmentOutput {
    /** How the objects the segments write are named. */
    SegmentNaming naming();

    /** Statements that create {@code table}, writing under {@code staging}; {@code reveal}: real keys, else masked. */
    List<String> create(TableName table, Location staging, boolean reveal);

    /** Statements that drop {@code table}, each tolerant of its absence. */
    List<String> drop(TableName table);

    /** Rows per segment of {@code source}, as {@code SELECT segment, count}; in the INSERT's snapshot. */
    String rowsPerSegment(TableName source);

    /** Called after the INSERT committed: a real external table has written everything by then. */
    default void written(Connection connection, TableName table, Location staging) throws SQLException {
    }
}
