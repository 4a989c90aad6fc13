package io.lading.unloader;

import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.Manifest;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The local PostgreSQL and helpers the unloader tests share. Tables are uniquely named and dropped by the tests. */
final class Fixtures {
    static final String DB = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    static final ConnectionSpec SOURCE = ConnectionSpec.parse(DB);

    private Fixtures() {
    }

    static String uniqueName(String what) {
        return "unl_" + what + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    static void exec(String sql) {
        try (Connection c = SOURCE.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(String sql) {
        try (Connection c = SOURCE.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Creates the hard data set (samples/hard-rows.sql) as {@code table}. */
    static void createHardRows(String table) throws IOException {
        Path sql = Path.of("..", "samples", "hard-rows.sql");
        exec(Files.readString(sql).replace("lading_hard_rows", table));
    }

    static UnloadRequest.Builder request(String table, Location to) {
        return new UnloadRequest.Builder(SOURCE, TableName.parse(table), null, to);
    }

    static UnloadResult unload(UnloadRequest request, ObjectStore store) {
        return unload(request, store, 2, -1);
    }

    static UnloadResult unload(UnloadRequest request, ObjectStore store, int writers, int chunkSize) {
        UnloadPlan plan;
        try (Connection c = SOURCE.connect()) {
            plan = Planner.plan(c, request);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Unloader u = chunkSize > 0 ? new Unloader(plan, store, writers, chunkSize) : new Unloader(plan, store, writers);
        return u.run();
    }

    static byte[] read(ObjectStore store, Location location, boolean gzip) {
        try (InputStream raw = store.open(location); InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifest manifest(ObjectStore store, Location location) {
        return Manifest.parse(read(store, location, false), location.toString());
    }

    /** Every regular file under {@code dir}, temporary ones included: what a failed run must not leave. */
    static List<Path> filesUnder(Path dir) throws IOException {
        List<Path> result = new ArrayList<>();
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).forEach(result::add);
            }
        }
        return result;
    }

    static TextOptions csv() {
        return TextOptions.defaults(FileFormat.CSV);
    }

    static Compression gzip() {
        return Compression.GZIP;
    }
}
