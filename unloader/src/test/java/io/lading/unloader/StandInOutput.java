package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.unloader.testing.StandInObjects;
import io.lading.warehouse.TableName;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL stand-in for a writable external table, the one part of a server-side unload this
 * machine cannot run: a plain table takes the INSERT, and once it committed {@link #written} writes
 * its rows to the staging prefix as the segments would, named as gpcloud or oss_ext name them.
 * "Segment" of a row: {@code mod(abs(hashtext(<first column>::text)), S)}, the same in the counts.
 * Every object is one gzip member (oss_ext: without a {@code .gz} suffix); oss_ext rolls each
 * segment over to a second object, so positions reach past S.
 */
final class StandInOutput implements SegmentOutput {
    private final SegmentNaming naming;
    private final ObjectStore store;
    private final TableName like;
    private final String firstColumn;
    private final int segments;
    private volatile RuntimeException failWritten;

    StandInOutput(SegmentNaming naming, ObjectStore store, TableName like, String firstColumn, int segments) {
        this.naming = naming;
        this.store = store;
        this.like = like;
        this.firstColumn = firstColumn;
        this.segments = segments;
    }

    /** The next {@link #written} throws this after writing half its objects: a segment failing mid-way. */
    StandInOutput failWritten(RuntimeException e) {
        this.failWritten = e;
        return this;
    }

    @Override
    public SegmentNaming naming() {
        return naming;
    }

    @Override
    public List<String> create(TableName table, Location staging, boolean reveal) {
        return List.of("CREATE TABLE " + table.sql() + " (LIKE " + like.sql() + ")");
    }

    @Override
    public List<String> drop(TableName table) {
        return List.of("DROP TABLE IF EXISTS " + table.sql());
    }

    @Override
    public String rowsPerSegment(TableName source) {
        return "SELECT " + segmentOf() + ", count(*) FROM " + source.sql() + " GROUP BY 1 ORDER BY 1";
    }

    private String segmentOf() {
        return "mod(abs(hashtext(" + firstColumn + "::text)), " + segments + ")";
    }

    @Override
    public void written(Connection connection, TableName table, Location staging) throws SQLException {
        String statementStart = Long.toString(System.nanoTime() / 1000);
        int objects = 0;
        for (int segment = 0; segment < segments; segment++) {
            int files = naming == SegmentNaming.GPCLOUD ? 1 : 2;
            for (int fileIndex = 0; fileIndex < files; fileIndex++) {
                String where = segmentOf() + " = " + segment + (files == 1 ? "" : " AND mod(abs(hashtext(" + firstColumn
                        + "::text || 'f')), 2) = " + fileIndex);
                byte[] csv = copyOut(connection, "SELECT * FROM " + table.sql() + " WHERE " + where);
                int position = fileIndex * segments + segment;
                String name = naming == SegmentNaming.GPCLOUD
                        ? segment + HexFormat.of().formatHex(randomBytes()) + ".csv.gz"
                        : table.name() + "_" + statementStart + (position == 0 ? "" : "." + position);
                StandInObjects.put(store, staging.resolve(name), StandInObjects.gzip(csv));
                if (++objects == segments && failWritten != null) {
                    throw failWritten;
                }
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static byte[] copyOut(Connection connection, String select) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT WITH (FORMAT csv)", out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return naming.name().toLowerCase(Locale.ROOT) + " stand-in";
    }
}
