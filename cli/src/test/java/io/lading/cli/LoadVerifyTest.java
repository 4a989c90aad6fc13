package io.lading.cli;

import io.lading.verifier.testing.TwoServers;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lading load --verify-source}: an unload loaded into another database, then compared with its source. */
class LoadVerifyTest {
    @AutoClose
    private static final TwoServers servers = new TwoServers();

    @TempDir
    Path dir;

    private String unload(String table) throws Exception {
        servers.source.createHardRows(table);
        String to = "file://" + dir.resolve(table) + "/";
        CliRun r = CliRun.run("unload", "--source", PgFixture.URL, "--table", servers.table(table), "--to", to, "--segments", "2");
        assertEquals(0, r.exit(), r.err());
        return to;
    }

    @Test
    void aFaithfulLoadVerifies() throws Exception {
        String from = unload("good");
        CliRun r = CliRun.run("load", "--target", TwoServers.TARGET_URL, "--table", servers.table("good"), "--from", from,
                "--create-table", "--verify-source", PgFixture.URL, "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("verify " + servers.table("good") + ": identical in "), r.err());
        assertTrue(r.out().contains("\"verify\":[{"), r.out());
    }

    @Test
    void aStrayRowInTheTargetFailsTheLoad() throws Exception {
        String from = unload("stray");
        CliRun created = CliRun.run("load", "--target", TwoServers.TARGET_URL, "--table", servers.table("stray"), "--from", from, "--create-table");
        assertEquals(0, created.exit(), created.err());
        servers.onTarget("delete from " + servers.table("stray") + " where id = 4");
        servers.onTarget("insert into " + servers.table("stray") + " (id, s) values (99, 'stray')");
        // a re-run loads nothing (the ledger has every file) and verifies what the target holds
        CliRun r = CliRun.run("load", "--target", TwoServers.TARGET_URL, "--table", servers.table("stray"), "--from", from,
                "--verify-source", PgFixture.URL);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("1 only in source, 1 only in target, 0 differing"), r.err());
        assertTrue(r.err().contains("lading: the loaded data differs from the source (report above)"), r.err());
    }
}
