package io.lading.unloader.testing;

import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.unloader.RedshiftCluster;
import io.lading.unloader.RedshiftUnloadPlan;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL stand-in for a Redshift cluster, the one part of a Redshift unload this machine
 * cannot run: it runs the plan's select on the (PostgreSQL) connection and writes what Redshift's
 * {@code UNLOAD ... MANIFEST VERBOSE PARALLEL ON} writes, into the store under the staging prefix:
 * {@code <prefix><slice>_part_<nn>[.gz]} per slice (slice 0 rolls over to a second part), one gzip
 * member each, and {@code <prefix>manifest} with Redshift's VERBOSE fields (per-entry
 * {@code content_length} and {@code record_count}, {@code schema}, totals, {@code author},
 * {@code cdt}, {@code slice_count}). Rows of slice {@code k}: those whose row text hashes to
 * {@code k}. TEXT and CSV as PostgreSQL renders them; no Parquet. Faults are set before the run.
 */
public final class RedshiftStandIn implements RedshiftCluster {
    /** A fault of the cluster or of what it leaves behind. */
    public enum Fault {
        NONE,
        /** The UNLOAD fails after writing two files (no manifest). */
        FAIL_MIDWAY,
        /** Redshift lists a file that is then not there. */
        ENTRY_MISSING,
        /** The manifest's content_length of one file is not the object's size. */
        SIZE_MISMATCH,
        /** The UNLOAD returns but wrote no manifest. */
        NO_MANIFEST,
        /** The UNLOAD takes long (pg_sleep(30) on the connection), for a cancel to stop it. */
        SLOW
    }

    private final ObjectStore store;
    private final int slices;
    private final Fault fault;

    public RedshiftStandIn(ObjectStore store, int slices, Fault fault) {
        this.store = store;
        this.slices = slices;
        this.fault = fault;
    }

    @Override
    public void unload(Connection connection, RedshiftUnloadPlan plan) throws SQLException {
        if (plan.request().format() == FileFormat.PARQUET) {
            throw new UnsupportedOperationException("the stand-in writes TEXT and CSV only");
        }
        if (fault == Fault.SLOW) {
            try (Statement st = connection.createStatement()) {
                st.execute("select pg_sleep(30)");
            }
        }
        Location prefix = plan.stagingPrefix();
        boolean gzip = plan.request().compression() == Compression.GZIP;
        List<String> entries = new ArrayList<>();
        long totalBytes = 0;
        long totalRows = 0;
        int written = 0;
        for (int slice = 0; slice < slices; slice++) {
            int parts = slice == 0 ? 2 : 1;
            for (int part = 0; part < parts; part++) {
                String where = "mod(hashtext(r::text)::bigint + 2147483648, " + slices + ") = " + slice
                        + (parts == 1 ? "" : " and mod(hashtext(r::text || 'p')::bigint + 2147483648, 2) = " + part);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long rows = copyOut(connection, "select * from (" + plan.select() + ") r where " + where, plan.request().textOptions(), out);
                byte[] bytes = gzip ? StandInObjects.gzip(out.toByteArray()) : out.toByteArray();
                Location file = prefix.resolve(String.format(Locale.ROOT, "%04d_part_%02d", slice, part) + (gzip ? ".gz" : ""));
                StandInObjects.put(store, file, bytes);
                if (++written == 2 && fault == Fault.FAIL_MIDWAY) {
                    throw new SQLException("ERROR: S3ServiceException:Access Denied,Status 403,Error AccessDenied");
                }
                long length = fault == Fault.SIZE_MISMATCH && written == 3 ? bytes.length + 1 : bytes.length;
                entries.add("{\"url\":\"" + file + "\",\"meta\":{\"content_length\":" + length + ",\"record_count\":" + rows + "}}");
                totalBytes += bytes.length;
                totalRows += rows;
            }
        }
        if (fault == Fault.NO_MANIFEST) {
            return;
        }
        StringBuilder schema = new StringBuilder();
        for (io.lading.format.Column c : plan.schema().columns()) {
            schema.append(schema.length() == 0 ? "" : ",").append("{\"name\":\"").append(c.name().replace("\"", "\\\""))
                    .append("\",\"type\":{\"base\":\"").append(c.pgType()).append("\"}}");
        }
        String manifest = "{\"entries\":[" + String.join(",", entries) + "],\"schema\":{\"elements\":[" + schema + "]},"
                + "\"meta\":{\"content_length\":" + totalBytes + ",\"record_count\":" + totalRows + "},"
                + "\"author\":{\"name\":\"Amazon Redshift\",\"version\":\"1.0.0\"},\"cdt\":\"2026-12-01T06:00:00.000\","
                + "\"unload_duration\":1234,\"slice_count\":" + slices + "}";
        StandInObjects.put(store, prefix.resolve("manifest"), manifest.getBytes(StandardCharsets.UTF_8));
        if (fault == Fault.ENTRY_MISSING) {
            store.delete(List.of(prefix.resolve("0001_part_00" + (gzip ? ".gz" : ""))));
        }
    }

    private static long copyOut(Connection connection, String select, TextOptions text, OutputStream out) throws SQLException {
        String options = text.format() == FileFormat.CSV ? "FORMAT csv" : "FORMAT text";
        if (text.header()) {
            options += ", HEADER";
        }
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT WITH (" + options + ")", out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
