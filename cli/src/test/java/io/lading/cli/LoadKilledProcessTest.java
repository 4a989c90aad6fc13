package io.lading.cli;

import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly once when the whole process dies: a {@code lading load} in a child JVM is killed with
 * SIGKILL once it has committed some files, then the load is run again.
 */
class LoadKilledProcessTest {
    static final String DB = PgFixture.URL;
    @AutoClose
    static final PgFixture pg = new PgFixture("ld_loadkill_");
    static final String SCHEMA = pg.schema;
    static final int FILES = 16;
    static final int ROWS = 20_000;
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg.execute("create table " + SCHEMA + ".t (id int, s text)");
    }

    @Test
    void killedProcessThenRerunGivesExactlyTheSourceRows() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (int i = 0; i < FILES; i++) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data.resolve(String.format("part_%02d.txt.gz", i))))) {
                pg.connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (select g, repeat(md5(g::text), 4) from generate_series("
                        + (i * ROWS + 1) + ", " + (i * ROWS + ROWS) + ") g) TO STDOUT", out);
            }
        }
        String from = "file://" + data + "/";
        List<String> args = List.of("load", "--target", DB, "--table", SCHEMA + ".t", "--from", from, "--ledger-schema", SCHEMA,
                "--parallel", "2");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Lading.class.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        String ledger = "select count(*) from " + SCHEMA + ".lading_load_ledger";
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (child.isAlive() && System.nanoTime() < deadline
                && pg.count("select count(*) from pg_tables where schemaname = '" + SCHEMA + "' and tablename = 'lading_load_ledger'") == 0) {
            Thread.sleep(20);
        }
        while (child.isAlive() && System.nanoTime() < deadline && pg.count(ledger) < 2) {
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor();
        long committed = pg.count(ledger);
        long partial = pg.count("select count(*) from " + SCHEMA + ".t");
        assertEquals(committed * ROWS, partial, "only whole committed files: " + Files.readString(dir.resolve("child.log")));
        assertTrue(committed >= 2 && committed < FILES, "killed half-way (" + committed + " files committed): "
                + Files.readString(dir.resolve("child.log")));

        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine rerun = Lading.newCommandLine();
        rerun.setErr(new java.io.PrintWriter(err, true));
        assertEquals(0, rerun.execute(args.toArray(String[]::new)), err::toString);
        assertEquals((long) FILES * ROWS, pg.count("select count(*) from " + SCHEMA + ".t"));
        assertEquals((long) FILES * ROWS, pg.count("select count(distinct id) from " + SCHEMA + ".t"));
        assertEquals(FILES, pg.count(ledger));
    }
}
