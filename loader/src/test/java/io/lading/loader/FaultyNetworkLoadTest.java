package io.lading.loader;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.FaultProxy;
import io.lading.storage.testing.FaultProxy.Direction;
import io.lading.storage.testing.FaultProxy.Fault;
import io.lading.storage.testing.OssProxyServer;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copy mode loading several multi-MB gzip files through a {@link FaultProxy} that cuts or stalls
 * connections mid-body: the reads resume and the target holds exactly the source's rows.
 */
class FaultyNetworkLoadTest {
    private static final int FILES = 3;
    private static final int MIB = 1 << 20;

    static PgFixture pg;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgFixture("ld_faulty_");
        // md5 text barely compresses: each gzip file is a few MiB
        pg.execute("create table " + pg.table("src") + " as select g as id, md5(g::text) || md5((g * 7)::text) as a,"
                + " case when g % 11 = 0 then null else md5((g * 13)::text) end as b from generate_series(1, 150000) g");
        for (int i = 0; i < FILES; i++) {
            pg.copyOut("select * from " + pg.table("src") + " where id % " + FILES + " = " + i, "FORMAT csv",
                    dir.resolve("part-" + i + ".csv.gz"));
        }
        assertTrue(Files.size(dir.resolve("part-0.csv.gz")) > 2 * MIB, "files of a few MiB");
    }

    @AfterAll
    static void tearDown() throws Exception {
        pg.close();
    }

    private static void upload(ObjectStore store, Location folder) throws Exception {
        for (int i = 0; i < FILES; i++) {
            try (ObjectWrite write = store.create(folder.resolve("part-" + i + ".csv.gz"))) {
                write.output().write(Files.readAllBytes(dir.resolve("part-" + i + ".csv.gz")));
                write.commit();
            }
        }
    }

    /** Loads {@code folder} through {@code store} into a new table and compares it with the source. */
    private static void loadExactly(ObjectStore store, Location folder, String table) throws Exception {
        pg.execute("create table " + pg.table(table) + " (like " + pg.table("src") + ")");
        LoadSpec spec = LoadSpec.builder(pg.spec, TableName.parse(pg.table(table)), folder).parallel(2).ledgerSchema(pg.schema).build();
        LoadResult result = new CopyLoader(store, LoadListener.NONE).load(spec);
        assertEquals(FILES, result.filesLoaded());
        assertEquals(150000, result.rows());
        assertEquals(0, pg.difference(pg.table("src"), pg.table(table)));
    }

    /** Loads {@code folder} through a proxy to {@code server} that faults every 2nd connection's reads after 1 MiB. */
    private static void loadThrough(Fault fault, URI server, Location folder, StoreOptions options, StoreCredentials credentials,
            String table) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(server, fault, Direction.TO_CLIENT, 2, MIB);
                ObjectStore store = ObjectStores.open(folder, new StoreOptions(proxy.endpoint().toString(), options.region(),
                        options.pathStyle(), options.readTimeout()), credentials)) {
            loadExactly(store, folder, table);
            assertTrue(proxy.faults() > 0, fault + ": no connection was faulted");
        }
    }

    @Test
    void s3ReadsCutAndStalledMidFileLoadExactly() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); ObjectStore direct = s3.openStore()) {
            s3.createBucket("faulty");
            Location folder = S3ProxyServer.location("faulty", "exports/");
            upload(direct, folder);
            loadThrough(Fault.CUT, s3.endpoint(), folder, s3.storeOptions(), s3.credentials(), "s3_cut");
            loadThrough(Fault.STALL, s3.endpoint(), folder, new StoreOptions(null, S3ProxyServer.REGION, true, Duration.ofMillis(500)),
                    s3.credentials(), "s3_stall");
        }
    }

    @Test
    void ossReadsCutMidFileLoadExactly() throws Exception {
        try (OssProxyServer oss = OssProxyServer.start(); ObjectStore direct = oss.openStore()) {
            oss.createBucket("faulty");
            upload(direct, OssProxyServer.location("faulty", "exports/"));
            loadThrough(Fault.CUT, oss.endpoint(), OssProxyServer.location("faulty", "exports/"), oss.storeOptions(), oss.credentials(),
                    "oss_cut");
        }
    }
}
