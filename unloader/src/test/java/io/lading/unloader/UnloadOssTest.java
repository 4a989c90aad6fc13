package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.testing.OssProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unload through the native OSS client, against the storage branch's OSS test server. */
class UnloadOssTest {
    static final String TABLE = Fixtures.uniqueName("oss");
    static OssProxyServer oss;

    @BeforeAll
    static void start() {
        Fixtures.exec("create table " + TABLE + " as select g as id, md5(g::text) as h from generate_series(1, 10000) g");
        oss = OssProxyServer.start();
        oss.createBucket("exports");
    }

    @AfterAll
    static void stop() {
        Fixtures.exec("drop table if exists " + TABLE);
        if (oss != null) {
            oss.close();
        }
    }

    @Test
    void unloadsToOss() {
        try (ObjectStore store = oss.openStore()) {
            Location to = OssProxyServer.location("exports", "ok/" + TABLE + "/");
            UnloadResult result = Fixtures.unload(Fixtures.request(TABLE, to).files(3, 1).parallel(2).build(), store, 2, 16 << 10);
            assertEquals("oss://exports/ok/" + TABLE + ".manifest", result.manifestLocation().toString());
            Manifest manifest = Fixtures.manifest(store, result.manifestLocation());
            assertEquals(3, manifest.entries().size());
            assertEquals(10000, manifest.totalRecords());
            long lines = 0;
            for (Manifest.Entry e : manifest.entries()) {
                lines += new String(Fixtures.read(store, Location.parse(e.url()), true), StandardCharsets.UTF_8).lines().count();
            }
            assertEquals(10000, lines);
            assertEquals(3, store.list(to, false).size());
        }
    }

    @Test
    void aFailingOssWriteLeavesNothing() {
        try (ObjectStore real = oss.openStore()) {
            FaultyStore store = new FaultyStore(real, 30_000, -1);
            Location to = OssProxyServer.location("exports", "fail/" + TABLE + "/");
            LadingException e = assertThrows(LadingException.class,
                    () -> Fixtures.unload(Fixtures.request(TABLE, to).files(2, 1).build(), store, 2, 8 << 10));
            assertTrue(e.getMessage().contains("nothing was published"), e.getMessage());
            assertEquals(List.of(), real.list(OssProxyServer.location("exports", "fail/"), false));
            assertEquals(store.created.get(), store.abortedUncommitted.get());
        }
    }
}
