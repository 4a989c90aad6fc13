package io.lading.loader;

import io.lading.warehouse.testing.PgFixture;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.warehouse.TableName;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Copy mode reading an S3-compatible server (in-process S3Proxy): selection, gzip, ETag in the ledger. */
class S3LoadTest {
    @AutoClose
    static final PgFixture pg = new PgFixture();

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg.createHardRows("hard");
    }

    private static void upload(ObjectStore store, Location location, Path file) throws Exception {
        try (ObjectWrite write = store.create(location)) {
            write.output().write(Files.readAllBytes(file));
            write.commit();
        }
    }

    @Test
    void hardRowsLoadFromS3AndTheLedgerKeepsTheirETags() throws Exception {
        pg.copyOut("select * from " + pg.table("hard") + " where id % 2 = 0", "FORMAT csv", dir.resolve("p0.csv.gz"));
        pg.copyOut("select * from " + pg.table("hard") + " where id % 2 = 1", "FORMAT csv", dir.resolve("p1.csv.gz"));
        try (S3ProxyServer s3 = S3ProxyServer.start(); ObjectStore store = s3.openStore()) {
            s3.createBucket("load");
            upload(store, S3ProxyServer.location("load", "exports/hard/p0.csv.gz"), dir.resolve("p0.csv.gz"));
            upload(store, S3ProxyServer.location("load", "exports/hard/p1.csv.gz"), dir.resolve("p1.csv.gz"));
            upload(store, S3ProxyServer.location("load", "exports/hard/deeper/not-me.csv.gz"), dir.resolve("p1.csv.gz"));
            pg.execute("create table " + pg.table("from_s3") + " (like " + pg.table("hard") + ")");
            LoadSpec spec = LoadSpec.builder(pg.spec, TableName.parse(pg.table("from_s3")), S3ProxyServer.location("load", "exports/hard/"))
                    .parallel(2).ledgerSchema(pg.schema).build();
            LoadResult result = new CopyLoader(store, LoadListener.NONE).load(spec);
            assertEquals(2, result.filesLoaded(), "dir selection: not the deeper file");
            assertEquals(0, pg.difference(pg.table("hard"), pg.table("from_s3")));
            assertEquals(2, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where etag is not null"
                    + " and object_uri like 's3://load/exports/hard/p_.csv.gz'"));
            assertEquals(0, new CopyLoader(store, LoadListener.NONE).load(spec).rows());
        }
    }
}
