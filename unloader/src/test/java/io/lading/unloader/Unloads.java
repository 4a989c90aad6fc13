package io.lading.unloader;

import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.PgFixture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Runs an unload as the command does (plan, then run) and reads back what it wrote. The database
 * and its tables are {@link PgFixture}'s.
 */
final class Unloads {
    private Unloads() {
    }

    /** An unload of {@code table} from the test database. */
    static UnloadRequest.Builder request(String table, Location to) {
        return new UnloadRequest.Builder(PgFixture.DATABASE, TableName.parse(table), null, to);
    }

    /** An unload of {@code query} from the test database. */
    static UnloadRequest.Builder query(String query, Location to) {
        return new UnloadRequest.Builder(PgFixture.DATABASE, null, query, to);
    }

    static UnloadPlan plan(UnloadRequest request) {
        try (Connection c = request.source().connect()) {
            return Planner.plan(c, request);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static UnloadResult unload(UnloadRequest request, ObjectStore store) {
        return unload(request, store, 2, -1);
    }

    static UnloadResult unload(UnloadRequest request, ObjectStore store, int writers, int chunkSize) {
        UnloadPlan plan = plan(request);
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

    /** Starts a thread that cancels {@code run} with {@code reason} after {@code millis}: a Ctrl-C while it runs. */
    static Thread cancelLater(UnloadRun run, long millis, String reason) {
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(millis);
            }
            catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            run.cancel(reason);
        });
        canceller.start();
        return canceller;
    }
}
