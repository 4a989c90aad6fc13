package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same unload against an S3 server (in-process S3Proxy): multipart writes, commit, manifest, abort. */
class UnloadS3Test {
    static final String TABLE = Fixtures.uniqueName("s3");
    static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        Fixtures.exec("create table " + TABLE + " as select g as id, md5(g::text) as h, now() as at from generate_series(1, 20000) g");
        s3 = S3ProxyServer.start();
        s3.createBucket("exports");
    }

    @AfterAll
    static void stop() {
        Fixtures.exec("drop table if exists " + TABLE);
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void unloadsToS3WithTheManifestBesideTheFolder() {
        try (ObjectStore store = s3.openStore()) {
            Location to = S3ProxyServer.location("exports", "ok/" + TABLE);
            UnloadResult result = Fixtures.unload(Fixtures.request(TABLE, to).files(2, 2).parallel(2).build(), store, 2, 16 << 10);
            assertEquals(20000, result.rows());
            assertEquals("s3://exports/ok/" + TABLE + ".manifest", result.manifestLocation().toString());
            Manifest manifest = Fixtures.manifest(store, result.manifestLocation());
            assertEquals(4, manifest.entries().size());
            assertEquals(20000, manifest.totalRecords());
            List<ObjectInfo> listed = store.list(to.asFolder(), false);
            assertEquals(4, listed.size());
            long lines = 0;
            for (Manifest.Entry e : manifest.entries()) {
                assertTrue(e.url().startsWith("s3://exports/ok/" + TABLE + "/part-"), e.url());
                lines += new String(Fixtures.read(store, Location.parse(e.url()), true), StandardCharsets.UTF_8).lines().count();
            }
            assertEquals(20000, lines);
        }
    }

    @Test
    void aMissingBucketIsOneLineAndNothingIsWritten() {
        try (ObjectStore store = s3.openStore()) {
            Location to = S3ProxyServer.location("no-such-bucket-lading", "x/");
            LadingException e = assertThrows(LadingException.class,
                    () -> Fixtures.unload(Fixtures.request(TABLE, to).build(), store));
            assertTrue(e.getMessage().startsWith("unload of " + TABLE + " to s3://no-such-bucket-lading/x/ failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("no-such-bucket-lading"), e.getMessage());
            assertTrue(e.getMessage().endsWith("nothing was published (0 uploads aborted, 0 committed files removed)"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void aFailingS3WriteLeavesNothingInTheBucket() {
        try (ObjectStore real = s3.openStore()) {
            FaultyStore store = new FaultyStore(real, 50_000, -1);
            Location to = S3ProxyServer.location("exports", "fail/" + TABLE);
            LadingException e = assertThrows(LadingException.class,
                    () -> Fixtures.unload(Fixtures.request(TABLE, to).files(2, 1).build(), store, 2, 8 << 10));
            assertTrue(e.getMessage().contains("nothing was published"), e.getMessage());
            assertEquals(List.of(), real.list(S3ProxyServer.location("exports", "fail/"), false));
            assertEquals(store.created.get(), store.abortedUncommitted.get());
        }
    }
}
