package io.lading.unloader;

import io.lading.storage.ObjectStore;
import io.lading.storage.testing.TestStoreServer;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the unload tests against each kind of store share for a class: the server (or folder) a
 * subclass starts, with one bucket, and a PostgreSQL fixture whose tables are named with the
 * class's prefix. Subclasses create their tables in their own {@code @BeforeAll}, which runs after
 * this one; both are closed after the class, the database first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStoreAndPgTest {
    private final String bucket;
    private final String tablePrefix;
    TestStoreServer server;
    PgFixture pg;

    AbstractStoreAndPgTest(String bucket, String tablePrefix) {
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.tablePrefix = requireNonNull(tablePrefix, "tablePrefix is null");
    }

    /** The server (or folder) the class's tests share. */
    protected abstract TestStoreServer startServer();

    @BeforeAll
    void startStoreAndDatabase() throws Exception {
        server = startServer();
        server.createBucket(bucket);
        pg = new PgFixture(tablePrefix);
    }

    @AfterAll
    void stopStoreAndDatabase() throws Exception {
        try {
            if (pg != null) {
                pg.close();
            }
        }
        finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Nothing under {@code <bucket>/<folder>/}: no file, no manifest, no staging object, no open upload. */
    void assertNothingLeft(ObjectStore store, String folder) {
        assertEquals(List.of(), store.list(server.at(bucket, folder + "/"), false), "objects left under " + folder);
        assertEquals(List.of(), server.pendingUploads(bucket, folder + "/"));
    }
}
